import type { Expression, FieldRef } from '../definition/expression/ast.js';
import { answeredMask, mask } from './filter-mask.js';
import type { SurveySnapshot } from './survey-snapshot.js';

type Atom = Extract<Expression, { kind: 'compare' | 'in' | 'includes' }>;

/** The atomic conditions of an expression (comparisons, in-lists, includes), in order. */
export function atomsOf(expression: Expression | undefined): Atom[] {
  if (!expression) return [];
  switch (expression.kind) {
    case 'and':
    case 'or':
      return [...atomsOf(expression.left), ...atomsOf(expression.right)];
    case 'not':
      return atomsOf(expression.operand);
    default:
      return [expression];
  }
}

/**
 * Each respondent's state under each atom of a filter: 2 the condition holds, 1 the field has a
 * value but the condition does not hold, 0 the field has no value (not asked, not answered, an
 * organisation attribute not set). Any filter is a union of the cells these states make, which
 * is what disclosure control needs to know about it. A breakdown adds its field as one more atom.
 */
export function atomStates(snapshot: SurveySnapshot, expression: Expression | undefined, extraFields: FieldRef[] = []): Uint8Array[] {
  const states: Uint8Array[] = atomsOf(expression).map((atom) => {
    const holds = mask(snapshot, atom);
    const answered = answeredMask(snapshot, atom.field);
    const state = new Uint8Array(snapshot.n);
    for (let i = 0; i < state.length; i++) state[i] = holds[i] ? 2 : answered[i] ? 1 : 0;
    return state;
  });
  for (const field of extraFields) states.push(answeredMask(snapshot, field));
  return states;
}

/** Sizes of the non-empty cells that the atom states make among the respondents in `inBase`. */
export function cellSizes(inBase: Uint8Array, states: readonly Uint8Array[]): number[] {
  if (states.length === 0) {
    let n = 0;
    for (let i = 0; i < inBase.length; i++) n += inBase[i]!;
    return n > 0 ? [n] : [];
  }
  const counts = new Map<number, number>();
  for (let i = 0; i < inBase.length; i++) {
    if (!inBase[i]) continue;
    let key = 0;
    for (const state of states) key = key * 3 + state[i]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.values()];
}
