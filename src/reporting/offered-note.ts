import type { Estimate, QuestionResult } from '../analysis/results/results-model.js';

/**
 * What a report or table says of a question or option introduced by a later definition version
 * (see analysis/results/offered-bases.ts): its base is only the respondents who were offered it.
 */
export function offeredNote(since: number): string {
  return `asked of respondents from definition version ${since} on`;
}

/** The note of a question, when it was added after the first version; undefined otherwise. */
export function questionOfferedNote(question: Pick<QuestionResult, 'offeredFrom'>): string | undefined {
  return question.offeredFrom === undefined ? undefined : offeredNote(question.offeredFrom);
}

/** The note of an option or net offered from a later version than its question, with its own base; undefined otherwise. */
export function figureOfferedNote(figure: Pick<Estimate, 'offeredFrom' | 'base'>): string | undefined {
  if (figure.offeredFrom === undefined) return undefined;
  return figure.base === null ? offeredNote(figure.offeredFrom) : `base ${figure.base}, ${offeredNote(figure.offeredFrom)}`;
}
