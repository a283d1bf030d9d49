import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agrestiCoullInterval } from './agresti-coull-interval.js';
import { clopperPearsonInterval } from './clopper-pearson-interval.js';
import { designProportion } from '../design/design-proportion.js';
import { defaultIntervalMethod, designEffectiveCounts, intervalMethod, intervalMethodNames, intervalMethods, isIntervalMethod } from './interval-methods.js';
import { designDegreesOfFreedom } from './logit-interval.js';
import { createDesign } from '../design/survey-design.js';
import { wilsonCcInterval } from './wilson-cc-interval.js';

const oracle = JSON.parse(readFileSync(new URL('../../../test/fixtures/stats-oracle.json', import.meta.url), 'utf8'));
const one = oracle.cases.one_proportion;
const strata = oracle.cases.strata_fpc;
const closeInterval = (actual: [number, number] | null, expected: [number, number]) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual![0] - expected[0])).toBeLessThan(1e-9);
  expect(Math.abs(actual![1] - expected[1])).toBeLessThan(1e-9);
};
const n = one.n as number;
const design = createDesign({ n });
const equalWeights = designProportion(design, Array.from({ length: n }, (_, i) => (i < one.x ? 1 : 0)), new Uint8Array(n).fill(1));

const rows: { org: string; headcount: number; scale: string }[] = strata.rows;
const stratified = createDesign({ n: rows.length, strata: rows.map((r) => r.org), population: rows.map((r) => r.headcount) });
const positive = designProportion(stratified, rows.map((r) => (r.scale === 'strongly-agree' || r.scale === 'agree' ? 1 : 0)), new Uint8Array(rows.length).fill(1));

describe('interval methods registry', () => {
  it('has Wilson on the design effective sample size as the default', () => {
    expect(defaultIntervalMethod).toBe('wilson');
    closeInterval(intervalMethods.wilson.interval(equalWeights), one.design_wilson_z);
    closeInterval(intervalMethods.wilson.interval(positive), strata.positive.design_wilson_z);
  });

  it('gives svyciprop logit with z when no df is given, and with t on the design df', () => {
    closeInterval(intervalMethods.logit.interval(equalWeights), one.svyciprop_logit_df_inf);
    closeInterval(intervalMethods.logit.interval({ ...equalWeights, df: designDegreesOfFreedom(design) }), one.svyciprop_logit_default_df);
    closeInterval(intervalMethods.logit.interval(positive), strata.positive.svyciprop_logit_df_inf);
  });

  it('gives svyciprop beta (Korn–Graubard), with or without the design df', () => {
    closeInterval(intervalMethods.beta.interval(equalWeights), one.svyciprop_beta);
    closeInterval(intervalMethods.beta.interval({ ...equalWeights, df: designDegreesOfFreedom(design) }), one.svyciprop_beta);
  });

  it('reduces the count-based methods to their textbook formula with equal weights and no strata', () => {
    const counts = designEffectiveCounts(equalWeights)!;
    expect(Math.abs(counts.n - n)).toBeLessThan(1e-9);
    expect(Math.abs(counts.x - one.x)).toBeLessThan(1e-9);
    closeInterval(intervalMethods['clopper-pearson'].interval(equalWeights), one.clopper_pearson);
    closeInterval(intervalMethods['agresti-coull'].interval(equalWeights), one.agresti_coull_z);
    closeInterval(intervalMethods['wilson-cc'].interval(equalWeights), one.wilson_cc_z);
  });

  it('feeds the count-based methods n_eff = n/deff and x = p̂·n_eff in a weighted, stratified design', () => {
    const counts = designEffectiveCounts(positive)!;
    const nEff = (rows.length * positive.p * (1 - positive.p)) / ((rows.length - 1) * positive.variance);
    expect(Math.abs(counts.n - nEff)).toBeLessThan(1e-9);
    expect(Math.abs(counts.x - positive.p * nEff)).toBeLessThan(1e-9);
    expect(intervalMethods['clopper-pearson'].interval(positive)).toEqual(clopperPearsonInterval(counts.x, counts.n));
    expect(intervalMethods['agresti-coull'].interval(positive)).toEqual(agrestiCoullInterval(counts.x, counts.n));
    expect(intervalMethods['wilson-cc'].interval(positive)).toEqual(wilsonCcInterval(counts.x, counts.n));
  });

  it.each(intervalMethodNames)('%s returns an interval inside 0..1 that contains p̂', (name) => {
    for (const estimate of [equalWeights, positive, { p: 0.02, variance: 0.0001, n: 60, df: 55 }]) {
      const [lo, hi] = intervalMethod(name).interval(estimate)!;
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(1);
      expect(lo).toBeLessThan(estimate.p);
      expect(hi).toBeGreaterThan(estimate.p);
    }
  });

  it.each(intervalMethodNames)('%s uses the unweighted base when p̂ is 0, and has no interval for an empty base', (name) => {
    const [lo, hi] = intervalMethod(name).interval({ p: 0, variance: 0, n: 40 })!;
    expect(lo).toBe(0);
    expect(hi).toBeGreaterThan(0);
    expect(hi).toBeLessThan(0.15);
    expect(intervalMethod(name).interval({ p: Number.NaN, variance: Number.NaN, n: 0 })).toBeNull();
  });

  it.each(intervalMethodNames)('%s has no sampling error in a census (V = 0, 0 < p̂ < 1)', (name) => {
    expect(intervalMethod(name).interval({ p: 0.3, variance: 0, n: 10 })).toEqual([0.3, 0.3]);
  });

  it('names every method in its label', () => {
    for (const name of intervalMethodNames) expect(intervalMethods[name].label.length).toBeGreaterThan(0);
    expect(intervalMethodNames).toEqual(['wilson', 'logit', 'beta', 'clopper-pearson', 'agresti-coull', 'wilson-cc']);
  });

  it('fails loudly on an unknown method, naming the valid ones', () => {
    expect(isIntervalMethod('wald')).toBe(false);
    expect(isIntervalMethod('toString')).toBe(false);
    expect(() => intervalMethod('wald')).toThrow('Unknown interval method "wald". Valid methods: wilson, logit, beta, clopper-pearson, agresti-coull, wilson-cc.');
  });
});
