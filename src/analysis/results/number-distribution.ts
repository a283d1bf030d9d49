import type { DistributionBin, NumberDistribution } from './results-model.js';

/** At most this many ranges: the width is the smallest "nice" one giving no more. */
const maxBins = 10;
/** Nice widths are these times a power of ten (2.5 only from 10 up for whole numbers). */
const niceMultiples = [1, 2, 2.5, 5];

/**
 * A number question's answers counted in ranges of equal, "nice" width (1, 2, 2.5 or 5 times a
 * power of ten): the smallest such width that covers the lowest to the highest answer in at
 * most 10 ranges, starting at a multiple of the width — so 5 to 10 ranges unless the answers
 * span few values. Whole-number answers (every answer whole, as an integer question's are) get whole-number
 * widths and ranges `from`…`to − 1`; 10 or fewer distinct whole values get a range each.
 *
 * Each range has its unweighted count and its weighted percent of the base, Σw(in range)/Σw·100.
 * Missing-data rule: only respondents in `inBase` count (NaN values are never in a base).
 *
 * Example: whole answers 0, 3, 7, 12, 40 → width 5, ranges 0–4, 5–9, …, 40–44 (9 ranges),
 * counts 2, 1, 1, 0, 0, 0, 0, 0, 1.
 */
export function numberDistribution(values: ArrayLike<number>, inBase: Uint8Array, weights: ArrayLike<number>): NumberDistribution | undefined {
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (let i = 0; i < inBase.length; i++) {
    if (!inBase[i]) continue;
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    if (whole && !Number.isInteger(v)) whole = false;
  }
  if (min === Infinity) return undefined;
  const edges = binEdges(min, max, whole);
  const n = edges.length - 1;
  const counts = new Array<number>(n).fill(0);
  const sums = new Array<number>(n).fill(0);
  let total = 0;
  for (let i = 0; i < inBase.length; i++) {
    if (!inBase[i]) continue;
    const v = values[i]!;
    let b = Math.min(n - 1, Math.max(0, Math.floor(((v - edges[0]!) / (edges[n]! - edges[0]!)) * n)));
    // Floating point can put a value on an edge one range off: the edges decide.
    while (b + 1 < n && v >= edges[b + 1]!) b++;
    while (b > 0 && v < edges[b]!) b--;
    counts[b]!++;
    sums[b]! += weights[i]!;
    total += weights[i]!;
  }
  const bins: DistributionBin[] = counts.map((count, b) => ({ from: edges[b]!, to: edges[b + 1]!, count, percent: total > 0 ? (sums[b]! / total) * 100 : 0 }));
  return { integer: whole, bins };
}

/** The edges of the ranges (one more than the ranges): see numberDistribution. */
export function binEdges(min: number, max: number, wholeNumbers: boolean): number[] {
  if (wholeNumbers && max - min + 1 <= maxBins) return Array.from({ length: max - min + 2 }, (_, i) => min + i);
  if (min === max) return [min, max];
  const span = max - min;
  for (let exponent = Math.floor(Math.log10(span / maxBins)); ; exponent++) {
    for (const m of niceMultiples) {
      const width = tidy(m * 10 ** exponent);
      if (wholeNumbers && !Number.isInteger(width)) continue;
      const lo = tidy(Math.floor(min / width) * width);
      // Whole-number ranges are half open ([from, to)), so the top range must pass the highest answer.
      const count = wholeNumbers ? Math.floor((max - lo) / width) + 1 : Math.max(1, Math.ceil(tidy((max - lo) / width)));
      if (count <= maxBins) return Array.from({ length: count + 1 }, (_, i) => tidy(lo + i * width));
    }
  }
}

/** Rounds away binary noise (0.1 × 3 = 0.30000000000000004) so edges read as written. */
function tidy(x: number): number {
  return Number(x.toPrecision(12));
}
