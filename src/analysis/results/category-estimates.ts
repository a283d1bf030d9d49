import type { SurveyDesign } from '../design/survey-design.js';
import { choicePatterns } from '../snapshot/choice-patterns.js';

export { choicePatterns } from '../snapshot/choice-patterns.js';

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
  /** Σw² over the base: with the weighted base, Kish's effective size (Σw)²/Σw². */
  sumSquaredWeights: number;
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

  return estimatesFromMoments(design, { K, T, R, A, B, C, counts, stratumSeen, base, psusInBase });
}

/** 0 … H − 1. */
function allStrata(H: number): Int32Array {
  return Int32Array.from({ length: H }, (_, h) => h);
}

/** Zeroed sums for H strata and K categories. */
function emptyMoments(H: number, K: number) {
  return { T: new Float64Array(H), R: new Float64Array(H), A: new Float64Array(H * K), B: new Float64Array(H * K), counts: new Float64Array(K), stratumSeen: new Uint8Array(H) };
}

/**
 * Per-stratum sums over a base (stratum h at h, category k at h·K + k): T = Σ_j T_j and R = Σ_j T_j²
 * of the PSU totals of weight, A = Σ_j S_jk, B = Σ_j S_jk² and C = Σ_j S_jk·T_j of the PSU
 * totals of weight in category k (with one PSU per respondent, B = C = Σwᵢ² in k); the
 * unweighted count per category, which strata are in the base, respondents and PSUs in it.
 */
export interface StratumMoments {
  K: number;
  T: Float64Array;
  R: Float64Array;
  A: Float64Array;
  B: Float64Array;
  C: Float64Array;
  counts: Float64Array;
  stratumSeen: Uint8Array;
  base: number;
  psusInBase: number;
  /** The strata in the base, when known (the others are then left unread); every stratum otherwise. */
  strata?: ArrayLike<number>;
}

/** p̂ and V of every category from per-stratum sums (the formula of {@link estimateCategories}). */
export function estimatesFromMoments(design: SurveyDesign, m: StratumMoments): CategoryEstimates {
  const { K, T, R, A, B, C, counts, stratumSeen, base, psusInBase } = m;
  const strata = m.strata ?? allStrata(design.stratumCount);
  const H = strata.length;
  let weightedBase = 0;
  let sumSquaredWeights = 0;
  let strataInBase = 0;
  for (let s = 0; s < H; s++) {
    const h = strata[s]!;
    weightedBase += T[h]!;
    sumSquaredWeights += R[h]!;
    strataInBase += stratumSeen[h]!;
  }
  const categories: CategoryEstimate[] = [];
  for (let k = 0; k < K; k++) {
    if (base === 0) {
      categories.push({ count: 0, p: Number.NaN, variance: Number.NaN });
      continue;
    }
    let weighted = 0;
    for (let s = 0; s < H; s++) weighted += A[strata[s]! * K + k]!;
    const p = weighted / weightedBase;
    let variance = 0;
    for (let s = 0; s < H; s++) {
      const h = strata[s]!;
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
  return { base, weightedBase, sumSquaredWeights, df: psusInBase - strataInBase, categories };
}

/**
 * `inBaseByCode`, when given, says that each respondent is in the base exactly when
 * `inBaseByCode[code + 1]` is 1 (the question's whole base: those who answered, less
 * non-substantive answers when the base is substantive), so the pass counts without reading `inBase`.
 *
 * {@link estimateCategories} for a single-choice column (one option index per respondent, −1
 * for none) and nets of its options, in one tight pass: the options do not overlap, so each
 * net's moments are the sums of its options' (with respondent PSUs; clustered designs take the
 * general path). Same results as the general path.
 */
export function estimateSingleChoice(design: SurveyDesign, inBase: Uint8Array, codes: Int16Array, optionCount: number, nets: readonly number[][], inBaseByCode?: Uint8Array): CategoryEstimates {
  const categoriesOfCode = Array.from({ length: optionCount }, (_, k) => [k, ...nets.flatMap((members, m) => (members.includes(k) ? [optionCount + m] : []))]);
  if (design.psuCount !== design.n) {
    return estimateCategories(design, inBase, optionCount + nets.length, (i, add) => {
      for (const k of categoriesOfCode[codes[i]!]!) add(k);
    });
  }
  const K = optionCount + nets.length;
  const H = design.stratumCount;
  const { weights: w, strata } = design;
  const { T, R, A, B, counts, stratumSeen } = emptyMoments(H, K);
  const tally = new Int32Array(optionCount);
  const constant = stratumWeights(design);
  if (constant) {
    // Weights constant within each stratum: one count per respondent, weighted per cell after.
    // Without a branch (inBase is 0 or 1; no answer, code −1, has a cell of its own at 0).
    const row = optionCount + 1;
    const cells = new Int32Array(H * row);
    if (inBaseByCode) {
      // The base follows from the code: count everyone, then keep the codes in the base.
      for (let i = 0; i < codes.length; i++) cells[strata[i]! * row + codes[i]! + 1]!++;
    } else {
      for (let i = 0; i < inBase.length; i++) cells[strata[i]! * row + codes[i]! + 1]! += inBase[i]!;
    }
    for (let h = 0; h < H; h++) {
      const wh = constant[h]!;
      for (let k = 0; k < optionCount; k++) {
        const n = inBaseByCode ? cells[h * row + k + 1]! * inBaseByCode[k + 1]! : cells[h * row + k + 1]!;
        tally[k]! += n;
        A[h * K + k] = n * wh;
        B[h * K + k] = n * wh * wh;
      }
    }
  } else {
    for (let i = 0; i < inBase.length; i++) {
      if (!inBase[i]) continue;
      const code = codes[i]!;
      const wi = w[i]!;
      const cell = strata[i]! * K + code;
      A[cell]! += wi;
      B[cell]! += wi * wi;
      tally[code]!++;
    }
  }
  // Each respondent in the base has exactly one option, so the stratum totals are the options'
  // sums; weights are positive, so a stratum is in the base exactly when its total is.
  let base = 0;
  for (let k = 0; k < optionCount; k++) {
    counts[k] = tally[k]!;
    base += tally[k]!;
  }
  for (let h = 0; h < H; h++) {
    for (let k = 0; k < optionCount; k++) {
      T[h]! += A[h * K + k]!;
      R[h]! += B[h * K + k]!;
    }
    stratumSeen[h] = T[h]! > 0 ? 1 : 0;
  }
  nets.forEach((members, m) => {
    const net = optionCount + m;
    for (const k of members) {
      counts[net]! += counts[k]!;
      for (let h = 0; h < H; h++) {
        A[h * K + net]! += A[h * K + k]!;
        B[h * K + net]! += B[h * K + k]!;
      }
    }
  });
  return estimatesFromMoments(design, { K, T, R, A, B, C: B, counts, stratumSeen, base, psusInBase: base });
}

/**
 * {@link estimateCategories} for a multi-select column (a 0/1 array per option), one tight pass
 * per option; nets and clustered designs take the general path. Same results as the general path.
 */
export function estimateMultiSelect(design: SurveyDesign, inBase: Uint8Array, chosen: readonly Uint8Array[], nets: readonly number[][]): CategoryEstimates {
  const K = chosen.length;
  if (nets.length > 0 || design.psuCount !== design.n || K > 31) {
    return estimateCategories(design, inBase, K + nets.length, (i, add) => {
      for (let k = 0; k < K; k++) if (chosen[k]![i]) add(k);
      nets.forEach((members, m) => {
        if (members.some((k) => chosen[k]![i])) add(K + m);
      });
    });
  }
  const H = design.stratumCount;
  const { weights: w, strata } = design;
  const { T, R, A, B, counts, stratumSeen } = emptyMoments(H, K);
  // One pass over respondents, visiting only the options each one chose (a bit pattern per
  // respondent, built once per column), instead of one pass per option.
  const patterns = choicePatterns(chosen);
  let base = 0;
  const constant = stratumWeights(design);
  if (constant) {
    // Weights constant within each stratum: count respondents per stratum and option, weighted
    // per cell after; with few strata and options, count per stratum and set of options chosen.
    const sets = K <= 16 ? 1 << K : 0;
    const bySet = sets > 0 && H * sets <= inBase.length;
    const cells = new Int32Array(bySet ? H * sets : H * (K + 1));
    if (bySet) {
      for (let i = 0; i < inBase.length; i++) if (inBase[i]) cells[strata[i]! * sets + patterns[i]!]!++;
    } else {
      for (let i = 0; i < inBase.length; i++) {
        if (!inBase[i]) continue;
        const row = strata[i]! * (K + 1);
        cells[row + K]!++;
        for (let bits = patterns[i]!; bits !== 0; bits &= bits - 1) cells[row + 31 - Math.clz32(bits & -bits)]!++;
      }
    }
    const inStratum = new Float64Array(H * (K + 1));
    if (bySet) {
      for (let h = 0; h < H; h++) {
        for (let set = 0; set < sets; set++) {
          const n = cells[h * sets + set]!;
          if (n === 0) continue;
          inStratum[h * (K + 1) + K]! += n;
          for (let bits = set; bits !== 0; bits &= bits - 1) inStratum[h * (K + 1) + 31 - Math.clz32(bits & -bits)]! += n;
        }
      }
    } else {
      inStratum.set(cells);
    }
    for (let h = 0; h < H; h++) {
      const wh = constant[h]!;
      const n = inStratum[h * (K + 1) + K]!;
      base += n;
      T[h] = n * wh;
      R[h] = n * wh * wh;
      for (let k = 0; k < K; k++) {
        const c = inStratum[h * (K + 1) + k]!;
        counts[k]! += c;
        A[h * K + k] = c * wh;
        B[h * K + k] = c * wh * wh;
      }
    }
  } else {
    for (let i = 0; i < inBase.length; i++) {
      if (!inBase[i]) continue;
      const h = strata[i]!;
      const wi = w[i]!;
      const w2 = wi * wi;
      base++;
      T[h]! += wi;
      R[h]! += w2;
      let bits = patterns[i]!;
      while (bits !== 0) {
        const k = 31 - Math.clz32(bits & -bits);
        bits &= bits - 1;
        A[h * K + k]! += wi;
        B[h * K + k]! += w2;
        counts[k]!++;
      }
    }
  }
  for (let h = 0; h < H; h++) stratumSeen[h] = T[h]! > 0 ? 1 : 0;
  return estimatesFromMoments(design, { K, T, R, A, B, C: B, counts, stratumSeen, base, psusInBase: base });
}

const stratumWeightCache = new WeakMap<SurveyDesign, Float64Array | null>();

/**
 * Each stratum's weight when weights are constant within every stratum (equal weights, or N_h/n_h
 * of a stratified design), else null: then a category's weighted sums are its count times the
 * stratum's weight, and counting is all a pass over respondents needs. Computed once per design.
 */
export function stratumWeights(design: SurveyDesign): Float64Array | null {
  const cached = stratumWeightCache.get(design);
  if (cached !== undefined) return cached;
  const weights = new Float64Array(design.stratumCount).fill(Number.NaN);
  let constant: Float64Array | null = weights;
  for (let i = 0; i < design.n; i++) {
    const h = design.strata[i]!;
    const wi = design.weights[i]!;
    if (Number.isNaN(weights[h]!)) weights[h] = wi;
    else if (weights[h] !== wi) {
      constant = null;
      break;
    }
  }
  stratumWeightCache.set(design, constant);
  return constant;
}
