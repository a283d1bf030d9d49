import type { ChoiceQuestion } from '../definition/schema.js';
import { testDifference, type ProportionEstimate } from './compare-proportions.js';
import { intervalMethods, type IntervalMethod } from './interval-methods.js';
import { quartilesType7 } from './quantile-type7.js';
import type { OrgAttributes } from './respondent-record.js';
import type { Comparison, DesignSummary, Estimate } from './results-model.js';
import type { SurveyDesign } from './survey-design.js';
import { minTestBase } from './survey-results.js';
import type { Column, SurveySnapshot } from './survey-snapshot.js';

/**
 * Organisation benchmarks: every organisation's figures beside its peer group's (organisations
 * of the same type, itself included) and the sector's (everyone), the sector benchmark (the
 * median organisation, DESIGN.md), and tests against the rest of the sector and the rest of the
 * peer group — for all organisations of a survey in one pass per question.
 *
 * How it stays fast: respondents are grouped into cells (organisation × stratum). One pass per
 * question gives each cell's moments per category k (an option or a net):
 *
 *   A = ΣS, B = ΣS², C = ΣST, T = ΣT_j, R = ΣT_j²   over the cell's PSUs j (S_j = Σwᵢyᵢₖ, T_j = Σwᵢ)
 *
 * (for respondent PSUs S = wy and T = w, so B = C = Σw²y and R = Σw²). Every domain used here —
 * an organisation, a peer group, the sector, the sector or peer group without one organisation —
 * is a union of cells, so its moments per stratum are sums (or differences) of cell moments.
 * With z_j = (S_j − p̂T_j)/W, a stratum's contribution to W²·V (see {@link estimateCategories}) is
 * a quadratic in p̂:
 *
 *   q_h(p̂) = s_h·[(B − A²/n_h) − 2p̂(C − AT/n_h) + p̂²(R − T²/n_h)],   s_h = (1 − f_h)·n_h/(n_h − 1)
 *
 * or, for a lonely stratum (n_h = 1), s_h = 1 − f_h without the /n_h terms. So a domain's
 * variance is Σ_h q_h(p̂)/W² over the strata it touches (n_h stays the stratum's full count), and
 * the rest of the sector without organisation X is the sector's summed quadratic minus, in the
 * few strata X touches, the stratum's term plus the term of the stratum without X.
 *
 * Requires PSUs nested in organisations (each respondent their own PSU, or clusters that are
 * organisations or lie inside one); the design of {@link resolveDesign} always is.
 * Missing data: only respondents in a question's base count (answered; substantive when the
 * question says so). An empty domain has p̂ = NaN and no estimate.
 */

/** Estimates of one kind of domain (organisations, peer groups or the sector) for one question. */
export interface DomainFigures {
  /** Unweighted base per domain. */
  base: Float64Array;
  weightedBase: Float64Array;
  /** Design degrees of freedom per domain (PSUs − strata in the base). */
  df: Float64Array;
  /** Per domain d and category k at d·K + k: unweighted count, weighted count Σwy, p̂ (NaN when empty) and V. */
  count: Float64Array;
  weightedCount: Float64Array;
  p: Float64Array;
  variance: Float64Array;
}

/** Per organisation: a domain without it (the rest of the sector or of its peer group). */
export interface RestFigures {
  base: Float64Array;
  /** At org·K + k. */
  p: Float64Array;
  variance: Float64Array;
}

export interface QuestionBenchmarks {
  question: ChoiceQuestion;
  /** The options, then the nets: category k of every array. */
  categories: Array<{ code: string; label: string; kind: 'option' | 'net' }>;
  organisations: DomainFigures;
  peerGroups: DomainFigures;
  sector: DomainFigures;
  restOfSector: RestFigures;
  restOfPeerGroup: RestFigures;
  /** Organisations whose base reaches the scoring minimum, and the type 7 quartiles of their p̂ per category (NaN when none). */
  scoredOrganisations: number;
  median: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

export interface OrganisationBenchmarks {
  organisations: readonly OrgAttributes[];
  /** Respondents per organisation (over the whole survey, not one question). */
  respondents: Int32Array;
  /** Peer groups (organisation types) in order of first appearance, and each organisation's. */
  peerGroups: string[];
  peerGroupOf: Int32Array;
  peerGroupOrganisations: Int32Array;
  peerGroupRespondents: Int32Array;
  sectorRespondents: number;
  interval: IntervalMethod;
  /** Organisations are scored (enter the median and quartiles) when their base reaches this. */
  scoreMinBase: number;
  questions: QuestionBenchmarks[];
}

export interface BenchmarkOptions {
  design: SurveyDesign;
  interval: IntervalMethod;
  /** The smallest base with which an organisation's score counts towards the sector benchmark. */
  scoreMinBase: number;
}

/** One figure of an organisation's benchmark report. */
export interface BenchmarkFigure {
  code: string;
  label: string;
  /** An option of the question, or a net (options combined). */
  kind: 'option' | 'net';
  organisation: Estimate;
  peerGroup: Estimate;
  sector: Estimate;
  /** The median organisation's percent (0–100) over scored organisations; null when none is scored. */
  sectorMedian: number | null;
  sectorQuartiles: { lower: number | null; upper: number | null };
  /** Hyndman & Fan definition of the median and quartiles (R's default, type 7). */
  quantileType: 7;
  /** Organisations whose base reaches the minimum base: those the median and quartiles are taken over. */
  scoredOrganisations: number;
  /** By percent: 1 at or above the upper quartile, 2 at or above the median, 3 at or above the lower quartile, 4 below; null when not scored. */
  quartile: 1 | 2 | 3 | 4 | null;
  /** Against the rest of the sector (everyone but this organisation); null when withheld by disclosure control. */
  vsSector: Comparison | null;
  /** Against the rest of the peer group; null when withheld by disclosure control. */
  vsPeerGroup: Comparison | null;
}

export interface BenchmarkQuestion {
  id: string;
  type: 'single' | 'multiple' | 'scale';
  text: string;
  figures: BenchmarkFigure[];
}

/** What `canvass benchmark --json` prints: one organisation against its peer group and the sector. */
export interface OrganisationBenchmarkReport {
  survey: string;
  title: string;
  notice: string | null;
  /** The wave benchmarked, in a survey with waves. */
  wave: string | null;
  organisation: { id: string; name: string; type: string; typeLabel: string };
  respondents: number;
  peerGroup: { type: string; label: string; organisations: number; respondents: number };
  sector: { organisations: number; respondents: number };
  design: DesignSummary;
  interval: string;
  intervalLabel: string;
  unit: 'respondents' | 'organisations';
  /** The smallest unweighted base shown, and the smallest with which an organisation is scored. */
  minBase: number;
  questions: BenchmarkQuestion[];
}

export const vsSectorLabel = 'rest of the sector';
export const vsPeerGroupLabel = 'rest of the peer group';

/** Cells of one kind of domain: each a (domain, stratum) pair, built from organisation × stratum cells. */
interface Level {
  domains: number;
  cells: number;
  /** The level's cell of each organisation × stratum cell. */
  cellOfPair: Int32Array;
  cellStratum: Int32Array;
  /** Cells of each domain: cellList[domainStart[d] … domainStart[d + 1]). */
  domainStart: Int32Array;
  cellList: Int32Array;
}

interface Frame {
  n: number;
  strata: number;
  pairs: number;
  /** Organisation × stratum cell of each respondent. */
  pairOf: Int32Array;
  /** The unit a question's first pass adds each respondent to: their cell, or with clusters their PSU. */
  unitOf: Int32Array;
  /** Each unit's weight when every unit's respondents share one (then a pass only counts), else null. */
  unitWeight: Float64Array | null;
  /** Reused by every multiple-choice question: the set of options each respondent chose. */
  sets: Int32Array;
  pairOrg: Int32Array;
  organisation: Level;
  peerGroup: Level;
  sector: Level;
  /** n_h and s_h per stratum (see the module comment). */
  stratumSize: Int32Array;
  stratumScale: Float64Array;
  /** With clusters: the organisation × stratum cell of each PSU. */
  clustered: boolean;
  psuPair: Int32Array;
}

/** Moments per cell (cells × K for A, B, C and count; cells for the rest). */
interface Moments {
  cells: number;
  K: number;
  base: Float64Array;
  psus: Float64Array;
  T: Float64Array;
  R: Float64Array;
  count: Float64Array;
  A: Float64Array;
  B: Float64Array;
  C: Float64Array;
}

/**
 * The benchmarks of every organisation of a snapshot under one design, for every single-choice,
 * scale and multiple-choice question (number and text questions have no benchmark).
 * Example: with equal weights and no strata, an organisation with 12 of its 40 respondents
 * choosing an option has p̂ = 0.3 and the variance of a domain of the whole design.
 */
export function computeOrganisationBenchmarks(snapshot: SurveySnapshot, options: BenchmarkOptions): OrganisationBenchmarks {
  const frame = buildFrame(snapshot, options.design);
  const O = snapshot.orgs.length;
  const respondents = new Int32Array(O);
  for (let i = 0; i < snapshot.n; i++) respondents[snapshot.orgIndex[i]!]!++;
  const { peerGroups, peerGroupOf } = peerGroupsOf(snapshot.orgs);
  const peerGroupOrganisations = new Int32Array(peerGroups.length);
  const peerGroupRespondents = new Int32Array(peerGroups.length);
  for (let o = 0; o < O; o++) {
    peerGroupOrganisations[peerGroupOf[o]!]!++;
    peerGroupRespondents[peerGroupOf[o]!]! += respondents[o]!;
  }
  const questions: QuestionBenchmarks[] = [];
  for (const question of snapshot.definition.questions) {
    const column = snapshot.columns.get(question.id);
    if (!column || (column.kind !== 'choice' && column.kind !== 'multi')) continue;
    questions.push(benchmarkQuestion(frame, column, options.design.weights, options.scoreMinBase, peerGroupOf));
  }
  return {
    organisations: snapshot.orgs,
    respondents,
    peerGroups,
    peerGroupOf,
    peerGroupOrganisations,
    peerGroupRespondents,
    sectorRespondents: snapshot.n,
    interval: options.interval,
    scoreMinBase: options.scoreMinBase,
    questions,
  };
}

function peerGroupsOf(orgs: readonly OrgAttributes[]): { peerGroups: string[]; peerGroupOf: Int32Array } {
  const index = new Map<string, number>();
  const peerGroupOf = new Int32Array(orgs.length);
  orgs.forEach((org, o) => {
    let g = index.get(org.type);
    if (g === undefined) index.set(org.type, (g = index.size));
    peerGroupOf[o] = g;
  });
  return { peerGroups: [...index.keys()], peerGroupOf };
}

function buildFrame(snapshot: SurveySnapshot, design: SurveyDesign): Frame {
  const n = snapshot.n;
  if (design.n !== n) throw new Error(`the design has ${design.n} respondents but the snapshot ${n}`);
  const H = design.stratumCount;
  const O = snapshot.orgs.length;
  const pairIndex = new Map<number, number>();
  const pairOf = new Int32Array(n);
  const pairOrgList: number[] = [];
  const pairStratumList: number[] = [];
  let lastKey = -1;
  let lastPair = -1;
  for (let i = 0; i < n; i++) {
    const o = snapshot.orgIndex[i]!;
    const h = design.strata[i]!;
    const key = o * H + h;
    if (key !== lastKey) {
      let pair = pairIndex.get(key);
      if (pair === undefined) {
        pair = pairOrgList.length;
        pairIndex.set(key, pair);
        pairOrgList.push(o);
        pairStratumList.push(h);
      }
      lastKey = key;
      lastPair = pair;
    }
    pairOf[i] = lastPair;
  }
  const P = pairOrgList.length;
  const pairOrg = Int32Array.from(pairOrgList);
  const pairStratum = Int32Array.from(pairStratumList);
  const { peerGroups, peerGroupOf } = peerGroupsOf(snapshot.orgs);

  const clustered = design.psuCount !== design.n;
  const psuPair = new Int32Array(design.psuCount).fill(-1);
  if (clustered) {
    for (let i = 0; i < n; i++) {
      const j = design.psu[i]!;
      if (psuPair[j] === -1) psuPair[j] = pairOf[i]!;
      else if (pairOrg[psuPair[j]!] !== pairOrg[pairOf[i]!]) throw new Error('a cluster spans more than one organisation; organisation benchmarks need clusters nested in organisations');
    }
  }

  const stratumSize = design.stratumSize;
  const stratumScale = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    const size = stratumSize[h]!;
    const N = design.stratumPopulation[h]!;
    const finite = Number.isNaN(N) ? 1 : 1 - size / N;
    stratumScale[h] = size === 1 ? finite : (finite * size) / (size - 1);
  }
  return {
    n,
    strata: H,
    pairs: P,
    pairOf,
    unitOf: clustered ? design.psu : pairOf,
    sets: new Int32Array(n),
    unitWeight: commonWeights(clustered ? design.psu : pairOf, clustered ? design.psuCount : P, design.weights),
    pairOrg,
    organisation: levelOf(P, O, pairOrg, pairStratum, H, (o) => o),
    peerGroup: levelOf(P, peerGroups.length, pairOrg, pairStratum, H, (o) => peerGroupOf[o]!),
    sector: levelOf(P, 1, pairOrg, pairStratum, H, () => 0),
    stratumSize,
    stratumScale,
    clustered,
    psuPair,
  };
}

function commonWeights(unitOf: Int32Array, units: number, weights: Float64Array): Float64Array | null {
  const common = new Float64Array(units).fill(Number.NaN);
  for (let i = 0; i < unitOf.length; i++) {
    const u = unitOf[i]!;
    if (Number.isNaN(common[u]!)) common[u] = weights[i]!;
    else if (common[u] !== weights[i]) return null;
  }
  return common;
}

/** Groups organisation × stratum cells into (domain, stratum) cells, domain = domainOf(organisation). */
function levelOf(P: number, domains: number, pairOrg: Int32Array, pairStratum: Int32Array, H: number, domainOf: (org: number) => number): Level {
  const index = new Map<number, number>();
  const cellOfPair = new Int32Array(P);
  const cellDomain: number[] = [];
  const cellStratum: number[] = [];
  for (let pair = 0; pair < P; pair++) {
    const d = domainOf(pairOrg[pair]!);
    const h = pairStratum[pair]!;
    const key = d * H + h;
    let cell = index.get(key);
    if (cell === undefined) {
      cell = cellDomain.length;
      index.set(key, cell);
      cellDomain.push(d);
      cellStratum.push(h);
    }
    cellOfPair[pair] = cell;
  }
  const cells = cellDomain.length;
  const domainStart = new Int32Array(domains + 1);
  for (const d of cellDomain) domainStart[d + 1]!++;
  for (let d = 0; d < domains; d++) domainStart[d + 1]! += domainStart[d]!;
  const fill = domainStart.slice(0, domains);
  const cellList = new Int32Array(cells);
  cellDomain.forEach((d, cell) => (cellList[fill[d]!++] = cell));
  return { domains, cells, cellOfPair, cellStratum: Int32Array.from(cellStratum), domainStart, cellList };
}

function emptyMoments(cells: number, K: number): Moments {
  return {
    cells,
    K,
    base: new Float64Array(cells),
    psus: new Float64Array(cells),
    T: new Float64Array(cells),
    R: new Float64Array(cells),
    count: new Float64Array(cells * K),
    A: new Float64Array(cells * K),
    B: new Float64Array(cells * K),
    C: new Float64Array(cells * K),
  };
}

type ChoiceColumn = Extract<Column, { kind: 'choice' | 'multi' }>;

/** The most options a multiple-choice question may have to be counted by the set chosen (2^12 patterns). */
const maxPatternOptions = 12;
const maxPatternCells = 1 << 22;

/**
 * One pass over a question: moments per organisation × stratum cell. Each respondent in the base
 * (as {@link questionBase} decides) adds (1, w, w²) to their unit's answer pattern — the option of
 * a single choice, the set of options of a multiple choice — and patterns then spread to the
 * categories (options and nets) they belong to; sums within a unit are exact. Units are the
 * organisation × stratum cells, or with clusters the PSUs, folded into cells afterwards.
 */
function pairMoments(frame: Frame, column: ChoiceColumn, weights: Float64Array): Moments {
  const { question } = column;
  const Ko = question.options.length;
  const nets = question.nets.map((net) => net.options.map((code) => question.options.findIndex((o) => o.code === code)).filter((k) => k >= 0));
  const K = Ko + nets.length;
  const units = frame.clustered ? frame.psuPair.length : frame.pairs;
  const patterns = column.kind === 'choice' ? Ko : 2 ** Ko;
  const unit = emptyMoments(units, K);
  if (column.kind === 'multi' && (Ko > maxPatternOptions || units * patterns > maxPatternCells)) {
    countOptions(column, nets, frame.unitOf, weights, unit);
  } else {
    const sums = new Float64Array(units * patterns * 3);
    // With one weight per unit, counting is enough: Σw = w·count and Σw² = w²·count.
    const tallies = frame.unitWeight ? new Int32Array(units * patterns) : null;
    if (column.kind === 'choice') {
      const excluded = Uint8Array.from(question.options, (o) => (question.base === 'substantive' && o.nonSubstantive ? 1 : 0));
      countChoices(column.codes, excluded, frame.unitOf, weights, patterns, sums, tallies);
    } else {
      const substantive = question.options.reduce((mask, o, k) => (o.nonSubstantive ? mask : mask | (1 << k)), 0);
      countChoiceSets(column.answered, column.chosen, question.base === 'substantive' ? substantive : -1, frame.unitOf, weights, patterns, sums, tallies, frame.sets);
    }
    if (tallies) {
      for (let at = 0; at < tallies.length; at++) {
        const w = frame.unitWeight![Math.floor(at / patterns)]!;
        sums[3 * at] = tallies[at]!;
        sums[3 * at + 1] = tallies[at]! * w;
        sums[3 * at + 2] = tallies[at]! * w * w;
      }
    }
    spreadPatterns(sums, patternCategories(column.kind, Ko, nets), unit);
  }
  if (!frame.clustered) return { ...unit, psus: unit.base, C: unit.B };
  // Fold PSU totals (S = A, T) into organisation × stratum cells.
  const moments = emptyMoments(frame.pairs, K);
  for (let j = 0; j < units; j++) {
    if (!unit.base[j]) continue;
    const pair = frame.psuPair[j]!;
    const t = unit.T[j]!;
    moments.base[pair]! += unit.base[j]!;
    moments.psus[pair]!++;
    moments.T[pair]! += t;
    moments.R[pair]! += t * t;
    for (let k = 0; k < K; k++) {
      const s = unit.A[j * K + k]!;
      moments.count[pair * K + k]! += unit.count[j * K + k]!;
      moments.A[pair * K + k]! += s;
      moments.B[pair * K + k]! += s * s;
      moments.C[pair * K + k]! += s * t;
    }
  }
  return moments;
}

/** (1, w, w²), or a tally when weights are common per unit, per unit and chosen option, respondents without a (substantive, when excluded) answer left out. */
function countChoices(codes: Int16Array, excluded: Uint8Array, unitOf: Int32Array, weights: Float64Array, width: number, sums: Float64Array, tallies: Int32Array | null): void {
  if (tallies) {
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i]!;
      if (c >= 0 && !excluded[c]) tallies[unitOf[i]! * width + c]!++;
    }
    return;
  }
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c < 0 || excluded[c]) continue;
    const w = weights[i]!;
    const at = (unitOf[i]! * width + c) * 3;
    sums[at]! += 1;
    sums[at + 1]! += w;
    sums[at + 2]! += w * w;
  }
}

/** (1, w, w²) per unit and set of options chosen (bit k: option k); `substantive` ≥ 0 keeps only sets meeting that mask. */
function countChoiceSets(answered: Uint8Array, chosen: Uint8Array[], substantive: number, unitOf: Int32Array, weights: Float64Array, width: number, sums: Float64Array, tallies: Int32Array | null, sets: Int32Array): void {
  // Column by column: each option's array is read in one sequential sweep.
  sets.fill(0);
  chosen.forEach((column, k) => {
    for (let i = 0; i < column.length; i++) sets[i]! |= column[i]! << k;
  });
  for (let i = 0; i < answered.length; i++) {
    if (!answered[i]) continue;
    const set = sets[i]!;
    if (substantive >= 0 && !(set & substantive)) continue;
    if (tallies) {
      tallies[unitOf[i]! * width + set]!++;
      continue;
    }
    const w = weights[i]!;
    const at = (unitOf[i]! * width + set) * 3;
    sums[at]! += 1;
    sums[at + 1]! += w;
    sums[at + 2]! += w * w;
  }
}

/** The categories of each answer pattern: an option with the nets that contain it, or a set's options and the nets it meets. */
function patternCategories(kind: 'choice' | 'multi', Ko: number, nets: number[][]): number[][] {
  if (kind === 'choice') return Array.from({ length: Ko }, (_, c) => [c, ...nets.flatMap((members, m) => (members.includes(c) ? [Ko + m] : []))]);
  return Array.from({ length: 2 ** Ko }, (_, set) => [
    ...Array.from({ length: Ko }, (_o, k) => k).filter((k) => set & (1 << k)),
    ...nets.flatMap((members, m) => (members.some((k) => set & (1 << k)) ? [Ko + m] : [])),
  ]);
}

/** Pattern sums into per-unit base, T, R and per-category count, A, B. */
function spreadPatterns(sums: Float64Array, categories: number[][], unit: Moments): void {
  const width = categories.length;
  const K = unit.K;
  for (let u = 0; u < unit.cells; u++) {
    for (let pattern = 0; pattern < width; pattern++) {
      const at = (u * width + pattern) * 3;
      const c = sums[at]!;
      if (!c) continue;
      const a = sums[at + 1]!;
      const b = sums[at + 2]!;
      unit.base[u]! += c;
      unit.T[u]! += a;
      unit.R[u]! += b;
      for (const k of categories[pattern]!) {
        unit.count[u * K + k]! += c;
        unit.A[u * K + k]! += a;
        unit.B[u * K + k]! += b;
      }
    }
  }
}

/** A multiple choice with too many options to count by set: one pass per option and net. */
function countOptions(column: Extract<Column, { kind: 'multi' }>, nets: number[][], unitOf: Int32Array, weights: Float64Array, unit: Moments): void {
  const { question, answered, chosen } = column;
  const n = answered.length;
  const inBase = answered.slice();
  if (question.base === 'substantive') {
    const substantive = chosen.filter((_c, k) => !question.options[k]!.nonSubstantive);
    for (let i = 0; i < n; i++) if (inBase[i] && !substantive.some((c) => c[i])) inBase[i] = 0;
  }
  for (let i = 0; i < n; i++) {
    if (!inBase[i]) continue;
    const w = weights[i]!;
    unit.base[unitOf[i]!]! += 1;
    unit.T[unitOf[i]!]! += w;
    unit.R[unitOf[i]!]! += w * w;
  }
  const indicators = [
    ...chosen,
    ...nets.map((members) => {
      const any = new Uint8Array(n);
      for (const k of members) for (let i = 0; i < n; i++) any[i]! |= chosen[k]![i]!;
      return any;
    }),
  ];
  const K = unit.K;
  indicators.forEach((y, k) => {
    for (let i = 0; i < n; i++) {
      if (!(y[i]! & inBase[i]!)) continue;
      const at = unitOf[i]! * K + k;
      const w = weights[i]!;
      unit.count[at]! += 1;
      unit.A[at]! += w;
      unit.B[at]! += w * w;
    }
  });
}

/** Sums organisation × stratum cell moments into a level's cells. */
function levelMoments(level: Level, pairs: Moments): Moments {
  const K = pairs.K;
  const m = emptyMoments(level.cells, K);
  for (let pair = 0; pair < pairs.cells; pair++) {
    if (!pairs.base[pair]) continue;
    const cell = level.cellOfPair[pair]!;
    m.base[cell]! += pairs.base[pair]!;
    m.psus[cell]! += pairs.psus[pair]!;
    m.T[cell]! += pairs.T[pair]!;
    m.R[cell]! += pairs.R[pair]!;
    for (let k = 0; k < K; k++) {
      m.count[cell * K + k]! += pairs.count[pair * K + k]!;
      m.A[cell * K + k]! += pairs.A[pair * K + k]!;
      m.B[cell * K + k]! += pairs.B[pair * K + k]!;
      m.C[cell * K + k]! += pairs.C[pair * K + k]!;
    }
  }
  return m;
}

/** q_h(p̂) for moments (A, B, C, T, R) in stratum h: the stratum's contribution to W²·V. */
function stratumTerm(frame: Frame, h: number, A: number, B: number, C: number, T: number, R: number, p: number): number {
  const size = frame.stratumSize[h]!;
  const squares = B - 2 * p * C + p * p * R;
  if (size === 1) return frame.stratumScale[h]! * squares;
  const sum = A - p * T;
  return frame.stratumScale[h]! * (squares - (sum * sum) / size);
}

/** Per domain of a level: base, weighted base, df, and per category count, p̂ and V; plus the summed quadratic coefficients. */
function domainFigures(frame: Frame, level: Level, m: Moments): { figures: DomainFigures; q0: Float64Array; q1: Float64Array; q2: Float64Array } {
  const { domains } = level;
  const K = m.K;
  const figures: DomainFigures = {
    base: new Float64Array(domains),
    weightedBase: new Float64Array(domains),
    df: new Float64Array(domains),
    count: new Float64Array(domains * K),
    weightedCount: new Float64Array(domains * K),
    p: new Float64Array(domains * K).fill(Number.NaN),
    variance: new Float64Array(domains * K).fill(Number.NaN),
  };
  // Σ over the domain's strata of s_h·(B − A²/n_h), s_h·(C − AT/n_h), s_h·(R − T²/n_h).
  const q0 = new Float64Array(domains * K);
  const q1 = new Float64Array(domains * K);
  const q2 = new Float64Array(domains);
  for (let d = 0; d < domains; d++) {
    let base = 0;
    let W = 0;
    let psus = 0;
    let strata = 0;
    for (let c = level.domainStart[d]!; c < level.domainStart[d + 1]!; c++) {
      const cell = level.cellList[c]!;
      if (!m.base[cell]) continue;
      const h = level.cellStratum[cell]!;
      const size = frame.stratumSize[h]!;
      const s = frame.stratumScale[h]!;
      const lonely = size === 1;
      base += m.base[cell]!;
      W += m.T[cell]!;
      psus += m.psus[cell]!;
      strata++;
      const T = m.T[cell]!;
      q2[d]! += s * (m.R[cell]! - (lonely ? 0 : (T * T) / size));
      for (let k = 0; k < K; k++) {
        const A = m.A[cell * K + k]!;
        q0[d * K + k]! += s * (m.B[cell * K + k]! - (lonely ? 0 : (A * A) / size));
        q1[d * K + k]! += s * (m.C[cell * K + k]! - (lonely ? 0 : (A * T) / size));
        figures.count[d * K + k]! += m.count[cell * K + k]!;
        figures.weightedCount[d * K + k]! += A;
      }
    }
    figures.base[d] = base;
    figures.weightedBase[d] = W;
    figures.df[d] = psus - strata;
    if (base === 0) continue;
    for (let k = 0; k < K; k++) {
      const p = figures.weightedCount[d * K + k]! / W;
      figures.p[d * K + k] = p;
      figures.variance[d * K + k] = Math.max(0, q0[d * K + k]! - 2 * p * q1[d * K + k]! + p * p * q2[d]!) / (W * W);
    }
  }
  return { figures, q0, q1, q2 };
}

/**
 * Per organisation, the container domain (sector or peer group) without it: moments are the
 * container's minus the organisation's in the strata the organisation touches.
 */
function restFigures(
  frame: Frame,
  container: { level: Level; moments: Moments; figures: DomainFigures; q0: Float64Array; q1: Float64Array; q2: Float64Array },
  domainOfOrg: (org: number) => number,
  orgs: { figures: DomainFigures; moments: Moments },
): RestFigures {
  const K = orgs.moments.K;
  const O = frame.organisation.domains;
  const level = frame.organisation;
  const rest: RestFigures = { base: new Float64Array(O), p: new Float64Array(O * K).fill(Number.NaN), variance: new Float64Array(O * K).fill(Number.NaN) };
  const cm = container.moments;
  const om = orgs.moments;
  for (let o = 0; o < O; o++) {
    const d = domainOfOrg(o);
    const base = container.figures.base[d]! - orgs.figures.base[o]!;
    rest.base[o] = base;
    if (base === 0) continue;
    const W = container.figures.weightedBase[d]! - orgs.figures.weightedBase[o]!;
    for (let k = 0; k < K; k++) {
      const p = (container.figures.weightedCount[d * K + k]! - orgs.figures.weightedCount[o * K + k]!) / W;
      let q = container.q0[d * K + k]! - 2 * p * container.q1[d * K + k]! + p * p * container.q2[d]!;
      for (let c = level.domainStart[o]!; c < level.domainStart[o + 1]!; c++) {
        const pair = level.cellList[c]!;
        if (!om.base[pair]) continue;
        const cell = container.level.cellOfPair[pair]!;
        const h = container.level.cellStratum[cell]!;
        const at = cell * K + k;
        const own = pair * K + k;
        q -= stratumTerm(frame, h, cm.A[at]!, cm.B[at]!, cm.C[at]!, cm.T[cell]!, cm.R[cell]!, p);
        if (cm.base[cell]! > om.base[pair]!) {
          q += stratumTerm(frame, h, cm.A[at]! - om.A[own]!, cm.B[at]! - om.B[own]!, cm.C[at]! - om.C[own]!, cm.T[cell]! - om.T[pair]!, cm.R[cell]! - om.R[pair]!, p);
        }
      }
      rest.p[o * K + k] = p;
      rest.variance[o * K + k] = Math.max(0, q) / (W * W);
    }
  }
  return rest;
}

function benchmarkQuestion(frame: Frame, column: Extract<Column, { kind: 'choice' | 'multi' }>, weights: Float64Array, scoreMinBase: number, peerGroupOf: Int32Array): QuestionBenchmarks {
  const question = column.question;
  const pairs = pairMoments(frame, column, weights);
  const K = pairs.K;
  const orgs = domainFigures(frame, frame.organisation, pairs);
  const peerMoments = levelMoments(frame.peerGroup, pairs);
  const peers = domainFigures(frame, frame.peerGroup, peerMoments);
  const sectorMoments = levelMoments(frame.sector, pairs);
  const sector = domainFigures(frame, frame.sector, sectorMoments);
  const orgSide = { figures: orgs.figures, moments: pairs };
  const restOfSector = restFigures(frame, { level: frame.sector, moments: sectorMoments, ...sector }, () => 0, orgSide);
  const restOfPeerGroup = restFigures(frame, { level: frame.peerGroup, moments: peerMoments, ...peers }, (o) => peerGroupOf[o]!, orgSide);

  const O = frame.organisation.domains;
  const scored: number[] = [];
  for (let o = 0; o < O; o++) if (orgs.figures.base[o]! >= scoreMinBase && orgs.figures.base[o]! > 0) scored.push(o);
  const median = new Float64Array(K);
  const lower = new Float64Array(K);
  const upper = new Float64Array(K);
  const scores = new Float64Array(scored.length);
  for (let k = 0; k < K; k++) {
    scored.forEach((o, s) => (scores[s] = orgs.figures.p[o * K + k]!));
    const q = quartilesType7(scores);
    median[k] = q.median;
    lower[k] = q.lower;
    upper[k] = q.upper;
  }
  return {
    question,
    categories: [...question.options.map((o) => ({ code: o.code, label: o.label, kind: 'option' as const })), ...question.nets.map((net) => ({ code: net.code, label: net.label, kind: 'net' as const }))],
    organisations: orgs.figures,
    peerGroups: peers.figures,
    sector: sector.figures,
    restOfSector,
    restOfPeerGroup,
    scoredOrganisations: scored.length,
    median,
    lower,
    upper,
  };
}

/**
 * Builds the report figures (before disclosure control) of any organisation of the benchmarks,
 * by its position in `benchmarks.organisations`. Peer group and sector estimates and the sector
 * quartiles are made once and shared between organisations: treat them as read-only.
 */
export function benchmarkReporter(benchmarks: OrganisationBenchmarks): (org: number) => BenchmarkQuestion[] {
  const { interval } = benchmarks;
  const sectorEstimates = benchmarks.questions.map((q) => q.categories.map((c, k) => estimateOf(c, q.sector, 0, k, q.categories.length, interval)));
  const sectorQuartiles = benchmarks.questions.map((q) => q.categories.map((_c, k) => ({ lower: percentOrNull(q.lower[k]!), upper: percentOrNull(q.upper[k]!) })));
  const peerEstimates = new Map<number, Estimate[][]>();
  const peersOf = (g: number) => {
    let estimates = peerEstimates.get(g);
    if (!estimates) {
      estimates = benchmarks.questions.map((q) => q.categories.map((c, k) => estimateOf(c, q.peerGroups, g, k, q.categories.length, interval)));
      peerEstimates.set(g, estimates);
    }
    return estimates;
  };
  return (org) => {
    if (!(org >= 0 && org < benchmarks.organisations.length)) throw new Error(`no organisation at position ${org}`);
    const g = benchmarks.peerGroupOf[org]!;
    const peers = peersOf(g);
    return benchmarks.questions.map((q, qi) => {
      const K = q.categories.length;
      const orgBase = q.organisations.base[org]!;
      const scored = orgBase > 0 && orgBase >= benchmarks.scoreMinBase;
      const own = (k: number): ProportionEstimate => ({ p: q.organisations.p[org * K + k]!, variance: q.organisations.variance[org * K + k]!, n: orgBase });
      return {
        id: q.question.id,
        type: q.question.type,
        text: q.question.text,
        figures: q.categories.map((category, k) => {
          const median = q.median[k]!;
          return {
            code: category.code,
            label: category.label,
            kind: category.kind,
            organisation: estimateOf(category, q.organisations, org, k, K, interval),
            peerGroup: peers[qi]![k]!,
            sector: sectorEstimates[qi]![k]!,
            sectorMedian: percentOrNull(median),
            sectorQuartiles: sectorQuartiles[qi]![k]!,
            quantileType: 7 as const,
            scoredOrganisations: q.scoredOrganisations,
            quartile: scored && !Number.isNaN(median) ? quartileOf(q.organisations.p[org * K + k]!, q.lower[k]!, median, q.upper[k]!) : null,
            vsSector: compareWithRest(restOf(q.restOfSector, org, k, K), own(k), vsSectorLabel),
            vsPeerGroup: compareWithRest(restOf(q.restOfPeerGroup, org, k, K), own(k), vsPeerGroupLabel),
          };
        }),
      };
    });
  };
}

function restOf(rest: RestFigures, org: number, k: number, K: number): ProportionEstimate {
  return { p: rest.p[org * K + k]!, variance: rest.variance[org * K + k]!, n: rest.base[org]! };
}

function percentOrNull(p: number): number | null {
  return Number.isNaN(p) ? null : 100 * p;
}

/** 1: at or above the upper quartile; 2: at or above the median; 3: at or above the lower quartile; 4: below it. */
export function quartileOf(score: number, lower: number, median: number, upper: number): 1 | 2 | 3 | 4 {
  if (score >= upper) return 1;
  if (score >= median) return 2;
  if (score >= lower) return 3;
  return 4;
}

/** An estimate in the shape of `canvass results` (percentages 0–100, unrounded). */
function estimateOf(category: { code: string; label: string }, figures: DomainFigures, d: number, k: number, K: number, interval: IntervalMethod): Estimate {
  const { code, label } = category;
  const base = figures.base[d]!;
  if (base === 0) return { code, label, count: 0, percent: null, se: null, ci95: null, base: 0, weightedBase: 0, suppressed: false };
  const p = figures.p[d * K + k]!;
  const variance = figures.variance[d * K + k]!;
  const ci = intervalMethods[interval].interval({ p, variance, n: base, df: figures.df[d]! });
  return {
    code,
    label,
    count: figures.count[d * K + k]!,
    percent: 100 * p,
    se: 100 * Math.sqrt(variance),
    ci95: ci ? [100 * ci[0], 100 * ci[1]] : null,
    base,
    weightedBase: figures.weightedBase[d]!,
    suppressed: false,
  };
}

/**
 * The organisation against the rest of a group, as `compareEstimates` in survey-results.ts
 * tests a group against the rest: not tested when either base is under 30 or nothing varies.
 */
function compareWithRest(rest: ProportionEstimate, own: ProportionEstimate, against: string): Comparison {
  if (rest.n === 0 || own.n === 0) return { against, status: 'not-tested', reason: 'no estimate to compare' };
  const outcome = testDifference(rest, own, { minBase: minTestBase });
  if (outcome.status === 'not-tested') return { against, status: 'not-tested', reason: outcome.reason };
  if (!Number.isFinite(outcome.z)) return { against, status: 'not-tested', reason: 'no sampling variance on either side' };
  return { against, status: outcome.status, difference: 100 * outcome.difference, z: outcome.z, pValue: outcome.pValue };
}
