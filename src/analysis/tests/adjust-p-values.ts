export type PAdjustMethod = 'BH' | 'holm';

/**
 * Adjusts p-values for multiple comparisons exactly as R's `p.adjust(p, method)` does, for the
 * two methods a table may opt into (DESIGN.md, Comparisons):
 *
 *   Holm (1979), step-down family-wise error: with p₍₁₎ ≤ … ≤ p₍ₘ₎ in increasing order,
 *     p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m + 1 − j) · p₍ⱼ₎)
 *   Benjamini & Hochberg (1995), false discovery rate: with the same order,
 *     p̃₍ᵢ₎ = min(1, min_{j ≥ i} (m / j) · p₍ⱼ₎)
 *
 * Ties keep their input order (R's `order` is stable, as is `Array.prototype.sort`).
 * Missing-data rule: NaN entries stay NaN in the output and are not counted in m — R's default
 * `n = length(p)` is evaluated after its NAs are dropped. With m ≤ 1 nothing changes.
 * Example: p = [0.01, 0.02, 0.03, 0.04, 0.05] gives BH [0.05, 0.05, 0.05, 0.05, 0.05] and
 * Holm [0.05, 0.08, 0.09, 0.09, 0.09].
 */
export function adjustPValues(p: ArrayLike<number>, method: PAdjustMethod): Float64Array {
  const adjusted = Float64Array.from(p);
  const present: number[] = [];
  for (let i = 0; i < adjusted.length; i++) {
    const value = adjusted[i]!;
    if (Number.isNaN(value)) continue;
    if (value < 0 || value > 1) throw new Error(`p-value ${value} at position ${i + 1} is not between 0 and 1`);
    present.push(i);
  }
  const m = present.length;
  if (m <= 1) return adjusted;
  const order = present.slice().sort((a, b) => p[a]! - p[b]!);
  if (method === 'holm') {
    let running = 0;
    for (let k = 0; k < m; k++) {
      const i = order[k]!;
      running = Math.max(running, (m - k) * p[i]!);
      adjusted[i] = Math.min(1, running);
    }
  } else if (method === 'BH') {
    let running = Number.POSITIVE_INFINITY;
    for (let k = m - 1; k >= 0; k--) {
      const i = order[k]!;
      running = Math.min(running, (m / (k + 1)) * p[i]!);
      adjusted[i] = Math.min(1, running);
    }
  } else {
    throw new Error(`unknown p-value adjustment method ${String(method)}; use 'BH' or 'holm'`);
  }
  return adjusted;
}
