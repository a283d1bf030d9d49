import { orgAttributeValue } from '../../definition/register-attributes.js';
import type { Expression, FieldRef } from '../../definition/expression/ast.js';
import { fieldName } from '../../definition/expression/ast.js';
import { answeredMask, mask } from './filter-mask.js';
import { columnOf, type SurveySnapshot } from './survey-snapshot.js';

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

/** A variable that splits respondents into cells: a small integer per respondent. */
export type CellVariable = Int32Array;

/**
 * The variables whose joint values make the cells a filter is built from, for disclosure
 * control. A single-choice or scale question, or an organisation attribute, splits by its full
 * value (each option or attribute value, and "no value"): a condition such as `q != a` lumps
 * several values together, and another query could split the lump, so the lump's parts must be
 * safe on their own. A multiple-choice condition `q includes c` splits three ways: chosen, answered
 * without it, not answered. A number condition splits by holds / does not hold / no value.
 */
export function cellVariables(snapshot: SurveySnapshot, expression: Expression | undefined): CellVariable[] {
  const variables: CellVariable[] = [];
  const seen = new Set<string>();
  for (const atom of atomsOf(expression)) {
    const name = fieldName(atom.field);
    const column = atom.field.kind === 'question' ? columnOf(snapshot, atom.field.id) : undefined;
    if (atom.field.kind === 'org' || column?.kind === 'choice') {
      if (seen.has(name)) continue;
      seen.add(name);
      variables.push(fullValue(snapshot, atom.field));
      continue;
    }
    const holds = mask(snapshot, atom);
    const answered = answeredMask(snapshot, atom.field);
    variables.push(Int32Array.from(holds, (h, i) => (h ? 2 : answered[i]! ? 1 : 0)));
  }
  return variables;
}

function fullValue(snapshot: SurveySnapshot, field: FieldRef): CellVariable {
  if (field.kind === 'question') {
    const column = columnOf(snapshot, field.id);
    if (column.kind !== 'choice') throw new Error(`${field.id} is not a single-choice question`);
    return Int32Array.from(column.codes, (c) => c + 1);
  }
  const codes = new Map<string, number>();
  const byOrg = snapshot.orgs.map((org) => {
    const value = orgAttributeValue(org, field.attribute);
    if (value === undefined || value === null || value === '') return 0;
    const key = String(value);
    if (!codes.has(key)) codes.set(key, codes.size + 1);
    return codes.get(key)!;
  });
  return Int32Array.from(snapshot.orgIndex, (p) => byOrg[p]!);
}

/** Each respondent's cell: equal numbers for respondents with the same values of every variable. */
export function cellKeys(variables: readonly CellVariable[], n: number): Int32Array {
  const keys = new Int32Array(n);
  if (variables.length === 0) return keys;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    let key = '';
    for (const v of variables) key += `${v[i]},`;
    let k = index.get(key);
    if (k === undefined) {
      k = index.size;
      index.set(key, k);
    }
    keys[i] = k;
  }
  return keys;
}

/** Sizes of the non-empty cells among the respondents in `inBase`, given each respondent's cell. */
export function cellSizes(inBase: Uint8Array, keys: Int32Array): number[] {
  const counts = new Map<number, number>();
  for (let i = 0; i < inBase.length; i++) {
    if (inBase[i]) counts.set(keys[i]!, (counts.get(keys[i]!) ?? 0) + 1);
  }
  return [...counts.values()];
}
