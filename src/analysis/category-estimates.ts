import type { SurveyDesign } from './survey-design.js';

/** One category's design-based proportion over a base. */
export interface CategoryEstimate {
  /** Unweighted respondents in the base who are in the category. */
  count: number;
  /** p̂ = Σwᵢyᵢ/Σwᵢ, NaN for an empty base. */
  p: number;
  variance: number;
}

export interface CategoryEstimates {
  /** Unweighted respondents in the base. */
  base: number;
  weightedBase: number;
  /** Design degrees of freedom in the base: PSUs − strata present (R's degf of the subset). */
  df: number;
  categories: CategoryEstimate[];
}

/**
 * Proportions of several categories over one base in a single pass, with the same linearised
 * variance as {@link designProportion} (strata, FPC, clusters, lonely strata centred on the
 * grand mean, domains keeping strata whole), from per-stratum moments instead of per-respondent
 * arrays. For category k, with PSU totals S_jk = Σ_{i∈j, base} wᵢyᵢₖ and T_j = Σ_{i∈j, base} wᵢ,
 * z_j = (S_jk − p̂ₖT_j)/W, so per stratum
 *
 *   Σz = (A − p̂T)/W,   Σz² = (B − 2p̂C + p̂²R)/W²,   A = ΣS, B = ΣS², C = ΣST, T = ΣT_j, R = ΣT_j²
 *
 * and V = Σ_h (1 − f_h)·n_h/(n_h − 1)·(Σz² − (Σz)²/n_h), or (1 − f_h)·Σz² for one PSU (Σ_all z = 0,
 * so the grand mean is 0). `categoriesOf(i, add)` calls `add(k)` for each category of respondent i
 * (several for multi-select and nets). Missing data: only respondents in `inBase` count.
 * Example: equal weights, no strata: p̂ₖ = countₖ/n and V = p̂(1 − p̂)/(n − 1).
 */
export function estimateCategories(
  design: SurveyDesign,
  inBase: ArrayLike<number>,
  categoryCount: number,
  categoriesOf: (i: number, add: (k: number) => void) => void,
): CategoryEstimates {
  const K = categoryCount;
  const H = design.stratumCount;
  const w = design.weights;
  const T = new Float64Array(H);
  const R = new Float64Array(H);
  const A = new Float64Array(H * K);
  const B = new Float64Array(H * K);
  const C = new Float64Array(H * K);
  const counts = new Float64Array(K);
  const stratumSeen = new Uint8Array(H);
  let base = 0;
  let psusInBase = 0;
  const clustered = design.psuCount !== design.n;

  if (!clustered) {
    let h = 0;
    let wi = 0;
    const add = (k: number) => {
      counts[k]!++;
      A[h * K + k]! += wi;
      B[h * K + k]! += wi * wi;
    };
    for (let i = 0; i < design.n; i++) {
      if (!inBase[i]) continue;
      base++;
      h = design.strata[i]!;
      wi = w[i]!;
      stratumSeen[h] = 1;
      T[h]! += wi;
      R[h]! += wi * wi;
      categoriesOf(i, add);
    }
    psusInBase = base;
    C.set(B);
  } else {
    const P = design.psuCount;
    const Tj = new Float64Array(P);
    const S = new Float64Array(P * K);
    const psuStratum = new Int32Array(P);
    const psuSeen = new Uint8Array(P);
    let j = 0;
    let wi = 0;
    const add = (k: number) => {
      counts[k]!++;
      S[j * K + k]! += wi;
    };
    for (let i = 0; i < design.n; i++) {
      if (!inBase[i]) continue;
      base++;
      j = design.psu[i]!;
      wi = w[i]!;
      psuStratum[j] = design.strata[i]!;
      if (!psuSeen[j]) {
        psuSeen[j] = 1;
        psusInBase++;
      }
      Tj[j]! += wi;
      categoriesOf(i, add);
    }
    for (let p = 0; p < P; p++) {
      if (!psuSeen[p]) continue;
      const h = psuStratum[p]!;
      stratumSeen[h] = 1;
      T[h]! += Tj[p]!;
      R[h]! += Tj[p]! * Tj[p]!;
      for (let k = 0; k < K; k++) {
        const s = S[p * K + k]!;
        if (s === 0) continue;
        A[h * K + k]! += s;
        B[h * K + k]! += s * s;
        C[h * K + k]! += s * Tj[p]!;
      }
    }
  }

  let weightedBase = 0;
  let strataInBase = 0;
  for (let h = 0; h < H; h++) {
    weightedBase += T[h]!;
    strataInBase += stratumSeen[h]!;
  }
  const categories: CategoryEstimate[] = [];
  for (let k = 0; k < K; k++) {
    if (base === 0) {
      categories.push({ count: 0, p: Number.NaN, variance: Number.NaN });
      continue;
    }
    let weighted = 0;
    for (let h = 0; h < H; h++) weighted += A[h * K + k]!;
    const p = weighted / weightedBase;
    let variance = 0;
    for (let h = 0; h < H; h++) {
      if (!stratumSeen[h]) continue;
      const n = design.stratumSize[h]!;
      const N = design.stratumPopulation[h]!;
      const finite = Number.isNaN(N) ? 1 : 1 - n / N;
      const sumZ = (A[h * K + k]! - p * T[h]!) / weightedBase;
      const sumZ2 = (B[h * K + k]! - 2 * p * C[h * K + k]! + p * p * R[h]!) / (weightedBase * weightedBase);
      variance += n === 1 ? finite * sumZ2 : finite * (n / (n - 1)) * Math.max(0, sumZ2 - (sumZ * sumZ) / n);
    }
    categories.push({ count: counts[k]!, p, variance });
  }
  return { base, weightedBase, df: psusInBase - strataInBase, categories };
}
