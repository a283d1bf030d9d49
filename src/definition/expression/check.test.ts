import { describe, it, expect } from 'vitest';
import type { Problem } from '../../errors/catalogue.js';
import { definitionOf } from '../../../test/support/definitions.js';
import { checkExpression, type CheckContext } from './check.js';
import { parseExpression } from './parse.js';
import type { RegisterSchema } from '../schema.js';

const register: RegisterSchema = { attributes: [{ id: 'type', label: 'Type', type: 'category', required: true, options: [{ code: 'council', label: 'Council' }, { code: 'department', label: 'Department' }] }, { id: 'region', label: 'Region', type: 'text', required: false }, { id: 'staff', label: 'Staff', type: 'number', required: false, integer: true }, { id: 'size_band', label: 'Size', type: 'bands', of: 'staff', bands: [{ code: 'small', label: 'Small' }, { code: 'large', label: 'Large', from: 100 }] }], peerGroup: 'type' };

const definition = definitionOf([
  { id: 'strategy', type: 'single', text: 'Strategy?', options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }] },
  { id: 'confidence', type: 'scale', text: 'Confident?', options: [{ code: 'high', label: 'High' }, { code: 'low', label: 'Low' }] },
  { id: 'barriers', type: 'multiple', text: 'Barriers?', options: [{ code: 'cost', label: 'Cost' }, { code: 'skills', label: 'Skills' }] },
  { id: 'staff', type: 'number', text: 'Staff?' },
  { id: 'comments', type: 'text', text: 'Comments?' },
]);

function check(source: string, context: Partial<CheckContext> = {}): Problem[] {
  return checkExpression(parseExpression(source), { definition, where: '--filter', ...context });
}

function codes(source: string, context: Partial<CheckContext> = {}): string[] {
  return check(source, context).map((p) => p.code);
}

describe('checkExpression', () => {
  it.each([
    'strategy = yes',
    'strategy != no',
    'confidence in (high, low)',
    'confidence not in (high)',
    'barriers includes cost',
    'staff >= 10 and staff < 250',
    'staff in (1, 2)',
    'org.type = council',
    "org.region != 'North East'",
    'org.id = org-1 or org.nation in (england, wales) or org.parent = dept',
  ])('finds nothing wrong with %s', (source) => {
    expect(check(source)).toEqual([]);
  });

  it('puts the place it was given on every problem', () => {
    const problems = check('nope = 1 or strategy = maybe', { where: 'questions[2] (x).showIf' });
    expect(problems).toHaveLength(2);
    expect(problems.every((p) => p.where === 'questions[2] (x).showIf')).toBe(true);
  });

  it('refuses a question the survey does not have', () => {
    expect(check('strategyy = yes')).toEqual([expect.objectContaining({ where: '--filter', code: 'unknown-question', expected: 'a question id' })]);
  });

  it('refuses a code that is not an option of the question, listing the options', () => {
    expect(check('strategy = maybe')).toEqual([expect.objectContaining({ code: 'unknown-code', expected: 'yes, no' })]);
  });

  it('refuses each unknown code in a list', () => {
    expect(codes('confidence in (high, medium, none)')).toEqual(['unknown-code', 'unknown-code']);
  });

  it('refuses an unknown code after includes', () => {
    expect(codes('barriers includes time')).toEqual(['unknown-code']);
  });

  it("refuses '=', '!=' and in (…) on a multiple-choice question", () => {
    expect(codes('barriers = cost')).toEqual(['use-includes']);
    expect(codes('barriers != cost')).toEqual(['use-includes']);
    expect(codes('barriers in (cost)')).toEqual(['use-includes']);
  });

  it("refuses 'includes' on single-choice, scale and number questions", () => {
    expect(codes('strategy includes yes')).toEqual(['includes-not-multiple']);
    expect(codes('confidence includes high')).toEqual(['includes-not-multiple']);
    expect(codes('staff includes 3')).toEqual(['includes-not-multiple']);
  });

  it.each(['<', '<=', '>', '>='])("refuses '%s' on a choice question", (operator) => {
    expect(codes(`confidence ${operator} high`)).toEqual(['operator-not-allowed']);
  });

  it('refuses comparing a number question with anything but a number', () => {
    expect(codes('staff = many')).toEqual(['not-a-number']);
    expect(codes("staff in (1, 'two')")).toEqual(['not-a-number']);
  });

  it('refuses a free-text question', () => {
    expect(codes("comments = 'hello'")).toEqual(['text-in-expression']);
  });

  it('refuses an unknown organisation attribute, listing the known ones', () => {
    expect(check('org.sector = health')).toEqual([
      expect.objectContaining({ code: 'unknown-org-attribute', expected: 'org.id, org.parent, org.headcount, org.type, org.nation, org.region' }),
    ]);
  });

  it("refuses 'includes' and '<' on an organisation attribute", () => {
    expect(codes('org.type includes council')).toEqual(['includes-not-multiple']);
    expect(codes('org.region < north')).toEqual(['operator-not-allowed']);
  });

  it("refuses a code that is not one of a category's or bands' codes in the register", () => {
    expect(check('org.type in (council, agency)', { register })).toEqual([expect.objectContaining({ code: 'unknown-org-code', expected: 'council, department' })]);
    expect(codes('org.type = council', { register })).toEqual([]);
    expect(check('org.size_band = medium', { register })).toEqual([expect.objectContaining({ code: 'unknown-org-code', expected: 'small, large' })]);
    expect(codes('org.size_band in (small, large)', { register })).toEqual([]);
  });

  it('does not check the values of a register without categories (type, nation and region as text)', () => {
    expect(codes('org.type = agency')).toEqual([]);
  });

  it('checks values only of categories and bands: text takes any, numbers compare with numbers', () => {
    expect(codes('org.region = anywhere', { register })).toEqual([]);
    expect(codes('org.staff >= 50 and org.headcount < 10', { register })).toEqual([]);
    expect(codes('org.staff = many', { register })).toEqual(['not-a-number']);
  });

  it("refuses an attribute the survey's register does not declare, naming those it does", () => {
    expect(check('org.nation = Wales', { register })).toEqual([expect.objectContaining({ code: 'unknown-org-attribute', expected: 'org.id, org.parent, org.headcount, org.type, org.region, org.staff, org.size_band' })]);
  });

  it('allows any question in a filter, where there is no question order', () => {
    expect(codes('strategy = yes and staff > 3')).toEqual([]);
    expect(codes('strategy = yes and staff > 3', { beforeQuestionIndex: 0 })).toEqual(['forward-reference', 'forward-reference']);
  });

  it('refuses a later question or the question itself when checking a condition', () => {
    expect(codes('staff > 3', { beforeQuestionIndex: 3 })).toEqual(['forward-reference']);
    expect(codes('barriers includes cost', { beforeQuestionIndex: 3 })).toEqual([]);
    const self = check('staff > 3', { beforeQuestionIndex: 3 });
    expect(self[0]?.message).toContain('itself');
    const later = check('comments = x', { beforeQuestionIndex: 3 });
    expect(later).toEqual([expect.objectContaining({ code: 'forward-reference' })]);
    expect(later[0]?.message).toContain('later');
  });

  it('finds problems on both sides of and, or and inside not', () => {
    expect(codes('strategy = maybe and not (confidence = meh or staff = lots)')).toEqual(['unknown-code', 'unknown-code', 'not-a-number']);
  });
});
