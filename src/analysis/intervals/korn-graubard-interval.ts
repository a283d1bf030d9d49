import { betaQuantile } from '../distributions/distributions.js';
import { clopperPearsonInterval } from './clopper-pearson-interval.js';
import type { ProportionVariance } from './design-wilson-interval.js';
import { studentQuantile } from './logit-interval.js';

/**
 * Korn–Graubard interval (Korn & Graubard 1998, "Confidence intervals for proportions with small
 * expected number of positive counts estimated from survey data", Survey Methodology 24:193–201),
 * exactly as R's `svyciprop(method = "beta")` (survey package, R/svyttest.R):
 *
 *   n_eff = p̂(1 − p̂)/V · (qt(α/2, n − 1) / qt(α/2, df))²
 *   lower = qbeta(α/2, n_eff·p̂, n_eff·(1 − p̂) + 1)
 *   upper = qbeta(1 − α/2, n_eff·p̂ + 1, n_eff·(1 − p̂))
 *
 * n is R's `nrow(design)` (the base: `subset()` keeps only the domain's rows) and df its
 * `degf(design)`; the default df = n − 1 makes the df factor 1. R does not cap n_eff at n (the
 * NCHS variant does: n_eff = min(n, …)); neither does this, so a design with V below the simple
 * random sampling variance (FPC, strata) gets n_eff > n.
 * Missing data: n = 0 or p̂ = NaN has no interval (null), nor has df ≤ 0. When p̂ is 0 or 1,
 * n_eff is 0/0 (R returns NaN); Korn & Graubard then use n, so this is Clopper–Pearson on the
 * unweighted base. When V = 0 with 0 < p̂ < 1 (a census) the interval is [p̂, p̂].
 * Example: 37 of 120, equal weights, no strata: n_eff = 119 and the interval ≈
 * [0.22693, 0.39955] (oracle `svyciprop_beta`).
 * Returns proportions in 0..1.
 */
export function kornGraubardInterval(estimate: ProportionVariance, df = estimate.n - 1, level = 0.95): [number, number] | null {
  const { p, variance, n } = estimate;
  if (!(n > 0) || Number.isNaN(p)) return null;
  if (p === 0 || p === 1) return clopperPearsonInterval(p * n, n, level);
  const alpha = 1 - level;
  const ratio = studentQuantile(alpha / 2, n - 1) / studentQuantile(alpha / 2, df);
  const effective = ((p * (1 - p)) / variance) * ratio * ratio;
  if (effective === Number.POSITIVE_INFINITY) return [p, p];
  if (!(effective > 0)) return null;
  return [betaQuantile(alpha / 2, effective * p, effective * (1 - p) + 1), betaQuantile(1 - alpha / 2, effective * p + 1, effective * (1 - p))];
}
