import { describe, it, expect } from 'vitest';
import { CanvassError } from '../../errors/canvass-error.js';
import { definitionOf } from '../../../test/support/definitions.js';
import { parseBreakdown } from './parse-breakdown.js';

const definition = definitionOf([
  { id: 'role', type: 'single', text: 'Role?', options: [{ code: 'leader', label: 'Leader' }, { code: 'other', label: 'Other' }] },
  { id: 'confidence', type: 'scale', text: 'Confident?', options: [{ code: 'high', label: 'High' }, { code: 'low', label: 'Low' }] },
  { id: 'barriers', type: 'multiple', text: 'Barriers?', options: [{ code: 'cost', label: 'Cost' }, { code: 'skills', label: 'Skills' }] },
  { id: 'staff', type: 'number', text: 'Staff?' },
  { id: 'comments', type: 'text', text: 'Comments?' },
]);

function refusal(field: string): CanvassError {
  try {
    parseBreakdown(field, definition);
  } catch (error) {
    if (error instanceof CanvassError) return error;
    throw error;
  }
  throw new Error(`expected "${field}" to be refused`);
}

describe('parseBreakdown', () => {
  it.each(['type', 'nation', 'region', 'parent'])('breaks down by org.%s', (attribute) => {
    expect(parseBreakdown(`org.${attribute}`, definition)).toEqual({ kind: 'org', attribute });
  });

  it('breaks down by a single-choice question', () => {
    expect(parseBreakdown('role', definition)).toEqual({ kind: 'question', id: 'role' });
  });

  it('breaks down by a scale question', () => {
    expect(parseBreakdown('confidence', definition)).toEqual({ kind: 'question', id: 'confidence' });
  });

  it('ignores spaces around the field', () => {
    expect(parseBreakdown('  org.type ', definition)).toEqual({ kind: 'org', attribute: 'type' });
  });

  it('refuses org.id, which would put every organisation in a group of its own', () => {
    const error = refusal('org.id');
    expect(error.code).toBe('option.invalid');
    expect(error.message).toContain('org.type, org.nation, org.region, org.parent');
    expect(error.message).not.toContain('org.id,');
  });

  it('refuses an unknown organisation attribute', () => {
    expect(refusal('org.sector').code).toBe('option.invalid');
  });

  it('refuses a question the survey does not have, suggesting the ones that can be used', () => {
    const error = refusal('rolee');
    expect(error.code).toBe('option.invalid');
    expect(error.status).toBe(400);
    expect(error.message).toContain("survey 'demo' has no such question");
    expect(error.message).toContain('role, confidence');
    expect(error.message).not.toContain('barriers');
  });

  it.each([
    ['barriers', 'multiple'],
    ['staff', 'number'],
    ['comments', 'text'],
  ])('refuses the %s question, which is %s', (id, type) => {
    const error = refusal(id);
    expect(error.code).toBe('option.invalid');
    expect(error.message).toContain(`it is a ${type} question`);
  });
});
