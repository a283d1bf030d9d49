import type { Question, QuestionType } from '../schema.js';
import { dateType } from './date.js';
import { gridType } from './grid.js';
import { multipleType } from './multiple-choice.js';
import { numberType } from './number.js';
import type { QuestionTypeModule } from './question-type.js';
import { scaleType, singleType } from './single-choice.js';
import { textType } from './text.js';

type Registry = { [K in QuestionType]: QuestionTypeModule<Extract<Question, { type: K }>> };

/** Every question type and its module; adding a type to the schema fails to compile until it is here. */
export const questionTypeRegistry = {
  single: singleType,
  multiple: multipleType,
  scale: scaleType,
  number: numberType,
  text: textType,
  grid: gridType,
  date: dateType,
} satisfies Registry;

/** The module for a question's type; throws on a type the registry does not know. */
export function questionTypeOf<Q extends Question>(question: Q): QuestionTypeModule<Q> {
  const module = (questionTypeRegistry as Record<string, unknown>)[question.type];
  if (!module) throw new Error(`unknown question type '${String(question.type)}' for question '${question.id}'`);
  return module as QuestionTypeModule<Q>;
}
