import { linearisedVariance } from './linearised-variance.js';
import type { SurveyDesign } from './survey-design.js';

/**
 * A weighted mean over a base with its linearised variance (R: svymean on a numeric variable):
 *
 *   x̄ = Σwᵢxᵢ / Σwᵢ,   uᵢ = wᵢ(xᵢ − x̄)/Σw inside the base, 0 outside,   V from linearisedVariance
 *
 * Missing data: respondents outside `inBase` (or with NaN) are left out as a domain.
 * Example: values 1, 2, 3 with equal weights: x̄ = 2, V = 1/3 (s²/n with s² = 1).
 */
export function designMean(design: SurveyDesign, values: Float64Array, inBase: ArrayLike<number>): { mean: number; variance: number; n: number; weightedBase: number } {
  let total = 0;
  let weighted = 0;
  let n = 0;
  for (let i = 0; i < design.n; i++) {
    if (!inBase[i] || Number.isNaN(values[i]!)) continue;
    n++;
    total += design.weights[i]!;
    weighted += design.weights[i]! * values[i]!;
  }
  if (n === 0) return { mean: Number.NaN, variance: Number.NaN, n: 0, weightedBase: 0 };
  const mean = weighted / total;
  const u = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++) {
    if (inBase[i] && !Number.isNaN(values[i]!)) u[i] = (design.weights[i]! * (values[i]! - mean)) / total;
  }
  return { mean, variance: linearisedVariance(design, u), n, weightedBase: total };
}
