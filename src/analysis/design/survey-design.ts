/**
 * A survey design as R's `svydesign(ids = ~PSU, strata = ~STRATA, fpc = ~FPC, weights = ~W)`
 * sees it: one weight, one stratum and one primary sampling unit per respondent (by default
 * each respondent is their own PSU, `ids = ~1`), and per stratum its number of PSUs n_h and,
 * when known, its population size N_h (in PSUs).
 */
export interface SurveyDesign {
  n: number;
  weights: Float64Array;
  /** Stratum index per respondent, 0 … stratumCount − 1. */
  strata: Int32Array;
  stratumCount: number;
  /** PSU index per respondent (0 … psuCount − 1); each respondent alone unless clustered. */
  psu: Int32Array;
  psuCount: number;
  /** n_h: PSUs per stratum over the whole design (domains never change it). */
  stratumSize: Int32Array;
  /** N_h per stratum, or NaN when there is no finite population correction. */
  stratumPopulation: Float64Array;
  /** How the design was made, for labelling results. */
  description: DesignDescription;
}

export interface DesignDescription {
  weights: string;
  strata: string;
  clusters: string;
  fpc: string;
}

export interface DesignInput {
  n: number;
  /** Stratum per respondent (any key); omitted: one stratum. */
  strata?: ArrayLike<number | string>;
  /** N_h per respondent (constant within a stratum); NaN or omitted: no FPC. */
  population?: ArrayLike<number>;
  /** Weights per respondent; omitted: N_h/n_h where N_h is known, else 1. */
  weights?: ArrayLike<number>;
  /** Cluster (PSU) per respondent, nested in strata; omitted: every respondent is a PSU. */
  clusters?: ArrayLike<number | string>;
  description?: Partial<DesignDescription>;
}

/**
 * Builds a design. Missing-data rule: a respondent without a population size makes their whole
 * stratum go without FPC; weights must be positive and finite (an error names the first bad one).
 * Example: createDesign({ n: 3, strata: ['a', 'a', 'b'], population: [10, 10, 4] }) has weights
 * [5, 5, 4] and f = [0.2, 0.25].
 */
export function createDesign(input: DesignInput): SurveyDesign {
  const { n } = input;
  const { strata, count } = stratumIndexes(n, input.strata);
  const stratumCount = Math.max(count, n === 0 ? 0 : 1);
  const psu = new Int32Array(n);
  const stratumSize = new Int32Array(stratumCount);
  let psuCount = n;
  if (!input.clusters) {
    // Every respondent is their own PSU: no lookup needed.
    for (let i = 0; i < n; i++) {
      psu[i] = i;
      stratumSize[strata[i]!]!++;
    }
  } else {
    const psuIndex = new Map<number | string, number>();
    const psuStratum: number[] = [];
    for (let i = 0; i < n; i++) {
      const key = input.clusters[i]!;
      let p = psuIndex.get(key);
      if (p === undefined) {
        p = psuIndex.size;
        psuIndex.set(key, p);
        psuStratum.push(strata[i]!);
      } else if (psuStratum[p] !== strata[i]) throw new Error(`cluster ${String(key)} spans more than one stratum; clusters must be nested in strata`);
      psu[i] = p;
    }
    for (const h of psuStratum) stratumSize[h]!++;
    psuCount = psuIndex.size;
  }
  const stratumPopulation = new Float64Array(stratumCount).fill(Number.NaN);
  if (input.population) {
    const seen = new Uint8Array(stratumCount);
    const missing = new Uint8Array(stratumCount);
    for (let i = 0; i < n; i++) {
      const h = strata[i]!;
      const N = Number(input.population[i]);
      if (!Number.isFinite(N) || N <= 0) missing[h] = 1;
      else if (!seen[h]) {
        stratumPopulation[h] = N;
        seen[h] = 1;
      } else if (stratumPopulation[h] !== N) throw new Error(`population sizes differ within stratum ${h}: ${stratumPopulation[h]} and ${N}`);
    }
    for (let h = 0; h < stratumCount; h++) {
      if (missing[h]) stratumPopulation[h] = Number.NaN;
      else if (stratumPopulation[h]! < stratumSize[h]!) throw new Error(`stratum ${h} has ${stratumSize[h]} respondents but a population of ${stratumPopulation[h]}`);
    }
  }
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const h = strata[i]!;
    const w = input.weights ? Number(input.weights[i]) : Number.isNaN(stratumPopulation[h]!) ? 1 : stratumPopulation[h]! / stratumSize[h]!;
    if (!Number.isFinite(w) || w <= 0) throw new Error(`weight ${input.weights?.[i]} of respondent ${i + 1} is not a positive number`);
    weights[i] = w;
  }
  return {
    n,
    weights,
    strata,
    stratumCount,
    psu,
    psuCount,
    stratumSize,
    stratumPopulation,
    description: {
      weights: input.description?.weights ?? (input.weights ? 'given' : input.population ? 'N_h/n_h' : 'none'),
      strata: input.description?.strata ?? (input.strata ? 'given' : 'none'),
      clusters: input.description?.clusters ?? (input.clusters ? 'given' : 'none'),
      fpc: input.description?.fpc ?? (input.population ? 'given' : 'none'),
    },
  };
}

/** Each respondent's stratum as 0 … count − 1, numbered in order of first appearance. */
function stratumIndexes(n: number, keys: DesignInput['strata']): { strata: Int32Array; count: number } {
  const strata = new Int32Array(n);
  if (!keys) return { strata, count: n === 0 ? 0 : 1 };
  if (keys instanceof Int32Array && n > 0) {
    // Small non-negative codes (strata from an attribute, coded per organisation): renumbered
    // through an array instead of a hash lookup per respondent.
    let max = -1;
    let min = 0;
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      if (key > max) max = key;
      if (key < min) min = key;
    }
    if (min >= 0 && max < 4 * n + 1024) {
      const index = new Int32Array(max + 1).fill(-1);
      let count = 0;
      for (let i = 0; i < n; i++) {
        const key = keys[i]!;
        let h = index[key]!;
        if (h < 0) index[key] = h = count++;
        strata[i] = h;
      }
      return { strata, count };
    }
  }
  const index = new Map<number | string, number>();
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    let h = index.get(key);
    if (h === undefined) {
      h = index.size;
      index.set(key, h);
    }
    strata[i] = h;
  }
  return { strata, count: index.size };
}
