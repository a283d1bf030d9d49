import type { Expression, FieldRef } from '../../definition/expression/ast.js';
import { fieldName } from '../../definition/expression/ast.js';
import { analyseColumn, questionBase, type AnalyseContext, type Analysed } from './analyse-question.js';
import { cellKeys, cellSizes, cellVariables } from '../snapshot/atom-states.js';
import { testDifference } from '../tests/compare-proportions.js';
import { filterMask } from '../snapshot/filter-mask.js';
import { orgAttributeCodes } from '../snapshot/org-attribute-codes.js';
import { intervalMethods, type IntervalMethod } from '../intervals/interval-methods.js';
import { raoScottTest } from '../tests/rao-scott-test.js';
import { respondentSet, type RespondentSet } from '../respondent-sets/respondent-set.js';
import type { ChoiceQuestionResult, Comparison, DesignSummary, Estimate, GroupResult, QuestionResult, SurveyResults } from './results-model.js';
import type { SurveyDesign } from '../design/survey-design.js';
import { columnOf, type SurveySnapshot } from '../snapshot/survey-snapshot.js';

/** The smallest base either group of a comparison must have to be tested (DESIGN.md). */
export const minTestBase = 30;

export interface ResultsOptions {
  design: SurveyDesign;
  designSummary: DesignSummary;
  unit: 'respondents' | 'organisations';
  interval: IntervalMethod;
  /** Smallest unweighted base shown; recorded in the results, enforced by the disclosure layer. */
  minBase: number;
  wave?: string | null;
  filter?: { source: string; expression: Expression };
  /** Break every figure down by an organisation attribute or by a single-choice/scale question. */
  by?: FieldRef;
  /** Labels for breakdown keys that are not question options (organisation types, say). */
  groupLabels?: Readonly<Record<string, string>>;
  /** Compare each group with the rest and test each question by the breakdown (default true). */
  compare?: boolean;
  /**
   * Also return each figure's base set in the audit, for a disclosure ledger. Off by default: a
   * bitset per question and group is work a query that records nothing should not pay for.
   */
  baseSets?: boolean;
}

/**
 * What disclosure control needs and results must not show: for each question, the sizes of the
 * cells its base splits into under the filter's conditions (topline and per group), and per
 * question the respondents in the base outside every group of a breakdown.
 */
export interface DisclosureAudit {
  topline: Record<string, number[]>;
  groups: Array<Record<string, number[]>>;
  /**
   * With a breakdown, per question: for each cell inside the filter, its respondents in each
   * group and outside every group (those are never shown).
   */
  cellsByGroup: Record<string, Array<{ perGroup: number[]; ungrouped: number }>>;
  /**
   * With a breakdown by an organisation attribute, per question: the groups that are nested in,
   * or contain, a group of another attribute differing by 1 to minBase − 1 respondents, with
   * that group's name.
   */
  nearGroups: Record<string, Record<number, string>>;
  /**
   * Only when asked for (`baseSets`): per question, the respondents in the base of the figure for
   * everyone in the filter, and of each group's figure (in the order of `results.groups`).
   */
  baseSets?: { topline: Record<string, RespondentSet>; groups: Array<Record<string, RespondentSet>> };
}

/**
 * The results of a survey within a filter, optionally broken down into groups, each group's
 * figures compared with the rest of the filtered population and each single-choice question
 * tested against the breakdown (Rao–Scott F). Design-based throughout: filters and groups are
 * domains of one design.
 */
export function computeResults(snapshot: SurveySnapshot, options: ResultsOptions): { results: SurveyResults; audit: DisclosureAudit } {
  const context: AnalyseContext = { design: options.design, interval: options.interval, weighted: hasUnequalWeights(options.design) };
  const domain = filterMask(snapshot, options.filter?.expression);
  const keys = cellKeys(cellVariables(snapshot, options.filter?.expression), snapshot.n);
  const noCells = new Int32Array(snapshot.n);
  const topline = analyseAll(snapshot, domain, context, !options.filter);
  const audit: DisclosureAudit = { topline: {}, groups: [], cellsByGroup: {}, nearGroups: {} };
  // Cells are counted over the whole base (not only the filtered part): the filter and its
  // complements are all made of them. A filter that keeps the whole base publishes nothing the
  // unfiltered figure does not, so its only cell is the base itself.
  const everyone = new Uint8Array(snapshot.n).fill(1);
  const cellsWithin = (population: Uint8Array, id: string) => {
    if (!options.filter) {
      // Without a filter the only cell is the base itself.
      const base = questionBase(columnOf(snapshot, id), population);
      let n = 0;
      for (let i = 0; i < base.length; i++) n += base[i]!;
      return n > 0 ? [n] : [];
    }
    const base = questionBase(columnOf(snapshot, id), population);
    let whole = true;
    for (let i = 0; i < base.length && whole; i++) if (base[i] && !domain[i]) whole = false;
    return cellSizes(base, whole ? noCells : keys);
  };
  for (const [id, analysed] of topline) {
    const base = analysed.result.base ?? 0;
    audit.topline[id] = options.filter ? cellsWithin(everyone, id) : base > 0 ? [base] : [];
  }
  const baseSets = options.baseSets ? { topline: setsOf(topline), groups: [] as Array<Record<string, RespondentSet>> } : undefined;
  if (baseSets) audit.baseSets = baseSets;

  const results: SurveyResults = {
    survey: snapshot.definition.id,
    title: snapshot.definition.title,
    notice: snapshot.definition.notice ?? null,
    wave: options.wave ?? null,
    respondents: count(domain),
    organisations: countOrgs(snapshot, domain),
    filter: options.filter?.source ?? null,
    by: options.by ? fieldName(options.by) : null,
    unit: options.unit,
    design: options.designSummary,
    interval: options.interval,
    intervalLabel: intervalMethods[options.interval].label,
    minBase: options.minBase,
    questions: [...topline.values()].map((a) => a.result),
  };
  if (!options.by) return { results, audit };

  const compare = options.compare ?? true;
  const groups = breakdownGroups(snapshot, options.by, options.groupLabels ?? {});
  const groupIndex = new Int32Array(snapshot.n).fill(-1);
  const grouped: GroupResult[] = [];
  const covered = new Uint8Array(snapshot.n);
  for (const { key, label, mask } of groups) {
    const wholeGroup = mask.slice();
    for (let i = 0; i < mask.length; i++) mask[i] = mask[i]! & domain[i]!;
    const respondents = count(mask);
    if (respondents === 0) continue;
    const g = grouped.length;
    for (let i = 0; i < mask.length; i++) {
      if (mask[i]) {
        groupIndex[i] = g;
        covered[i] = 1;
      }
    }
    const inGroup = analyseAll(snapshot, mask, context);
    const cells: Record<string, number[]> = {};
    for (const id of inGroup.keys()) cells[id] = cellsWithin(wholeGroup, id);
    if (compare) {
      const rest = new Uint8Array(snapshot.n);
      for (let i = 0; i < rest.length; i++) rest[i] = domain[i]! & (mask[i]! ^ 1);
      const outside = analyseAll(snapshot, rest, context);
      for (const [id, analysed] of inGroup) compareWithRest(analysed.result, outside.get(id)!.result);
    }
    audit.groups.push(cells);
    baseSets?.groups.push(setsOf(inGroup));
    grouped.push({ key, label, respondents, questions: [...inGroup.values()].map((a) => a.result) });
  }
  for (const [id, analysed] of topline) {
    const cells = new Map<number, { perGroup: number[]; ungrouped: number }>();
    for (let i = 0; i < snapshot.n; i++) {
      if (!analysed.inBase[i]) continue;
      let cell = cells.get(keys[i]!);
      if (!cell) cells.set(keys[i]!, (cell = { perGroup: grouped.map(() => 0), ungrouped: 0 }));
      if (covered[i]) cell.perGroup[groupIndex[i]!]!++;
      else cell.ungrouped++;
    }
    audit.cellsByGroup[id] = [...cells.values()];
    if (options.by.kind === 'org') audit.nearGroups[id] = nearOrgGroups(snapshot, options.by.attribute, analysed.inBase, groupIndex, grouped.length, options.minBase);
    const result = analysed.result;
    if (compare && (result.type === 'single' || result.type === 'scale')) result.test = crosstabTest(snapshot, options.design, id, analysed.inBase, groupIndex, grouped);
  }
  results.groups = grouped;
  return { results, audit };
}

/**
 * Groups of an organisation-attribute breakdown that nest with a group of another attribute
 * (within the filter and the question's base) and differ from it by 1 to k − 1 respondents.
 */
function nearOrgGroups(snapshot: SurveySnapshot, attribute: string, inBase: Uint8Array, groupIndex: Int32Array, groupCount: number, k: number): Record<number, string> {
  const near: Record<number, string> = {};
  for (const other of ['type', 'nation', 'region', 'parent'].filter((a) => a !== attribute)) {
    const { codes, values } = orgAttributeCodes(snapshot, other);
    const V = values.length;
    const both = new Int32Array(V * groupCount);
    const rowSums = new Int32Array(groupCount);
    const columnSums = new Int32Array(V);
    for (let i = 0; i < snapshot.n; i++) {
      const v = codes[i]!;
      if (!inBase[i] || v < 0) continue;
      columnSums[v]!++;
      const g = groupIndex[i]!;
      if (g < 0) continue;
      rowSums[g]!++;
      both[v * groupCount + g]!++;
    }
    for (let v = 0; v < V; v++) {
      for (let g = 0; g < groupCount; g++) {
        const overlap = both[v * groupCount + g]!;
        if (overlap === 0) continue;
        const nested = overlap === rowSums[g] || overlap === columnSums[v];
        const difference = Math.abs(columnSums[v]! - rowSums[g]!);
        if (nested && difference > 0 && difference < k) near[g] ??= `org.${other} = ${values[v]}`;
      }
    }
  }
  return near;
}

function setsOf(analysed: Map<string, Analysed>): Record<string, RespondentSet> {
  const sets: Record<string, RespondentSet> = {};
  for (const [id, a] of analysed) sets[id] = respondentSet(a.inBase);
  return sets;
}

function hasUnequalWeights(design: SurveyDesign): boolean {
  for (let i = 1; i < design.n; i++) if (design.weights[i] !== design.weights[0]) return true;
  return false;
}

function analyseAll(snapshot: SurveySnapshot, domain: Uint8Array, context: AnalyseContext, everyone = false): Map<string, Analysed> {
  return new Map(snapshot.definition.questions.map((q) => [q.id, analyseColumn(columnOf(snapshot, q.id), domain, context, everyone)]));
}

/** Each figure of a group against the same figure for the rest of the filtered population. */
function compareWithRest(group: QuestionResult, rest: QuestionResult): void {
  if (group.type === 'number' || group.type === 'text' || rest.type === 'number' || rest.type === 'text') return;
  const pairs: Array<[Estimate, Estimate | undefined]> = [
    ...group.options.map((e, k) => [e, rest.options[k]] as [Estimate, Estimate | undefined]),
    ...group.nets.map((e, k) => [e, rest.nets[k]] as [Estimate, Estimate | undefined]),
  ];
  for (const [mine, theirs] of pairs) {
    if (!theirs) continue;
    mine.comparison = compareEstimates(theirs, mine, 'rest');
  }
}

/** `second` against `first`: difference in percentage points, z and two-sided p, or not tested. */
export function compareEstimates(first: Estimate, second: Estimate, against: string): Comparison {
  if (first.percent === null || second.percent === null || first.se === null || second.se === null) {
    return { against, status: 'not-tested', reason: 'no estimate to compare' };
  }
  const outcome = testDifference(
    { p: first.percent / 100, variance: (first.se / 100) ** 2, n: first.base ?? 0 },
    { p: second.percent / 100, variance: (second.se / 100) ** 2, n: second.base ?? 0 },
    { minBase: minTestBase },
  );
  if (outcome.status === 'not-tested') return { against, status: 'not-tested', reason: outcome.reason };
  if (!Number.isFinite(outcome.z)) return { against, status: 'not-tested', reason: 'no sampling variance on either side' };
  return { against, status: outcome.status, difference: 100 * outcome.difference, z: outcome.z, pValue: outcome.pValue };
}

/** Rao–Scott second-order F of a single-choice question by the breakdown, when every group's base reaches the minimum. */
function crosstabTest(snapshot: SurveySnapshot, design: SurveyDesign, id: string, inBase: Uint8Array, groupIndex: Int32Array, groups: GroupResult[]): ChoiceQuestionResult['test'] {
  const method = 'Rao–Scott F (svychisq)';
  const bases = groups.map((g) => (g.questions.find((q) => q.id === id)?.base ?? 0) as number);
  if (groups.length < 2) return { method, status: 'not-tested', reason: 'fewer than two groups' };
  const small = bases.findIndex((b) => b < minTestBase);
  if (small >= 0) return { method, status: 'not-tested', reason: `the base of ${groups[small]!.label} is ${bases[small]}, under ${minTestBase}` };
  const column = columnOf(snapshot, id);
  if (column.kind !== 'choice') return undefined;
  const rows = new Int32Array(snapshot.n);
  const columns = new Int32Array(snapshot.n);
  for (let i = 0; i < snapshot.n; i++) {
    const inside = inBase[i] && groupIndex[i]! >= 0;
    rows[i] = inside ? column.codes[i]! : -1;
    columns[i] = inside ? groupIndex[i]! : -1;
  }
  const test = raoScottTest(design, rows, columns);
  if (!Number.isFinite(test.f.statistic)) return { method, status: 'not-tested', reason: 'the table has fewer than two answers or groups in use' };
  return { method, statistic: test.f.statistic, df: test.f.df, pValue: test.f.pValue };
}

function count(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i]!;
  return n;
}

function countOrgs(snapshot: SurveySnapshot, mask: Uint8Array): number {
  const seen = new Set<number>();
  for (let i = 0; i < mask.length; i++) if (mask[i]) seen.add(snapshot.orgIndex[i]!);
  return seen.size;
}

/** The groups of a breakdown, in option order for questions and key order for attributes. */
function breakdownGroups(snapshot: SurveySnapshot, by: FieldRef, labels: Readonly<Record<string, string>>): Array<{ key: string; label: string; mask: Uint8Array }> {
  if (by.kind === 'org') {
    const keys = new Map<string, number[]>();
    snapshot.orgs.forEach((org, p) => {
      const value = (org as unknown as Record<string, unknown>)[by.attribute];
      if (value === undefined || value === null || value === '') return;
      const key = String(value);
      keys.set(key, [...(keys.get(key) ?? []), p]);
    });
    return [...keys.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, positions]) => {
        const orgs = new Set(positions);
        const mask = new Uint8Array(snapshot.n);
        for (let i = 0; i < mask.length; i++) if (orgs.has(snapshot.orgIndex[i]!)) mask[i] = 1;
        return { key, label: labels[key] ?? key, mask };
      });
  }
  const column = columnOf(snapshot, by.id);
  if (column.kind !== 'choice') throw new Error(`a breakdown needs a single-choice or scale question; '${by.id}' is ${column.question.type}`);
  return column.question.options.map((option, p) => {
    const mask = new Uint8Array(snapshot.n);
    for (let i = 0; i < mask.length; i++) if (column.codes[i] === p) mask[i] = 1;
    return { key: option.code, label: option.label, mask };
  });
}
