import { chisquareCdf, fCdf } from '../distributions/distributions.js';
import type { SurveyDesign } from '../design/survey-design.js';

export interface RaoScottResult {
  /** Category codes present (both answers given), ascending: the table's rows and columns. */
  rowLevels: number[];
  columnLevels: number[];
  /** Weighted cell totals Σwᵢ, rows × columns (R: svytable(~row + col, design)). */
  weightedTable: number[][];
  /** Respondents per cell, rows × columns. */
  unweightedTable: number[][];
  /** Respondents with both answers. */
  n: number;
  /** Pearson's X² of the weighted table rescaled to the design's n (R: Ntotal = N). */
  pearson: number;
  /** Design degrees of freedom ν = respondents − strata (one PSU per respondent). */
  designDf: number;
  /** The design-effect matrix Δ through tr(Δ), tr(Δ²) and d₀ = tr(Δ)²/tr(Δ²). */
  delta: { trace: number; traceOfSquare: number; d0: number };
  /** Second-order Rao–Scott, svychisq's default statistic = "F". */
  f: { statistic: number; df: [number, number]; pValue: number };
  /** First-order Rao–Scott, svychisq(statistic = "Chisq"): X² reported, X²/mean(δ) referred to χ². */
  chisq: { statistic: number; df: number; pValue: number };
}

/**
 * Design-based test of association for a two-way table, as R survey's
 * `svychisq(~row + col, design)` (svychisq.survey.design, statistic "F" and "Chisq"; Rao & Scott
 * 1981, 1984). With K = (r − 1)(c − 1), N the design's respondents, p̂ the rc weighted cell
 * proportions (svymean over the respondents with both answers) and V̂ their linearised covariance:
 *
 *   X²  = Pearson's statistic of the weighted table scaled to total N
 *   C   = rc × K basis of the interaction contrasts (orthogonal to the main effects)
 *   D   = diag(p̂), D⁻ = diag(1/p̂, 0 where p̂ = 0)
 *   Δ   = (Cᵀ D⁻ C / N)⁻¹ Cᵀ D⁻ V̂ D⁻ C,   d₀ = tr(Δ)² / tr(Δ²)
 *   ν   = (number of PSUs) − (number of strata) = N − H here (ids = ~1)
 *   F   = X² / tr(Δ)  on  (d₀, d₀·ν) df                              (statistic = "F")
 *   X²  with  p = P(χ²_K > X² / (tr(Δ)/K))                            (statistic = "Chisq")
 *
 * R builds C by qr.resid of the interaction dummies on the main effects; this uses Helmert
 * contrasts for rows ⊗ Helmert for columns, which span the same space, so Δ is only changed by a
 * similarity and tr(Δ), tr(Δ²) are identical. Upper tails are 1 − cdf.
 * Missing-data rule: code −1 in either variable is R's NA with na.rm = TRUE — the respondent is
 * outside the domain (uᵢ = 0, strata kept whole) but still counts in N and ν, as in R. Levels are
 * the codes seen among respondents with both answers; with fewer than two rows or columns, or a
 * singular Δ, statistics and p-values are NaN.
 * Example: 37/120 against 55/130 in one unweighted design: X² = 3.5325, Δ = 250/249,
 * F = 3.5183 on (1, 249), p = 0.0619.
 */
export function raoScottTest(design: SurveyDesign, rowCodes: ArrayLike<number>, columnCodes: ArrayLike<number>): RaoScottResult {
  const N = design.n;
  if (rowCodes.length !== N || columnCodes.length !== N) throw new Error(`cross-tab needs ${N} row and column codes, got ${rowCodes.length} and ${columnCodes.length}`);
  const rowLevels = presentLevels(rowCodes, columnCodes);
  const columnLevels = presentLevels(columnCodes, rowCodes);
  const r = rowLevels.length;
  const k = r * columnLevels.length;
  const rowIndex = new Map(rowLevels.map((code, i) => [code, i]));
  const columnIndex = new Map(columnLevels.map((code, j) => [code, j]));
  const size = design.stratumCount * k;
  const dense = { counts: new Float64Array(size), weights: new Float64Array(size), squaredWeights: new Float64Array(size) };
  for (let i = 0; i < N; i++) {
    if (rowCodes[i]! < 0 || columnCodes[i]! < 0) continue;
    const at = design.strata[i]! * k + rowIndex.get(rowCodes[i]!)! + r * columnIndex.get(columnCodes[i]!)!;
    const w = design.weights[i]!;
    dense.weights[at]! += w;
    dense.squaredWeights[at]! += w * w;
    dense.counts[at]!++;
  }
  const table = new StrataTableBuilder(rowLevels, columnLevels);
  for (let h = 0; h < design.stratumCount; h++) {
    for (let x = 0; x < k; x++) if (dense.counts[h * k + x]! > 0) table.add(x, dense.counts[h * k + x]!, dense.weights[h * k + x]!, dense.squaredWeights[h * k + x]!);
    table.endStratum();
  }
  return raoScottFromStrata(design, table.finish());
}

/**
 * A two-way table split by stratum, each stratum's cells in use only: entries
 * stratumStart[h] … stratumStart[h + 1] − 1 are stratum h's, each a cell (rows fastest, as R's
 * interaction(factor(row), factor(col))) with its respondents, Σwᵢ and Σwᵢ². Every level is
 * one in use.
 */
export interface StrataTable {
  rowLevels: number[];
  columnLevels: number[];
  stratumStart: Int32Array;
  cell: Int32Array;
  counts: Float64Array;
  weights: Float64Array;
  squaredWeights: Float64Array;
}

/** Builds a {@link StrataTable} stratum by stratum, in stratum order: each cell of a stratum added once. */
export class StrataTableBuilder {
  private readonly starts: number[] = [0];
  private readonly cells: number[] = [];
  private readonly counts: number[] = [];
  private readonly weights: number[] = [];
  private readonly squaredWeights: number[] = [];

  constructor(
    private readonly rowLevels: number[],
    private readonly columnLevels: number[],
  ) {}

  add(cell: number, count: number, weight: number, squaredWeight: number): void {
    this.cells.push(cell);
    this.counts.push(count);
    this.weights.push(weight);
    this.squaredWeights.push(squaredWeight);
  }

  endStratum(): void {
    this.starts.push(this.cells.length);
  }

  finish(): StrataTable {
    return {
      rowLevels: this.rowLevels,
      columnLevels: this.columnLevels,
      stratumStart: Int32Array.from(this.starts),
      cell: Int32Array.from(this.cells),
      counts: Float64Array.from(this.counts),
      weights: Float64Array.from(this.weights),
      squaredWeights: Float64Array.from(this.squaredWeights),
    };
  }
}

/**
 * {@link raoScottTest} from the table's sums per stratum and cell, which are all it needs (the
 * linearised covariance of the cell proportions is a sum over strata of their first and second
 * moments): a cross-tab of many questions by one breakdown can sum them in one pass each. The
 * design gives the strata's sizes, populations and N.
 */
export function raoScottFromStrata(design: Pick<SurveyDesign, 'n' | 'stratumCount' | 'stratumSize' | 'stratumPopulation'>, table: StrataTable): RaoScottResult {
  const N = design.n;
  const H = design.stratumCount;
  const { rowLevels, columnLevels } = table;
  const r = rowLevels.length;
  const c = columnLevels.length;
  const k = r * c;
  const totals = new Float64Array(k);
  const counts = new Float64Array(k);
  for (let e = 0; e < table.cell.length; e++) {
    totals[table.cell[e]!]! += table.weights[e]!;
    counts[table.cell[e]!]! += table.counts[e]!;
  }
  let W = 0;
  let n = 0;
  for (let x = 0; x < k; x++) {
    W += totals[x]!;
    n += counts[x]!;
  }
  const weightedTable = reshape(totals, r, c);
  const unweightedTable = reshape(counts, r, c);
  const designDf = N - H;
  const K = (r - 1) * (c - 1);
  const none = Number.NaN;
  if (r < 2 || c < 2) {
    return { rowLevels, columnLevels, weightedTable, unweightedTable, n, pearson: none, designDf, delta: { trace: none, traceOfSquare: none, d0: none }, f: { statistic: none, df: [none, none], pValue: none }, chisq: { statistic: none, df: 0, pValue: none } };
  }

  const pearson = pearsonStatistic(totals, r, c, N / W);
  const p = totals.map((t) => t / W);
  const V = cellCovariance(design, table, p, W);
  const C = interactionContrasts(r, c);
  // G = D⁻C; denom = CᵀD⁻C / N = CᵀG / N; numr = GᵀV̂G. The contrasts are mostly zeros: products
  // run row by row, skipping them.
  const G = new Float64Array(k * K);
  for (let a = 0; a < k; a++) {
    const inverse = p[a] === 0 ? 0 : 1 / p[a]!;
    for (let q = 0; q < K; q++) G[a * K + q] = inverse * C[a * K + q]!;
  }
  const VG = new Float64Array(k * K);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const v = V[a * k + b]!;
      if (v === 0) continue;
      for (let q = 0; q < K; q++) VG[a * K + q]! += v * G[b * K + q]!;
    }
  }
  const denom = new Float64Array(K * K);
  const numr = new Float64Array(K * K);
  for (let a = 0; a < k; a++) {
    for (let q = 0; q < K; q++) {
      const g = G[a * K + q]!;
      if (g === 0) continue;
      for (let s = 0; s < K; s++) {
        denom[q * K + s]! += g * C[a * K + s]!;
        numr[q * K + s]! += g * VG[a * K + s]!;
      }
    }
  }
  for (let at = 0; at < K * K; at++) denom[at]! /= N;
  const Delta = solve(denom, numr, K);
  let trace = 0;
  let traceOfSquare = 0;
  for (let q = 0; q < K; q++) {
    trace += Delta[q * K + q]!;
    for (let s = 0; s < K; s++) traceOfSquare += Delta[q * K + s]! * Delta[s * K + q]!;
  }
  const d0 = (trace * trace) / traceOfSquare;
  const statistic = pearson / trace;
  const df: [number, number] = [d0, d0 * designDf];
  const fPValue = d0 > 0 && designDf > 0 ? 1 - fCdf(statistic, df[0], df[1]) : Number.NaN;
  const chisqPValue = 1 - chisquareCdf(pearson / (trace / K), K);
  return {
    rowLevels,
    columnLevels,
    weightedTable,
    unweightedTable,
    n,
    pearson,
    designDf,
    delta: { trace, traceOfSquare, d0 },
    f: { statistic, df, pValue: fPValue },
    chisq: { statistic: pearson, df: K, pValue: chisqPValue },
  };
}

function presentLevels(codes: ArrayLike<number>, other: ArrayLike<number>): number[] {
  const seen = new Set<number>();
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (code >= 0 && other[i]! >= 0) {
      if (!Number.isInteger(code)) throw new Error(`category code ${code} of respondent ${i + 1} is not an integer`);
      seen.add(code);
    }
  }
  return [...seen].sort((a, b) => a - b);
}

function reshape(cells: Float64Array, r: number, c: number): number[][] {
  return Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => cells[i + r * j]!));
}

/** R's chisq.test(table * scale, correct = FALSE)$statistic. */
function pearsonStatistic(totals: Float64Array, r: number, c: number, scale: number): number {
  const rowSums = new Float64Array(r);
  const columnSums = new Float64Array(c);
  let total = 0;
  for (let j = 0; j < c; j++) {
    for (let i = 0; i < r; i++) {
      const o = totals[i + r * j]! * scale;
      rowSums[i]! += o;
      columnSums[j]! += o;
      total += o;
    }
  }
  let x2 = 0;
  for (let j = 0; j < c; j++) {
    for (let i = 0; i < r; i++) {
      const e = (rowSums[i]! * columnSums[j]!) / total;
      const d = totals[i + r * j]! * scale - e;
      x2 += (d * d) / e;
    }
  }
  return x2;
}

/**
 * Linearised covariance of the cell proportions over the domain (respondents in the table), by
 * the rule of linearisedVariance (strata kept whole, FPC, lonely strata centred on the grand
 * mean): uᵢ = aᵢ(e_cell − p̂) with aᵢ = wᵢ/W. With f_h and b_h the stratum's Σaᵢ and Σaᵢ² by cell,
 * a1_h = Σf_h, a2_h = Σb_h and s_h = Σ_{i∈h} uᵢ = f_h − a1_h p̂, each stratum adds
 *
 *   β_h (diag(b_h) − b_h p̂ᵀ − p̂ b_hᵀ + a2_h p̂p̂ᵀ) + γ_h s_h s_hᵀ
 *
 * with β_h = (1 − f_h)·n_h/(n_h − 1) and γ_h = −β_h/n_h, or β_h = 0 and γ_h = 1 − f_h for a
 * stratum of one PSU (the grand mean of the s_h is 0, as Σ_h s_h = 0). Expanding s_h s_hᵀ, only
 * f_h f_hᵀ is not a rank-one product with p̂, and f_h is zero outside the cells in use in the
 * stratum; so V is a few vectors summed over strata plus, per stratum, the products of its cells
 * in use — not k² terms per stratum (a cross-tab by organisation type has one group per
 * organisation).
 */
function cellCovariance(design: Pick<SurveyDesign, 'n' | 'stratumCount' | 'stratumSize' | 'stratumPopulation'>, table: StrataTable, p: Float64Array, W: number): Float64Array {
  const k = p.length;
  const H = design.stratumCount;
  const V = new Float64Array(k * k);
  // Σβb, Σγ·a1·f, Σβ·a2 and Σγ·a1²; the sparse Σγ f fᵀ goes straight into V.
  const sumB = new Float64Array(k);
  const sumF = new Float64Array(k);
  let sumA2 = 0;
  let sumA1 = 0;
  for (let h = 0; h < H; h++) {
    const nh = design.stratumSize[h]!;
    const from = table.stratumStart[h]!;
    const to = table.stratumStart[h + 1]!;
    if (nh === 0 || from === to) continue;
    let a1 = 0;
    let a2 = 0;
    for (let e = from; e < to; e++) {
      a1 += table.weights[e]! / W;
      a2 += table.squaredWeights[e]! / (W * W);
    }
    const Nh = design.stratumPopulation[h]!;
    const finite = Number.isNaN(Nh) ? 1 : 1 - nh / Nh;
    const beta = nh === 1 ? 0 : finite * (nh / (nh - 1));
    const gamma = nh === 1 ? finite : -beta / nh;
    sumA2 += beta * a2;
    sumA1 += gamma * a1 * a1;
    for (let e = from; e < to; e++) {
      const x = table.cell[e]!;
      const fx = table.weights[e]! / W;
      sumB[x]! += beta * (table.squaredWeights[e]! / (W * W));
      sumF[x]! += gamma * a1 * fx;
      for (let d = from; d < to; d++) V[x * k + table.cell[d]!]! += gamma * fx * (table.weights[d]! / W);
    }
  }
  for (let x = 0; x < k; x++) {
    const gx = sumB[x]! + sumF[x]!;
    V[x * k + x]! += sumB[x]!;
    for (let y = 0; y < k; y++) V[x * k + y]! += (sumA2 + sumA1) * p[x]! * p[y]! - gx * p[y]! - p[x]! * (sumB[y]! + sumF[y]!);
  }
  return V;
}

/** Helmert contrasts for rows ⊗ columns, rc × (r − 1)(c − 1), cells rows fastest. */
function interactionContrasts(r: number, c: number): Float64Array {
  const helmert = (level: number, column: number) => (level <= column ? -1 : level === column + 1 ? column + 1 : 0);
  const K = (r - 1) * (c - 1);
  const C = new Float64Array(r * c * K);
  for (let j = 0; j < c; j++) {
    for (let i = 0; i < r; i++) {
      for (let b = 0; b < c - 1; b++) {
        for (let a = 0; a < r - 1; a++) C[(i + r * j) * K + a + (r - 1) * b] = helmert(i, a) * helmert(j, b);
      }
    }
  }
  return C;
}

/** A⁻¹B for K × K matrices by Gaussian elimination with partial pivoting; NaN when A is singular. */
function solve(A: Float64Array, B: Float64Array, K: number): Float64Array {
  const a = Float64Array.from(A);
  const b = Float64Array.from(B);
  for (let col = 0; col < K; col++) {
    let pivot = col;
    for (let row = col + 1; row < K; row++) if (Math.abs(a[row * K + col]!) > Math.abs(a[pivot * K + col]!)) pivot = row;
    if (!(Math.abs(a[pivot * K + col]!) > 0)) return new Float64Array(K * K).fill(Number.NaN);
    if (pivot !== col) {
      for (let x = 0; x < K; x++) {
        [a[col * K + x], a[pivot * K + x]] = [a[pivot * K + x]!, a[col * K + x]!];
        [b[col * K + x], b[pivot * K + x]] = [b[pivot * K + x]!, b[col * K + x]!];
      }
    }
    const diagonal = a[col * K + col]!;
    for (let row = 0; row < K; row++) {
      if (row === col) continue;
      const factor = a[row * K + col]! / diagonal;
      if (factor === 0) continue;
      for (let x = 0; x < K; x++) {
        a[row * K + x]! -= factor * a[col * K + x]!;
        b[row * K + x]! -= factor * b[col * K + x]!;
      }
    }
  }
  for (let row = 0; row < K; row++) {
    const diagonal = a[row * K + row]!;
    for (let x = 0; x < K; x++) b[row * K + x]! /= diagonal;
  }
  return b;
}
