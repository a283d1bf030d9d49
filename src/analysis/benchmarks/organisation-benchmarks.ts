import { peerGroupAttribute } from '../../definition/register-attributes.js';
import type { ChoiceQuestion } from '../../definition/schema.js';
import { levelMoments, pairMoments } from './benchmark-cell-moments.js';
import { domainFigures, restFigures, type DomainFigures, type RestFigures } from './benchmark-domain-estimates.js';
import { buildFrame, peerGroupsOf, type Frame } from './benchmark-frame.js';
import type { IntervalMethod } from '../intervals/interval-methods.js';
import { quartilesType7 } from './quantile-type7.js';
import type { OrgAttributes } from '../snapshot/respondent-record.js';
import type { SurveyDesign } from '../design/survey-design.js';
import type { Column, SurveySnapshot } from '../snapshot/survey-snapshot.js';
import { laterOfferings, offeredColumn, offeredFrom } from '../results/offered-bases.js';

export type { DomainFigures, RestFigures } from './benchmark-domain-estimates.js';
export {
  benchmarkFiguresOf,
  benchmarkReporter,
  quartileOf,
  vsPeerGroupLabel,
  vsSectorLabel,
  type BenchmarkFigure,
  type BenchmarkQuestion,
  type OrganisationBenchmarkReport,
} from './organisation-benchmark-report.js';

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
 *
 * Definition versions (analysis/results/offered-bases.ts): a question counts only the
 * respondents offered it, and an option (or net) a later version added is benchmarked over the
 * respondents offered it alone — its figures come from the same computation over the question's
 * column restricted to them ({@link QuestionBenchmarks.offered}), with their own bases.
 */

/** The figures of a question's categories, over one set of respondents. */
export interface CategoryBenchmarks {
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

/** Categories a later definition version added, figured over the respondents offered them (from version `since`). */
export interface OfferedBenchmarks {
  since: number;
  /** Category indexes (options, then nets at options.length + m). */
  categories: number[];
  figures: CategoryBenchmarks;
}

export interface QuestionBenchmarks extends CategoryBenchmarks {
  question: ChoiceQuestion;
  /** The options, then the nets: category k of every array. */
  categories: Array<{ code: string; label: string; kind: 'option' | 'net' }>;
  /**
   * The categories a later definition version than the question's own added, each version's
   * over the respondents offered them: their figures are these, not the question's own arrays
   * (see {@link benchmarkFiguresOf}). Absent when there are none.
   */
  offered?: OfferedBenchmarks[];
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
  const { peerGroups, peerGroupOf } = peerGroupsOf(snapshot.orgs, peerGroupAttribute(snapshot.definition));
  const peerGroupOrganisations = new Int32Array(peerGroups.length);
  const peerGroupRespondents = new Int32Array(peerGroups.length);
  for (let o = 0; o < O; o++) {
    peerGroupOrganisations[peerGroupOf[o]!]!++;
    peerGroupRespondents[peerGroupOf[o]!]! += respondents[o]!;
  }
  const questions: QuestionBenchmarks[] = [];
  for (const question of snapshot.definition.questions) {
    const column = snapshot.columns.get(question.id);
    // A date's periods are no score to benchmark an organisation by.
    if (!column || (column.kind !== 'choice' && column.kind !== 'multi') || column.question.type === 'date') continue;
    // Only the respondents offered the question; what a later version added, over those offered it.
    const offered = offeredColumn(snapshot, column) as Extract<Column, { kind: 'choice' | 'multi' }> & { question: ChoiceQuestion };
    const benchmarks = benchmarkQuestion(frame, offered, options.design.weights, options.scoreMinBase, peerGroupOf);
    const later = laterOfferings(snapshot, offered.question).map(
      (offering): OfferedBenchmarks => ({
        since: offering.since,
        categories: [...offering.options, ...offering.nets.map((m) => offered.question.options.length + m)],
        figures: categoryFigures(benchmarkQuestion(frame, offeredFrom(snapshot, offered, offering.since) as typeof offered, options.design.weights, options.scoreMinBase, peerGroupOf)),
      }),
    );
    questions.push(later.length > 0 ? { ...benchmarks, offered: later } : benchmarks);
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

function categoryFigures(q: QuestionBenchmarks): CategoryBenchmarks {
  const { organisations, peerGroups, sector, restOfSector, restOfPeerGroup, scoredOrganisations, median, lower, upper } = q;
  return { organisations, peerGroups, sector, restOfSector, restOfPeerGroup, scoredOrganisations, median, lower, upper };
}

function benchmarkQuestion(frame: Frame, column: Extract<Column, { kind: 'choice' | 'multi' }> & { question: ChoiceQuestion }, weights: Float64Array, scoreMinBase: number, peerGroupOf: Int32Array): QuestionBenchmarks {
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
