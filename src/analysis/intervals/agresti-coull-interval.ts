import { z95 } from './normal-quantile.js';

/**
 * Agresti–Coull ("add z²/2 successes and z²/2 failures") interval (Agresti & Coull 1998,
 * "Approximate is better than 'exact' for interval estimation of binomial proportions"):
 *
 *   ñ = n + z²,   p̃ = (x + z²/2)/ñ,   p̃ ± z·√(p̃(1 − p̃)/ñ),   clipped to 0..1
 *
 * x and n may be fractional (an effective sample size, x = p̂·n_eff).
 * Missing data: the caller passes only the base; n = 0 has no interval (null). x outside 0..n
 * is a programming error (RangeError).
 * Example: agrestiCoullInterval(37, 120) ≈ [0.23252, 0.39604] (oracle `agresti_coull_z`).
 * Returns proportions in 0..1.
 */
export function agrestiCoullInterval(x: number, n: number, z = z95): [number, number] | null {
  if (!(n > 0)) return null;
  if (!(x >= 0 && x <= n)) throw new RangeError(`x = ${x} is not between 0 and n = ${n}`);
  const z2 = z * z;
  const adjustedN = n + z2;
  const adjustedP = (x + z2 / 2) / adjustedN;
  const half = z * Math.sqrt((adjustedP * (1 - adjustedP)) / adjustedN);
  return [Math.max(0, adjustedP - half), Math.min(1, adjustedP + half)];
}
