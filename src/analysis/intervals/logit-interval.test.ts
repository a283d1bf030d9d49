import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { designProportion } from '../design/design-proportion.js';
import { designDegreesOfFreedom, logitInterval, studentQuantile } from './logit-interval.js';
import { z95 } from './normal-quantile.js';
import { createDesign } from '../design/survey-design.js';
import { wilsonInterval } from './wilson-interval.js';

const oracle = JSON.parse(readFileSync(new URL('../../../test/fixtures/stats-oracle.json', import.meta.url), 'utf8'));
const one = oracle.cases.one_proportion;
const strata = oracle.cases.strata_fpc;
const closeInterval = (actual: [number, number] | null, expected: [number, number]) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual![0] - expected[0])).toBeLessThan(1e-9);
  expect(Math.abs(actual![1] - expected[1])).toBeLessThan(1e-9);
};
const all = (n: number) => new Uint8Array(n).fill(1);
const design = createDesign({ n: one.n });
const estimate = designProportion(design, Array.from({ length: one.n }, (_, i) => (i < one.x ? 1 : 0)), all(one.n));

describe('logit interval (svyciprop method "logit")', () => {
  it('reproduces 37 of 120 with the normal quantile (df = Infinity)', () => {
    closeInterval(logitInterval(estimate), one.svyciprop_logit_df_inf);
  });

  it("reproduces 37 of 120 with R's default df, n − 1 = 119", () => {
    expect(designDegreesOfFreedom(design)).toBe(119);
    closeInterval(logitInterval(estimate, designDegreesOfFreedom(design)), one.svyciprop_logit_default_df);
  });

  it('reproduces a net in a stratified design with FPC (df = Infinity)', () => {
    const rows: { org: string; headcount: number; scale: string }[] = strata.rows;
    const stratified = createDesign({ n: rows.length, strata: rows.map((r) => r.org), population: rows.map((r) => r.headcount) });
    const positive = rows.map((r) => (r.scale === 'strongly-agree' || r.scale === 'agree' ? 1 : 0));
    closeInterval(logitInterval(designProportion(stratified, positive, all(rows.length))), strata.positive.svyciprop_logit_df_inf);
    expect(designDegreesOfFreedom(stratified)).toBe(rows.length - 6);
  });

  it('counts degrees of freedom of a domain from its own respondents and strata', () => {
    const d = createDesign({ n: 6, strata: ['a', 'a', 'b', 'b', 'c', 'c'] });
    expect(designDegreesOfFreedom(d)).toBe(3);
    expect(designDegreesOfFreedom(d, [1, 1, 1, 0, 0, 0])).toBe(1);
  });

  it('uses the normal quantile for infinite or astronomically large df', () => {
    expect(Math.abs(studentQuantile(0.975, Number.POSITIVE_INFINITY) - z95)).toBeLessThan(1e-12);
    expect(Math.abs(studentQuantile(0.975, 1e20) - z95)).toBeLessThan(1e-12);
    expect(Math.abs(studentQuantile(0.975, 119) - 1.98009987645694)).toBeLessThan(1e-12);
    expect(studentQuantile(0.975, 0)).toBeNaN();
  });

  it('is symmetric on the logit scale and stays inside 0..1', () => {
    const [lo, hi] = logitInterval({ p: 0.02, variance: 0.0001, n: 50 })!;
    expect(lo).toBeGreaterThan(0);
    expect(hi).toBeLessThan(1);
    const logit = (q: number) => Math.log(q / (1 - q));
    expect(Math.abs(logit(0.02) - logit(lo) - (logit(hi) - logit(0.02)))).toBeLessThan(1e-9);
  });

  it('falls back to textbook Wilson on the unweighted base when p̂ is 0 or 1', () => {
    const [lo, hi] = logitInterval({ p: 0, variance: 0, n: 25 })!;
    const [wlo, whi] = wilsonInterval(0, 25)!;
    expect(Math.abs(lo - wlo)).toBeLessThan(1e-12);
    expect(Math.abs(hi - whi)).toBeLessThan(1e-12);
  });

  it('has no interval for an empty base or without degrees of freedom', () => {
    expect(logitInterval({ p: Number.NaN, variance: Number.NaN, n: 0 })).toBeNull();
    expect(logitInterval(estimate, 0)).toBeNull();
  });
});
