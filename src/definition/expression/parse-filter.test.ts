import { describe, it, expect } from 'vitest';
import { CanvassError } from '../../errors/canvass-error.js';
import { definitionOf } from '../../../test/support/definitions.js';
import { parseFilter } from './parse-filter.js';

const definition = definitionOf([
  { id: 'strategy', type: 'single', text: 'Strategy?', options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }] },
  { id: 'barriers', type: 'multiple', text: 'Barriers?', options: [{ code: 'cost', label: 'Cost' }, { code: 'skills', label: 'Skills' }] },
]);

function refusal(run: () => unknown): CanvassError {
  try {
    run();
  } catch (error) {
    if (error instanceof CanvassError) return error;
    throw error;
  }
  throw new Error('expected a CanvassError');
}

describe('parseFilter', () => {
  it('returns the parsed expression of a filter that fits the survey', () => {
    expect(parseFilter('strategy = yes and barriers includes cost', definition)).toMatchObject({
      kind: 'and',
      left: { kind: 'compare', field: { kind: 'question', id: 'strategy' }, value: 'yes' },
      right: { kind: 'includes', field: { kind: 'question', id: 'barriers' }, value: 'cost' },
    });
  });

  it('refuses a filter with a syntax error as expression.invalid, with one syntax problem', () => {
    const error = refusal(() => parseFilter('strategy = yes and', definition));
    expect(error.code).toBe('expression.invalid');
    expect(error.status).toBe(422);
    expect(error.isUserError).toBe(true);
    expect(error.problems).toEqual([expect.objectContaining({ where: 'filter', code: 'expression-syntax' })]);
    expect(error.problems[0]?.message).toMatch(/column 19/);
    expect(error.message).toContain('"strategy = yes and"');
  });

  it('refuses a filter that does not fit the survey, listing every problem', () => {
    const error = refusal(() => parseFilter('strategy = maybe or nope = 1 or barriers = cost', definition));
    expect(error.code).toBe('expression.invalid');
    expect(error.problems.map((p) => p.code)).toEqual(['unknown-code', 'unknown-question', 'use-includes']);
    expect(error.message).toContain("survey 'demo'");
  });

  it('names the place the filter came from in problems and message', () => {
    const error = refusal(() => parseFilter('nope = 1', definition, '--filter'));
    expect(error.problems).toEqual([expect.objectContaining({ where: '--filter', code: 'unknown-question' })]);
    expect(error.message).toContain('--filter');
  });

  it("checks organisation types against the codes of the survey's register", () => {
    const withRegister = { ...definition, register: { attributes: [{ id: 'type', label: 'Type', type: 'category' as const, required: true, options: [{ code: 'council', label: 'Council' }, { code: 'department', label: 'Department' }] }], peerGroup: 'type' } };
    const error = refusal(() => parseFilter('org.type = agency', withRegister));
    expect(error.problems).toEqual([expect.objectContaining({ code: 'unknown-org-code', expected: 'council, department' })]);
    expect(parseFilter('org.type = council', withRegister)).toMatchObject({ kind: 'compare' });
  });

  it('allows conditions on any question, in any order', () => {
    expect(() => parseFilter('barriers includes cost or strategy = no', definition)).not.toThrow();
  });
});
