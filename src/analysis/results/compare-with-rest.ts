import { testDifference } from '../tests/compare-proportions.js';
import type { Comparison, Estimate, QuestionResult } from './results-model.js';

/** The smallest base either group of a comparison must have to be tested (DESIGN.md). */
export const minTestBase = 30;

/** Each figure of a group against the same figure for the rest of the filtered population. */
export function compareWithRest(group: QuestionResult, rest: QuestionResult): void {
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
