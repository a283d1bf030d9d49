import type { FieldRef } from '../../definition/expression/ast.js';
import { columnOf, type SurveySnapshot } from '../snapshot/survey-snapshot.js';

export interface BreakdownGroups {
  groups: Array<{ key: string; label: string }>;
  /** Per respondent: their group's index in `groups`, or −1 when in none. */
  groupOf: Int32Array;
}

/** The groups of a breakdown, in option order for questions and key order for attributes. */
export function breakdownGroups(snapshot: SurveySnapshot, by: FieldRef, labels: Readonly<Record<string, string>>): BreakdownGroups {
  if (by.kind === 'org') {
    const valueOf = snapshot.orgs.map((org) => {
      const value = (org as unknown as Record<string, unknown>)[by.attribute];
      return value === undefined || value === null || value === '' ? undefined : String(value);
    });
    const keys = [...new Set(valueOf.filter((v) => v !== undefined))].sort((a, b) => a.localeCompare(b));
    const index = new Map(keys.map((key, g) => [key, g]));
    const groupOfOrg = Int32Array.from(valueOf, (v) => (v === undefined ? -1 : index.get(v)!));
    const groupOf = new Int32Array(snapshot.n);
    for (let i = 0; i < groupOf.length; i++) groupOf[i] = groupOfOrg[snapshot.orgIndex[i]!]!;
    return { groups: keys.map((key) => ({ key, label: labels[key] ?? key })), groupOf };
  }
  const column = columnOf(snapshot, by.id);
  if (column.kind !== 'choice') throw new Error(`a breakdown needs a single-choice or scale question; '${by.id}' is ${column.question.type}`);
  return { groups: column.question.options.map((option) => ({ key: option.code, label: option.label })), groupOf: Int32Array.from(column.codes) };
}
