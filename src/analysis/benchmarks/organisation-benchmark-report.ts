import { figurePolarity, type FigurePolarity } from '../../definition/polarity.js';
import type { RestFigures, DomainFigures } from './benchmark-domain-estimates.js';
import { testDifference, type ProportionEstimate } from '../tests/compare-proportions.js';
import { intervalMethods, type IntervalMethod } from '../intervals/interval-methods.js';
import type { CategoryBenchmarks, OrganisationBenchmarks, QuestionBenchmarks } from './organisation-benchmarks.js';
import type { Comparison, DesignSummary, Estimate } from '../results/results-model.js';
import { minTestBase } from '../results/survey-results.js';

/** One organisation's benchmark report, built from the benchmarks of organisation-benchmarks.ts. */

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
  /**
   * Whether a higher percent is better ('higher'), worse ('lower') or neither is known (null), from
   * the question's `better` (see definition/polarity.ts). Absent in reports made before it existed.
   */
  better?: FigurePolarity;
  /**
   * 1 the best quarter of organisations, 4 the worst, when `better` says which way is better: for
   * 'higher', 1 at or above the upper quartile, 2 at or above the median, 3 at or above the lower
   * quartile, 4 below; for 'lower' the mirror (1 at or below the lower quartile…). Without
   * `better`, by percent as for 'higher' (1: the highest percentages). Null when not scored.
   */
  quartile: 1 | 2 | 3 | 4 | null;
  /** Against the rest of the sector (everyone but this organisation); null when withheld by disclosure control. */
  vsSector: Comparison | null;
  /** Against the rest of the peer group; null when withheld by disclosure control. */
  vsPeerGroup: Comparison | null;
  /**
   * The definition version from which respondents were offered this option (or net), when a later
   * one than the question's: its figures, bases, quartiles and tests are over those respondents only.
   */
  offeredFrom?: number;
}

export interface BenchmarkQuestion {
  id: string;
  type: 'single' | 'multiple' | 'scale';
  text: string;
  figures: BenchmarkFigure[];
  /** In a release: the figures are as an earlier release (this number) published them, a group of theirs having grown too little since. */
  asPublishedIn?: number;
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

/** The figures category k of a question is benchmarked by, and the version it was offered from when later than the question's own. */
export function benchmarkFiguresOf(question: QuestionBenchmarks, k: number): { figures: CategoryBenchmarks; offeredFrom?: number } {
  const offering = question.offered?.find((o) => o.categories.includes(k));
  return offering ? { figures: offering.figures, offeredFrom: offering.since } : { figures: question };
}

export const vsSectorLabel = 'rest of the sector';
export const vsPeerGroupLabel = 'rest of the peer group';

/**
 * Builds the report figures (before disclosure control) of any organisation of the benchmarks,
 * by its position in `benchmarks.organisations`. Peer group and sector estimates and the sector
 * quartiles are made once and shared between organisations: treat them as read-only.
 */
export function benchmarkReporter(benchmarks: OrganisationBenchmarks): (org: number) => BenchmarkQuestion[] {
  const { interval } = benchmarks;
  // Each category's figures: the question's own, or those over the respondents a later version offered it to.
  const sources = benchmarks.questions.map((q) => q.categories.map((_c, k) => benchmarkFiguresOf(q, k)));
  const estimate = (q: QuestionBenchmarks, qi: number, k: number, level: 'organisations' | 'peerGroups' | 'sector', d: number): Estimate => {
    const { figures, offeredFrom } = sources[qi]![k]!;
    const made = estimateOf(q.categories[k]!, figures[level], d, k, q.categories.length, interval);
    return offeredFrom === undefined ? made : { ...made, offeredFrom };
  };
  const sectorEstimates = benchmarks.questions.map((q, qi) => q.categories.map((_c, k) => estimate(q, qi, k, 'sector', 0)));
  const sectorQuartiles = sources.map((categories) => categories.map(({ figures }, k) => ({ lower: percentOrNull(figures.lower[k]!), upper: percentOrNull(figures.upper[k]!) })));
  const peerEstimates = new Map<number, Estimate[][]>();
  const peersOf = (g: number) => {
    let estimates = peerEstimates.get(g);
    if (!estimates) {
      estimates = benchmarks.questions.map((q, qi) => q.categories.map((_c, k) => estimate(q, qi, k, 'peerGroups', g)));
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
      return {
        id: q.question.id,
        type: q.question.type,
        text: q.question.text,
        figures: q.categories.map((category, k) => {
          const { figures: source, offeredFrom } = sources[qi]![k]!;
          const orgBase = source.organisations.base[org]!;
          const scored = orgBase > 0 && orgBase >= benchmarks.scoreMinBase;
          const own: ProportionEstimate = { p: source.organisations.p[org * K + k]!, variance: source.organisations.variance[org * K + k]!, n: orgBase };
          const median = source.median[k]!;
          const better = figurePolarity(q.question, category);
          const score = source.organisations.p[org * K + k]!;
          const figure: BenchmarkFigure = {
            code: category.code,
            label: category.label,
            kind: category.kind,
            organisation: estimate(q, qi, k, 'organisations', org),
            peerGroup: peers[qi]![k]!,
            sector: sectorEstimates[qi]![k]!,
            sectorMedian: percentOrNull(median),
            sectorQuartiles: sectorQuartiles[qi]![k]!,
            quantileType: 7 as const,
            scoredOrganisations: source.scoredOrganisations,
            better,
            quartile: scored && !Number.isNaN(median) ? (better === 'lower' ? quartileOfLowerBetter(score, source.lower[k]!, median, source.upper[k]!) : quartileOf(score, source.lower[k]!, median, source.upper[k]!)) : null,
            vsSector: compareWithRest(restOf(source.restOfSector, org, k, K), own, vsSectorLabel),
            vsPeerGroup: compareWithRest(restOf(source.restOfPeerGroup, org, k, K), own, vsPeerGroupLabel),
          };
          if (offeredFrom !== undefined) figure.offeredFrom = offeredFrom;
          return figure;
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

/** Where lower is better: 1 at or below the lower quartile; 2 at or below the median; 3 at or below the upper quartile; 4 above it. */
export function quartileOfLowerBetter(score: number, lower: number, median: number, upper: number): 1 | 2 | 3 | 4 {
  if (score <= lower) return 1;
  if (score <= median) return 2;
  if (score <= upper) return 3;
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
