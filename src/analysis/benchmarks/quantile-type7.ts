/**
 * Sample quantiles by R's default definition, `quantile(x, probs, type = 7, na.rm = TRUE)`
 * (Hyndman & Fan 1996, definition 7): with the n values sorted x₍₁₎ ≤ … ≤ x₍ₙ₎,
 *
 *   h = 1 + (n − 1)·p,   Q(p) = (1 − (h − ⌊h⌋))·x₍⌊h⌋₎ + (h − ⌊h⌋)·x₍⌈h⌉₎
 *
 * computed in R's order of operations (the lower value is kept as is when h is whole or the two
 * neighbours are equal), so results agree with R to the last bit. Used for the sector benchmark:
 * the median and quartiles of organisation scores (the median organisation, not the median
 * respondent).
 * Missing-data rule: NaN values are ignored; with no values left every quantile is NaN.
 * Probabilities must lie in [0, 1].
 * Example: quantileType7([1, 2, …, 10], [0.25, 0.5, 0.75]) gives [3.25, 5.5, 7.75].
 */
export function quantileType7(values: ArrayLike<number>, probs: ArrayLike<number>): Float64Array {
  const sorted = sortedWithoutNaN(values);
  const result = new Float64Array(probs.length);
  for (let k = 0; k < probs.length; k++) result[k] = quantileOfSorted(sorted, probs[k]!);
  return result;
}

/** The median organisation, the lower quartile and the upper quartile, by type 7. */
export function quartilesType7(values: ArrayLike<number>): { lower: number; median: number; upper: number } {
  const [lower, median, upper] = quantileType7(values, [0.25, 0.5, 0.75]);
  return { lower: lower!, median: median!, upper: upper! };
}

function sortedWithoutNaN(values: ArrayLike<number>): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) count++;
  const sorted = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) sorted[j++] = values[i]!;
  return sorted.sort();
}

function quantileOfSorted(sorted: Float64Array, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new Error(`quantile probability ${p} is not between 0 and 1`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const index = 1 + (n - 1) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const low = sorted[lo - 1]!;
  const high = sorted[hi - 1]!;
  if (!(index > lo) || high === low) return low;
  const h = index - lo;
  return (1 - h) * low + h * high;
}
