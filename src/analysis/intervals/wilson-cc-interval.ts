import { z95 } from './normal-quantile.js';

/**
 * Wilson score interval with continuity correction (Newcombe 1998, method 4), exactly as R's
 * `prop.test(x, n, correct = TRUE)$conf.int`:
 *
 *   c = min(0.5, |x − n/2|),   j = z²/2n
 *   upper = (p⁺ + j + z·√(p⁺(1 − p⁺)/n + j/2n)) / (1 + 2j),   p⁺ = p̂ + c/n   (1 when p⁺ ≥ 1)
 *   lower = (p⁻ + j − z·√(p⁻(1 − p⁻)/n + j/2n)) / (1 + 2j),   p⁻ = p̂ − c/n   (0 when p⁻ ≤ 0)
 *
 * Why |x − n/2|: R shrinks the correction towards its default null value p = 0.5, so at
 * x = n/2 exactly there is no correction; kept so results agree with R.
 * x and n may be fractional (an effective sample size, x = p̂·n_eff).
 * Missing data: the caller passes only the base; n = 0 has no interval (null). x outside 0..n
 * is a programming error (RangeError).
 * Example: wilsonCcInterval(37, 120) ≈ [0.22899, 0.40016] (oracle `wilson_cc_z`).
 * Returns proportions in 0..1.
 */
export function wilsonCcInterval(x: number, n: number, z = z95): [number, number] | null {
  if (!(n > 0)) return null;
  if (!(x >= 0 && x <= n)) throw new RangeError(`x = ${x} is not between 0 and n = ${n}`);
  const p = x / n;
  const correction = Math.min(0.5, Math.abs(x - n / 2));
  const j = (z * z) / (2 * n);
  const high = p + correction / n;
  const upper = high >= 1 ? 1 : (high + j + z * Math.sqrt((high * (1 - high)) / n + j / (2 * n))) / (1 + 2 * j);
  const low = p - correction / n;
  const lower = low <= 0 ? 0 : (low + j - z * Math.sqrt((low * (1 - low)) / n + j / (2 * n))) / (1 + 2 * j);
  return [Math.max(0, lower), Math.min(1, upper)];
}
