import type { Problem } from '../../errors/catalogue.js';
import type { MultipleQuestion } from '../schema.js';
import { checkChoiceDefinition, listCodes } from './choice-options.js';
import { invalid, isBlank, unanswered, type QuestionTypeModule } from './question-type.js';

/** Multiple choice: a list of distinct option codes; an exclusive option stands alone. */
export const multipleType: QuestionTypeModule<MultipleQuestion> = {
  parseAnswer(question, raw, where) {
    if (isBlank(raw)) return unanswered();
    const list = typeof raw === 'string' ? [raw] : raw;
    if (!Array.isArray(list) || list.some((c) => typeof c !== 'string')) {
      return invalid(where, 'wrong-type', `'${question.id}' takes a list of option codes`, `codes from ${listCodes(question)}`);
    }
    const codes = (list as string[]).map((c) => c.trim()).filter((c) => c !== '');
    if (codes.length === 0) return unanswered();
    const problems: Problem[] = [];
    const byCode = new Map(question.options.map((o) => [o.code, o]));
    const seen = new Set<string>();
    for (const code of codes) {
      if (!byCode.has(code)) problems.push({ where, code: 'unknown-code', message: `'${code}' is not an option of '${question.id}'`, expected: `codes from ${listCodes(question)}` });
      else if (seen.has(code)) problems.push({ where, code: 'duplicate-answer', message: `'${code}' is chosen twice`, expected: 'each option at most once' });
      seen.add(code);
    }
    const exclusive = codes.filter((c) => byCode.get(c)?.exclusive);
    if (exclusive.length > 0 && seen.size > 1) {
      problems.push({ where, code: 'exclusive-combined', message: `'${exclusive[0]}' cannot be combined with other answers to '${question.id}'`, expected: `'${exclusive[0]}' on its own` });
    }
    if (question.maxSelected !== undefined && seen.size > question.maxSelected) {
      problems.push({ where, code: 'too-many-choices', message: `${seen.size} options chosen for '${question.id}'`, expected: `at most ${question.maxSelected}` });
    }
    if (problems.length > 0) return { value: undefined, problems };
    const order = question.options.map((o) => o.code);
    return { value: [...seen].sort((a, b) => order.indexOf(a) - order.indexOf(b)), problems: [] };
  },
  fromCell: (_question, cell) => cell.split(';').map((c) => c.trim()).filter((c) => c !== ''),
  toCell: (_question, answer) => (Array.isArray(answer) ? answer.join(';') : String(answer)),
  expected: (question) => `option codes separated by ';' from ${listCodes(question)}`,
  checkDefinition: (question, where) => checkChoiceDefinition(question, where),
};
