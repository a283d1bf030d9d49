import type { Estimate, QuestionResult, SurveyResults } from '../analysis/results/results-model.js';
import { findAnalysedQuestion } from '../definition/analysis-questions.js';
import type { Definition } from '../definition/schema.js';

/**
 * Results with the texts of a localised definition (see definition/localise-definition.ts): the
 * title and notice, each question's text (a grid statement's as analysis words it) and its
 * options' and nets' labels, found by id and code. The figures are untouched: answers are stored
 * as codes, so a report in another language reports the same numbers. A date question's periods
 * and anything the definition does not name keep their labels.
 */
export function localiseResults(results: SurveyResults, definition: Definition): SurveyResults {
  const question = (result: QuestionResult): QuestionResult => {
    const shown = findAnalysedQuestion(definition, result.id);
    if (!shown) return result;
    const text = { ...result, text: shown.text };
    if (!('options' in text) || !('options' in shown) || result.type === 'date') return text;
    const labelled = (figures: Estimate[], from: ReadonlyArray<{ code: string; label: string }>) =>
      figures.map((figure) => ({ ...figure, label: from.find((f) => f.code === figure.code)?.label ?? figure.label }));
    return { ...text, options: labelled(text.options, shown.options), nets: labelled(text.nets, shown.nets) };
  };
  return {
    ...results,
    title: definition.title,
    notice: results.notice === null ? null : (definition.notice ?? results.notice),
    questions: results.questions.map(question),
    ...(results.groups ? { groups: results.groups.map((g) => ({ ...g, questions: g.questions.map(question) })) } : {}),
  };
}
