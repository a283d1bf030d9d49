import type { ChoiceQuestion } from './schema.js';

/** Whether more of a figure is better ('higher'), worse ('lower'), or neither is known (null). */
export type FigurePolarity = 'higher' | 'lower' | null;

/**
 * Which way a figure of a question points, from the question's `better` (which end of its options
 * is better: `first` or `last`). Of the k substantive options in order, the first ⌊k/2⌋ are the
 * first end and the last ⌊k/2⌋ the last end; a middle option (k odd) and non-substantive ones
 * ("Don't know") are neither. More of an option at the better end is better, more of one at the
 * other end worse; a net points the way all its options point, and nowhere when they differ.
 * A question without `better` (and a multiple-choice question) has no polarity: null.
 *
 * Example: "Very prepared, Fairly prepared, Not very prepared, Not at all prepared, Don't know"
 * with `better: first`: the first two and a net of them 'higher', the next two and their net
 * 'lower', Don't know null.
 */
export function figurePolarity(question: ChoiceQuestion, figure: { code: string; kind: 'option' | 'net' }): FigurePolarity {
  const better = 'better' in question ? question.better : undefined;
  if (better === undefined) return null;
  const substantive = question.options.filter((o) => !o.nonSubstantive).map((o) => o.code);
  const half = Math.floor(substantive.length / 2);
  const first = new Set(substantive.slice(0, half));
  const last = new Set(substantive.slice(substantive.length - half));
  const codes = figure.kind === 'net' ? (question.nets.find((n) => n.code === figure.code)?.options ?? []) : [figure.code];
  if (codes.length === 0) return null;
  const good = better === 'first' ? first : last;
  const bad = better === 'first' ? last : first;
  if (codes.every((c) => good.has(c))) return 'higher';
  if (codes.every((c) => bad.has(c))) return 'lower';
  return null;
}
