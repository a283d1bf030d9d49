import { normalCdf } from '../distributions/distributions.js';

/** What a comparison needs of an estimate: from {@link designProportion} or anything alike. */
export interface ProportionEstimate {
  p: number;
  /** Design-based variance of p̂. */
  variance: number;
  /** Unweighted respondents in the base. */
  n: number;
}

export interface ProportionComparison {
  /** p₂ − p₁ (or p − benchmark), from unrounded values. */
  difference: number;
  se: number;
  z: number;
  /** Two-sided: 2·Φ(−|z|). */
  pValue: number;
}

export interface NotTested {
  status: 'not-tested';
  reason: string;
}

export type Testability = { status: 'testable' } | NotTested;

export type ComparisonOutcome = NotTested | ({ status: 'significant' | 'not-significant' } & ProportionComparison);

export interface TestOptions {
  /** Significance level; default 0.05. */
  alpha?: number;
  /** Smallest unweighted base that is tested; default 30. */
  minBase?: number;
}

/**
 * Difference between two independent groups or waves, each with its own design-based variance:
 *
 *   d = p̂₂ − p̂₁,   z = d / √(V₁ + V₂),   two-sided p = 2·Φ(−|z|)
 *
 * (Kish 1965, §14; DESIGN.md, Comparisons). For an organisation against its sector, pass the
 * rest of the sector as the other group: the two must not overlap.
 * Missing-data rule: the estimates carry their own bases; a NaN p or V gives NaN throughout, and
 * two proportions without variance (both 0 or both 1) give z = NaN, p-value NaN.
 * Example: 37/120 against 55/130 as domains of one unweighted design of 250 gives d = 0.1147,
 * z = 1.8942 (the unpooled textbook z times √(249/250), the linearisation's n/(n−1)).
 */
export function compareProportions(first: Pick<ProportionEstimate, 'p' | 'variance'>, second: Pick<ProportionEstimate, 'p' | 'variance'>): ProportionComparison {
  return zTest(second.p - first.p, first.variance + second.variance);
}

/**
 * One estimate against a benchmark figure treated as fixed (no sampling error of its own):
 *
 *   d = p̂ − b,   z = d / √V,   two-sided p = 2·Φ(−|z|)
 *
 * Missing-data rule: as {@link compareProportions}. Example: p̂ = 0.3083 with V = 0.04233² against
 * b = 0.25 gives z = 1.378, p = 0.168.
 */
export function compareWithBenchmark(estimate: Pick<ProportionEstimate, 'p' | 'variance'>, benchmark: number): ProportionComparison {
  return zTest(estimate.p - benchmark, estimate.variance);
}

/**
 * Textbook two-sample z for counts with a pooled proportion under H₀ (R: the square root of
 * `prop.test(c(x1, x2), c(n1, n2), correct = FALSE)$statistic`, signed):
 *
 *   p̄ = (x₁ + x₂)/(n₁ + n₂),   z = (x₂/n₂ − x₁/n₁) / √(p̄(1 − p̄)(1/n₁ + 1/n₂))
 *
 * Missing-data rule: counts only; an empty group gives NaN. Example: 37/120 against 55/130
 * gives z = 1.8795.
 */
export function pooledZ(x1: number, n1: number, x2: number, n2: number): ProportionComparison {
  const pooled = (x1 + x2) / (n1 + n2);
  return zTest(x2 / n2 - x1 / n1, pooled * (1 - pooled) * (1 / n1 + 1 / n2));
}

/**
 * Textbook two-sample z for counts with each group's own variance:
 *
 *   z = (p₂ − p₁) / √(p₁(1 − p₁)/n₁ + p₂(1 − p₂)/n₂),   pₖ = xₖ/nₖ
 *
 * Missing-data rule: counts only; an empty group gives NaN. Example: 37/120 against 55/130
 * gives z = 1.8980.
 */
export function unpooledZ(x1: number, n1: number, x2: number, n2: number): ProportionComparison {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  return zTest(p2 - p1, (p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
}

/**
 * Whether a comparison is made at all: each unweighted base must reach minBase (default 30).
 * Below it the answer is "not tested", which is shown differently from "not significant".
 * Missing-data rule: a NaN base is not tested. For a benchmark (no second base) pass Infinity.
 * Example: testable(25, 200) is { status: 'not-tested', reason: 'base of 25 is under 30' }.
 */
export function testable(baseA: number, baseB: number, minBase = 30): Testability {
  const small = [baseA, baseB].filter((base) => !(base >= minBase));
  if (small.length === 0) return { status: 'testable' };
  return { status: 'not-tested', reason: small.map((base) => `base of ${base} is under ${minBase}`).join('; ') };
}

/**
 * {@link testable}, then {@link compareProportions}, then the verdict at alpha (default 0.05):
 * significant when p-value < alpha. Missing-data rule: a NaN p-value is not significant.
 * Example: 37/120 against 55/130 (z = 1.894, p = 0.058) is 'not-significant'; the same
 * against a group with a base of 20 is 'not-tested'.
 */
export function testDifference(first: ProportionEstimate, second: ProportionEstimate, options: TestOptions = {}): ComparisonOutcome {
  const gate = testable(first.n, second.n, options.minBase);
  if (gate.status === 'not-tested') return gate;
  return verdict(compareProportions(first, second), options.alpha);
}

/** {@link testable} on the estimate's base alone, then {@link compareWithBenchmark}, then the verdict. */
export function testAgainstBenchmark(estimate: ProportionEstimate, benchmark: number, options: TestOptions = {}): ComparisonOutcome {
  const gate = testable(estimate.n, Number.POSITIVE_INFINITY, options.minBase);
  if (gate.status === 'not-tested') return gate;
  return verdict(compareWithBenchmark(estimate, benchmark), options.alpha);
}

function verdict(comparison: ProportionComparison, alpha = 0.05): ComparisonOutcome {
  return { status: comparison.pValue < alpha ? 'significant' : 'not-significant', ...comparison };
}

function zTest(difference: number, variance: number): ProportionComparison {
  const se = Math.sqrt(variance);
  const z = se > 0 ? difference / se : Number.NaN;
  const pValue = Number.isNaN(z) ? Number.NaN : 2 * normalCdf(-Math.abs(z), 0, 1);
  return { difference, se, z, pValue };
}
