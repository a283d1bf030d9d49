import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clopperPearsonInterval } from './clopper-pearson-interval.js';
import { designProportion } from '../design/design-proportion.js';
import { kornGraubardInterval } from './korn-graubard-interval.js';
import { createDesign } from '../design/survey-design.js';

const oracle = JSON.parse(readFileSync(new URL('../../../test/fixtures/stats-oracle.json', import.meta.url), 'utf8'));
const one = oracle.cases.one_proportion;
const closeInterval = (actual: [number, number] | null, expected: [number, number]) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual![0] - expected[0])).toBeLessThan(1e-9);
  expect(Math.abs(actual![1] - expected[1])).toBeLessThan(1e-9);
};
const n = one.n as number;
const estimate = designProportion(createDesign({ n }), Array.from({ length: n }, (_, i) => (i < one.x ? 1 : 0)), new Uint8Array(n).fill(1));

describe('Korn–Graubard interval (svyciprop method "beta")', () => {
  it("reproduces 37 of 120 with R's default df (n − 1), where n_eff = 119", () => {
    closeInterval(kornGraubardInterval(estimate), one.svyciprop_beta);
    closeInterval(kornGraubardInterval(estimate, n - 1), one.svyciprop_beta);
  });

  it('is Clopper–Pearson on x = p̂·n_eff of n_eff when the df factor is 1', () => {
    const nEff = (estimate.p * (1 - estimate.p)) / estimate.variance;
    closeInterval(kornGraubardInterval(estimate), clopperPearsonInterval(estimate.p * nEff, nEff)!);
  });

  it('shrinks n_eff, so widens, when the design has fewer df than n − 1', () => {
    const [lo, hi] = kornGraubardInterval(estimate, 20)!;
    expect(lo).toBeLessThan(one.svyciprop_beta[0]);
    expect(hi).toBeGreaterThan(one.svyciprop_beta[1]);
  });

  it('does not cap n_eff at n (as R does not) when V is below the SRS variance', () => {
    const p = 0.3;
    const [lo, hi] = kornGraubardInterval({ p, variance: (p * (1 - p)) / 400, n: 100 })!;
    const [clo, chi] = clopperPearsonInterval(p * 400, 400)!;
    expect(Math.abs(lo - clo)).toBeLessThan(1e-12);
    expect(Math.abs(hi - chi)).toBeLessThan(1e-12);
  });

  it('uses Clopper–Pearson on the unweighted base when p̂ is 0 or 1', () => {
    expect(kornGraubardInterval({ p: 0, variance: 0, n: 30 })).toEqual(clopperPearsonInterval(0, 30));
    expect(kornGraubardInterval({ p: 1, variance: 0, n: 30 })).toEqual(clopperPearsonInterval(30, 30));
  });

  it('has no interval for an empty base or without degrees of freedom, and none of sampling error in a census', () => {
    expect(kornGraubardInterval({ p: Number.NaN, variance: Number.NaN, n: 0 })).toBeNull();
    expect(kornGraubardInterval(estimate, 0)).toBeNull();
    expect(kornGraubardInterval({ p: 0.25, variance: 0, n: 8 })).toEqual([0.25, 0.25]);
  });
});
