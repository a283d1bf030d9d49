import { z95 } from './normal-quantile.js';

/**
 * Wilson score interval for a proportion x/n (Wilson 1927; Agresti & Coull 1998):
 *
 *   centre = (p̂ + z²/2n) / (1 + z²/n)
 *   half   = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²)
 *
 * `n` may be an effective sample size (not a whole number) for the design-based variant.
 * Missing data: the caller passes only the base; n = 0 has no interval (returns null).
 * Example: wilsonInterval(37, 120) ≈ [0.23273, 0.39583] (R: prop.test(37, 120, correct = FALSE)).
 * Returns proportions in 0..1.
 */
export function wilsonInterval(x: number, n: number, z = z95): [number, number] | null {
  if (!(n > 0)) return null;
  const p = x / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
