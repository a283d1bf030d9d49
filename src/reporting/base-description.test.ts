import { describe, expect, it } from 'vitest';
import { definitionOf } from '../../test/support/definitions.js';
import type { QuestionResult, SurveyResults } from '../analysis/results/results-model.js';
import { baseDescription } from './survey-report.js';

const definition = definitionOf([
  { id: 'strategy', type: 'single', text: 'Do you have a strategy?', options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }] },
  { id: 'stage', type: 'single', text: 'What stage is it at?', showIf: 'strategy = yes', options: [{ code: 'early', label: 'Early' }, { code: 'late', label: 'Late' }] },
  { id: 'owner', type: 'single', text: 'Who owns it?', required: false, showIf: 'strategy = yes', options: [{ code: 'board', label: 'The board' }, { code: 'cio', label: 'The CIO' }] },
  { id: 'comment', type: 'text', text: 'Anything else?', required: false },
]);
const results = { respondents: 100, filter: null } as unknown as SurveyResults;
const describeBase = (id: string, base: number) => baseDescription(definition, definition.questions.find((q) => q.id === id)!, { base } as QuestionResult, results, {});

describe('a question’s base in words', () => {
  it('says "asked" of a required question shown only to some, whose base is everyone asked', () => {
    expect(describeBase('stage', 70)).toBe('the 70 respondents asked: those who answered “Yes” to “Do you have a strategy?”');
  });

  it('says "who answered, of those asked" of an optional one, whose base is only those asked who answered', () => {
    expect(describeBase('owner', 67)).toBe('the 67 respondents who answered, of those asked: those who answered “Yes” to “Do you have a strategy?”');
  });

  it('says "all" when everyone answered, and "who answered" otherwise', () => {
    expect(describeBase('strategy', 100)).toBe('all 100 respondents');
    expect(describeBase('comment', 40)).toBe('the 40 respondents who answered');
  });
});
