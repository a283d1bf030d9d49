import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { loadDefinitionText } from '../definition/load-definition.js';
import type { Definition } from '../definition/schema.js';
import type { Organisation } from '../register/organisation.js';
import { validateResponse, type ResponseResult } from './validate-response.js';

function definitionFrom(text: string): Definition {
  const result = loadDefinitionText(text);
  if (!result.ok) throw new Error(`test definition is invalid: ${JSON.stringify(result.problems)}`);
  return result.definition;
}

const digitalGap = definitionFrom(readFileSync(new URL('../surveys/digital-gap-2017/definition.yaml', import.meta.url), 'utf8'));

const organisations: Organisation[] = [
  { id: 'kent-county-council', name: 'Kent County Council', type: 'county-council', nation: 'England', region: 'South East' },
  { id: 'westminster-city-council', name: 'Westminster City Council', type: 'london-borough', nation: 'England', region: 'London' },
];
const register = new Map(organisations.map((o) => [o.id, o]));
const findOrg = (id: string) => register.get(id);

/** A complete, valid set of answers to the built-in survey (strategy = yes, not confident). */
function fullAnswers(): Record<string, unknown> {
  return {
    role: 'digital-it',
    approach: 'major-barriers',
    strategy: 'yes',
    strategy_stage: 'under-way',
    barriers: ['skills', 'culture'],
    gap_confidence: 'not-very-confident',
    gap_barriers: ['lack-of-budget', 'skills-gap'],
    strategy_achievable: 'agree',
    automation_status: 'weighing-up',
    automation_uses: ['back-office'],
    comments: '  We need more budget.  ',
  };
}

function validate(answers: unknown, org: unknown = 'kent-county-council', definition: Definition = digitalGap): ResponseResult {
  return validateResponse(definition, { org, answers }, findOrg);
}

/** The problems as [where, code] pairs, so a test states the complete list. */
function problemsOf(result: ResponseResult): Array<[string, string]> {
  if (result.ok) throw new Error(`expected problems, got a valid response: ${JSON.stringify(result.response)}`);
  return result.problems.map((p) => [p.where, p.code]);
}

function answersOf(result: ResponseResult): Record<string, unknown> {
  if (!result.ok) throw new Error(`expected a valid response, got ${JSON.stringify(result.problems)}`);
  return result.response.answers;
}

describe('validateResponse: a valid response', () => {
  it('is accepted with the organisation id and normalised answers', () => {
    const result = validate(fullAnswers());
    expect(result).toEqual({
      ok: true,
      response: {
        org: 'kent-county-council',
        answers: {
          role: 'digital-it',
          approach: 'major-barriers',
          strategy: 'yes',
          strategy_stage: 'under-way',
          barriers: ['culture', 'skills'],
          gap_confidence: 'not-very-confident',
          gap_barriers: ['skills-gap', 'lack-of-budget'],
          strategy_achievable: 'agree',
          automation_status: 'weighing-up',
          automation_uses: ['back-office'],
          comments: 'We need more budget.',
        },
      },
    });
  });

  it('puts multiple-choice codes in the order of the options, whatever order they were sent in', () => {
    const answers = answersOf(validate({ ...fullAnswers(), barriers: ['other', 'cost', 'culture', 'procurement'] }));
    expect(answers.barriers).toEqual(['culture', 'cost', 'procurement', 'other']);
  });

  it('trims spaces around codes and text', () => {
    const answers = answersOf(validate({ ...fullAnswers(), role: '  senior-leader ', barriers: [' skills '], comments: '\n  Fine.\t' }));
    expect(answers.role).toBe('senior-leader');
    expect(answers.barriers).toEqual(['skills']);
    expect(answers.comments).toBe('Fine.');
  });

  it('reads a single code sent as a string to a multiple-choice question as a one-item list', () => {
    expect(answersOf(validate({ ...fullAnswers(), barriers: 'cost' })).barriers).toEqual(['cost']);
  });

  it('leaves out a blank text answer to an optional question', () => {
    for (const comments of ['', '   ', null]) {
      const answers = answersOf(validate({ ...fullAnswers(), comments }));
      expect(answers).not.toHaveProperty('comments');
    }
  });

  it('leaves out an empty list, or a list of blank codes, given to an optional multiple-choice question', () => {
    const definition = definitionFrom(
      JSON.stringify({
        format: 1,
        id: 'optional-multi',
        title: 'Optional multi',
        questions: [
          { id: 'colour', type: 'single', text: 'Colour?', options: [{ code: 'red', label: 'Red' }, { code: 'blue', label: 'Blue' }] },
          { id: 'extras', type: 'multiple', text: 'Extras?', required: false, options: [{ code: 'a', label: 'A' }, { code: 'b', label: 'B' }] },
        ],
      }),
    );
    expect(validate({ colour: 'red', extras: [] }, 'kent-county-council', definition)).toEqual({ ok: true, response: { org: 'kent-county-council', answers: { colour: 'red' } } });
    expect(validate({ colour: 'red', extras: ['', '  '] }, 'kent-county-council', definition)).toEqual({ ok: true, response: { org: 'kent-county-council', answers: { colour: 'red' } } });
  });

  it('leaves out a question hidden by its condition when it is not answered (strategy = no)', () => {
    const { strategy_stage: _stage, ...rest } = fullAnswers();
    const answers = answersOf(validate({ ...rest, strategy: 'no' }));
    expect(answers.strategy).toBe('no');
    expect(answers).not.toHaveProperty('strategy_stage');
  });

  it('treats a blank answer to a hidden question as no answer', () => {
    const answers = answersOf(validate({ ...fullAnswers(), strategy: 'no', strategy_stage: '', gap_confidence: 'very-confident', gap_barriers: [] }));
    expect(answers).not.toHaveProperty('strategy_stage');
    expect(answers).not.toHaveProperty('gap_barriers');
  });

  it('accepts an exclusive option on its own', () => {
    expect(answersOf(validate({ ...fullAnswers(), barriers: ['none'] })).barriers).toEqual(['none']);
  });

  it('trims the organisation id before looking it up', () => {
    const result = validate(fullAnswers(), '  kent-county-council ');
    expect(result.ok && result.response.org).toBe('kent-county-council');
  });
});

describe('validateResponse: the organisation', () => {
  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['blank', '   '],
    ['not a string', 42],
  ])('is reported as missing-org at "org" when %s', (_case, org) => {
    const result = validateResponse(digitalGap, { org, answers: fullAnswers() }, findOrg);
    expect(problemsOf(result)).toEqual([['org', 'missing-org']]);
    expect(!result.ok && result.problems[0]?.expected).toBe('an organisation id from the register');
  });

  it('is reported as unknown-org at "org" when it is not in the register', () => {
    const result = validate(fullAnswers(), 'atlantis-council');
    expect(problemsOf(result)).toEqual([['org', 'unknown-org']]);
    expect(!result.ok && result.problems[0]?.message).toContain('atlantis-council');
  });
});

describe('validateResponse: rejections', () => {
  it.each([
    ['null', null],
    ['an array', [{ role: 'other' }]],
    ['a string', 'role=other'],
    ['a number', 7],
    ['absent', undefined],
  ])('rejects answers that are %s with wrong-type at "answers"', (_case, answers) => {
    expect(problemsOf(validate(answers))).toEqual([['answers', 'wrong-type']]);
  });

  it('reports a bad organisation together with answers that are not an object', () => {
    expect(problemsOf(validate(null, 'atlantis-council'))).toEqual([
      ['org', 'unknown-org'],
      ['answers', 'wrong-type'],
    ]);
  });

  it('rejects an answer to a question the survey does not have, at that key', () => {
    const result = validate({ ...fullAnswers(), favourite_colour: 'blue' });
    expect(problemsOf(result)).toEqual([['favourite_colour', 'unknown-question']]);
    expect(!result.ok && result.problems[0]?.message).toContain('digital-gap-2017');
  });

  it.each([
    ['a number to a single-choice question', 'role', 3],
    ['a list to a single-choice question', 'role', ['other']],
    ['a list to a scale question', 'gap_confidence', ['neutral']],
    ['an object to a multiple-choice question', 'barriers', { culture: true }],
    ['a list with a number to a multiple-choice question', 'barriers', ['culture', 2]],
    ['a number to a text question', 'comments', 5],
    ['a boolean to a text question', 'comments', true],
  ])('rejects %s as wrong-type at the question', (_case, question, value) => {
    expect(problemsOf(validate({ ...fullAnswers(), [question]: value }))).toEqual([[question, 'wrong-type']]);
  });

  it('rejects a code that is not an option, saying which codes are', () => {
    const result = validate({ ...fullAnswers(), role: 'chief-wizard' });
    expect(problemsOf(result)).toEqual([['role', 'unknown-code']]);
    expect(!result.ok && result.problems[0]?.expected).toBe('one of senior-leader, head-of-service, digital-it, operations, other');
  });

  it('rejects a code from another question (codes belong to their question)', () => {
    expect(problemsOf(validate({ ...fullAnswers(), strategy_achievable: 'neutral' }))).toEqual([['strategy_achievable', 'unknown-code']]);
  });

  it('does not also call an answer hidden when the answer its condition reads was rejected', () => {
    expect(problemsOf(validate({ ...fullAnswers(), gap_confidence: 'agree' }))).toEqual([['gap_confidence', 'unknown-code']]);
    expect(problemsOf(validate({ ...fullAnswers(), gap_confidence: ['not-very-confident'] }))).toEqual([['gap_confidence', 'wrong-type']]);
    expect(problemsOf(validate({ ...fullAnswers(), strategy: 'maybe' }))).toEqual([['strategy', 'unknown-code']]);
  });

  it('rejects an unknown code inside a multiple-choice answer', () => {
    expect(problemsOf(validate({ ...fullAnswers(), barriers: ['culture', 'dragons'] }))).toEqual([['barriers', 'unknown-code']]);
  });

  it('rejects an answer to strategy_stage when strategy = no (its condition hides it)', () => {
    const result = validate({ ...fullAnswers(), strategy: 'no', strategy_stage: 'under-way' });
    expect(problemsOf(result)).toEqual([['strategy_stage', 'hidden-answered']]);
    expect(!result.ok && result.problems[0]?.message).toContain('strategy = yes');
  });

  it("rejects an answer to strategy_stage when strategy is \"don't know\"", () => {
    expect(problemsOf(validate({ ...fullAnswers(), strategy: 'dont-know' }))).toEqual([['strategy_stage', 'hidden-answered']]);
  });

  it('rejects an answer to gap_barriers from someone who is confident the gap can be closed', () => {
    for (const gap_confidence of ['very-confident', 'fairly-confident', 'neutral', 'dont-know']) {
      expect(problemsOf(validate({ ...fullAnswers(), gap_confidence }))).toEqual([['gap_barriers', 'hidden-answered']]);
    }
  });

  it('rejects a response that leaves a required question unanswered, saying what was expected', () => {
    const { approach: _approach, ...rest } = fullAnswers();
    const result = validate(rest);
    expect(problemsOf(result)).toEqual([['approach', 'required']]);
    expect(!result.ok && result.problems[0]?.expected).toBe('one of fully-embracing, major-barriers, missing-opportunities, dont-know');
  });

  it('treats a blank string, null or an empty list as unanswered for a required question', () => {
    expect(problemsOf(validate({ ...fullAnswers(), approach: '  ' }))).toEqual([['approach', 'required']]);
    expect(problemsOf(validate({ ...fullAnswers(), approach: null }))).toEqual([['approach', 'required']]);
    expect(problemsOf(validate({ ...fullAnswers(), barriers: [] }))).toEqual([['barriers', 'required']]);
  });

  it('requires a conditional question when its condition holds (not confident → gap_barriers)', () => {
    const { gap_barriers: _gapBarriers, ...rest } = fullAnswers();
    expect(problemsOf(validate({ ...rest, gap_confidence: 'not-at-all-confident' }))).toEqual([['gap_barriers', 'required']]);
  });

  it('does not require a required question its condition hides', () => {
    const { strategy_stage: _stage, gap_barriers: _gapBarriers, ...rest } = fullAnswers();
    expect(validate({ ...rest, strategy: 'no', gap_confidence: 'fairly-confident' }).ok).toBe(true);
  });

  it('does not report a wrong answer to a required question as missing as well', () => {
    expect(problemsOf(validate({ ...fullAnswers(), role: 99 }))).toEqual([['role', 'wrong-type']]);
  });

  it('rejects an exclusive option combined with another (barriers: none + culture)', () => {
    const result = validate({ ...fullAnswers(), barriers: ['none', 'culture'] });
    expect(problemsOf(result)).toEqual([['barriers', 'exclusive-combined']]);
    expect(!result.ok && result.problems[0]?.expected).toBe("'none' on its own");
  });

  it('rejects two exclusive options together (automation_uses: none + dont-know)', () => {
    expect(problemsOf(validate({ ...fullAnswers(), automation_uses: ['none', 'dont-know'] }))).toEqual([['automation_uses', 'exclusive-combined']]);
  });

  it('rejects the same code chosen twice in a multiple-choice answer', () => {
    expect(problemsOf(validate({ ...fullAnswers(), barriers: ['culture', 'cost', 'culture'] }))).toEqual([['barriers', 'duplicate-answer']]);
    expect(problemsOf(validate({ ...fullAnswers(), barriers: ['culture', ' culture '] }))).toEqual([['barriers', 'duplicate-answer']]);
  });

  it('rejects a text answer of 2001 characters and accepts one of 2000', () => {
    const long = validate({ ...fullAnswers(), comments: 'x'.repeat(2001) });
    expect(problemsOf(long)).toEqual([['comments', 'text-too-long']]);
    expect(!long.ok && long.problems[0]?.expected).toBe('at most 2000 characters');
    expect(answersOf(validate({ ...fullAnswers(), comments: 'x'.repeat(2000) })).comments).toHaveLength(2000);
  });

  it('measures text length after trimming and in characters, not UTF-16 units', () => {
    expect(validate({ ...fullAnswers(), comments: `  ${'x'.repeat(2000)}  ` }).ok).toBe(true);
    expect(validate({ ...fullAnswers(), comments: '😀'.repeat(2000) }).ok).toBe(true);
    expect(problemsOf(validate({ ...fullAnswers(), comments: '😀'.repeat(2001) }))).toEqual([['comments', 'text-too-long']]);
  });

  it('lists every problem of a response, not just the first', () => {
    const { approach: _approach, ...rest } = fullAnswers();
    const result = validate(
      {
        ...rest,
        role: 'chief-wizard',
        strategy: 'no',
        strategy_stage: 'under-way',
        barriers: ['none', 'culture'],
        automation_uses: ['back-office', 'back-office'],
        comments: 'x'.repeat(2001),
        mood: 'happy',
      },
      'atlantis-council',
    );
    expect(problemsOf(result)).toEqual([
      ['org', 'unknown-org'],
      ['mood', 'unknown-question'],
      ['role', 'unknown-code'],
      ['approach', 'required'],
      ['strategy_stage', 'hidden-answered'],
      ['barriers', 'exclusive-combined'],
      ['automation_uses', 'duplicate-answer'],
      ['comments', 'text-too-long'],
    ]);
    expect(result.ok ? [] : result.problems.every((p) => p.message.length > 0)).toBe(true);
  });

  it('names each problem with the where option, for example a CSV row and column', () => {
    const result = validateResponse(digitalGap, { org: 'atlantis-council', answers: { ...fullAnswers(), role: 'chief-wizard' } }, findOrg, {
      where: (id) => `row 7, column ${id}`,
    });
    expect(problemsOf(result)).toEqual([
      ['row 7, column org', 'unknown-org'],
      ['row 7, column role', 'unknown-code'],
    ]);
  });
});

describe('validateResponse: number questions', () => {
  const survey = definitionFrom(
    JSON.stringify({
      format: 1,
      id: 'staffing',
      title: 'Staffing',
      questions: [
        { id: 'staff', type: 'number', text: 'How many staff work in digital?', min: 0, max: 100, integer: true },
        { id: 'budget_share', type: 'number', text: 'What share of the budget is digital (%)?', min: 0, max: 100, required: false },
      ],
    }),
  );
  const check = (answers: Record<string, unknown>) => validate(answers, 'kent-county-council', survey);

  it('accepts numbers at both ends of the range', () => {
    expect(answersOf(check({ staff: 0 }))).toEqual({ staff: 0 });
    expect(answersOf(check({ staff: 100, budget_share: 99.5 }))).toEqual({ staff: 100, budget_share: 99.5 });
  });

  it('reads a number sent as a string', () => {
    expect(answersOf(check({ staff: ' 42 ', budget_share: '12.5' }))).toEqual({ staff: 42, budget_share: 12.5 });
  });

  it('rejects a number above the maximum or below the minimum as out-of-range', () => {
    const above = check({ staff: 101 });
    expect(problemsOf(above)).toEqual([['staff', 'out-of-range']]);
    expect(!above.ok && above.problems[0]?.expected).toBe('a whole number from 0 to 100');
    expect(problemsOf(check({ staff: -1 }))).toEqual([['staff', 'out-of-range']]);
    expect(problemsOf(check({ staff: 5, budget_share: 100.01 }))).toEqual([['budget_share', 'out-of-range']]);
  });

  it('rejects a fraction where a whole number is asked for', () => {
    expect(problemsOf(check({ staff: 2.5 }))).toEqual([['staff', 'not-an-integer']]);
  });

  it('rejects what is not a finite number', () => {
    for (const staff of ['lots', '12 people', Number.NaN, Number.POSITIVE_INFINITY, true]) {
      expect(problemsOf(check({ staff }))).toEqual([['staff', 'not-a-number']]);
    }
  });
});

describe('validateResponse: conditions on the organisation', () => {
  const survey = definitionFrom(
    JSON.stringify({
      format: 1,
      id: 'borough-services',
      title: 'Borough services',
      questions: [
        { id: 'service', type: 'single', text: 'Which service?', options: [{ code: 'housing', label: 'Housing' }, { code: 'waste', label: 'Waste' }] },
        { id: 'borough_partner', type: 'single', text: 'Do you share services with another borough?', showIf: 'org.type = london-borough', options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }] },
      ],
    }),
  );

  it('asks a question conditioned on org.type of organisations of that type, and requires it', () => {
    expect(validate({ service: 'housing', borough_partner: 'yes' }, 'westminster-city-council', survey)).toEqual({
      ok: true,
      response: { org: 'westminster-city-council', answers: { service: 'housing', borough_partner: 'yes' } },
    });
    expect(problemsOf(validate({ service: 'housing' }, 'westminster-city-council', survey))).toEqual([['borough_partner', 'required']]);
  });

  it('hides it from organisations of another type: not required, and an answer is rejected', () => {
    expect(answersOf(validate({ service: 'waste' }, 'kent-county-council', survey))).toEqual({ service: 'waste' });
    expect(problemsOf(validate({ service: 'waste', borough_partner: 'no' }, 'kent-county-council', survey))).toEqual([['borough_partner', 'hidden-answered']]);
  });

  it('reports only the unknown organisation, not the questions whose org condition it leaves undecided', () => {
    expect(problemsOf(validate({ service: 'waste', borough_partner: 'no' }, 'atlantis-council', survey))).toEqual([['org', 'unknown-org']]);
    const notBorough = definitionFrom(
      JSON.stringify({
        format: 1,
        id: 'shire-services',
        title: 'Shire services',
        questions: [{ id: 'parish_links', type: 'single', text: 'Do you work with parishes?', showIf: 'not (org.type = london-borough)', options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }] }],
      }),
    );
    expect(problemsOf(validate({}, 'kent-county-council', notBorough))).toEqual([['parish_links', 'required']]);
    expect(problemsOf(validate({}, 'atlantis-council', notBorough))).toEqual([['org', 'unknown-org']]);
  });
});

describe('validateResponse: question ids that are also names of object properties', () => {
  const survey = definitionFrom(
    JSON.stringify({
      format: 1,
      id: 'builders',
      title: 'Builders',
      questions: [
        { id: 'constructor', type: 'single', text: 'Who built it?', required: false, options: [{ code: 'a', label: 'A' }, { code: 'b', label: 'B' }] },
        { id: 'follow_up', type: 'single', text: 'Why not A?', showIf: 'constructor != a', options: [{ code: 'x', label: 'X' }, { code: 'y', label: 'Y' }] },
      ],
    }),
  );

  it('treats a question called constructor as unanswered when it is not in the answers', () => {
    expect(validate({}, 'kent-county-council', survey)).toEqual({ ok: true, response: { org: 'kent-county-council', answers: {} } });
  });

  it('does not show a question whose condition compares an unanswered constructor question', () => {
    expect(problemsOf(validate({ follow_up: 'x' }, 'kent-county-council', survey))).toEqual([['follow_up', 'hidden-answered']]);
    expect(answersOf(validate({ constructor: 'b', follow_up: 'x' }, 'kent-county-council', survey))).toEqual({ constructor: 'b', follow_up: 'x' });
  });
});
