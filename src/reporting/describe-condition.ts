import { findAnalysedQuestion } from '../definition/analysis-questions.js';
import type { Expression } from '../definition/expression/ast.js';
import { fieldName } from '../definition/expression/ast.js';
import { parseExpression } from '../definition/expression/parse.js';
import type { Definition } from '../definition/schema.js';
import { reportTexts, type ConditionTexts } from './report-texts.js';

/**
 * A condition or filter in words, for a reader of a report rather than an analyst:
 * `strategy = yes` → `those who answered “Yes” to “Does your organisation have a formal digital
 * transformation strategy?”`. Question and option labels come from the definition; organisation
 * attributes are named with their values. What has no plain wording is quoted as written.
 */
export function describeCondition(source: string, definition: Definition, labels: Readonly<Record<string, string>> = {}, words: ConditionTexts = reportTexts('en').condition): string {
  return words.those(clause(parseExpression(source), definition, labels, words));
}

function clause(expression: Expression, definition: Definition, labels: Readonly<Record<string, string>>, words: ConditionTexts): string {
  switch (expression.kind) {
    case 'and':
      return `${clause(expression.left, definition, labels, words)}${words.and}${clause(expression.right, definition, labels, words)}`;
    case 'or':
      return `${clause(expression.left, definition, labels, words)}${words.or}${clause(expression.right, definition, labels, words)}`;
    case 'not':
      return words.not(clause(expression.operand, definition, labels, words));
    default:
      break;
  }
  const field = expression.field;
  if (field.kind === 'org') {
    const values = expression.kind === 'in' ? expression.values : [expression.value];
    const named = values.map((v) => labels[String(v)] ?? String(v));
    const negated = (expression.kind === 'compare' && expression.operator === '!=') || (expression.kind === 'in' && expression.negated);
    if (expression.kind === 'compare' && !['=', '!='].includes(expression.operator)) return words.orgCompare(field.attribute, expression.operator, String(expression.value));
    return words.orgIs(field.attribute, named, negated === true);
  }
  // A grid's statement (GRID.STATEMENT) reads as its scale question.
  const question = findAnalysedQuestion(definition, field.id);
  if (!question) return words.asWritten(fieldName(field));
  const label = (code: string | number) => ('options' in question ? (question.options.find((o) => o.code === String(code))?.label ?? String(code)) : String(code));
  const quoted = (code: string | number) => `“${label(code)}”`;
  switch (expression.kind) {
    case 'includes':
      return words.chose(quoted(expression.value), question.text);
    case 'in':
      return expression.negated ? words.answeredNone(expression.values.map(quoted), question.text) : words.answeredAny(expression.values.map(quoted), question.text);
    case 'compare':
      if (expression.operator === '=') return words.answered(quoted(expression.value), question.text);
      if (expression.operator === '!=') return words.answeredOtherThan(quoted(expression.value), question.text);
      return words.answerCompared(question.text, expression.operator, String(expression.value));
  }
}
