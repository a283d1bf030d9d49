import type { SurveyDesign } from './survey-design.js';

/**
 * Variance of a total from its linearised values uᵢ, as R's `svyrecvar` with
 * `survey.lonely.psu = "adjust"`: the uᵢ are summed within each PSU (zᵢ), then
 *
 *   V = Σ_h (1 − f_h) · n_h/(n_h − 1) · Σ_{PSU j∈h} (z_j − z̄_h)²,   f_h = n_h/N_h (0 without FPC)
 *
 * with n_h the PSUs of stratum h. A stratum with one PSU contributes (1 − f_h)(z_j − z̄)², centred
 * on the grand mean z̄ of all PSU totals. Domains: pass uᵢ = 0 outside the domain; n_h stays
 * the stratum's full count. Example: equal weights, no strata, u = (y − p̂)/n gives
 * p̂(1 − p̂)/(n − 1) for a proportion.
 */
export function linearisedVariance(design: SurveyDesign, u: Float64Array): number {
  const H = design.stratumCount;
  let z: Float64Array = u;
  let psuStratum: Int32Array = design.strata;
  if (design.psuCount !== design.n) {
    z = new Float64Array(design.psuCount);
    psuStratum = new Int32Array(design.psuCount);
    for (let i = 0; i < design.n; i++) {
      z[design.psu[i]!]! += u[i]!;
      psuStratum[design.psu[i]!] = design.strata[i]!;
    }
  }
  const sum = new Float64Array(H);
  const sumSquares = new Float64Array(H);
  let grand = 0;
  for (let j = 0; j < z.length; j++) {
    const h = psuStratum[j]!;
    const v = z[j]!;
    sum[h]! += v;
    sumSquares[h]! += v * v;
    grand += v;
  }
  const grandMean = z.length > 0 ? grand / z.length : 0;
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
