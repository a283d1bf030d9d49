import { checkFindingTemplate } from '../finding-template.js';
import type { TextQuestion } from '../schema.js';
import { invalid, isBlank, unanswered, type QuestionTypeModule } from './question-type.js';

/** How exports neutralise formula-like text; see `reporting/csv-cell.ts`, whose work this undoes. */
const neutralisedPrefix = /^'(?='*[=+\-@\t\r]|.*[;,]['"]*[=+\-@\t\r])/s;
const neutralisedSeparator = /([;,])'(?=['"]*[=+\-@\t\r])/g;

export const textType: QuestionTypeModule<TextQuestion> = {
  parseAnswer(question, raw, where) {
    if (isBlank(raw)) return unanswered();
    if (typeof raw !== 'string') return invalid(where, 'wrong-type', `'${question.id}' takes text`, 'text');
    const text = raw.trim();
    const length = [...text].length;
    if (length > question.maxLength) return invalid(where, 'text-too-long', `the text is ${length} characters long`, `at most ${question.maxLength} characters`);
    return { value: text, problems: [] };
  },
  // Exports neutralise formula-like cells with a leading quote; reading them back undoes it.
  fromCell: (_question, cell) => cell.replace(neutralisedPrefix, '').replace(neutralisedSeparator, '$1'),
  toCell: (_question, answer) => String(answer),
  expected: (question) => `text of at most ${question.maxLength} characters`,
  checkDefinition: (question, where) => (question.finding === undefined ? [] : checkFindingTemplate(question.finding, `${where}.finding`, 'question')),
};
