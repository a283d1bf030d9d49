export interface KishEffectiveSize {
  /** Respondents in the base. */
  n: number;
  /** (Σw)²/Σw²: the size of an equally weighted sample with the same precision. */
  effectiveSize: number;
  /** n/n_eff = n·Σw²/(Σw)² ≥ 1: the variance inflation due to unequal weights alone. */
  designEffect: number;
}

/**
 * Kish's effective sample size and design effect due to weighting (Kish 1965, Survey Sampling,
 * §11.7; Kish 1992, "Weighting for unequal Pᵢ", J. Official Statistics 8:183–200):
 *
 *   n_eff = (Σwᵢ)² / Σwᵢ²,   deff = n / n_eff
 *
 * It depends on the weights only (not on strata, clustering or the variable), so it is the
 * figure to report for a weighting scheme such as raking (DESIGN.md, Weighting).
 * Missing data: respondents outside `inBase` (when given) are left out; an empty base has no
 * value (null). Weights must be positive and finite (a RangeError names the first bad one).
 * Example: weights [1, 1, 2, 4]: n_eff = 64/22 ≈ 2.909, deff = 4/2.909 ≈ 1.375.
 */
export function kishEffectiveSize(weights: ArrayLike<number>, inBase?: ArrayLike<number>): KishEffectiveSize | null {
  let n = 0;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < weights.length; i++) {
    if (inBase && !inBase[i]) continue;
    const w = weights[i]!;
    if (!Number.isFinite(w) || w <= 0) throw new RangeError(`weight ${w} of respondent ${i + 1} is not a positive number`);
    n++;
    sum += w;
    sumSquares += w * w;
  }
  if (n === 0) return null;
  const effectiveSize = (sum * sum) / sumSquares;
  return { n, effectiveSize, designEffect: n / effectiveSize };
}
