import { attributeLabels, attributeOrder, registerOf } from '../../definition/register-attributes.js';
import type { Expression, FieldRef } from '../../definition/expression/ast.js';
import { fieldName } from '../../definition/expression/ast.js';
import { analyseColumn, choiceResult, questionBase, wholeBase, type AnalyseContext } from './analyse-question.js';
import { cellKeys, cellVariables } from '../snapshot/atom-states.js';
import { filterMask } from '../snapshot/filter-mask.js';
import { intervalMethods, type IntervalMethod } from '../intervals/interval-methods.js';
import { raoScottFromStrata } from '../tests/rao-scott-test.js';
import { idsAreSmaller, respondentSet, wordsFor, type RespondentSet } from '../respondent-sets/respondent-set.js';
import type { ChoiceQuestionResult, DesignSummary, GroupResult, QuestionResult, SurveyResults } from './results-model.js';
import type { SurveyDesign } from '../design/survey-design.js';
import { columnOf, type SurveySnapshot } from '../snapshot/survey-snapshot.js';
import { breakdownGroups, notStated } from './breakdown-groups.js';
import { BreakdownDomains } from './breakdown-domains.js';
import { breakdownFrame, groupTable, unitMoments, type BreakdownFrame, type UnitMoments } from './breakdown-moments.js';
import { filterCells, nearOrgGroups, type CellPlaces } from './breakdown-audit.js';
import { compareWithRest, minTestBase } from './compare-with-rest.js';
import { laterOfferings, markQuestionOffer, offeredColumn, offeredFrom, spliceOffering } from './offered-bases.js';

export { compareEstimates, minTestBase } from './compare-with-rest.js';

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
   * that group's name ("Not stated" groups held against each other too).
   */
  nearGroups: Record<string, Record<number, string>>;
  /**
   * With a filter, per question with options (or nets) a later definition version added, per that
   * version: the cells of those figures' own base (the respondents offered them), for everyone
   * and per group, as `topline` and `groups` are for the question's base.
   */
  offeredCells?: Record<string, Record<number, { topline: number[]; groups: number[][] }>>;
  /**
   * Only when asked for (`baseSets`): per question, the respondents in the base of the figure for
   * everyone in the filter, and of each group's figure (in the order of `results.groups`).
   */
  baseSets?: {
    topline: Record<string, RespondentSet>;
    groups: Array<Record<string, RespondentSet>>;
    /**
     * Per question with options (or nets) a later definition version added, per that version: the
     * respondents in the base of those figures (offered them), for everyone and each group. Their
     * figures' groups are not the question's (see offered-bases.ts), so a ledger records them apart.
     */
    offered?: { topline: Record<string, Record<number, RespondentSet>>; groups: Array<Record<string, Record<number, RespondentSet>>> };
  };
}

/**
 * The results of a survey within a filter, optionally broken down into groups, each group's
 * figures compared with the rest of the filtered population and each single-choice question
 * tested against the breakdown (Rao–Scott F). Design-based throughout: filters and groups are
 * domains of one design. A breakdown is computed in one pass over the respondents per question
 * (see breakdown-moments.ts), whatever the number of groups.
 */
export function computeResults(snapshot: SurveySnapshot, options: ResultsOptions): { results: SurveyResults; audit: DisclosureAudit } {
  const context: AnalyseContext = { design: options.design, interval: options.interval, weighted: hasUnequalWeights(options.design) };
  const domain = filterMask(snapshot, options.filter?.expression);
  const audit: DisclosureAudit = { topline: {}, groups: [], cellsByGroup: {}, nearGroups: {} };
  if (options.baseSets) audit.baseSets = { topline: {}, groups: [], offered: { topline: {}, groups: [] } };
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
    questions: [],
  };
  if (options.by) {
    crossTab(snapshot, options, options.by, context, domain, results, audit);
    return { results, audit };
  }
  const places = options.filter ? cellPlaces(snapshot, options.filter.expression, domain, new Int32Array(snapshot.n).fill(-1), slotsOfFilter(domain), 0) : undefined;
  for (const question of snapshot.definition.questions) {
    const column = offeredColumn(snapshot, columnOf(snapshot, question.id));
    const analysed = analyseColumn(column, domain, context, !options.filter);
    const base = analysed.result.base ?? 0;
    if (column.kind === 'choice' || column.kind === 'multi') {
      for (const offering of laterOfferings(snapshot, column.question)) {
        const later = analyseColumn(offeredFrom(snapshot, column, offering.since), domain, context, !options.filter);
        spliceOffering(analysed.result as ChoiceQuestionResult, later.result as ChoiceQuestionResult, offering);
        const offered = audit.baseSets?.offered;
        if (offered) (offered.topline[question.id] ??= {})[offering.since] = respondentSet(later.inBase);
        if (places) ((audit.offeredCells ??= {})[question.id] ??= {})[offering.since] = { topline: filterCells(wholeBase(offeredFrom(snapshot, column, offering.since)), places).topline, groups: [] };
      }
    }
    results.questions.push(markQuestionOffer(snapshot, analysed.result));
    audit.topline[question.id] = places ? filterCells(wholeBase(column), places).topline : base > 0 ? [base] : [];
    if (audit.baseSets) audit.baseSets.topline[question.id] = respondentSet(analysed.inBase);
  }
  return { results, audit };
}

/**
 * The breakdown: per question, one pass gives every unit's counts (breakdown-moments.ts), from
 * which come the figure for everyone in the filter, each group's and, to compare with, the rest's
 * beside each group; then what disclosure control needs to know of the groups.
 */
function crossTab(snapshot: SurveySnapshot, options: ResultsOptions, by: FieldRef, context: AnalyseContext, domain: Uint8Array, results: SurveyResults, audit: DisclosureAudit): void {
  const n = snapshot.n;
  const compare = options.compare ?? true;
  const register = registerOf(snapshot.definition);
  const attribute = by.kind === 'org' ? by.attribute : undefined;
  const { groups, groupOf } = breakdownGroups(snapshot, by, options.groupLabels ?? (attribute ? attributeLabels(register, attribute) : undefined) ?? {}, attribute ? attributeOrder(register, attribute) : undefined);
  // Only groups with respondents in the filter are shown; each has a slot, and slot G is "in the filter, in no group".
  const inFilter = new Float64Array(groups.length);
  for (let i = 0; i < n; i++) if (domain[i] && groupOf[i]! >= 0) inFilter[groupOf[i]!]!++;
  const slotOfGroup = new Int32Array(groups.length).fill(-1);
  const grouped: GroupResult[] = [];
  groups.forEach((group, g) => {
    if (inFilter[g]! === 0) return;
    slotOfGroup[g] = grouped.length;
    grouped.push({ ...group, respondents: inFilter[g]!, questions: [] });
  });
  const G = grouped.length;
  const wholeGroupOf = new Int32Array(n);
  const slotOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const g = groupOf[i]! >= 0 ? slotOfGroup[groupOf[i]!]! : -1;
    wholeGroupOf[i] = g;
    slotOf[i] = domain[i] ? (g >= 0 ? g : G) : -1;
  }
  const frame = breakdownFrame(options.design, snapshot.orgIndex, slotOf, G);
  const notStatedSlot = grouped.findIndex((g) => g.key === notStated.key);
  const places = options.filter ? cellPlaces(snapshot, options.filter.expression, domain, wholeGroupOf, slotOf, G) : undefined;
  let groupMasks: Uint8Array[] | undefined;
  audit.groups = grouped.map(() => ({}));
  const groupSets = audit.baseSets ? grouped.map(() => ({}) as Record<string, RespondentSet>) : undefined;
  if (audit.baseSets && groupSets) audit.baseSets.groups = groupSets;
  const offeredSets = audit.baseSets?.offered;
  if (offeredSets) offeredSets.groups = grouped.map(() => ({}));

  for (const question of snapshot.definition.questions) {
    const id = question.id;
    const column = offeredColumn(snapshot, columnOf(snapshot, id));
    // The breakdown question by itself: each group gave its own answer. Its groups are computed
    // and go through disclosure control like any (which reads every group's questions in order),
    // but are not compared or tested, and are left out afterwards (see withoutBreakdownQuestion).
    const itself = by.kind === 'question' && by.id === id;
    let topline: QuestionResult;
    let inGroups: QuestionResult[];
    let inBase: Uint8Array | undefined;
    let unitBase: () => Float64Array;
    if (column.kind === 'choice' || column.kind === 'multi') {
      const figures = (of: typeof column) => {
        const m = unitMoments(frame, of);
        const domains = new BreakdownDomains(frame, m);
        const choice = choiceResult(of.question, domains.forEveryone(), context);
        const groupResults = grouped.map((_group, g) => {
          const { group, rest } = domains.forGroup(g, compare && !itself);
          const result = choiceResult(of.question, group, context);
          if (rest) compareWithRest(result, choiceResult(of.question, rest, context, false));
          return result;
        });
        return { m, choice, groupResults };
      };
      const { m, choice, groupResults } = figures(column);
      // The cross-tab test compares every option's share between groups: only respondents offered every option can be in it.
      let tested: { m: UnitMoments; groupResults: ChoiceQuestionResult[]; since?: number } = { m, groupResults };
      // What a later definition version added, over the respondents offered it (offered-bases.ts).
      for (const offering of laterOfferings(snapshot, column.question)) {
        const later = figures(offeredFrom(snapshot, column, offering.since) as typeof column);
        spliceOffering(choice, later.choice, offering);
        groupResults.forEach((result, g) => spliceOffering(result, later.groupResults[g]!, offering));
        if (places) {
          const cells = filterCells(wholeBase(offeredFrom(snapshot, column, offering.since)), places);
          ((audit.offeredCells ??= {})[id] ??= {})[offering.since] = { topline: cells.topline, groups: cells.groups };
        }
        if (offeredSets) {
          const offeredBase = questionBase(offeredFrom(snapshot, column, offering.since), domain);
          (offeredSets.topline[id] ??= {})[offering.since] = respondentSet(offeredBase);
          const sizes = later.groupResults.map((result) => result.base ?? 0);
          groupBaseSets(offeredBase, slotOf, sizes).forEach((set, g) => ((offeredSets.groups[g]![id] ??= {})[offering.since] = set));
        }
        if (offering.options.length > 0) tested = { m: later.m, groupResults: later.groupResults, since: offering.since };
      }
      if (compare && !itself && column.kind === 'choice') choice.test = crosstabTest(frame, tested.m, column.question.options.length, tested.groupResults, grouped, tested.since);
      topline = choice;
      inGroups = groupResults;
      unitBase = () => m.base;
    } else {
      const analysed = analyseColumn(column, domain, context, !options.filter);
      topline = analysed.result;
      inBase = analysed.inBase;
      groupMasks ??= grouped.map((_g, g) => maskOfSlot(slotOf, g));
      const analysedGroups = groupMasks.map((mask) => analyseColumn(column, mask, context));
      inGroups = analysedGroups.map((a) => a.result);
      if (groupSets) analysedGroups.forEach((a, g) => (groupSets[g]![id] = respondentSet(a.inBase)));
      const counted = inBase;
      unitBase = () => {
        const perUnit = new Float64Array(frame.units);
        for (let i = 0; i < n; i++) if (counted[i]) perUnit[frame.unitOf[i]!]!++;
        return perUnit;
      };
    }
    results.questions.push(markQuestionOffer(snapshot, topline));
    inGroups.forEach((result, g) => grouped[g]!.questions.push(markQuestionOffer(snapshot, result)));

    const bases = inGroups.map((result) => result.base ?? 0);
    const base = topline.base ?? 0;
    if (places) {
      const cells = filterCells(wholeBase(column), places);
      audit.topline[id] = cells.topline;
      cells.groups.forEach((groupCells, g) => (audit.groups[g]![id] = groupCells));
      audit.cellsByGroup[id] = cells.byGroup;
    } else {
      // Without a filter the only cell is the base itself.
      audit.topline[id] = base > 0 ? [base] : [];
      bases.forEach((size, g) => (audit.groups[g]![id] = size > 0 ? [size] : []));
      audit.cellsByGroup[id] = base > 0 ? [{ perGroup: bases, ungrouped: base - bases.reduce((sum, size) => sum + size, 0) }] : [];
    }
    if (by.kind === 'org') audit.nearGroups[id] = nearOrgGroups(snapshot, by.attribute, frame, unitBase(), options.minBase, notStatedSlot);
    if (audit.baseSets) {
      inBase ??= options.filter ? questionBase(column, domain) : wholeBase(column);
      audit.baseSets.topline[id] = respondentSet(inBase);
      if (groupSets && (column.kind === 'choice' || column.kind === 'multi')) groupBaseSets(inBase, slotOf, bases).forEach((set, g) => (groupSets[g]![id] = set));
    }
  }
  results.groups = grouped;
}

/**
 * The results without the breakdown question in its own groups, when broken down by a question:
 * each group's answer to it is the group's own (the question "differs" from the rest by nearly
 * 100 points), so its row of a cross-tab says nothing; its figures for everyone stay. Applied
 * after disclosure control, which reads each group's questions in the order of the figures for
 * everyone; with {@link auditWithoutBreakdownQuestion} before it, so that a disclosure ledger
 * neither checks nor records figures that are not shown.
 */
export function withoutBreakdownQuestion(results: SurveyResults): SurveyResults {
  const by = breakdownQuestion(results);
  if (!results.groups || by === undefined) return results;
  return { ...results, groups: results.groups.map((g) => ({ ...g, questions: g.questions.filter((q) => q.id !== by) })) };
}

/** The audit without the base sets of the breakdown question's own groups (see withoutBreakdownQuestion). */
export function auditWithoutBreakdownQuestion(results: SurveyResults, audit: DisclosureAudit): DisclosureAudit {
  const by = breakdownQuestion(results);
  if (!audit.baseSets || by === undefined) return audit;
  const groups = audit.baseSets.groups.map((sets) => Object.fromEntries(Object.entries(sets).filter(([id]) => id !== by)));
  const offered = audit.baseSets.offered;
  const offeredGroups = offered?.groups.map((sets) => Object.fromEntries(Object.entries(sets).filter(([id]) => id !== by)));
  return { ...audit, baseSets: { ...audit.baseSets, groups, ...(offered && offeredGroups ? { offered: { ...offered, groups: offeredGroups } } : {}) } };
}

/** The question results are broken down by, if they are broken down by one. */
function breakdownQuestion(results: SurveyResults): string | undefined {
  const by = results.by;
  return by !== null && results.questions.some((q) => q.id === by) ? by : undefined;
}

/** Without a breakdown everyone in the filter is in slot 0, "in no group". */
function slotsOfFilter(domain: Uint8Array): Int32Array {
  const slotOf = new Int32Array(domain.length);
  for (let i = 0; i < domain.length; i++) slotOf[i] = domain[i] ? 0 : -1;
  return slotOf;
}

/** 0/1: the respondents in one slot. */
function maskOfSlot(slotOf: Int32Array, slot: number): Uint8Array {
  const mask = new Uint8Array(slotOf.length);
  for (let i = 0; i < slotOf.length; i++) mask[i] = slotOf[i] === slot ? 1 : 0;
  return mask;
}

/** Where each respondent is for counting a filter's cells: the cell of its conditions' values, and the group. */
function cellPlaces(snapshot: SurveySnapshot, expression: Expression, domain: Uint8Array, wholeGroupOf: Int32Array, slotOf: Int32Array, groups: number): CellPlaces {
  const keys = cellKeys(cellVariables(snapshot, expression), snapshot.n);
  let cellCount = 0;
  for (let i = 0; i < keys.length; i++) cellCount = Math.max(cellCount, keys[i]! + 1);
  return { domain, keys, cellCount, wholeGroupOf, slotOf, groups };
}

/** Each group's part of a question's base, as respondent sets of the sizes known from its figures. */
function groupBaseSets(inBase: Uint8Array, slotOf: Int32Array, sizes: number[]): RespondentSet[] {
  const rows = inBase.length;
  const G = sizes.length;
  const sets: RespondentSet[] = sizes.map((size) => (idsAreSmaller(size, rows) ? { form: 'ids', members: new Uint32Array(size), size, rows } : { form: 'bits', members: new Uint32Array(wordsFor(rows)), size, rows }));
  const filled = new Int32Array(G);
  for (let i = 0; i < rows; i++) {
    const g = slotOf[i]!;
    if (!inBase[i] || g < 0 || g >= G) continue;
    const set = sets[g]!;
    if (set.form === 'ids') set.members[filled[g]!++] = i;
    else {
      set.members[i >>> 5]! |= 1 << (i & 31);
      filled[g]!++;
    }
  }
  filled.forEach((size, g) => {
    if (size !== sizes[g]) throw new Error(`group ${g}'s base has ${size} respondents, its figures ${sizes[g]}`);
  });
  return sets;
}

function hasUnequalWeights(design: SurveyDesign): boolean {
  for (let i = 1; i < design.n; i++) if (design.weights[i] !== design.weights[0]) return true;
  return false;
}

/**
 * Rao–Scott second-order F of a single-choice question by the breakdown, when every group's base
 * reaches the minimum. With options a later definition version added (`offeredFrom`), `m` and
 * `inGroups` are over the respondents offered every option — those of that version on — and the
 * test says so: earlier respondents could not choose the later options, so counting them would
 * compare the groups' mixes of versions as much as their answers.
 */
function crosstabTest(frame: BreakdownFrame, m: UnitMoments, options: number, inGroups: QuestionResult[], groups: GroupResult[], offeredFrom?: number): ChoiceQuestionResult['test'] {
  const method = 'Rao–Scott F (svychisq)';
  const among = offeredFrom === undefined ? '' : ` among the respondents offered every option (from definition version ${offeredFrom} on)`;
  const about = offeredFrom === undefined ? {} : { offeredFrom };
  const bases = inGroups.map((q) => q.base ?? 0);
  if (groups.length < 2) return { method, status: 'not-tested', reason: 'fewer than two groups' };
  const small = bases.findIndex((b) => b < minTestBase);
  if (small >= 0) return { method, status: 'not-tested', reason: `the base of ${groups[small]!.label}${among} is ${bases[small]}, under ${minTestBase}`, ...about };
  const test = raoScottFromStrata(frame.design, groupTable(frame, m, options));
  if (!Number.isFinite(test.f.statistic)) return { method, status: 'not-tested', reason: `the table${among} has fewer than two answers or groups in use`, ...about };
  return { method, statistic: test.f.statistic, df: test.f.df, pValue: test.f.pValue, ...about };
}

function count(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i]!;
  return n;
}

function countOrgs(snapshot: SurveySnapshot, mask: Uint8Array): number {
  const seen = new Uint8Array(snapshot.orgs.length);
  let orgs = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i] || seen[snapshot.orgIndex[i]!]) continue;
    seen[snapshot.orgIndex[i]!] = 1;
    orgs++;
  }
  return orgs;
}
