import { linearisedVariance } from './linearised-variance.js';
import type { SurveyDesign } from './survey-design.js';

export interface DesignProportion {
  /** p̂ in 0..1; NaN when the domain is empty. */
  p: number;
  variance: number;
  se: number;
  /** Unweighted respondents in the base. */
  n: number;
  /** Σwᵢ over the base. */
  weightedBase: number;
}

/**
 * A proportion as a weighted ratio over a domain, with its linearised variance:
 *
 *   p̂ = Σ wᵢyᵢ / Σ wᵢ over the base;   uᵢ = wᵢ(yᵢ − p̂)/Σw inside the base, 0 outside
 *
 * then V from {@link linearisedVariance} (strata kept whole, as R's `subset(design, …)`).
 * Missing data: respondents outside `inBase` (not asked, not answered, outside the filter) only
 * contribute zeros. Example: 37 of 120 with equal weights gives p̂ = 0.3083, se = 0.04233
 * (R: svymean on svydesign(ids=~1, weights=~1)).
 */
export function designProportion(design: SurveyDesign, hasAttribute: ArrayLike<number>, inBase: ArrayLike<number>): DesignProportion {
  const w = design.weights;
  let total = 0;
  let weighted = 0;
  let n = 0;
  for (let i = 0; i < design.n; i++) {
    if (!inBase[i]) continue;
    n++;
    total += w[i]!;
    if (hasAttribute[i]) weighted += w[i]!;
  }
  if (n === 0) return { p: Number.NaN, variance: Number.NaN, se: Number.NaN, n: 0, weightedBase: 0 };
  const p = weighted / total;
  const u = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++) {
    if (inBase[i]) u[i] = (w[i]! * ((hasAttribute[i] ? 1 : 0) - p)) / total;
  }
  const variance = linearisedVariance(design, u);
  return { p, variance, se: Math.sqrt(variance), n, weightedBase: total };
}
