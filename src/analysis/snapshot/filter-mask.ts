import { orgAttributeValue } from '../../definition/register-attributes.js';
import type { Expression, FieldRef, Literal } from '../../definition/expression/ast.js';
import { columnOf, type SurveySnapshot } from './survey-snapshot.js';

/**
 * Turns an expression into a 0/1 mask over the snapshot's respondents, one typed-array pass per
 * comparison. Same missing-data rule as `evaluateExpression`: a comparison with an unanswered
 * question is false whatever the operator.
 */
export function filterMask(snapshot: SurveySnapshot, expression: Expression | undefined): Uint8Array {
  if (!expression) return new Uint8Array(snapshot.n).fill(1);
  return mask(snapshot, expression);
}

/** The 0/1 mask of any expression node, atoms included. */
export function mask(snapshot: SurveySnapshot, node: Expression): Uint8Array {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const left = mask(snapshot, node.left);
      const right = mask(snapshot, node.right);
      for (let i = 0; i < left.length; i++) left[i] = node.kind === 'and' ? left[i]! & right[i]! : left[i]! | right[i]!;
      return left;
    }
    case 'not': {
      const inner = mask(snapshot, node.operand);
      for (let i = 0; i < inner.length; i++) inner[i] = inner[i]! ^ 1;
      return inner;
    }
    case 'compare':
      return compareMask(snapshot, node.field, node.operator, node.value);
    case 'in': {
      const result = new Uint8Array(snapshot.n);
      for (const value of node.values) {
        const one = compareMask(snapshot, node.field, '=', value);
        for (let i = 0; i < result.length; i++) result[i] = result[i]! | one[i]!;
      }
      if (node.negated) {
        const answered = answeredMask(snapshot, node.field);
        for (let i = 0; i < result.length; i++) result[i] = answered[i]! & (result[i]! ^ 1);
      }
      return result;
    }
    case 'includes': {
      const result = new Uint8Array(snapshot.n);
      if (node.field.kind !== 'question') return result;
      const column = columnOf(snapshot, node.field.id);
      if (column.kind !== 'multi') return result;
      const p = column.question.options.findIndex((o) => o.code === String(node.value));
      if (p >= 0) result.set(column.chosen[p]!);
      return result;
    }
  }
}

function compareMask(snapshot: SurveySnapshot, field: FieldRef, operator: string, value: Literal): Uint8Array {
  const result = new Uint8Array(snapshot.n);
  if (field.kind === 'org') {
    const byOrg = snapshot.orgs.map((org) => {
      const attribute = orgAttributeValue(org, field.attribute);
      if (attribute === undefined) return 0;
      if (typeof attribute === 'number') return compareNumbers(attribute, operator, Number(value)) ? 1 : 0;
      const equal = String(attribute) === String(value);
      return (operator === '!=' ? !equal : equal) ? 1 : 0;
    });
    for (let i = 0; i < result.length; i++) result[i] = byOrg[snapshot.orgIndex[i]!]!;
    return result;
  }
  const column = columnOf(snapshot, field.id);
  if (column.kind === 'choice') {
    const target = column.question.options.findIndex((o) => o.code === String(value));
    for (let i = 0; i < result.length; i++) {
      const code = column.codes[i]!;
      result[i] = code >= 0 && (operator === '!=' ? code !== target : code === target) ? 1 : 0;
    }
  } else if (column.kind === 'number') {
    const b = Number(value);
    for (let i = 0; i < result.length; i++) {
      const a = column.values[i]!;
      if (Number.isNaN(a)) continue;
      result[i] = compareNumbers(a, operator, b) ? 1 : 0;
    }
  }
  return result;
}

/** 1 where the field has a value: the question was answered, or the organisation attribute is set. */
export function answeredMask(snapshot: SurveySnapshot, field: FieldRef): Uint8Array {
  const result = new Uint8Array(snapshot.n);
  if (field.kind === 'org') {
    const byOrg = snapshot.orgs.map((org) => {
      const value = orgAttributeValue(org, field.attribute);
      return value === undefined || value === null ? 0 : 1;
    });
    for (let i = 0; i < result.length; i++) result[i] = byOrg[snapshot.orgIndex[i]!]!;
    return result;
  }
  const column = columnOf(snapshot, field.id);
  if (column.kind === 'choice') for (let i = 0; i < result.length; i++) result[i] = column.codes[i]! >= 0 ? 1 : 0;
  else if (column.kind === 'number') for (let i = 0; i < result.length; i++) result[i] = Number.isNaN(column.values[i]!) ? 0 : 1;
  else if (column.kind === 'multi' || column.kind === 'text') result.set(column.answered);
  return result;
}

function compareNumbers(a: number, operator: string, b: number): boolean {
  return operator === '=' ? a === b : operator === '!=' ? a !== b : operator === '<' ? a < b : operator === '<=' ? a <= b : operator === '>' ? a > b : a >= b;
}
