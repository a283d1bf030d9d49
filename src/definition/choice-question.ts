import type { ChoiceQuestion, Question } from './schema.js';

/**
 * Whether a question has options (single, multiple, scale). Kept apart from schema.ts so that
 * code which only reads definitions (a results query) does not load zod to build the schemas.
 */
export function isChoiceQuestion(question: Question): question is ChoiceQuestion {
  return question.type === 'single' || question.type === 'multiple' || question.type === 'scale';
}
