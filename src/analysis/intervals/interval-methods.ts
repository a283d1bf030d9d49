import { agrestiCoullInterval } from './agresti-coull-interval.js';
import { clopperPearsonInterval } from './clopper-pearson-interval.js';
import { designWilsonInterval, type ProportionVariance } from './design-wilson-interval.js';
import { kornGraubardInterval } from './korn-graubard-interval.js';
import { logitInterval } from './logit-interval.js';
import { wilsonCcInterval } from './wilson-cc-interval.js';

export type IntervalMethod = 'wilson' | 'logit' | 'beta' | 'clopper-pearson' | 'agresti-coull' | 'wilson-cc';

/** A design-based estimate (a {@link DesignProportion} will do), with optional design df. */
export interface IntervalInput extends ProportionVariance {
  /**
   * Design degrees of freedom (R's `degf(design)`); used by 'logit' (t instead of z) and 'beta'
   * (Korn–Graubard's df factor). Omitted: no small-sample adjustment (z; factor 1).
   */
  df?: number;
}

export interface IntervalMethodDefinition {
  /** Named in results so every figure says how its interval was made. */
  readonly label: string;
  /** 95% interval in 0..1; null when the base is empty (or df ≤ 0 for 'logit' and 'beta'). */
  interval(estimate: IntervalInput): [number, number] | null;
}

/**
 * The counts a count-based interval sees for a design-based estimate: n_eff = n/deff and
 * x = p̂·n_eff, where deff = V / (p̂(1 − p̂)/(n − 1)) is the design effect against simple random
 * sampling with replacement as the survey package computes it (`svymean(…, deff = "replace")`:
 * its SRS variance has n − 1 too). So
 *
 *   n_eff = n·p̂(1 − p̂) / ((n − 1)·V)
 *
 * Why not p̂(1 − p̂)/V as the default Wilson uses: with equal weights and no strata that is
 * n − 1, and the count-based methods would no longer reduce to their textbook form; this one
 * gives x and n back exactly.
 * Missing data: an empty base (n = 0, p̂ = NaN) has none (null). When p̂ is 0 or 1 (V = 0) the
 * unweighted base is used: x = p̂·n. When V = 0 with 0 < p̂ < 1 (a census), n_eff = Infinity.
 * Example: 37 of 120 with equal weights gives { x: 37, n: 120 }.
 */
export function designEffectiveCounts(estimate: ProportionVariance): { x: number; n: number } | null {
  const { p, variance, n } = estimate;
  if (!(n > 0) || Number.isNaN(p)) return null;
  if (p === 0 || p === 1) return { x: p * n, n };
  if (variance === 0) return { x: Number.POSITIVE_INFINITY, n: Number.POSITIVE_INFINITY };
  const effective = (n * p * (1 - p)) / ((n - 1) * variance);
  if (!(effective > 0)) return null;
  return { x: p * effective, n: effective };
}

/**
 * Applies a method defined on counts to a design-based estimate through
 * {@link designEffectiveCounts}; a census (n_eff = Infinity) has no sampling error: [p̂, p̂].
 */
function onEffectiveCounts(method: (x: number, n: number) => [number, number] | null) {
  return (estimate: IntervalInput): [number, number] | null => {
    const counts = designEffectiveCounts(estimate);
    if (!counts) return null;
    if (counts.n === Number.POSITIVE_INFINITY) return [estimate.p, estimate.p];
    return method(counts.x, counts.n);
  };
}

/**
 * Every interval method, keyed by the name used in configuration and results. 'wilson' (the
 * default, DESIGN.md) is Wilson on n_eff = p̂(1 − p̂)/V; 'logit' is R's
 * `svyciprop(method = "logit")`; 'beta' is Korn–Graubard, R's `svyciprop(method = "beta")`.
 *
 * 'clopper-pearson', 'agresti-coull' and 'wilson-cc' are defined on counts. They take
 * x = p̂·n_eff and n = n_eff from {@link designEffectiveCounts}, so they work with weights,
 * strata and FPC, and with equal weights and no strata (n_eff = n) they reduce exactly to the
 * textbook formula on x of n: binom.test, Agresti–Coull, prop.test(correct = TRUE).
 * Missing data: an empty base has no interval (null); p̂ of 0 or 1 uses the unweighted base.
 * Example: intervalMethods['clopper-pearson'].interval(designProportion(37 of 120, equal
 * weights)) ≈ [0.22726, 0.39914], the same as clopperPearsonInterval(37, 120).
 */
export const intervalMethods = {
  wilson: {
    label: 'Wilson score interval on the design effective sample size',
    interval: (estimate) => designWilsonInterval(estimate),
  },
  logit: {
    label: 'Logit interval (svyciprop method "logit")',
    interval: (estimate) => logitInterval(estimate, estimate.df ?? Number.POSITIVE_INFINITY),
  },
  beta: {
    label: 'Korn–Graubard beta interval (svyciprop method "beta")',
    interval: (estimate) => kornGraubardInterval(estimate, estimate.df ?? estimate.n - 1),
  },
  'clopper-pearson': {
    label: 'Clopper–Pearson interval on the effective sample size',
    interval: onEffectiveCounts(clopperPearsonInterval),
  },
  'agresti-coull': {
    label: 'Agresti–Coull interval on the effective sample size',
    interval: onEffectiveCounts(agrestiCoullInterval),
  },
  'wilson-cc': {
    label: 'Wilson interval with continuity correction on the effective sample size',
    interval: onEffectiveCounts(wilsonCcInterval),
  },
} satisfies Record<IntervalMethod, IntervalMethodDefinition>;

export const defaultIntervalMethod: IntervalMethod = 'wilson';

export const intervalMethodNames = Object.keys(intervalMethods) as IntervalMethod[];

export function isIntervalMethod(name: string): name is IntervalMethod {
  return Object.hasOwn(intervalMethods, name);
}

/** Looks a method up by name; an unknown name is an Error that lists the valid ones. */
export function intervalMethod(name: string): IntervalMethodDefinition {
  if (!isIntervalMethod(name)) throw new Error(`Unknown interval method "${name}". Valid methods: ${intervalMethodNames.join(', ')}.`);
  return intervalMethods[name];
}
