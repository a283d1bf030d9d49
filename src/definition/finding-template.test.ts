import { describe, expect, it } from 'vitest';
import { validateDefinition } from './load-definition.js';

function problemsOf(question: Record<string, unknown>) {
  const result = validateDefinition({ format: 1, id: 'demo', title: 'Demo', questions: [question] });
  return result.ok ? [] : result.problems;
}

describe('finding templates in a definition', () => {
  const choice = { id: 'tools', type: 'single', text: 'Tools?', options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }] };

  it('accepts the documented placeholders on a question, an option and a net', () => {
    expect(problemsOf({ ...choice, finding: '{percent} of {unit} said {label_lower} ({count} of {base}) to {question}', headline: 'yes' })).toEqual([]);
    expect(problemsOf({ ...choice, type: 'scale', options: [{ code: 'yes', label: 'Yes', finding: '{percent} said {label}' }, { code: 'no', label: 'No' }], nets: [{ code: 'any', label: 'Any', options: ['yes'], finding: '{percent} any' }], headline: 'any' })).toEqual([]);
  });

  it('names an unknown placeholder and where it is, with the ones there are', () => {
    expect(problemsOf({ ...choice, options: [{ code: 'yes', label: 'Yes', finding: '{pct} said yes' }, { code: 'no', label: 'No' }] })).toEqual([
      expect.objectContaining({ where: 'questions[0] (tools).options[0] (yes).finding', code: 'unknown-placeholder', message: expect.stringContaining('{pct}'), expected: expect.stringContaining('{percent}') }),
      expect.objectContaining({ where: 'questions[0] (tools).options[0] (yes).finding', code: 'missing-placeholder' }),
    ]);
  });

  it('refuses a headline that is not an option or net of the question', () => {
    expect(problemsOf({ ...choice, headline: 'maybe' })).toEqual([expect.objectContaining({ where: 'questions[0] (tools).headline', code: 'unknown-code', expected: 'yes, no' })]);
  });

  it('lets a number or text question say its own sentence, without a percentage', () => {
    expect(problemsOf({ id: 'c', type: 'text', text: 'Comments', finding: '{base} {unit} left a comment' })).toEqual([]);
    expect(problemsOf({ id: 'h', type: 'number', text: 'Hours', finding: '{percent} of {unit}' })).toEqual([expect.objectContaining({ where: 'questions[0] (h).finding', code: 'unknown-placeholder' })]);
  });
});
