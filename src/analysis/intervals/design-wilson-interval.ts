import type { DesignProportion } from '../design/design-proportion.js';
import { z95 } from './normal-quantile.js';
import { wilsonInterval } from './wilson-interval.js';

/** What an interval needs from a design-based estimate: p̂, its variance V and the unweighted base n. */
export type ProportionVariance = Pick<DesignProportion, 'p' | 'variance' | 'n'>;

/**
 * Wilson score interval on the design's effective sample size (Kish 1965; Korn & Graubard 1998
 * for n_eff from the variance):
 *
 *   n_eff = p̂(1 − p̂)/V,   then Wilson with x = p̂·n_eff and n = n_eff, z = qnorm(0.975)
 *
 * The survey package's variance has n − 1 in it, so with equal weights and no strata
 * n_eff = n − 1 and this is slightly wider than textbook Wilson on n (DESIGN.md, Statistics).
 * Missing data: n = 0 or p̂ = NaN (empty domain) has no interval (null). When p̂ is 0 or 1,
 * V = 0 and n_eff is 0/0, so textbook Wilson on the unweighted base n is used instead. When
 * V = 0 with 0 < p̂ < 1 (everyone in every stratum answered: a census), there is no sampling
 * error and the interval is [p̂, p̂].
 * Example: 37 of 120, equal weights: p̂ = 0.30833, V = p̂(1 − p̂)/119, n_eff = 119,
 * designWilsonInterval(...) ≈ [0.23244, 0.39621] (oracle `design_wilson_z`).
 * Returns proportions in 0..1.
 */
export function designWilsonInterval(estimate: ProportionVariance, z = z95): [number, number] | null {
  const { p, variance, n } = estimate;
  if (!(n > 0) || Number.isNaN(p)) return null;
  if (p === 0 || p === 1) return wilsonInterval(p * n, n, z);
  const effective = (p * (1 - p)) / variance;
  if (effective === Number.POSITIVE_INFINITY) return [p, p];
  if (!(effective > 0)) return null;
  return wilsonInterval(p * effective, effective, z);
}
