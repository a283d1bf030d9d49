import { findAnalysedQuestion } from '../definition/analysis-questions.js';
import type { Expression } from '../definition/expression/ast.js';
import { fieldName } from '../definition/expression/ast.js';
import { parseExpression } from '../definition/expression/parse.js';
import type { Definition } from '../definition/schema.js';

/**
 * A condition or filter in words, for a reader of a report rather than an analyst:
 * `strategy = yes` → `those who answered “Yes” to “Does your organisation have a formal digital
 * transformation strategy?”`. Question and option labels come from the definition; organisation
 * attributes are named with their values. What has no plain wording is quoted as written.
 */
export function describeCondition(source: string, definition: Definition, labels: Readonly<Record<string, string>> = {}): string {
  return `those ${clause(parseExpression(source), definition, labels)}`;
}

function clause(expression: Expression, definition: Definition, labels: Readonly<Record<string, string>>): string {
  switch (expression.kind) {
    case 'and':
      return `${clause(expression.left, definition, labels)} and ${clause(expression.right, definition, labels)}`;
    case 'or':
      return `${clause(expression.left, definition, labels)} or ${clause(expression.right, definition, labels)}`;
    case 'not':
      return `not ${clause(expression.operand, definition, labels)}`;
    default:
      break;
  }
  const field = expression.field;
  if (field.kind === 'org') {
    const values = expression.kind === 'in' ? expression.values : [expression.value];
    const named = values.map((v) => labels[String(v)] ?? String(v)).join(' or ');
    const negated = (expression.kind === 'compare' && expression.operator === '!=') || (expression.kind === 'in' && expression.negated);
    if (expression.kind === 'compare' && !['=', '!='].includes(expression.operator)) return `whose organisation's ${field.attribute} ${expression.operator} ${expression.value}`;
    return `at an organisation whose ${field.attribute} is ${negated ? 'not ' : ''}${named}`;
  }
  // A grid's statement (GRID.STATEMENT) reads as its scale question.
  const question = findAnalysedQuestion(definition, field.id);
  if (!question) return `with ${fieldName(field)} as written`;
  const label = (code: string | number) => ('options' in question ? (question.options.find((o) => o.code === String(code))?.label ?? String(code)) : String(code));
  const quoted = (code: string | number) => `“${label(code)}”`;
  switch (expression.kind) {
    case 'includes':
      return `who chose ${quoted(expression.value)} in “${question.text}”`;
    case 'in':
      return `who answered ${expression.negated ? 'neither ' : ''}${expression.values.map(quoted).join(expression.negated ? ' nor ' : ' or ')} to “${question.text}”`;
    case 'compare':
      if (expression.operator === '=') return `who answered ${quoted(expression.value)} to “${question.text}”`;
      if (expression.operator === '!=') return `who answered other than ${quoted(expression.value)} to “${question.text}”`;
      return `whose answer to “${question.text}” was ${comparisonWords[expression.operator]} ${expression.value}`;
  }
}

const comparisonWords = { '<': 'under', '<=': 'at most', '>': 'over', '>=': 'at least', '=': 'exactly', '!=': 'other than' } as const;
