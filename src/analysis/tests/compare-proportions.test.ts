import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareProportions, compareWithBenchmark, pooledZ, testable, testAgainstBenchmark, testDifference, unpooledZ } from './compare-proportions.js';
import { designProportion } from '../design/design-proportion.js';
import { z95 } from '../intervals/normal-quantile.js';
import { createDesign } from '../design/survey-design.js';

const oracle = JSON.parse(readFileSync(new URL('../../../test/fixtures/stats-oracle.json', import.meta.url), 'utf8'));
const twoGroups = oracle.cases.two_groups;
const { a, b } = twoGroups as { a: { x: number; n: number }; b: { x: number; n: number } };
const close = (actual: number, expected: number, tolerance = 1e-9) => expect(Math.abs(actual - expected)).toBeLessThan(tolerance);

/** Groups a (37/120) and b (55/130) as domains of one unweighted design of 250. */
function groupEstimates() {
  const n = a.n + b.n;
  const inB = Array.from({ length: n }, (_, i) => (i >= a.n ? 1 : 0));
  const inA = inB.map((x) => 1 - x);
  const y = Array.from({ length: n }, (_, i) => ((i >= a.n ? i - a.n < b.x : i < a.x) ? 1 : 0));
  const design = createDesign({ n });
  return { n, first: designProportion(design, y, inA), second: designProportion(design, y, inB) };
}

describe('textbook two-sample z for counts', () => {
  it('reproduces the pooled z, whose square is prop.test’s uncorrected X²', () => {
    const result = pooledZ(a.x, a.n, b.x, b.n);
    close(result.z, twoGroups.z_pooled);
    close(result.z ** 2, twoGroups.prop_test_chisq_uncorrected);
    close(result.difference, b.x / b.n - a.x / a.n, 1e-15);
  });

  it('reproduces the unpooled z', () => {
    close(unpooledZ(a.x, a.n, b.x, b.n).z, twoGroups.z_unpooled);
  });

  it('is signed: second minus first', () => {
    close(pooledZ(b.x, b.n, a.x, a.n).z, -twoGroups.z_pooled);
  });
});

describe('design-based difference between two independent groups', () => {
  const { n, first, second } = groupEstimates();
  const result = compareProportions(first, second);

  it('is the unpooled z shrunk by √((n − 1)/n), matching neither textbook z exactly', () => {
    // Each domain's linearised variance is n/(n − 1) · p(1 − p)/n_g with n = 250 the design's size.
    close(result.z, twoGroups.z_unpooled * Math.sqrt((n - 1) / n));
    expect(Math.abs(result.z - twoGroups.z_unpooled)).toBeGreaterThan(1e-3);
    expect(Math.abs(result.z - twoGroups.z_pooled)).toBeGreaterThan(1e-3);
  });

  it('takes the difference p₂ − p₁ from unrounded values and its se from V₁ + V₂', () => {
    close(result.difference, b.x / b.n - a.x / a.n, 1e-15);
    close(result.se, Math.sqrt(first.variance + second.variance), 1e-15);
  });

  it('gives a two-sided p-value 2Φ(−|z|)', () => {
    const atCritical = compareProportions({ p: 0.5, variance: 0 }, { p: 0.5 + 0.1 * z95, variance: 0.01 });
    close(atCritical.z, z95, 1e-12);
    close(atCritical.pValue, 0.05, 1e-12);
    expect(result.pValue).toBeGreaterThan(0.05);
    expect(result.pValue).toBeLessThan(0.06);
  });

  it('has no z when neither proportion has variance', () => {
    expect(compareProportions({ p: 1, variance: 0 }, { p: 1, variance: 0 }).pValue).toBeNaN();
  });
});

describe('one estimate against a fixed benchmark figure', () => {
  it('divides the difference by the estimate’s own se only', () => {
    const result = compareWithBenchmark({ p: oracle.cases.one_proportion.p, variance: oracle.cases.one_proportion.se_design ** 2 }, 0.25);
    close(result.difference, oracle.cases.one_proportion.p - 0.25, 1e-15);
    close(result.z, (oracle.cases.one_proportion.p - 0.25) / oracle.cases.one_proportion.se_design, 1e-12);
  });

  it('is significant at the 5% level exactly beyond z = 1.959964', () => {
    const se = 0.02;
    close(compareWithBenchmark({ p: 0.5 - z95 * se, variance: se * se }, 0.5).pValue, 0.05, 1e-12);
    expect(testAgainstBenchmark({ p: 0.5 - 1.01 * z95 * se, variance: se * se, n: 400 }, 0.5).status).toBe('significant');
    expect(testAgainstBenchmark({ p: 0.5 - 0.99 * z95 * se, variance: se * se, n: 400 }, 0.5).status).toBe('not-significant');
  });

  it('is not tested when the estimate’s base is under 30', () => {
    expect(testAgainstBenchmark({ p: 0.9, variance: 0.0001, n: 29 }, 0.5)).toEqual({ status: 'not-tested', reason: 'base of 29 is under 30' });
  });
});

describe('which comparisons are tested', () => {
  it('tests only when both bases are at least 30', () => {
    expect(testable(30, 30)).toEqual({ status: 'testable' });
    expect(testable(29, 200)).toEqual({ status: 'not-tested', reason: 'base of 29 is under 30' });
    expect(testable(12, 8)).toEqual({ status: 'not-tested', reason: 'base of 12 is under 30; base of 8 is under 30' });
  });

  it('takes another minimum base', () => {
    expect(testable(50, 60, 100).status).toBe('not-tested');
    expect(testable(25, 25, 20).status).toBe('testable');
  });

  it('does not test a missing base', () => {
    expect(testable(Number.NaN, 100).status).toBe('not-tested');
  });

  it('keeps "not tested" apart from "not significant"', () => {
    const { first, second } = groupEstimates();
    const outcome = testDifference(first, second);
    expect(outcome.status).toBe('not-significant');
    if (outcome.status === 'not-tested') throw new Error('unreachable');
    expect(outcome.z).toBe(compareProportions(first, second).z);
    expect(testDifference(first, { ...second, n: 20 })).toEqual({ status: 'not-tested', reason: 'base of 20 is under 30' });
    expect(testDifference(first, second, { alpha: 0.1 }).status).toBe('significant');
  });
});
