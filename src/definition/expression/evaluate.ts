import type { Answer } from '../schema.js';
import type { Expression, FieldRef, Literal } from './ast.js';

/** What an expression can read: one respondent's answers and their organisation's attributes. */
export interface EvaluationContext {
  answer(questionId: string): Answer | undefined;
  org(attribute: string): string | number | undefined;
}

/**
 * Evaluates an expression for one respondent. Missing-data rule: any comparison with an
 * unanswered question (or an organisation attribute that is not set) is false, whatever the
 * operator, so `q != x` and `q not in (x, y)` mean "answered, and not x"; write `not (q = x)`
 * to include those who did not answer.
 */
export function evaluateExpression(expression: Expression, context: EvaluationContext): boolean {
  switch (expression.kind) {
    case 'and':
      return evaluateExpression(expression.left, context) && evaluateExpression(expression.right, context);
    case 'or':
      return evaluateExpression(expression.left, context) || evaluateExpression(expression.right, context);
    case 'not':
      return !evaluateExpression(expression.operand, context);
    case 'compare': {
      const value = read(expression.field, context);
      if (value === undefined || typeof value === 'object') return false;
      return compare(value, expression.operator, expression.value);
    }
    case 'in': {
      const value = read(expression.field, context);
      if (value === undefined || typeof value === 'object') return false;
      return expression.values.some((v) => equal(value, v)) !== Boolean(expression.negated);
    }
    case 'includes': {
      const value = read(expression.field, context);
      return Array.isArray(value) && value.includes(String(expression.value));
    }
  }
}

function read(field: FieldRef, context: EvaluationContext): Answer | undefined {
  return field.kind === 'org' ? context.org(field.attribute) : context.answer(field.id);
}

function equal(value: string | number, literal: Literal): boolean {
  return typeof value === 'number' ? value === Number(literal) : value === String(literal);
}

function compare(value: string | number, operator: string, literal: Literal): boolean {
  switch (operator) {
    case '=':
      return equal(value, literal);
    case '!=':
      return !equal(value, literal);
  }
  const a = Number(value);
  const b = Number(literal);
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  switch (operator) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}
