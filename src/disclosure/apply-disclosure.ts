import type { DisclosureAudit } from '../analysis/survey-results.js';
import type { Estimate, GroupResult, QuestionResult, SurveyResults } from '../analysis/results-model.js';

export interface DisclosureRules {
  /** The smallest unweighted base a figure may have (DESIGN.md: 10 unless the survey says otherwise). */
  minBase: number;
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
 *    question is suppressed too.
 * 3. **Secondary suppression.** When the suppressed groups (with the respondents outside every
 *    group) add up to between 1 and k − 1, the smallest shown group is suppressed as well, until
 *    they add up to 0 or at least k, so no suppressed group can be recovered by subtraction.
 *
 * A suppressed figure keeps its code and label and gives no count, percent, interval or base.
 * Suppressed groups still count towards the topline.
 */
export function applyDisclosure(results: SurveyResults, audit: DisclosureAudit, rules: DisclosureRules): SurveyResults {
  const k = rules.minBase;
  const questions = results.questions.map((q) => {
    const cells = audit.topline[q.id] ?? [];
    return suppressIf(q, cellReason(cells, q.base, k));
  });
  if (!results.groups) return { ...results, questions };

  const groups: GroupResult[] = results.groups.map((g, gi) => ({
    ...g,
    questions: g.questions.map((q, qi) => {
      if (questions[qi]!.suppressed) return suppressIf(q, 'the figure for everyone is suppressed');
      return suppressIf(q, cellReason(audit.groups[gi]?.[q.id] ?? [], q.base, k));
    }),
  }));
  results.questions.forEach((question, qi) => {
    let hidden = audit.ungrouped[question.id] ?? 0;
    for (const g of groups) if (g.questions[qi]!.suppressed) hidden += baseOf(results, g, qi);
    while (hidden > 0 && hidden < k) {
      const shown = groups.filter((g) => !g.questions[qi]!.suppressed);
      if (shown.length === 0) break;
      const smallest = shown.reduce((a, b) => (baseOf(results, b, qi) < baseOf(results, a, qi) ? b : a));
      hidden += baseOf(results, smallest, qi);
      smallest.questions[qi] = suppressIf(smallest.questions[qi]!, 'secondary suppression: it would reveal a smaller suppressed group by subtraction');
    }
  });
  return { ...results, questions, groups };
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
  if (question.type === 'number') return { ...common, mean: null, se: null, ci95: null, median: null, min: null, max: null } as Q;
  if (question.type === 'text') return common as Q;
  const { test: _test, ...rest } = common as Q & { test?: unknown };
  return { ...rest, options: question.options.map(hidden), nets: question.nets.map(hidden) } as Q;
}
