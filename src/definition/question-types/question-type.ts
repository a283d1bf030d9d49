import type { Problem } from '../../errors/catalogue.js';
import type { Answer, Question } from '../schema.js';

/** The outcome of reading one raw answer: a value (undefined = not answered) or problems. */
export interface ParsedAnswer {
  value: Answer | undefined;
  problems: Problem[];
}

/**
 * What a question type knows about its answers. Each type is one small module; the registry in
 * `registry.ts` must name every type (checked by `satisfies`), and looking up an unknown type
 * throws.
 */
export interface QuestionTypeModule<Q extends Question> {
  /** Reads an answer as JSON gives it (API, web form, stored row); empty values mean unanswered. */
  parseAnswer(question: Q, raw: unknown, where: string): ParsedAnswer;
  /** Turns a CSV cell into the raw value {@link parseAnswer} reads. */
  fromCell(question: Q, cell: string): unknown;
  /** Writes an answer as a CSV cell. */
  toCell(question: Q, answer: Answer): string;
  /** What a valid answer looks like, for error messages. */
  expected(question: Q): string;
  /** Checks that only this type can make about its own definition. */
  checkDefinition(question: Q, where: string): Problem[];
}

export function isBlank(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '') || (Array.isArray(raw) && raw.length === 0);
}

export function unanswered(): ParsedAnswer {
  return { value: undefined, problems: [] };
}

export function invalid(where: string, code: string, message: string, expected?: string): ParsedAnswer {
  return { value: undefined, problems: [{ where, code, message, ...(expected === undefined ? {} : { expected }) }] };
}
