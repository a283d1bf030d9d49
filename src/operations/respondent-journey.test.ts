import { describe, expect, it } from 'vitest';
import { definitionSchema, type Definition } from '../definition/schema.js';
import type { Organisation } from '../register/organisation.js';
import { answerQuestion, askedQuestions, canShow, resumeStep, stepAfter, stepBefore, withoutHidden, type JourneyState } from './respondent-journey.js';

const options = [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }];
const definition: Definition = definitionSchema.parse({
  format: 1,
  id: 'journey',
  title: 'Journey',
  questions: [
    { id: 'strategy', type: 'single', text: 'Strategy?', options },
    { id: 'stage', type: 'single', text: 'Stage?', showIf: 'strategy = yes', options },
    { id: 'detail', type: 'text', text: 'Tell us more', showIf: 'stage = yes', required: false },
    { id: 'council_only', type: 'single', text: 'Council?', showIf: 'org.type = london-borough', options },
    { id: 'comments', type: 'text', text: 'Anything else?', required: false },
  ],
});
const borough: Organisation = { id: 'camden', name: 'Camden', type: 'london-borough', nation: 'England' };
const agency: Organisation = { id: 'dvla', name: 'DVLA', type: 'executive-agency', nation: 'UK' };
const ids = (state: JourneyState, org = agency) => askedQuestions(definition, state.answers, org).map((q) => q.id);
const empty: JourneyState = { answers: {}, visited: [] };

describe('askedQuestions', () => {
  it('asks a conditional question only when its condition holds', () => {
    expect(ids(empty)).toEqual(['strategy', 'comments']);
    expect(ids({ answers: { strategy: 'yes' }, visited: [] })).toEqual(['strategy', 'stage', 'comments']);
  });

  it('reads conditions on the organisation', () => {
    expect(ids(empty, borough)).toEqual(['strategy', 'council_only', 'comments']);
  });

  it('ignores an answer left over from a hidden question when deciding later conditions', () => {
    // stage = yes would show detail, but stage is hidden once strategy = no.
    expect(ids({ answers: { strategy: 'no', stage: 'yes' }, visited: [] })).toEqual(['strategy', 'comments']);
  });
});

describe('answerQuestion', () => {
  it('records the answer and the visit', () => {
    expect(answerQuestion(definition, empty, agency, 'strategy', 'yes')).toEqual({ answers: { strategy: 'yes' }, visited: ['strategy'] });
  });

  it('discards answers to questions the new answer hides, and their visits, all the way down', () => {
    const state: JourneyState = { answers: { strategy: 'yes', stage: 'yes', detail: 'Lots', comments: 'Fine' }, visited: ['strategy', 'stage', 'detail', 'comments'] };
    expect(answerQuestion(definition, state, agency, 'strategy', 'no')).toEqual({ answers: { strategy: 'no', comments: 'Fine' }, visited: ['strategy', 'comments'] });
  });

  it('removes an answer left blank but keeps the visit', () => {
    const state: JourneyState = { answers: { strategy: 'no', comments: 'Fine' }, visited: ['strategy', 'comments'] };
    expect(answerQuestion(definition, state, agency, 'comments', undefined)).toEqual({ answers: { strategy: 'no' }, visited: ['strategy', 'comments'] });
  });
});

describe('withoutHidden', () => {
  it('drops answers to questions a change of organisation hides', () => {
    const state: JourneyState = { answers: { strategy: 'no', council_only: 'yes' }, visited: ['strategy', 'council_only'] };
    expect(withoutHidden(definition, state, agency)).toEqual({ answers: { strategy: 'no' }, visited: ['strategy'] });
    expect(withoutHidden(definition, state, borough)).toEqual(state);
  });
});

describe('stepAfter', () => {
  it('goes to the next question asked, skipping hidden ones, then to check answers', () => {
    const state = answerQuestion(definition, empty, agency, 'strategy', 'no');
    expect(stepAfter(definition, state, agency, 'strategy', 'continue')).toEqual({ kind: 'question', questionId: 'comments' });
    expect(stepAfter(definition, state, agency, 'comments', 'continue')).toEqual({ kind: 'check' });
  });

  it('starts at the first question when coming from the organisation page', () => {
    expect(stepAfter(definition, empty, agency, '', 'continue')).toEqual({ kind: 'question', questionId: 'strategy' });
  });

  it('after a change, goes to a question the change revealed, else back to check answers', () => {
    const done: JourneyState = { answers: { strategy: 'no' }, visited: ['strategy', 'comments'] };
    const changed = answerQuestion(definition, done, agency, 'strategy', 'yes');
    expect(stepAfter(definition, changed, agency, 'strategy', 'change')).toEqual({ kind: 'question', questionId: 'stage' });
    expect(stepAfter(definition, answerQuestion(definition, done, agency, 'comments', 'New'), agency, 'comments', 'change')).toEqual({ kind: 'check' });
  });
});

describe('stepBefore', () => {
  it('goes back to the previous question asked, and from the first to the organisation page', () => {
    const state: JourneyState = { answers: { strategy: 'no' }, visited: ['strategy'] };
    expect(stepBefore(definition, state, agency, { kind: 'question', questionId: 'comments' })).toEqual({ kind: 'question', questionId: 'strategy' });
    expect(stepBefore(definition, state, agency, { kind: 'question', questionId: 'strategy' })).toEqual({ kind: 'organisation' });
    expect(stepBefore(definition, state, agency, { kind: 'check' })).toEqual({ kind: 'question', questionId: 'comments' });
  });
});

describe('resumeStep and canShow', () => {
  it('resumes at the first question asked and not yet visited', () => {
    expect(resumeStep(definition, empty, agency)).toEqual({ kind: 'question', questionId: 'strategy' });
    expect(resumeStep(definition, { answers: { strategy: 'yes' }, visited: ['strategy'] }, agency)).toEqual({ kind: 'question', questionId: 'stage' });
    expect(resumeStep(definition, { answers: { strategy: 'no' }, visited: ['strategy', 'comments'] }, agency)).toEqual({ kind: 'check' });
  });

  it('shows a question only when everything asked before it has been visited', () => {
    const state: JourneyState = { answers: { strategy: 'yes' }, visited: ['strategy'] };
    expect(canShow(definition, state, agency, 'strategy')).toBe(true);
    expect(canShow(definition, state, agency, 'stage')).toBe(true);
    expect(canShow(definition, state, agency, 'comments')).toBe(false);
    expect(canShow(definition, state, agency, 'council_only')).toBe(false);
    expect(canShow(definition, state, agency, 'no_such_question')).toBe(false);
  });
});
