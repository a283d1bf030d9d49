import { fieldName, type Expression, type Literal } from './ast.js';

const keywords = new Set(['and', 'or', 'not', 'in', 'includes']);

/**
 * Writes an expression in the condition language, so that `parseExpression(formatExpression(e))`
 * gives `e` back (positions aside): `and` binds tighter than `or`, so only an `or` inside an `and`
 * (or under `not`) is put in parentheses. A value is written bare when the tokenizer reads it back
 * as the same thing (a code such as `dont-know`, a number), else quoted.
 */
export function formatExpression(expression: Expression): string {
  switch (expression.kind) {
    case 'or':
      return `${formatExpression(expression.left)} or ${formatExpression(expression.right)}`;
    case 'and':
      return `${operand(expression.left)} and ${operand(expression.right)}`;
    case 'not':
      return `not ${expression.operand.kind === 'and' || expression.operand.kind === 'or' ? `(${formatExpression(expression.operand)})` : formatExpression(expression.operand)}`;
    case 'compare':
      return `${fieldName(expression.field)} ${expression.operator} ${formatLiteral(expression.value)}`;
    case 'in':
      return `${fieldName(expression.field)} ${expression.negated ? 'not in' : 'in'} (${expression.values.map(formatLiteral).join(', ')})`;
    case 'includes':
      return `${fieldName(expression.field)} includes ${formatLiteral(expression.value)}`;
  }
}

function operand(expression: Expression): string {
  return expression.kind === 'or' ? `(${formatExpression(expression)})` : formatExpression(expression);
}

export function formatLiteral(value: Literal): string {
  if (typeof value === 'number') return String(value);
  if (/^[A-Za-z][A-Za-z0-9_-]*$/.test(value) && !keywords.has(value.toLowerCase())) return value;
  // The language has no escape inside quotes: text holding one kind of quote is quoted with the other.
  return value.includes("'") ? `"${value}"` : `'${value}'`;
}
