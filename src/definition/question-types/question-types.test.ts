import { describe, it, expect } from 'vitest';
import { multipleQuestionSchema, numberQuestionSchema, scaleQuestionSchema, singleQuestionSchema, textQuestionSchema, type Question } from '../schema.js';
import { questionTypeOf, questionTypeRegistry } from './registry.js';

const where = 'row 2, column q';

const single = singleQuestionSchema.parse({
  id: 'strategy',
  type: 'single',
  text: 'Strategy?',
  options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }, { code: 'dont-know', label: "Don't know", nonSubstantive: true }],
});

const scale = scaleQuestionSchema.parse({
  id: 'confidence',
  type: 'scale',
  text: 'Confident?',
  options: [{ code: 'high', label: 'High' }, { code: 'low', label: 'Low' }],
});

const multiple = multipleQuestionSchema.parse({
  id: 'barriers',
  type: 'multiple',
  text: 'Barriers?',
  options: [
    { code: 'culture', label: 'Culture' },
    { code: 'skills', label: 'Skills' },
    { code: 'cost', label: 'Cost' },
    { code: 'none', label: 'None of these', exclusive: true },
  ],
});

const limited = multipleQuestionSchema.parse({ ...multiple, maxSelected: 2 });

const number = numberQuestionSchema.parse({ id: 'staff', type: 'number', text: 'Staff?', min: 0, max: 100 });
const whole = numberQuestionSchema.parse({ id: 'staff', type: 'number', text: 'Staff?', min: 0, max: 100, integer: true });
const unbounded = numberQuestionSchema.parse({ id: 'change', type: 'number', text: 'Change?' });

const text = textQuestionSchema.parse({ id: 'comments', type: 'text', text: 'Comments?', maxLength: 5 });

function parse(question: Question, raw: unknown) {
  return questionTypeOf(question).parseAnswer(question, raw, where);
}

function problemCodes(question: Question, raw: unknown): string[] {
  const result = parse(question, raw);
  if (result.problems.length > 0) expect(result.value).toBeUndefined();
  return result.problems.map((p) => p.code);
}

describe('questionTypeOf', () => {
  it('finds the module for every question type', () => {
    expect(questionTypeOf(single)).toBe(questionTypeRegistry.single);
    expect(questionTypeOf(scale)).toBe(questionTypeRegistry.scale);
    expect(questionTypeOf(multiple)).toBe(questionTypeRegistry.multiple);
    expect(questionTypeOf(number)).toBe(questionTypeRegistry.number);
    expect(questionTypeOf(text)).toBe(questionTypeRegistry.text);
  });

  it('throws on a type the registry does not know, naming it and the question', () => {
    const ranking = { ...single, type: 'ranking' } as unknown as Question;
    expect(() => questionTypeOf(ranking)).toThrow("unknown question type 'ranking' for question 'strategy'");
  });
});

describe.each([
  ['single choice', single],
  ['scale', scale],
  ['multiple choice', multiple],
  ['number', number],
  ['text', text],
])('parseAnswer for %s: blank answers', (_label, question) => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an empty string', ''],
    ['spaces', '   '],
    ['an empty list', []],
  ])('reads %s as unanswered', (_blank, raw) => {
    expect(parse(question, raw)).toEqual({ value: undefined, problems: [] });
  });
});

describe('parseAnswer for single choice and scale', () => {
  it('accepts an option code', () => {
    expect(parse(single, 'no')).toEqual({ value: 'no', problems: [] });
    expect(parse(scale, 'high')).toEqual({ value: 'high', problems: [] });
  });

  it('trims spaces around the code', () => {
    expect(parse(single, '  yes ').value).toBe('yes');
  });

  it('refuses a code that is not an option, listing the options', () => {
    const result = parse(single, 'maybe');
    expect(result).toEqual({ value: undefined, problems: [expect.objectContaining({ where, code: 'unknown-code', expected: 'one of yes, no, dont-know' })] });
  });

  it('refuses a code in the wrong case', () => {
    expect(problemCodes(single, 'Yes')).toEqual(['unknown-code']);
  });

  it('refuses a label in place of a code', () => {
    expect(problemCodes(scale, 'High')).toEqual(['unknown-code']);
  });

  it.each([
    ['a list', ['yes']],
    ['a number', 1],
    ['a boolean', true],
    ['an object', { code: 'yes' }],
  ])('refuses %s', (_label, raw) => {
    expect(problemCodes(single, raw)).toEqual(['wrong-type']);
  });

  it('reads a CSV cell as it stands', () => {
    expect(questionTypeOf(single).fromCell(single, 'yes')).toBe('yes');
  });
});

describe('parseAnswer for multiple choice', () => {
  it('accepts a list of codes, putting them in the order of the options', () => {
    expect(parse(multiple, ['cost', 'culture'])).toEqual({ value: ['culture', 'cost'], problems: [] });
  });

  it('accepts a single code given as a string', () => {
    expect(parse(multiple, 'skills')).toEqual({ value: ['skills'], problems: [] });
  });

  it('trims codes and skips empty ones', () => {
    expect(parse(multiple, [' skills ', '', '  '])).toEqual({ value: ['skills'], problems: [] });
  });

  it('reads a list of only empty strings as unanswered', () => {
    expect(parse(multiple, ['', ' '])).toEqual({ value: undefined, problems: [] });
  });

  it('refuses a code that is not an option', () => {
    expect(parse(multiple, ['skills', 'time']).problems).toEqual([expect.objectContaining({ where, code: 'unknown-code' })]);
  });

  it('refuses each unknown code', () => {
    expect(problemCodes(multiple, ['time', 'money'])).toEqual(['unknown-code', 'unknown-code']);
  });

  it('refuses a code chosen twice', () => {
    expect(problemCodes(multiple, ['skills', 'cost', 'skills'])).toEqual(['duplicate-answer']);
  });

  it('refuses an exclusive option combined with another', () => {
    const result = parse(multiple, ['none', 'cost']);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'exclusive-combined', expected: "'none' on its own" })]);
  });

  it('accepts an exclusive option on its own', () => {
    expect(parse(multiple, ['none'])).toEqual({ value: ['none'], problems: [] });
  });

  it('accepts up to maxSelected options', () => {
    expect(parse(limited, ['culture', 'cost'])).toEqual({ value: ['culture', 'cost'], problems: [] });
  });

  it('refuses more than maxSelected options', () => {
    const result = parse(limited, ['culture', 'skills', 'cost']);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'too-many-choices', expected: 'at most 2' })]);
  });

  it('does not count a repeated code twice towards maxSelected', () => {
    expect(problemCodes(limited, ['culture', 'cost', 'cost'])).toEqual(['duplicate-answer']);
  });

  it.each([
    ['a number', 3],
    ['a list with a number', ['cost', 3]],
    ['an object', { cost: true }],
  ])('refuses %s', (_label, raw) => {
    expect(problemCodes(multiple, raw)).toEqual(['wrong-type']);
  });

  it("splits a CSV cell on ';', trimming and skipping empty parts", () => {
    const { fromCell } = questionTypeOf(multiple);
    expect(fromCell(multiple, 'culture; cost;;')).toEqual(['culture', 'cost']);
    expect(fromCell(multiple, '')).toEqual([]);
  });

  it("writes a CSV cell that reads back to the same answer", () => {
    const type = questionTypeOf(multiple);
    const cell = type.toCell(multiple, ['culture', 'cost']);
    expect(cell).toBe('culture;cost');
    expect(type.parseAnswer(multiple, type.fromCell(multiple, cell), where).value).toEqual(['culture', 'cost']);
  });
});

describe('parseAnswer for numbers', () => {
  it('accepts a number', () => {
    expect(parse(number, 42.5)).toEqual({ value: 42.5, problems: [] });
  });

  it.each([
    ['12', 12],
    [' 7 ', 7],
    ['-3', -3],
    ['3.25', 3.25],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['1e-7', 1e-7],
    ['1e+21', 1e21],
  ])('reads the text %j as %d', (raw, value) => {
    expect(parse(unbounded, raw)).toEqual({ value, problems: [] });
  });

  it.each([
    ['words', 'twelve'],
    ['a number with a unit', '12 staff'],
    ['a number with a thousands separator', '1,000'],
    ['hexadecimal', '0x10'],
    ['infinity', Number.POSITIVE_INFINITY],
    ['NaN', Number.NaN],
    ['a boolean', true],
    ['a list', [1]],
  ])('refuses %s as not a number', (_label, raw) => {
    expect(problemCodes(unbounded, raw)).toEqual(['not-a-number']);
  });

  it('accepts the bounds themselves', () => {
    expect(parse(number, 0).value).toBe(0);
    expect(parse(number, '100').value).toBe(100);
  });

  it('refuses a number below the minimum or above the maximum, saying the range', () => {
    expect(parse(number, -1).problems).toEqual([expect.objectContaining({ where, code: 'out-of-range', expected: 'a number from 0 to 100' })]);
    expect(problemCodes(number, '100.5')).toEqual(['out-of-range']);
  });

  it('refuses a fraction when the question wants a whole number', () => {
    expect(parse(whole, 2.5).problems).toEqual([expect.objectContaining({ code: 'not-an-integer', expected: 'a whole number from 0 to 100' })]);
    expect(parse(whole, '3').value).toBe(3);
  });

  it('describes a range open at one end', () => {
    const atLeast = numberQuestionSchema.parse({ id: 'n', type: 'number', text: 'N?', min: 1 });
    const atMost = numberQuestionSchema.parse({ id: 'n', type: 'number', text: 'N?', max: 9, integer: true });
    expect(questionTypeOf(atLeast).expected(atLeast)).toBe('a number of at least 1');
    expect(questionTypeOf(atMost).expected(atMost)).toBe('a whole number of at most 9');
    expect(questionTypeOf(unbounded).expected(unbounded)).toBe('a number');
  });

  it('accepts any finite number when there are no bounds', () => {
    expect(parse(unbounded, -1e9).value).toBe(-1e9);
  });
});

describe('parseAnswer for text', () => {
  it('trims the text', () => {
    expect(parse(text, '  hi  ')).toEqual({ value: 'hi', problems: [] });
  });

  it('accepts text of exactly the maximum length', () => {
    expect(parse(text, 'abcde').value).toBe('abcde');
  });

  it('refuses text longer than the maximum, after trimming', () => {
    expect(parse(text, ' abcde ').value).toBe('abcde');
    expect(parse(text, 'abcdef').problems).toEqual([expect.objectContaining({ where, code: 'text-too-long', expected: 'at most 5 characters' })]);
  });

  it('counts an emoji as one character, not two UTF-16 units', () => {
    expect('👍👍👍👍👍'.length).toBe(10);
    expect(parse(text, '👍👍👍👍👍')).toEqual({ value: '👍👍👍👍👍', problems: [] });
    expect(parse(text, '👍👍👍👍👍👍').problems[0]?.message).toBe('the text is 6 characters long');
  });

  it.each([
    ['a number', 5],
    ['a list', ['a']],
  ])('refuses %s', (_label, raw) => {
    expect(problemCodes(text, raw)).toEqual(['wrong-type']);
  });

  it.each([
    ["'=SUM(A1)", '=SUM(A1)'],
    ["'+44 20", '+44 20'],
    ["'-5", '-5'],
    ["'@user", '@user'],
    ["''=x", "'=x"],
  ])('reads the neutralised CSV cell %j back as %j', (cell, original) => {
    expect(questionTypeOf(text).fromCell(text, cell)).toBe(original);
  });

  it.each(["'quoted'", "it's", '=SUM(A1)'])('leaves the CSV cell %j as it is', (cell) => {
    expect(questionTypeOf(text).fromCell(text, cell)).toBe(cell);
  });
});
