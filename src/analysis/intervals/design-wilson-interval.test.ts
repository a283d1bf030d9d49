import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { designProportion } from '../design/design-proportion.js';
import { designWilsonInterval } from './design-wilson-interval.js';
import { createDesign } from '../design/survey-design.js';
import { wilsonInterval } from './wilson-interval.js';

const oracle = JSON.parse(readFileSync(new URL('../../../test/fixtures/stats-oracle.json', import.meta.url), 'utf8'));
const one = oracle.cases.one_proportion;
const strata = oracle.cases.strata_fpc;
const raking = oracle.cases.raking;
const closeInterval = (actual: [number, number] | null, expected: [number, number]) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual![0] - expected[0])).toBeLessThan(1e-9);
  expect(Math.abs(actual![1] - expected[1])).toBeLessThan(1e-9);
};
const all = (n: number) => new Uint8Array(n).fill(1);
const firstX = (x: number, n: number) => Array.from({ length: n }, (_, i) => (i < x ? 1 : 0));

describe('Wilson interval on the design effective sample size', () => {
  it('reproduces 37 of 120 with equal weights, where n_eff = n − 1', () => {
    const estimate = designProportion(createDesign({ n: one.n }), firstX(one.x, one.n), all(one.n));
    expect(Math.abs((estimate.p * (1 - estimate.p)) / estimate.variance - (one.n - 1))).toBeLessThan(1e-9);
    closeInterval(designWilsonInterval(estimate), one.design_wilson_z);
  });

  it('narrows with the finite population correction (N = 200)', () => {
    const n = one.n as number;
    const design = createDesign({ n, population: new Array(n).fill(200), weights: new Array(n).fill(1) });
    closeInterval(designWilsonInterval(designProportion(design, firstX(one.x, n), all(n))), one.with_fpc_N200.design_wilson_z);
  });

  it('reproduces a net in a stratified design with FPC', () => {
    const rows: { org: string; headcount: number; scale: string }[] = strata.rows;
    const design = createDesign({ n: rows.length, strata: rows.map((r) => r.org), population: rows.map((r) => r.headcount) });
    const positive = rows.map((r) => (r.scale === 'strongly-agree' || r.scale === 'agree' ? 1 : 0));
    closeInterval(designWilsonInterval(designProportion(design, positive, all(rows.length))), strata.positive.design_wilson_z);
  });

  it('reproduces a proportion under raked weights treated as fixed', () => {
    const rows: { confident: number }[] = raking.rows;
    const design = createDesign({ n: rows.length, weights: raking.weights });
    const estimate = designProportion(design, rows.map((r) => r.confident), all(rows.length));
    expect(Math.abs(estimate.p - raking.confident.p)).toBeLessThan(1e-9);
    closeInterval(designWilsonInterval(estimate), raking.confident.design_wilson_z);
  });

  it('falls back to textbook Wilson on the unweighted base when p̂ is 0 or 1', () => {
    expect(designWilsonInterval({ p: 0, variance: 0, n: 25 })).toEqual(wilsonInterval(0, 25));
    expect(designWilsonInterval({ p: 1, variance: 0, n: 25 })).toEqual(wilsonInterval(25, 25));
  });

  it('has no sampling error in a census (V = 0 with 0 < p̂ < 1)', () => {
    expect(designWilsonInterval({ p: 0.4, variance: 0, n: 10 })).toEqual([0.4, 0.4]);
  });

  it('has no interval for an empty base', () => {
    expect(designWilsonInterval({ p: Number.NaN, variance: Number.NaN, n: 0 })).toBeNull();
  });
});
