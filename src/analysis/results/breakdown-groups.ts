import { orgAttributeValue } from '../../definition/register-attributes.js';
import type { FieldRef } from '../../definition/expression/ast.js';
import { parseExpression } from '../../definition/expression/parse.js';
import { filterMask } from '../snapshot/filter-mask.js';
import { columnOf, type SurveySnapshot } from '../snapshot/survey-snapshot.js';

/** The key and label of the group of respondents with no value for the breakdown's field. */
export const notStated = { key: 'not-stated', label: 'Not stated' } as const;

export interface BreakdownGroups {
  groups: Array<{ key: string; label: string }>;
  /** Per respondent: their group's index in `groups`, or −1 when in none. */
  groupOf: Int32Array;
}

/**
 * The groups of a breakdown, in option order for questions, `order` (bands) or key order for attributes, then
 * "Not stated": respondents whose organisation has no value for the attribute, or who were asked
 * the question and did not answer it. Only respondents the questionnaire did not ask the question
 * (its `showIf` did not hold) are in no group: they are outside its base, as they are outside the
 * base of any question they were not asked — and as a group they would be the complement of
 * groups of the questions that decide who is asked, which other breakdowns show, so that a few
 * respondents could be told apart by subtraction.
 */
export function breakdownGroups(snapshot: SurveySnapshot, by: FieldRef, labels: Readonly<Record<string, string>>, order?: readonly string[]): BreakdownGroups {
  if (by.kind === 'org') {
    const valueOf = snapshot.orgs.map((org) => {
      const value = orgAttributeValue(org, by.attribute);
      return value === undefined || value === null || value === '' ? undefined : String(value);
    });
    // Bands in their declared order (small, medium, large), other values by key.
    const rank = new Map((order ?? []).map((key, k) => [key, k]));
    const keys = [...new Set(valueOf.filter((v) => v !== undefined))].sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || a.localeCompare(b));
    const index = new Map(keys.map((key, g) => [key, g]));
    const groupOfOrg = Int32Array.from(valueOf, (v) => (v === undefined ? keys.length : index.get(v)!));
    const groupOf = new Int32Array(snapshot.n);
    for (let i = 0; i < groupOf.length; i++) groupOf[i] = groupOfOrg[snapshot.orgIndex[i]!]!;
    return { groups: [...keys.map((key) => ({ key, label: labels[key] ?? key })), notStated], groupOf };
  }
  const column = columnOf(snapshot, by.id);
  if (column.kind !== 'choice') throw new Error(`a breakdown needs a single-choice or scale question; '${by.id}' is ${column.question.type}`);
  const { options, showIf } = column.question;
  const asked = showIf ? filterMask(snapshot, parseExpression(showIf)) : undefined;
  const groupOf = new Int32Array(snapshot.n);
  for (let i = 0; i < groupOf.length; i++) {
    const code = column.codes[i]!;
    groupOf[i] = code >= 0 ? code : !asked || asked[i] ? options.length : -1;
  }
  return { groups: [...options.map((option) => ({ key: option.code, label: option.label })), notStated], groupOf };
}
