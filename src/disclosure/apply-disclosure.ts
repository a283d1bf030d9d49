import type { DisclosureAudit } from '../analysis/results/survey-results.js';
import type { RespondentSet } from '../analysis/respondent-sets/respondent-set.js';
import type { DistributionBin, Estimate, GroupResult, NumberDistribution, NumberQuestionResult, QuestionResult, SurveyResults } from '../analysis/results/results-model.js';
import { MemoryDisclosureLedger, offeredGroupKey, type DisclosureLedger, type PublishedGroup } from './disclosure-ledger.js';

/**
 * For a release: a question's figures for everyone as an earlier release published them, if it
 * did. When a figure's group nests too closely with one published before — most often its own
 * group in the last release, grown by a few respondents — the earlier figure is shown again
 * (marked with its release) instead of withholding it: repeating a published figure reveals
 * nothing, and readers keep a figure.
 */
export type EarlierFigures = (questionId: string) => QuestionResult | undefined;

export interface DisclosureRules {
  /** The smallest unweighted base a figure may have (DESIGN.md: 10 unless the survey says otherwise). */
  minBase: number;
  /**
   * For results that are published (a release's): withhold a number question's lowest and
   * highest answers, each of which is one respondent's own answer.
   */
  withholdExtremes?: boolean;
}

/**
 * Applies disclosure control to results before they leave the system. For each question:
 *
 * 1. **Minimum base and complements.** The base is split into cells by the filter's conditions
 *    (for each condition: holds / has a value but does not hold / has no value). Every filter is
 *    a union of such cells, and so is every difference between two filters built from them, so
 *    a figure is shown only if every non-empty cell has at least `minBase` respondents. With no
 *    filter this is the plain minimum base; with one condition it is the complement rule
 *    (n(S) ≥ k and n(U∖S) = 0 or ≥ k), applied separately to "answered otherwise" and "not asked".
 * 2. **Groups** of a breakdown follow the same rule within the group; a group of a suppressed
 *    question is suppressed too, and so is a group nested in (or containing) a group of another
 *    organisation attribute that it differs from by 1 to k − 1 respondents (London boroughs
 *    inside the London region, say).
 * 3. **The ledger** (when one is given: a record of what earlier queries published). A figure not
 *    suppressed so far whose group nests with a group published earlier — or with the figure for
 *    everyone of this query — at a difference of 1 to k − 1 respondents is suppressed: the two
 *    figures would give away those few respondents' answers by subtraction. Per-query rules
 *    cannot see two queries; the ledger can. This runs before secondary suppression, so a group
 *    suppressed here is protected like any other.
 * 4. **Secondary suppression.** Within each cell of the filter, when the respondents in
 *    suppressed groups add up to between 1 and k − 1 — or a group suppressed for the ledger has
 *    fewer than k other suppressed respondents beside it — the smallest shown group in that cell
 *    is suppressed as well, until they add up to 0 or at least k (beside such a group): so no
 *    suppressed group, and no small part of a figure published elsewhere, can be recovered by
 *    subtracting shown groups.
 *
 * A suppressed figure keeps its code and label and gives no count, percent, interval or base.
 * Suppressed groups still count towards the topline. With a ledger, the groups of every figure
 * released are recorded in it at the end (the audit must then carry the base sets).
 */
export function applyDisclosure(results: SurveyResults, audit: DisclosureAudit, rules: DisclosureRules, ledger?: DisclosureLedger, earlier?: EarlierFigures): SurveyResults {
  const disclosed = discloseFigures(results, audit, rules, ledger, earlier);
  // A number question's ranges are counts within its base, recorded with it in the ledger: checked once its base may be shown.
  const protect = (q: QuestionResult): QuestionResult => (q.type === 'number' ? protectNumber(q, rules) : q);
  return { ...disclosed, questions: disclosed.questions.map(protect), ...(disclosed.groups ? { groups: disclosed.groups.map((g) => ({ ...g, questions: g.questions.map(protect) })) } : {}) };
}

/**
 * 5. **A number question's ranges** (its distribution): a range holding 1 to k − 1 respondents
 *    is merged with its smaller neighbour until every range holds none or at least k — a count
 *    is a figure like any other. Published results withhold the lowest and highest answers.
 */
function protectNumber(question: NumberQuestionResult, rules: DisclosureRules): NumberQuestionResult {
  const distribution = question.suppressed || !question.distribution ? undefined : mergeSmallBins(question.distribution, rules.minBase);
  const { distribution: _old, ...rest } = question;
  return { ...rest, ...(rules.withholdExtremes ? { min: null, max: null } : {}), ...(distribution ? { distribution } : {}) };
}

/** Merges each range of 1 to k − 1 respondents (the smallest first) with its smaller neighbour holding any, until none is left. */
export function mergeSmallBins(distribution: NumberDistribution, k: number): NumberDistribution {
  const bins = distribution.bins.map((b) => ({ ...b }));
  let merged = distribution.merged ?? false;
  for (;;) {
    let small = -1;
    bins.forEach((b, i) => {
      if (b.count > 0 && b.count < k && (small < 0 || b.count < bins[small]!.count)) small = i;
    });
    if (small < 0 || bins.length === 1) break;
    // An empty neighbour adds no respondents: the smaller of the neighbours that hold some.
    const size = (b: DistributionBin | undefined) => (!b ? Infinity : b.count === 0 ? Infinity - 1 : b.count);
    const with_ = size(bins[small - 1]) <= size(bins[small + 1]) ? small - 1 : small + 1;
    const [a, b] = [Math.min(small, with_), Math.max(small, with_)];
    bins.splice(a, 2, { from: bins[a]!.from, to: bins[b]!.to, count: bins[a]!.count + bins[b]!.count, percent: bins[a]!.percent + bins[b]!.percent });
    merged = true;
  }
  return { ...distribution, bins, ...(merged ? { merged } : {}) };
}

function discloseFigures(results: SurveyResults, audit: DisclosureAudit, rules: DisclosureRules, ledger?: DisclosureLedger, earlier?: EarlierFigures): SurveyResults {
  const k = rules.minBase;
  const sets = audit.baseSets;
  if (ledger && !sets) throw new Error('a disclosure ledger needs the base set of every figure: computeResults with baseSets: true');
  const everyone = results.filter ?? 'everyone';
  const where = (group?: GroupResult) => (group ? `${everyone}, by ${results.by} = ${group.key}` : everyone);
  // This query's own figures so far: a group must not nest too closely in its own figure for everyone either.
  const alongside = new MemoryDisclosureLedger(k);
  const ledgerReason = (questionId: string, set: RespondentSet | undefined, place: string): string | undefined => {
    if (!ledger || !set || set.size === 0) return undefined;
    const earlier = ledger.conflict(questionId, set);
    const near = earlier ?? alongside.conflict(questionId, set);
    if (near) return `it differs by fewer than ${k} respondents from a group published ${earlier ? 'earlier' : 'alongside it'} (${near.where}), so their answers could be recovered by subtraction`;
    alongside.record({ questionId, ...set, where: place });
    return undefined;
  };

  // Figures for everyone that a release shows as an earlier release did (see EarlierFigures).
  const carried = new Set<string>();
  const questions = results.questions.map((q) => {
    const cells = cellReason(audit.topline[q.id] ?? [], q.base, k);
    if (cells) return suppressIf(q, cells);
    const nested = ledgerReason(q.id, sets?.topline[q.id], where());
    const before = nested ? earlier?.(q.id) : undefined;
    if (!before) return suppressIf(q, nested);
    carried.add(q.id);
    return before;
  });
  const recordable = (list: readonly QuestionResult[]) => list.filter((q) => !carried.has(q.id));
  // Figures a later definition version added: their own minimum base, then their own groups in the ledger (offeredGroupKey).
  // Groups of the offered figures that passed the ledger, recorded at the end if still shown then (gi: their group, −1 for everyone).
  const offeredShown: Array<{ group: PublishedGroup; gi: number; id: string; since: number }> = [];
  const cellsOf = (id: string, gi: number): Record<number, number[]> | undefined => {
    const byVersion = audit.offeredCells?.[id];
    return byVersion && Object.fromEntries(Object.entries(byVersion).map(([since, cells]) => [since, gi < 0 ? cells.topline : (cells.groups[gi] ?? [])]));
  };
  const checkOffered = <Q extends QuestionResult>(q: Q, versionSets: Record<number, RespondentSet> | undefined, place: string, gi = -1, onLedger?: (since: number) => void): Q => {
    let checked = smallOfferings(q, k, cellsOf(q.id, gi));
    if (!ledger || carried.has(q.id) || checked.suppressed) return checked;
    for (const since of shownOfferings(checked)) {
      const set = versionSets?.[since];
      if (!set) throw new Error(`no base set for the figures of '${q.id}' offered from version ${since}: a disclosure ledger needs them`);
      const key = offeredGroupKey(q.id, since);
      const reason = ledgerReason(key, set, place);
      if (reason) {
        checked = suppressOffering(checked, since, reason);
        onLedger?.(since);
      } else if (set.size > 0) offeredShown.push({ group: { questionId: key, ...set, where: place }, gi, id: q.id, since });
    }
    return checked;
  };
  if (!results.groups) {
    record(ledger, recordable(questions), sets?.topline, where());
    const checked = questions.map((q) => checkOffered(q, sets?.offered?.topline[q.id], where()));
    for (const { group } of offeredShown) ledger?.record(group);
    return { ...results, questions: checked };
  }

  // Groups suppressed for the ledger: whatever their size, they must not be recoverable on their own.
  const byLedger = new Set<string>();
  const groups: GroupResult[] = results.groups.map((g, gi) => ({
    ...g,
    questions: g.questions.map((q, qi) => {
      if (questions[qi]!.suppressed) return suppressIf(q, 'the figure for everyone is suppressed');
      if (carried.has(q.id)) return suppressIf(q, 'the figure for everyone is shown as published earlier');
      const near = audit.nearGroups[q.id]?.[gi];
      if (near !== undefined) return suppressIf(q, `it differs by fewer than ${k} respondents from the group ${near}, shown by another breakdown`);
      const cells = cellReason(audit.groups[gi]?.[q.id] ?? [], q.base, k);
      if (cells) return suppressIf(q, cells);
      const nested = ledgerReason(q.id, sets?.groups[gi]?.[q.id], where(g));
      if (nested) byLedger.add(`${gi}/${qi}`);
      return suppressIf(q, nested);
    }),
  }));
  results.questions.forEach((question, qi) => {
    const byCell = audit.cellsByGroup[question.id] ?? [];
    // The whole filter counts as one more cell: a group that fills a cell of its own must still
    // not be recoverable as the filter's total minus the shown groups.
    const whole = { perGroup: groups.map((_g, gi) => byCell.reduce((sum, c) => sum + c.perGroup[gi]!, 0)), ungrouped: 0 };
    const cells = [...byCell, whole];
    for (let changed = true; changed; ) {
      changed = false;
      for (const cell of cells) {
        // Respondents outside every group are no cover: another breakdown may show them.
        let hidden = 0;
        let nested = 0;
        cell.perGroup.forEach((n, g) => {
          if (!groups[g]!.questions[qi]!.suppressed) return;
          hidden += n;
          if (byLedger.has(`${g}/${qi}`)) nested = Math.max(nested, n);
        });
        const small = hidden > 0 && hidden < k;
        // A group suppressed for the ledger is close to a published one at any size: it needs at
        // least k other suppressed respondents beside it, or subtraction gives it back exactly.
        const bare = nested > 0 && hidden - nested < k;
        if (!small && !bare) continue;
        const shown = groups.filter((g, gi) => !g.questions[qi]!.suppressed && cell.perGroup[gi]! > 0);
        if (shown.length === 0) continue;
        const smallest = shown.reduce((a, b) => (baseOf(results, b, qi) < baseOf(results, a, qi) ? b : a));
        const reason = small ? 'secondary suppression: it would reveal a smaller suppressed group by subtraction' : 'secondary suppression: it would reveal, by subtraction, a group suppressed for differing by a few respondents from one published earlier';
        smallest.questions[qi] = suppressIf(smallest.questions[qi]!, reason);
        changed = true;
      }
    }
  });
  record(ledger, recordable(questions), sets?.topline, where());
  groups.forEach((g, gi) => record(ledger, g.questions, sets?.groups[gi], where(g)));
  const toplines = questions.map((q) => checkOffered(q, sets?.offered?.topline[q.id], where()));
  const offeredByLedger = new Set<string>();
  const checkedGroups = groups.map((g, gi) => ({
    ...g,
    questions: g.questions.map((q, qi) => {
      // As a group's question goes with the question for everyone: figures the one for everyone hides, the groups hide.
      let checked = q;
      for (const since of shownOfferings(q)) if (!shownOfferings(toplines[qi]!).includes(since)) checked = suppressOffering(checked, since, 'the figure for everyone is suppressed');
      return checkOffered(checked, sets?.offered?.groups[gi]?.[q.id], where(g), gi, (since) => offeredByLedger.add(`${gi}/${qi}/${since}`));
    }),
  }));
  secondaryOfferings(results, toplines, checkedGroups, offeredByLedger, k);
  // Recorded only once secondary suppression has run: a group it hid is not published.
  for (const { group, gi, id, since } of offeredShown) {
    const q = (gi < 0 ? toplines : checkedGroups[gi]!.questions).find((x) => x.id === id);
    if (q && shownOfferings(q).includes(since)) ledger?.record(group);
  }
  return { ...results, questions: toplines, groups: checkedGroups };
}

/** The versions whose later figures (options or nets offered from them) a question shows. */
function shownOfferings(question: QuestionResult): number[] {
  if (question.suppressed || (question.type !== 'single' && question.type !== 'multiple' && question.type !== 'scale')) return [];
  const versions = new Set<number>();
  for (const e of [...question.options, ...question.nets]) if (e.offeredFrom !== undefined && !e.suppressed) versions.add(e.offeredFrom);
  return [...versions].sort((a, b) => a - b);
}

/** The question with the figures offered from version `since` suppressed for `reason`. */
function suppressOffering<Q extends QuestionResult>(question: Q, since: number, reason: string): Q {
  if (question.type !== 'single' && question.type !== 'multiple' && question.type !== 'scale') return question;
  const hide = (e: Estimate): Estimate => (e.offeredFrom !== since || e.suppressed ? e : { code: e.code, label: e.label, count: null, percent: null, se: null, ci95: null, base: null, weightedBase: null, suppressed: true, reason, offeredFrom: since });
  const choice = question as Extract<QuestionResult, { options: Estimate[] }>;
  return { ...question, options: choice.options.map(hide), nets: choice.nets.map(hide) };
}

/**
 * Secondary suppression of figures a later definition version added, in a breakdown: they have
 * bases of their own, so the groups hiding them may add up to 1 to k − 1 respondents offered them
 * (or leave a group suppressed for the ledger with fewer than k beside it) although the
 * question's own groups do not; then the smallest group still showing them hides them too, until
 * the figure for everyone minus the shown groups gives away no small group. Groups whose whole
 * question is hidden count as hiding them.
 */
function secondaryOfferings(results: SurveyResults, toplines: QuestionResult[], groups: GroupResult[], byLedger: ReadonlySet<string>, k: number): void {
  const original = results.groups!;
  toplines.forEach((topline, qi) => {
    for (const since of shownOfferings(topline)) {
      const offeredBase = (gi: number) => {
        const q = original[gi]!.questions[qi]!;
        if (q.type !== 'single' && q.type !== 'multiple' && q.type !== 'scale') return 0;
        return [...q.options, ...q.nets].find((e) => e.offeredFrom === since)?.base ?? 0;
      };
      const shows = (gi: number) => shownOfferings(groups[gi]!.questions[qi]!).includes(since);
      for (;;) {
        let hidden = 0;
        let nested = 0;
        groups.forEach((_g, gi) => {
          if (shows(gi)) return;
          hidden += offeredBase(gi);
          if (byLedger.has(`${gi}/${qi}/${since}`)) nested = Math.max(nested, offeredBase(gi));
        });
        const small = hidden > 0 && hidden < k;
        const bare = nested > 0 && hidden - nested < k;
        if (!small && !bare) break;
        const shown = groups.map((_g, gi) => gi).filter((gi) => shows(gi) && offeredBase(gi) > 0);
        if (shown.length === 0) break;
        const smallest = shown.reduce((a, b) => (offeredBase(b) < offeredBase(a) ? b : a));
        const reason = small ? 'secondary suppression: it would reveal, by subtraction, a smaller suppressed group of the respondents offered it' : 'secondary suppression: it would reveal, by subtraction, a group suppressed for differing by a few respondents from one published earlier';
        groups[smallest]!.questions[qi] = suppressOffering(groups[smallest]!.questions[qi]!, since, reason);
      }
    }
  });
}

/**
 * An option (or net) introduced by a later definition version has a base of its own, the
 * respondents offered it (analysis/results/offered-bases.ts): it is suppressed, the question's
 * other figures staying, when that base is under the minimum — or, with a filter, when a cell of
 * it (`cells`, by version) is, as the question's own figures are (see cellReason).
 */
function smallOfferings<Q extends QuestionResult>(question: Q, k: number, cells?: Record<number, readonly number[]>): Q {
  if (question.suppressed || (question.type !== 'single' && question.type !== 'multiple' && question.type !== 'scale')) return question;
  const check = (e: Estimate): Estimate => {
    if (e.offeredFrom === undefined || e.suppressed || e.base === null || e.base === 0) return e;
    const complement = cells?.[e.offeredFrom]?.some((c) => c > 0 && c < k);
    if (e.base >= k && !complement) return e;
    const reason =
      e.base < k
        ? `fewer than ${k} respondents were offered it (from definition version ${e.offeredFrom})`
        : `a complementary group of the respondents offered it (from definition version ${e.offeredFrom}) has fewer than ${k} respondents, so the figure could be recovered by subtraction`;
    return { code: e.code, label: e.label, count: null, percent: null, se: null, ci95: null, base: null, weightedBase: null, suppressed: true, reason, offeredFrom: e.offeredFrom };
  };
  const choice = question as Extract<QuestionResult, { options: Estimate[] }>;
  if (!choice.options.some((e) => e.offeredFrom !== undefined) && !choice.nets.some((e) => e.offeredFrom !== undefined)) return question;
  return { ...question, options: choice.options.map(check), nets: choice.nets.map(check) };
}

/** Records the groups of the released (not suppressed, non-empty) figures among `questions`. */
function record(ledger: DisclosureLedger | undefined, questions: readonly QuestionResult[], sets: Record<string, RespondentSet> | undefined, where: string): void {
  if (!ledger || !sets) return;
  for (const q of questions) {
    const set = sets[q.id];
    if (!q.suppressed && set && set.size > 0) ledger.record({ questionId: q.id, ...set, where });
  }
}

/** Why the cells forbid showing a figure, or undefined when they allow it. */
function cellReason(cells: readonly number[], base: number | null, k: number): string | undefined {
  if (base === null || base === 0) return undefined;
  if (base < k) return `fewer than ${k} respondents answered`;
  if (cells.some((c) => c > 0 && c < k)) return `a complementary group has fewer than ${k} respondents, so the figure could be recovered by subtraction`;
  return undefined;
}

/** The unsuppressed base of a group's question (kept aside from the original results). */
function baseOf(results: SurveyResults, group: GroupResult, qi: number): number {
  const original = results.groups!.find((g) => g.key === group.key)!;
  return original.questions[qi]!.base ?? 0;
}

function suppressIf<Q extends QuestionResult>(question: Q, reason: string | undefined): Q {
  if (!reason) return question;
  const hidden = (e: Estimate): Estimate => ({ code: e.code, label: e.label, count: null, percent: null, se: null, ci95: null, base: null, weightedBase: null, suppressed: true, reason });
  const common = { ...question, base: null, weightedBase: null, effectiveBase: null, designEffect: null, suppressed: true, reason };
  if (question.type === 'number') {
    const { distribution: _distribution, ...number } = common as Q & { distribution?: unknown };
    return { ...number, mean: null, se: null, ci95: null, median: null, min: null, max: null } as Q;
  }
  if (question.type === 'text') return common as Q;
  // A date's earliest, latest and median go with its figures.
  const { test: _test, dates: _dates, ...rest } = common as Q & { test?: unknown; dates?: unknown };
  return { ...rest, options: question.options.map(hidden), nets: question.nets.map(hidden) } as Q;
}
