export type Category = string | number;

/** One raking variable: each respondent's category and the population total of each category. */
export interface RakingMargin {
  /** For messages, e.g. 'type'. */
  name: string;
  /** Category per respondent; null, undefined, NaN or '' means unclassified (an error). */
  categories: ArrayLike<Category | null | undefined>;
  /** Population total per category (a Map, or a plain object keyed by category). */
  totals: ReadonlyMap<Category, number> | Readonly<Record<string, number>>;
}

export interface TrimmingBounds {
  /** Smallest weight allowed, as a multiple of the mean raked weight (e.g. 0.3). */
  lower?: number;
  /** Largest weight allowed, as a multiple of the mean raked weight (e.g. 3). */
  upper?: number;
  /** Repeat trimming until the redistribution pushes nothing back outside (R's strict = TRUE). */
  strict?: boolean;
}

export interface RakingOptions {
  /** Starting (design) weights; omitted: 1 for each respondent. */
  startingWeights?: ArrayLike<number>;
  margins: readonly RakingMargin[];
  /** Converged when every margin's |Σw − T|/(1 + |T|) is below this; default 1e-7. */
  tolerance?: number;
  /** Full passes over all margins before giving up with an error; default 100. */
  maxIterations?: number;
  trim?: TrimmingBounds;
}

export interface RakingResult {
  weights: Float64Array;
  /** Full passes over the margins that were needed (0 when the starting weights already fit). */
  iterations: number;
  converged: true;
  /** max |Σw − T|/(1 + |T|) over all categories of all margins after raking, before trimming. */
  maxRelativeMisfit: number;
  /** Weights moved to a bound by trimming (0 without trimming); trimming leaves margins off. */
  trimmed: number;
  /** The absolute bounds trimming used (multiples × mean raked weight), when asked for. */
  trimBounds?: { lower: number; upper: number };
}

/**
 * Raking (iterative proportional fitting, Deming & Stephan 1940): starting from weights d,
 * repeatedly, for each margin m in turn and each of its categories c,
 *
 *   wᵢ ← wᵢ · T_{m,c} / Σ_{j∈c} wⱼ      for every respondent i in category c
 *
 * until every margin fits: |Σ_{i∈c} wᵢ − T_{m,c}| / (1 + |T_{m,c}|) < tolerance for all m, c (the
 * criterion of R survey's `calibrate(…, calfun = "raking")`; its fixed point is the same raking
 * solution). Not converging within maxIterations is an error naming the achieved misfit.
 * Optional trimming afterwards follows R's `trimWeights(design, lower, upper, strict)`: bounds
 * are given relative to the mean raked weight; weights outside are set to the bound and the
 * total trimmed off (or added) is shared equally among the weights that were inside, so Σw is
 * kept but the margins no longer fit exactly.
 * Afterwards estimates treat the weights as fixed: createDesign({ n, weights }).
 * Missing-data rule: every respondent needs a category on every margin (impute or drop first);
 * an unclassified respondent, a sample category absent from the margin's totals, a margin category
 * with no respondents and margins with different grand totals are each a clear error.
 * Example: 3 respondents of type [a, a, b], margin {a: 10, b: 30} give weights [5, 5, 30]
 * in 1 iteration.
 */
export function rakeWeights(options: RakingOptions): RakingResult {
  const { margins } = options;
  const tolerance = options.tolerance ?? 1e-7;
  const maxIterations = options.maxIterations ?? 100;
  if (margins.length === 0) throw new Error('raking needs at least one margin');
  if (!(tolerance > 0)) throw new Error(`raking tolerance ${tolerance} must be positive`);
  const n = options.startingWeights?.length ?? margins[0]!.categories.length;
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = options.startingWeights ? Number(options.startingWeights[i]) : 1;
    if (!Number.isFinite(w) || w <= 0) throw new Error(`starting weight ${w} of respondent ${i + 1} is not a positive number`);
    weights[i] = w;
  }
  const coded = margins.map((margin) => codeMargin(margin, n));
  const grand = coded.map((m) => m.targets.reduce((s, t) => s + t, 0));
  for (let k = 1; k < coded.length; k++) {
    if (Math.abs(grand[k]! - grand[0]!) / (1 + Math.abs(grand[0]!)) >= tolerance) {
      throw new Error(`margin '${margins[k]!.name}' totals ${grand[k]} but margin '${margins[0]!.name}' totals ${grand[0]}: raking cannot fit margins with different population totals`);
    }
  }

  let iterations = 0;
  let misfit = maxMisfit(coded, weights);
  while (misfit >= tolerance) {
    if (iterations >= maxIterations) {
      throw new Error(`raking did not converge in ${maxIterations} iterations: largest relative misfit ${misfit} is not below the tolerance ${tolerance}`);
    }
    for (const margin of coded) {
      const sums = categorySums(margin, weights);
      const factor = margin.targets.map((t, c) => t / sums[c]!);
      for (let i = 0; i < n; i++) weights[i]! *= factor[margin.codes[i]!]!;
    }
    iterations++;
    misfit = maxMisfit(coded, weights);
  }

  const result: RakingResult = { weights, iterations, converged: true, maxRelativeMisfit: misfit, trimmed: 0 };
  if (options.trim && (options.trim.lower !== undefined || options.trim.upper !== undefined)) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += weights[i]!;
    mean /= n;
    const lower = (options.trim.lower ?? Number.NEGATIVE_INFINITY) * mean;
    const upper = (options.trim.upper ?? Number.POSITIVE_INFINITY) * mean;
    if (!(lower <= mean && mean <= upper)) throw new Error(`trimming bounds ${options.trim.lower}–${options.trim.upper} (relative to the mean weight) must include 1`);
    result.trimmed = trimWeights(weights, lower, upper, options.trim.strict ?? false);
    result.trimBounds = { lower, upper };
  }
  return result;
}

interface CodedMargin {
  name: string;
  codes: Int32Array;
  labels: Category[];
  targets: number[];
}

function codeMargin(margin: RakingMargin, n: number): CodedMargin {
  if (margin.categories.length !== n) throw new Error(`margin '${margin.name}' has ${margin.categories.length} categories for ${n} respondents`);
  const entries: [Category, number][] = margin.totals instanceof Map ? [...margin.totals.entries()] : Object.entries(margin.totals);
  const index = new Map<string, number>();
  const labels: Category[] = [];
  const targets: number[] = [];
  for (const [label, total] of entries) {
    if (!Number.isFinite(total) || total <= 0) throw new Error(`population total ${total} of ${margin.name} = '${label}' is not a positive number`);
    index.set(String(label), labels.length);
    labels.push(label);
    targets.push(total);
  }
  const codes = new Int32Array(n);
  const seen = new Uint8Array(labels.length);
  for (let i = 0; i < n; i++) {
    const value = margin.categories[i];
    if (value === null || value === undefined || value === '' || (typeof value === 'number' && Number.isNaN(value))) {
      throw new Error(`respondent ${i + 1} has no ${margin.name}: raking needs every respondent classified on every margin`);
    }
    const c = index.get(String(value));
    if (c === undefined) throw new Error(`respondent ${i + 1} has ${margin.name} = '${value}', which has no population total in the margin`);
    codes[i] = c;
    seen[c] = 1;
  }
  const empty = labels.filter((_, c) => !seen[c]);
  if (empty.length > 0) throw new Error(`no respondents have ${margin.name} = '${empty.join("', '")}': raking cannot reach a population total of respondents who are not there (merge categories)`);
  return { name: margin.name, codes, labels, targets };
}

function categorySums(margin: CodedMargin, weights: Float64Array): Float64Array {
  const sums = new Float64Array(margin.targets.length);
  for (let i = 0; i < weights.length; i++) sums[margin.codes[i]!]! += weights[i]!;
  return sums;
}

function maxMisfit(margins: readonly CodedMargin[], weights: Float64Array): number {
  let worst = 0;
  for (const margin of margins) {
    const sums = categorySums(margin, weights);
    margin.targets.forEach((t, c) => {
      worst = Math.max(worst, Math.abs(sums[c]! - t) / (1 + Math.abs(t)));
    });
  }
  return worst;
}

/**
 * R's trimWeights.survey.design2, in place; returns how many weights were ever outside the bounds.
 * As in R, a weight already on a bound counts as inside on a strict repeat and takes its share.
 */
function trimWeights(weights: Float64Array, lower: number, upper: number, strict: boolean): number {
  const n = weights.length;
  const everTrimmed = new Uint8Array(n);
  for (let round = 0; ; round++) {
    if (round === 1000) throw new Error('strict trimming did not settle in 1000 rounds: widen the bounds');
    let trimmings = 0;
    let inside = 0;
    const outside = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (w < lower || w > upper) {
        outside[i] = 1;
        everTrimmed[i] = 1;
        const bounded = Math.max(lower, Math.min(w, upper));
        trimmings += w - bounded;
        weights[i] = bounded;
      } else inside++;
    }
    if (inside === n) break;
    if (inside === 0) throw new Error('trimming put every weight on a bound: the bounds are too narrow');
    const share = trimmings / inside;
    for (let i = 0; i < n; i++) if (!outside[i]) weights[i]! += share;
    if (!strict) break;
  }
  return everTrimmed.reduce((count, t) => count + t, 0);
}
