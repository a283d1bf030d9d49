import { checkFindingTemplate } from '../finding-template.js';
import type { Problem } from '../../errors/catalogue.js';
import type { NumberQuestion } from '../schema.js';
import { invalid, isBlank, unanswered, type QuestionTypeModule } from './question-type.js';

function range(question: NumberQuestion): string {
  const kind = question.integer ? 'a whole number' : 'a number';
  if (question.min !== undefined && question.max !== undefined) return `${kind} from ${question.min} to ${question.max}`;
  if (question.min !== undefined) return `${kind} of at least ${question.min}`;
  if (question.max !== undefined) return `${kind} of at most ${question.max}`;
  return kind;
}

export const numberType: QuestionTypeModule<NumberQuestion> = {
  parseAnswer(question, raw, where) {
    if (isBlank(raw)) return unanswered();
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isFinite(value)) return invalid(where, 'not-a-number', `'${String(raw)}' is not a number`, range(question));
    if (question.integer && !Number.isInteger(value)) return invalid(where, 'not-an-integer', `${value} is not a whole number`, range(question));
    if ((question.min !== undefined && value < question.min) || (question.max !== undefined && value > question.max)) {
      return invalid(where, 'out-of-range', `${value} is out of range for '${question.id}'`, range(question));
    }
    return { value, problems: [] };
  },
  fromCell: (_question, cell) => cell,
  toCell: (_question, answer) => String(answer),
  expected: range,
  checkDefinition(question, where) {
    const problems: Problem[] = [];
    if (question.min !== undefined && question.max !== undefined && question.min > question.max) {
      problems.push({ where, code: 'empty-range', message: `min ${question.min} is greater than max ${question.max}`, expected: 'min ≤ max' });
    }
    if (question.finding !== undefined) problems.push(...checkFindingTemplate(question.finding, `${where}.finding`, 'question'));
    return problems;
  },
};
