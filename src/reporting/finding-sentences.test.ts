import { describe, expect, it } from 'vitest';
import type { ChoiceQuestionResult, Estimate, NumberQuestionResult } from '../analysis/results/results-model.js';
import { definitionOf } from '../../test/support/definitions.js';
import { describeComparison, questionFindings } from './finding-sentences.js';

function estimate(code: string, label: string, count: number, base: number, extra: Partial<Estimate> = {}): Estimate {
  return { code, label, count, percent: (100 * count) / base, se: 1, ci95: [0, 100], base, weightedBase: base, suppressed: false, ...extra };
}

function choiceResult(id: string, type: 'single' | 'multiple' | 'scale', options: Estimate[], nets: Estimate[] = []): ChoiceQuestionResult {
  return { id, text: 'Q', type, base: options[0]!.base, weightedBase: options[0]!.base, effectiveBase: null, designEffect: null, suppressed: false, options, nets };
}

const context = { unit: 'respondents' as const, baseDescription: 'all 200 respondents' };

describe('questionFindings', () => {
  const definition = definitionOf([
    { id: 'tools', type: 'single', text: 'Do you have the tools you need?', options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }, { code: 'dk', label: "Don't know", nonSubstantive: true }] },
    {
      id: 'blockers',
      type: 'multiple',
      text: 'What gets in the way?',
      finding: '{percent} of {unit} name {label_lower} as a blocker',
      options: [{ code: 'budget', label: 'Budget' }, { code: 'time', label: 'Time', finding: 'Only {percent} of {unit} say time ({count} of {base})' }],
    },
    { id: 'agree', type: 'scale', text: 'I am proud to work here', options: [{ code: 'a', label: 'Agree' }, { code: 'n', label: 'Neither' }, { code: 'd', label: 'Disagree' }], nets: [{ code: 'pos', label: 'Positive', options: ['a'] }] },
    { id: 'hours', type: 'number', text: 'Hours worked last week', unit: 'hours' },
  ]);
  const question = (id: string) => definition.questions.find((q) => q.id === id)!;

  it('phrases a single-choice figure from the question and option labels, leaves out "Don\'t know", largest first, with the base', () => {
    const result = choiceResult('tools', 'single', [estimate('yes', 'Yes', 50, 200), estimate('no', 'No', 130, 200), estimate('dk', "Don't know", 20, 200)]);
    const findings = questionFindings(question('tools'), result, context);
    expect(findings.map((f) => f.sentence)).toEqual([
      '65% of respondents answered “No” when asked “Do you have the tools you need?” (base: all 200 respondents).',
      '25% of respondents answered “Yes” when asked “Do you have the tools you need?” (base: all 200 respondents).',
    ]);
    expect(findings.map((f) => [f.code, f.percent, f.base])).toEqual([['no', 65, 200], ['yes', 25, 200]]);
  });

  it('uses the question\'s template, and an option\'s own over it', () => {
    const result = choiceResult('blockers', 'multiple', [estimate('budget', 'Budget', 121, 200), estimate('time', 'Time', 9, 200)]);
    expect(questionFindings(question('blockers'), result, context).map((f) => f.sentence)).toEqual([
      '61% of respondents name budget as a blocker (base: all 200 respondents).',
      'Only 5% of respondents say time (9 of 200) (base: all 200 respondents).',
    ]);
  });

  it('puts a scale\'s nets before its options', () => {
    const result = choiceResult('agree', 'scale', [estimate('a', 'Agree', 90, 200), estimate('n', 'Neither', 60, 200), estimate('d', 'Disagree', 50, 200)], [estimate('pos', 'Positive', 90, 200)]);
    const findings = questionFindings(question('agree'), result, context);
    expect(findings.map((f) => [f.kind, f.code])).toEqual([['net', 'pos'], ['option', 'a'], ['option', 'n'], ['option', 'd']]);
  });

  it('states no figure of a suppressed question or option, only why', () => {
    const hidden: Estimate = { code: 'time', label: 'Time', count: null, percent: null, se: null, ci95: null, base: null, weightedBase: null, suppressed: true, reason: 'fewer than 10 respondents answered' };
    const shown = questionFindings(question('blockers'), choiceResult('blockers', 'multiple', [estimate('budget', 'Budget', 121, 200), hidden]), context);
    expect(shown.map((f) => f.code)).toEqual(['budget']);
    const all = questionFindings(question('tools'), { ...choiceResult('tools', 'single', [hidden]), suppressed: true, reason: 'fewer than 10 respondents answered', base: null }, context);
    expect(all).toEqual([{ questionId: 'tools', kind: 'suppressed', percent: null, base: null, sentence: 'Figures for “Do you have the tools you need?” are not shown: fewer than 10 respondents answered.' }]);
  });

  it('gives a number question\'s mean and median with its unit', () => {
    const result: NumberQuestionResult = { id: 'hours', text: 'Hours', type: 'number', base: 180, weightedBase: 180, effectiveBase: null, designEffect: null, suppressed: false, mean: 37.46, se: 0.4, ci95: [36.7, 38.2], median: 37.5, min: 10, max: 60 };
    expect(questionFindings(question('hours'), result, { ...context, baseDescription: 'the 180 respondents who answered' })[0]!.sentence).toBe(
      'The mean answer to “Hours worked last week” was 37.5 hours and the median 37.5 hours (base: the 180 respondents who answered).',
    );
  });

  it('says whether a change since an earlier wave is significant, not significant or not tested', () => {
    const up = estimate('yes', 'Yes', 120, 200, { change: { against: 'wave 2023', status: 'significant', difference: 12.4, z: 2.5, pValue: 0.0124, previousPercent: 47.6 } });
    const flat = estimate('no', 'No', 60, 200, { change: { against: 'wave 2023', status: 'not-significant', difference: -1.6, z: -0.3, pValue: 0.76, previousPercent: 31.6 } });
    const sentences = questionFindings(question('tools'), choiceResult('tools', 'single', [up, flat]), context).map((f) => f.sentence);
    expect(sentences[0]).toBe('60% of respondents answered “Yes” when asked “Do you have the tools you need?” (base: all 200 respondents); up 12 points since wave 2023, a significant difference (p = 0.012).');
    expect(sentences[1]).toMatch(/; down 2 points since wave 2023, not a significant difference \(p = 0\.76\)\.$/);
    expect(describeComparison({ against: 'wave 2023', status: 'not-tested', reason: 'a base under 30' }, 'change').text).toBe('the difference from wave 2023 was not tested (a base under 30)');
    expect(describeComparison({ against: 'the rest', status: 'significant', difference: 3.2, z: 4, pValue: 0.00001 }, 'group').text).toBe('3 points higher than the rest, a significant difference (p < 0.001)');
    expect(describeComparison({ against: 'rest of the sector', status: 'not-significant', difference: -1.2, z: -0.1, pValue: 0.936 }, 'benchmark').text).toBe('1 point lower than the rest of the sector, not a significant difference (p = 0.936)');
  });
});
