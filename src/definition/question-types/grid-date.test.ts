import { describe, expect, it } from 'vitest';
import { dateQuestionSchema, gridQuestionSchema } from '../schema.js';
import { questionTypeOf } from './registry.js';

const grid = gridQuestionSchema.parse({
  id: 'team',
  type: 'grid',
  text: 'About your team',
  statements: [
    { id: 'valued', text: 'I feel valued' },
    { id: 'informed', text: 'I am kept informed' },
  ],
  options: [{ code: 'agree', label: 'Agree' }, { code: 'disagree', label: 'Disagree' }, { code: 'dont-know', label: "Don't know", nonSubstantive: true }],
  nets: [{ code: 'agreeing', label: 'Agree', options: ['agree'] }],
});
const optional = gridQuestionSchema.parse({ ...grid, required: false });
const date = dateQuestionSchema.parse({ id: 'started', type: 'date', text: 'When did you start?', min: '2000-01-01', max: '2025-12-31' });
const parse = (question: typeof grid | typeof date, raw: unknown) => questionTypeOf(question).parseAnswer(question, raw, question.id);

describe('grid answers', () => {
  it('takes an object of statement id → option code, trimmed', () => {
    expect(parse(grid, { valued: ' agree ', informed: 'dont-know' })).toEqual({ value: { valued: 'agree', informed: 'dont-know' }, problems: [] });
  });

  it('is unanswered when every statement is blank, for validation to call it required', () => {
    expect(parse(grid, {})).toEqual({ value: undefined, problems: [] });
    expect(parse(grid, { valued: '', informed: '  ' })).toEqual({ value: undefined, problems: [] });
  });

  it('asks for every statement of a required grid once one is answered, and takes some of an optional one', () => {
    expect(parse(grid, { valued: 'agree' }).problems).toEqual([{ where: 'team.informed', code: 'required', message: "'team.informed' must be answered", expected: 'one of agree, disagree, dont-know' }]);
    expect(parse(optional, { valued: 'agree' })).toEqual({ value: { valued: 'agree' }, problems: [] });
  });

  it('names each statement whose answer is not an option, each unknown statement, and a wrong shape', () => {
    expect(parse(grid, { valued: 'maybe', informed: ['agree'], morale: 'agree' }).problems.map((p) => `${p.where} ${p.code}`)).toEqual(['team.morale unknown-statement', 'team.valued unknown-code', 'team.informed wrong-type']);
    expect(parse(grid, 'agree').problems).toMatchObject([{ where: 'team', code: 'wrong-type', expected: 'for each of valued, informed: one of agree, disagree, dont-know' }]);
    expect(parse(grid, ['agree']).problems).toMatchObject([{ code: 'wrong-type' }]);
  });

  it('writes a CSV cell of statement=code pairs in the grid order, which reads back; a __proto__ pair is an unknown statement', () => {
    const type = questionTypeOf(grid);
    const cell = type.toCell(grid, { informed: 'disagree', valued: 'agree' });
    expect(cell).toBe('valued=agree;informed=disagree');
    expect(parse(grid, type.fromCell(grid, cell))).toEqual({ value: { valued: 'agree', informed: 'disagree' }, problems: [] });
    expect(parse(grid, type.fromCell(grid, 'valued=agree;informed=agree;__proto__=agree')).problems).toMatchObject([{ where: 'team.__proto__', code: 'unknown-statement' }]);
    expect(type.fromCell(grid, '')).toBe('');
  });

  it('checks its definition: statement ids unique, nets naming options, no exclusive option', () => {
    const bad = gridQuestionSchema.parse({ ...grid, statements: [...grid.statements, { id: 'valued', text: 'Again' }], options: [...grid.options, { code: 'none', label: 'None', exclusive: true }] });
    expect(questionTypeOf(bad).checkDefinition(bad, 'questions[0] (team)').map((p) => `${p.where} ${p.code}`)).toEqual(['questions[0] (team).statements[2] duplicate-statement', 'questions[0] (team).options[3] (none) exclusive-in-single']);
  });
});

describe('date answers', () => {
  it('takes YYYY-MM-DD, or day, month and year as the GOV.UK date input posts them, as YYYY-MM-DD', () => {
    expect(parse(date, '2024-02-29')).toEqual({ value: '2024-02-29', problems: [] });
    expect(parse(date, { day: '5', month: '3', year: '2024' })).toEqual({ value: '2024-03-05', problems: [] });
    expect(parse(date, { day: ' 05 ', month: '03', year: '2024' })).toEqual({ value: '2024-03-05', problems: [] });
    expect(parse(date, { day: '', month: '', year: '' })).toEqual({ value: undefined, problems: [] });
  });

  it("says what is missing or wrong in GOV.UK's words, naming the fields to mark", () => {
    expect(parse(date, { day: '5', month: '', year: '2024' }).problems).toMatchObject([{ code: 'date-incomplete', message: 'Date must include a month', parts: ['month'] }]);
    expect(parse(date, { day: '', month: '', year: '2024' }).problems).toMatchObject([{ message: 'Date must include a day and month', parts: ['day', 'month'] }]);
    expect(parse(date, { day: '30', month: '2', year: '2024' }).problems).toMatchObject([{ code: 'not-a-date', message: 'Date must be a real date', parts: ['day', 'month', 'year'] }]);
    expect(parse(date, { day: 'five', month: '3', year: '2024' }).problems).toMatchObject([{ message: 'Date must be a real date', parts: ['day'] }]);
    expect(parse(date, { day: '5', month: '3', year: '24' }).problems).toMatchObject([{ message: 'Year must include 4 numbers', parts: ['year'] }]);
    expect(parse(date, '1999-12-31').problems).toMatchObject([{ code: 'date-too-early', message: 'Date must be the same as or after 1 January 2000' }]);
    expect(parse(date, '2026-01-01').problems).toMatchObject([{ code: 'date-too-late', message: 'Date must be the same as or before 31 December 2025' }]);
    expect(parse(date, '2023-02-29').problems).toMatchObject([{ message: 'Date must be a real date' }]);
    expect(parse(date, '5/3/2024').problems).toMatchObject([{ code: 'not-a-date', expected: 'a date written YYYY-MM-DD from 2000-01-01 to 2025-12-31' }]);
    expect(parse(date, 20240305).problems).toMatchObject([{ code: 'wrong-type' }]);
  });

  it('checks its bounds are real dates in order', () => {
    const bad = dateQuestionSchema.parse({ ...date, min: '2024-02-30', max: '2023-01-01' });
    expect(questionTypeOf(bad).checkDefinition(bad, 'q').map((p) => `${p.where} ${p.code}`)).toEqual(['q.min not-a-date', 'q empty-range']);
  });
});
