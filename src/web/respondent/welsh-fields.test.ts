import { describe, expect, it } from 'vitest';
import { questionTypeOf } from '../../definition/question-types/registry.js';
import { dateQuestionSchema, gridQuestionSchema, multipleQuestionSchema, numberQuestionSchema, textQuestionSchema } from '../../definition/schema.js';
import { pageMessages } from '../page-messages.js';
import { answerErrorMessage, statementErrorMessage } from './answer-errors.js';
import { answerText, questionField } from './question-fields.js';

const cy = pageMessages('cy');
const date = dateQuestionSchema.parse({ id: 'started', type: 'date', text: 'Pryd wnaethoch chi ddechrau?', min: '2020-01-01', max: '2026-12-31' });
const grid = gridQuestionSchema.parse({
  id: 'team',
  type: 'grid',
  text: 'Am eich tîm',
  statements: [{ id: 'valued', text: 'Rwy’n teimlo fy mod yn cael fy ngwerthfawrogi' }],
  options: [{ code: 'agree', label: 'Cytuno' }, { code: 'disagree', label: 'Anghytuno' }, { code: 'dont-know', label: 'Ddim yn gwybod', nonSubstantive: true }],
});

/** What the date question's own parser says about what was typed, as the form would show it in Welsh. */
function dateError(typed: { day: string; month: string; year: string }): string {
  const parsed = questionTypeOf(date).parseAnswer(date, typed, date.id);
  return answerErrorMessage(date, parsed.problems[0]!, cy);
}

describe('the question fields and messages in Welsh', () => {
  it('gives the date input’s messages in Welsh for each problem the parser finds', () => {
    expect(dateError({ day: '1', month: '', year: '2024' })).toBe('Rhaid i’r dyddiad gynnwys mis');
    expect(dateError({ day: '', month: '', year: '2024' })).toBe('Rhaid i’r dyddiad gynnwys diwrnod a mis');
    expect(dateError({ day: '31', month: '2', year: '2024' })).toBe('Rhaid i’r dyddiad fod yn ddyddiad go iawn');
    expect(dateError({ day: '1', month: '2', year: '24' })).toBe('Rhaid i’r flwyddyn gynnwys 4 rhif');
    expect(dateError({ day: '1', month: '2', year: '2019' })).toBe('Rhaid i’r dyddiad fod yr un peth â 1 Ionawr 2020 neu ar ei ôl');
    expect(dateError({ day: '1', month: '2', year: '2027' })).toBe('Rhaid i’r dyddiad fod yr un peth â 31 Rhagfyr 2026 neu cyn hynny');
    expect(answerErrorMessage(date, { code: 'required' }, cy)).toBe('Rhowch ddyddiad');
    // English stays as GOV.UK words it.
    const parsed = questionTypeOf(date).parseAnswer(date, { day: '1', month: '', year: '2024' }, date.id);
    expect(answerErrorMessage(date, parsed.problems[0]!)).toBe('Date must include a month');
  });

  it('labels the date input’s fields and shows a date in Welsh', () => {
    const field = questionField(date, '2024-03-05', undefined, {}, cy);
    expect((field.params.items as Array<{ label: string; value: string }>).map((i) => [i.label, i.value])).toEqual([['Diwrnod', '5'], ['Mis', '3'], ['Blwyddyn', '2024']]);
    expect(answerText(date, '2024-03-05', cy)).toBe('5 Mawrth 2024');
    expect(answerText(date, undefined, cy)).toBe('Heb ei ateb');
  });

  it('words a grid’s, a number’s, a text’s and a multiple choice’s errors in Welsh', () => {
    expect(answerErrorMessage(grid, { code: 'required' }, cy)).toBe('Dewiswch ateb ar gyfer pob datganiad');
    expect(statementErrorMessage('Rwy’n teimlo', { code: 'required' }, cy)).toBe('Dewiswch ateb ar gyfer ‘Rwy’n teimlo’');
    expect(answerText(grid, { valued: 'agree' }, cy)).toBe('Rwy’n teimlo fy mod yn cael fy ngwerthfawrogi: Cytuno');
    const number = numberQuestionSchema.parse({ id: 'n', type: 'number', text: 'Faint?', min: 0, max: 10, integer: true });
    expect(answerErrorMessage(number, { code: 'out-of-range' }, cy)).toBe('Rhowch rif cyfan rhwng 0 a 10');
    expect(answerErrorMessage(number, { code: 'required' }, cy)).toBe('Rhowch rif cyfan');
    const text = textQuestionSchema.parse({ id: 't', type: 'text', text: 'Unrhyw beth arall?', maxLength: 2000 });
    expect(answerErrorMessage(text, { code: 'text-too-long' }, cy)).toBe('Rhaid i’ch ateb fod yn 2,000 o gymeriadau neu lai');
    const multiple = multipleQuestionSchema.parse({ id: 'm', type: 'multiple', text: 'What are the main barriers?', options: [{ code: 'a', label: 'Cost' }, { code: 'none', label: 'Dim un', exclusive: true }] });
    // An English question's "Select the main barriers" pattern is not applied to Welsh.
    expect(answerErrorMessage(multiple, { code: 'required' }, cy)).toBe('Dewiswch o leiaf un ateb, neu dewiswch ‘Dim un’');
    expect(answerErrorMessage(multiple, { code: 'exclusive-combined' }, cy)).toBe('Dewiswch ‘Dim un’ neu un neu fwy o’r atebion eraill, nid y ddau');
    const field = questionField(multiple, undefined, undefined, {}, cy);
    expect((field.params.items as Array<{ divider?: string }>).some((i) => i.divider === 'neu')).toBe(true);
  });

  it('gives the character count govuk-frontend’s Welsh texts', () => {
    const text = textQuestionSchema.parse({ id: 't', type: 'text', text: 'Unrhyw beth arall?' });
    const field = questionField(text, '', undefined, {}, cy);
    expect(field.params.charactersUnderLimitText).toEqual({ one: 'Mae gennych 1 cymeriad yn weddill', other: 'Mae gennych %{count} o gymeriadau yn weddill' });
    expect(questionField(text, '', undefined, {}).params.charactersUnderLimitText).toBeUndefined();
  });
});
