import type { Problem } from '../../errors/catalogue.js';
import type { ScaleQuestion, SingleQuestion } from '../schema.js';
import { checkChoiceDefinition, listCodes } from './choice-options.js';
import { invalid, isBlank, unanswered, type QuestionTypeModule } from './question-type.js';

/** Single choice and rating scale share their answer: exactly one option code. */
function singleChoiceType<Q extends SingleQuestion | ScaleQuestion>(noun: string): QuestionTypeModule<Q> {
  return {
    parseAnswer(question, raw, where) {
      if (isBlank(raw)) return unanswered();
      if (typeof raw !== 'string') return invalid(where, 'wrong-type', `'${question.id}' takes one option code, not ${Array.isArray(raw) ? 'a list' : typeof raw}`, `one of ${listCodes(question)}`);
      const code = raw.trim();
      if (!question.options.some((o) => o.code === code)) return invalid(where, 'unknown-code', `'${code}' is not an option of '${question.id}'`, `one of ${listCodes(question)}`);
      return { value: code, problems: [] };
    },
    fromCell: (_question, cell) => cell,
    toCell: (_question, answer) => String(answer),
    expected: (question) => `one of ${listCodes(question)}`,
    checkDefinition(question, where) {
      const problems: Problem[] = checkChoiceDefinition(question, where);
      question.options.forEach((option, i) => {
        if (option.exclusive) {
          problems.push({ where: `${where}.options[${i}] (${option.code})`, code: 'exclusive-in-single', message: `'exclusive' only makes sense in a multiple-choice question; '${question.id}' is ${noun}`, expected: 'no exclusive flag, or type: multiple' });
        }
      });
      return problems;
    },
  };
}

export const singleType = singleChoiceType<SingleQuestion>('single choice');
export const scaleType = singleChoiceType<ScaleQuestion>('a rating scale');
