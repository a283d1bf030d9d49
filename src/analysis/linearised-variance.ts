import type { SurveyDesign } from './survey-design.js';

/**
 * Variance of a total from its linearised values uᵢ (one PSU per respondent), as R's
 * `svyrecvar` with `survey.lonely.psu = "adjust"`:
 *
 *   V = Σ_h (1 − f_h) · n_h/(n_h − 1) · Σ_{i∈h} (uᵢ − ū_h)²,   f_h = n_h/N_h (0 without FPC)
 *
 * A stratum with one respondent contributes (1 − f_h)(uᵢ − ū)², centred on the grand mean ū
 * of all uᵢ. Domains: pass uᵢ = 0 outside the domain; n_h stays the stratum's full size.
 * Example: equal weights, no strata, u = (y − p̂)/n gives p̂(1 − p̂)/(n − 1) for a proportion.
 */
export function linearisedVariance(design: SurveyDesign, u: Float64Array): number {
  const H = design.stratumCount;
  const sum = new Float64Array(H);
  const sumSquares = new Float64Array(H);
  let grand = 0;
  for (let i = 0; i < design.n; i++) {
    const h = design.strata[i]!;
    const v = u[i]!;
    sum[h]! += v;
    sumSquares[h]! += v * v;
    grand += v;
  }
  const grandMean = design.n > 0 ? grand / design.n : 0;
  let variance = 0;
  for (let h = 0; h < H; h++) {
    const n = design.stratumSize[h]!;
    if (n === 0) continue;
    const N = design.stratumPopulation[h]!;
    const finite = Number.isNaN(N) ? 1 : 1 - n / N;
    if (n === 1) {
      const d = sum[h]! - grandMean;
      variance += finite * d * d;
    } else {
      const centred = sumSquares[h]! - (sum[h]! * sum[h]!) / n;
      variance += finite * (n / (n - 1)) * Math.max(0, centred);
    }
  }
  return variance;
}
