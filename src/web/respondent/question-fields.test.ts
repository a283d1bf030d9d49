import { describe, expect, it } from 'vitest';
import { questionSchema } from '../../definition/schema.js';
import { answerText, questionField } from './question-fields.js';

const approach = questionSchema.parse({
  id: 'approach',
  type: 'single',
  text: 'Which statement?',
  options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }, { code: 'dont-know', label: "Don't know", nonSubstantive: true }],
});
const uses = questionSchema.parse({
  id: 'uses',
  type: 'multiple',
  text: 'Where?',
  hint: 'Select all that apply.',
  options: [{ code: 'a', label: 'A' }, { code: 'b', label: 'B' }, { code: 'none', label: 'None of these', exclusive: true }],
});
const staff = questionSchema.parse({ id: 'staff', type: 'number', text: 'How many staff?', min: 0, integer: true, unit: 'people' });

describe('questionField', () => {
  it('makes a single choice radios with the question as the page heading and "Don’t know" after an "or"', () => {
    const field = questionField(approach, 'no', undefined);
    expect(field.macro).toBe('radios');
    expect(field.params).toMatchObject({ name: 'approach', idPrefix: 'approach', fieldset: { legend: { text: 'Which statement?', isPageHeading: true } } });
    expect(field.params.items).toEqual([
      { value: 'yes', text: 'Yes', checked: false },
      { value: 'no', text: 'No', checked: true },
      { divider: 'or' },
      { value: 'dont-know', text: "Don't know", checked: false },
    ]);
  });

  it('makes a multiple choice checkboxes whose exclusive option unticks the others', () => {
    const field = questionField(uses, ['a'], 'Select at least one');
    expect(field.macro).toBe('checkboxes');
    expect(field.params).toMatchObject({ hint: { text: 'Select all that apply.' }, errorMessage: { text: 'Select at least one' } });
    expect(field.params.items).toContainEqual({ value: 'none', text: 'None of these', checked: false, behaviour: 'exclusive' });
    expect(field.params.items).toContainEqual({ value: 'a', text: 'A', checked: true });
  });

  it('shows what was typed, not the stored answer, when a page comes back with an error', () => {
    expect(questionField(staff, 'twelve', 'Enter a whole number').params).toMatchObject({ value: 'twelve', inputmode: 'numeric', suffix: { text: 'people' } });
  });
});

describe('answerText', () => {
  it('gives option labels one per line, a number with its unit, and “Not answered”', () => {
    expect(answerText(uses, ['a', 'b'])).toBe('A\nB');
    expect(answerText(staff, 12)).toBe('12 people');
    expect(answerText(approach, undefined)).toBe('Not answered');
  });
});
