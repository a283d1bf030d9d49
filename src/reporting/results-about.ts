import type { SurveyResults } from '../analysis/results/results-model.js';

/**
 * What a set of figures is, in words: survey, wave, filter, breakdown, unit, design, interval
 * and disclosure rule. Exports carry it beside the numbers (the About sheet of a workbook, the
 * description of an open-data package), since a percentage means nothing without its base.
 */
export function aboutResults(results: SurveyResults): Array<readonly [string, string | number | null]> {
  return [
    ['Survey', results.survey],
    ['Title', results.title],
    ['Notice', results.notice],
    ['Wave', results.wave],
    ['Compared with wave', results.compareWave ?? null],
    ['Respondents', results.respondents],
    ['Organisations', results.organisations],
    ['Filter', results.filter ?? 'none (everyone)'],
    ['Breakdown', results.by ?? 'none'],
    ['Unit of analysis', results.unit === 'organisations' ? 'organisations (each organisation counts once)' : 'respondents (each respondent counts once)'],
    ['Weights', results.design.weights],
    ['Strata', results.design.strata],
    ['Finite population correction', results.design.fpc],
    ['Raking', results.design.raking ? `to ${results.design.raking.margins.join(', ')}; ${results.design.raking.iterations} iterations; design effect ${results.design.raking.designEffect.toFixed(2)}` : null],
    ['95% interval', results.intervalLabel],
    ['Disclosure control', `a figure is shown only when its unweighted base is at least ${results.minBase} (and so is any complementary group); suppressed figures keep their row, with the reason`],
    ['Percentages', 'unrounded; round only for display, and do not force them to add up to 100'],
  ];
}
