import { betaQuantile } from '../distributions/distributions.js';

/**
 * Clopper–Pearson ("exact") interval for x successes in n trials (Clopper & Pearson 1934), as
 * R's `binom.test(x, n)$conf.int`:
 *
 *   lower = qbeta(α/2, x, n − x + 1)   (0 when x = 0)
 *   upper = qbeta(1 − α/2, x + 1, n − x)   (1 when x = n)
 *
 * x and n may be fractional (an effective sample size, x = p̂·n_eff); the beta quantiles are
 * defined for any positive shape.
 * Missing data: the caller passes only the base; n = 0 has no interval (null). x outside 0..n
 * is a programming error (RangeError).
 * Example: clopperPearsonInterval(37, 120) ≈ [0.22726, 0.39914] (oracle `clopper_pearson`).
 * Returns proportions in 0..1.
 */
export function clopperPearsonInterval(x: number, n: number, level = 0.95): [number, number] | null {
  if (!(n > 0)) return null;
  if (!(x >= 0 && x <= n)) throw new RangeError(`x = ${x} is not between 0 and n = ${n}`);
  const alpha = 1 - level;
  const lower = x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1);
  const upper = x === n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x);
  return [lower, upper];
}
