import type { ChoiceQuestionResult, Estimate, NumberQuestionResult, QuestionResult, SurveyResults, TextQuestionResult } from '../../src/analysis/results/results-model.js';
import type { Definition } from '../../src/definition/schema.js';
import { definitionOf } from './definitions.js';

/**
 * A small definition and results for the export tests: a single-choice question whose first
 * label starts with "=", a scale with a net, a number question and a text question; results
 * broken down by nation, with England shown and compared with the rest and Wales suppressed.
 */
export const exportDefinition: Definition = {
  ...definitionOf([
    {
      id: 'tool',
      type: 'single',
      text: 'Which tool do you use most?',
      options: [
        { code: 'email', label: '=HYPERLINK("http://example.com","Email")' },
        { code: 'chat', label: 'Chat' },
        { code: 'dont-know', label: "Don't know", nonSubstantive: true },
      ],
    },
    {
      id: 'agree',
      type: 'scale',
      text: 'Digital is a priority here',
      options: [
        { code: 'strongly-agree', label: 'Strongly agree' },
        { code: 'agree', label: 'Agree' },
        { code: 'disagree', label: 'Disagree' },
      ],
      nets: [{ code: 'agreeing', label: 'Agree (strongly or not)', options: ['strongly-agree', 'agree'] }],
    },
    { id: 'staff', type: 'number', text: 'How many digital staff are there?', min: 0 },
    { id: 'note', type: 'text', text: 'Anything else?', required: false },
  ]),
  notice: 'Made up for a test; not real responses.',
};

const shown = (code: string, label: string, count: number, base: number, extra: Partial<Estimate> = {}): Estimate => {
  const percent = (100 * count) / base;
  const se = Math.sqrt((percent * (100 - percent)) / (base - 1));
  return { code, label, count, percent, se, ci95: [percent - 1.96 * se, percent + 1.96 * se], base, weightedBase: base * 1.5, suppressed: false, ...extra };
};
const hidden = (code: string, label: string, reason: string): Estimate => ({ code, label, count: null, percent: null, se: null, ci95: null, base: null, weightedBase: null, suppressed: true, reason });

function questionsFor(base: number, counts: { tool: [number, number, number]; agree: [number, number, number] }, comparison?: Estimate['comparison']): QuestionResult[] {
  const extra = comparison ? { comparison } : {};
  const common = { base, weightedBase: base * 1.5, effectiveBase: null, designEffect: null, suppressed: false };
  const tool: ChoiceQuestionResult = {
    id: 'tool',
    type: 'single',
    text: 'Which tool do you use most?',
    ...common,
    options: [shown('email', '=HYPERLINK("http://example.com","Email")', counts.tool[0], base, extra), shown('chat', 'Chat', counts.tool[1], base, extra), shown('dont-know', "Don't know", counts.tool[2], base, extra)],
    nets: [],
  };
  const agree: ChoiceQuestionResult = {
    id: 'agree',
    type: 'scale',
    text: 'Digital is a priority here',
    ...common,
    options: [shown('strongly-agree', 'Strongly agree', counts.agree[0], base, extra), shown('agree', 'Agree', counts.agree[1], base, extra), shown('disagree', 'Disagree', counts.agree[2], base, extra)],
    nets: [shown('agreeing', 'Agree (strongly or not)', counts.agree[0] + counts.agree[1], base, extra)],
  };
  const staff: NumberQuestionResult = { id: 'staff', type: 'number', text: 'How many digital staff are there?', ...common, mean: 12.25, se: 1.5, ci95: [9.3, 15.2], median: 10, min: 0, max: 90 };
  const note: TextQuestionResult = { id: 'note', type: 'text', text: 'Anything else?', ...common, base: 40 };
  return [tool, agree, staff, note];
}

function suppressedQuestions(reason: string): QuestionResult[] {
  const common = { base: null, weightedBase: null, effectiveBase: null, designEffect: null, suppressed: true, reason };
  return [
    { id: 'tool', type: 'single', text: 'Which tool do you use most?', ...common, options: [hidden('email', '=HYPERLINK("http://example.com","Email")', reason), hidden('chat', 'Chat', reason), hidden('dont-know', "Don't know", reason)], nets: [] },
    { id: 'agree', type: 'scale', text: 'Digital is a priority here', ...common, options: [hidden('strongly-agree', 'Strongly agree', reason), hidden('agree', 'Agree', reason), hidden('disagree', 'Disagree', reason)], nets: [hidden('agreeing', 'Agree (strongly or not)', reason)] },
    { id: 'staff', type: 'number', text: 'How many digital staff are there?', ...common, mean: null, se: null, ci95: null, median: null, min: null, max: null },
    { id: 'note', type: 'text', text: 'Anything else?', ...common },
  ];
}

export const suppressionReason = 'fewer than 10 respondents answered';

export const exportResults: SurveyResults = {
  survey: 'demo',
  title: 'Demo',
  notice: exportDefinition.notice ?? null,
  wave: null,
  respondents: 120,
  organisations: 3,
  filter: 'staff >= 1',
  by: 'org.nation',
  unit: 'respondents',
  design: { weights: 'none (equal)', strata: 'org.id', clusters: 'none (each respondent)', fpc: 'none' },
  interval: 'wilson',
  intervalLabel: 'Wilson score interval on the design effective sample size',
  minBase: 10,
  questions: questionsFor(120, { tool: [30, 80, 10], agree: [20, 50, 50] }),
  groups: [
    { key: 'England', label: 'England', respondents: 112, questions: questionsFor(112, { tool: [29, 74, 9], agree: [19, 47, 46] }, { against: 'rest', status: 'significant', difference: 10.25, z: 2.1, pValue: 0.0357 }) },
    { key: 'Wales', label: 'Wales', respondents: 8, questions: suppressedQuestions(suppressionReason) },
  ],
};
