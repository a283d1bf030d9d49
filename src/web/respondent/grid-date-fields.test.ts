import { describe, expect, it } from 'vitest';
import { dateQuestionSchema, gridQuestionSchema } from '../../definition/schema.js';
import { answerErrorMessage } from './answer-errors.js';
import { answerText, fieldId, formAnswer, questionField } from './question-fields.js';

const grid = gridQuestionSchema.parse({
  id: 'team',
  type: 'grid',
  text: 'About your team',
  hint: 'One answer for each',
  statements: [
    { id: 'valued', text: 'I feel valued' },
    { id: 'informed', text: 'I am kept informed' },
  ],
  options: [{ code: 'agree', label: 'Agree' }, { code: 'disagree', label: 'Disagree' }, { code: 'dont-know', label: "Don't know", nonSubstantive: true }],
});
const date = dateQuestionSchema.parse({ id: 'started', type: 'date', text: 'When did you start?' });

interface Statement {
  name: string;
  idPrefix: string;
  fieldset: { legend: { text: string } };
  errorMessage?: { text: string };
  items: Array<{ value?: string; divider?: string; checked?: boolean }>;
}

describe('a grid on the form', () => {
  it('reads one posted field per statement, GRID.STATEMENT, into an object', () => {
    expect(formAnswer(grid, { 'team.valued': 'agree', 'team.informed': 'disagree', team: 'x', 'team.morale': 'agree' })).toEqual({ valued: 'agree', informed: 'disagree' });
    expect(formAnswer(grid, {})).toEqual({});
  });

  it('is a radios fieldset per statement, the statement its legend, its own error, the answer chosen', () => {
    const field = questionField(grid, { valued: 'agree' }, 'Select an answer for each statement', { statements: { informed: 'Select an answer for ‘I am kept informed’' } });
    expect(field.macro).toBe('grid');
    const { heading, hint, statements } = field.params as { heading: string; hint: string; statements: Statement[] };
    expect([heading, hint]).toEqual(['About your team', 'One answer for each']);
    expect(statements.map((s) => [s.name, s.idPrefix, s.fieldset.legend.text, s.errorMessage?.text])).toEqual([
      ['team.valued', 'team-valued', 'I feel valued', undefined],
      ['team.informed', 'team-informed', 'I am kept informed', 'Select an answer for ‘I am kept informed’'],
    ]);
    expect(statements[0]!.items.filter((i) => i.checked).map((i) => i.value)).toEqual(['agree']);
    expect(statements[0]!.items.map((i) => i.value ?? i.divider)).toEqual(['agree', 'disagree', 'or', 'dont-know']);
    expect(fieldId(grid, { statements: { informed: 'x' } })).toBe('team-informed');
  });

  it('reads on Check your answers as a line per statement', () => {
    expect(answerText(grid, { valued: 'agree' })).toBe('I feel valued: Agree\nI am kept informed: Not answered');
  });
});

describe('a date on the form', () => {
  it('reads the day, month and year fields', () => {
    expect(formAnswer(date, { 'started-day': '5', 'started-month': '3', 'started-year': '2024', started: 'x' })).toEqual({ day: '5', month: '3', year: '2024' });
  });

  it('is the GOV.UK date input: the question its legend, the fields in error marked, a stored date shown in its fields', () => {
    const field = questionField(date, { day: '30', month: '', year: '2024' }, 'Date must include a month', { parts: ['month'] });
    expect(field.macro).toBe('dateInput');
    const params = field.params as { id: string; namePrefix: string; fieldset: { legend: { text: string; isPageHeading: boolean } }; items: Array<{ name: string; value: string; classes: string }> };
    expect([params.id, params.namePrefix, params.fieldset.legend.text, params.fieldset.legend.isPageHeading]).toEqual(['started', 'started', 'When did you start?', true]);
    expect(params.items.map((i) => [i.name, i.value, i.classes])).toEqual([
      ['day', '30', 'govuk-input--width-2'],
      ['month', '', 'govuk-input--width-2 govuk-input--error'],
      ['year', '2024', 'govuk-input--width-4'],
    ]);
    const stored = questionField(date, '2024-03-05', undefined).params as { items: Array<{ value: string }> };
    expect(stored.items.map((i) => i.value)).toEqual(['5', '3', '2024']);
    expect(fieldId(date, { parts: ['month'] })).toBe('started-month');
  });

  it("says GOV.UK's messages, and reads as a date in words", () => {
    expect(answerErrorMessage(date, { code: 'date-incomplete', message: 'Date must include a month' })).toBe('Date must include a month');
    expect(answerErrorMessage(date, { code: 'required' })).toBe('Enter a date');
    expect(answerText(date, '2024-02-29')).toBe('29 February 2024');
  });
});
