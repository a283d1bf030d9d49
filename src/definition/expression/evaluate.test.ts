import { describe, it, expect } from 'vitest';
import type { Answers } from '../schema.js';
import { evaluateExpression } from './evaluate.js';
import { parseExpression } from './parse.js';

function holds(source: string, answers: Answers, org: Record<string, string> = {}): boolean {
  return evaluateExpression(parseExpression(source), {
    answer: (id) => answers[id],
    org: (attribute) => org[attribute],
  });
}

describe('evaluateExpression: choice answers', () => {
  it('compares a code for equality', () => {
    expect(holds('strategy = yes', { strategy: 'yes' })).toBe(true);
    expect(holds('strategy = yes', { strategy: 'no' })).toBe(false);
  });

  it('compares a code for inequality', () => {
    expect(holds('strategy != yes', { strategy: 'no' })).toBe(true);
    expect(holds('strategy != yes', { strategy: 'yes' })).toBe(false);
  });

  it('holds for in (…) when the answer is any of the listed codes', () => {
    const source = 'gap_confidence in (not-very-confident, not-at-all-confident)';
    expect(holds(source, { gap_confidence: 'not-at-all-confident' })).toBe(true);
    expect(holds(source, { gap_confidence: 'fairly-confident' })).toBe(false);
  });

  it('matches a numeric code written without quotes', () => {
    expect(holds('rating = 3', { rating: '3' })).toBe(true);
    expect(holds('rating in (4, 5)', { rating: '3' })).toBe(false);
  });

  it('never holds for < or > between codes that are not numbers', () => {
    expect(holds('q1 < yes', { q1: 'no' })).toBe(false);
    expect(holds('q1 >= yes', { q1: 'yes' })).toBe(false);
  });
});

describe('evaluateExpression: multiple-choice answers', () => {
  it('holds for includes when the code is among the chosen', () => {
    expect(holds('barriers includes skills', { barriers: ['culture', 'skills'] })).toBe(true);
  });

  it('does not hold for includes when the code is not chosen', () => {
    expect(holds('barriers includes cost', { barriers: ['culture', 'skills'] })).toBe(false);
  });

  it('does not hold for includes on an answer that is not a list', () => {
    expect(holds('q1 includes yes', { q1: 'yes' })).toBe(false);
  });

  it('does not hold for = or in (…) on a list of codes', () => {
    expect(holds('barriers = skills', { barriers: ['skills'] })).toBe(false);
    expect(holds('barriers in (skills)', { barriers: ['skills'] })).toBe(false);
    expect(holds('barriers != skills', { barriers: ['culture'] })).toBe(false);
  });

  it('matches a numeric code with includes', () => {
    expect(holds('days includes 1', { days: ['1', '3'] })).toBe(true);
  });
});

describe('evaluateExpression: numbers', () => {
  it('compares numbers numerically, not as text', () => {
    expect(holds('staff > 9', { staff: 10 })).toBe(true);
    expect(holds('staff < 9', { staff: 10 })).toBe(false);
  });

  it.each([
    ['staff = 10', true],
    ['staff = 10.0', true],
    ['staff != 10', false],
    ['staff < 10', false],
    ['staff <= 10', true],
    ['staff > 10', false],
    ['staff >= 10', true],
    ['staff in (5, 10)', true],
    ['staff in (5, 11)', false],
  ])('evaluates %s for an answer of 10 as %s', (source, expected) => {
    expect(holds(source, { staff: 10 })).toBe(expected);
  });

  it('compares negative and fractional numbers', () => {
    expect(holds('change >= -1.5', { change: -1.25 })).toBe(true);
    expect(holds('change >= -1.5', { change: -2 })).toBe(false);
  });

  it('does not hold when a number is compared with a code', () => {
    expect(holds('staff = ten', { staff: 10 })).toBe(false);
    expect(holds('staff < ten', { staff: 10 })).toBe(false);
  });
});

describe('evaluateExpression: the missing-data rule', () => {
  it.each(['q1 = yes', 'q1 != yes', 'q1 < 3', 'q1 <= 3', 'q1 > 3', 'q1 >= 3', 'q1 in (yes, no)', 'q1 includes yes'])(
    'does not hold for %s when q1 is unanswered',
    (source) => {
      expect(holds(source, {})).toBe(false);
    },
  );

  it("reads 'q != x' as 'answered, and not x'", () => {
    expect(holds('q1 != yes', { q1: 'no' })).toBe(true);
    expect(holds('q1 != yes', {})).toBe(false);
  });

  it("includes those who did not answer in 'not (q = x)'", () => {
    expect(holds('not (q1 = yes)', {})).toBe(true);
    expect(holds('not (q1 = yes)', { q1: 'no' })).toBe(true);
    expect(holds('not (q1 = yes)', { q1: 'yes' })).toBe(false);
  });

  it("leaves out those who did not answer from 'q not in (…)', as from 'q != x'", () => {
    expect(holds('q1 not in (yes)', {})).toBe(false);
    expect(holds('not (q1 in (yes))', {})).toBe(true);
    expect(holds('q1 not in (yes)', { q1: 'no' })).toBe(true);
    expect(holds('q1 not in (yes)', { q1: 'yes' })).toBe(false);
  });

  it('treats an organisation attribute that is not set like an unanswered question', () => {
    expect(holds('org.region = london', {}, {})).toBe(false);
    expect(holds('org.region != london', {}, {})).toBe(false);
    expect(holds('not (org.region = london)', {}, {})).toBe(true);
  });
});

describe('evaluateExpression: organisation attributes', () => {
  const org = { type: 'council', nation: 'england', region: 'North East' };

  it('compares the organisation type', () => {
    expect(holds('org.type = council', {}, org)).toBe(true);
    expect(holds('org.type = department', {}, org)).toBe(false);
    expect(holds('org.type != department', {}, org)).toBe(true);
  });

  it('compares an attribute with quoted text', () => {
    expect(holds("org.region = 'North East'", {}, org)).toBe(true);
  });

  it('compares an attribute with a list', () => {
    expect(holds('org.nation in (scotland, wales)', {}, org)).toBe(false);
    expect(holds('org.nation in (england, wales)', {}, org)).toBe(true);
  });

  it('combines organisation attributes and answers', () => {
    expect(holds('org.type = council and q1 = yes', { q1: 'yes' }, org)).toBe(true);
    expect(holds('org.type = council and q1 = yes', { q1: 'no' }, org)).toBe(false);
  });
});

describe('evaluateExpression: and, or, not', () => {
  const answers = { a: 'x', b: 'y' };

  it.each([
    ['a = x and b = y', true],
    ['a = x and b = x', false],
    ['a = y or b = y', true],
    ['a = y or b = x', false],
    ['not a = y', true],
    ['a = y or a = x and b = y', true],
    ['(a = y or a = x) and b = x', false],
    ['a = x and not (b = x or b = z)', true],
  ])('evaluates %s as %s', (source, expected) => {
    expect(holds(source, answers)).toBe(expected);
  });
});
