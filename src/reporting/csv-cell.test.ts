import { describe, it, expect } from 'vitest';
import { neutraliseCell } from './csv-cell.js';

describe('neutraliseCell', () => {
  it.each([
    ['=', '=1+1'],
    ['+', '+44 20 7946 0000'],
    ['-', '-2+3'],
    ['@', '@SUM(A1:A9)'],
    ['tab', '\t=1+1'],
    ['carriage return', '\r=1+1'],
  ])('prefixes a cell starting with %s with a single quote', (_start, value) => {
    expect(neutraliseCell(value)).toBe(`'${value}`);
  });

  it('neutralises a formula that would open a link', () => {
    expect(neutraliseCell('=HYPERLINK("http://example.com","click")')).toBe('\'=HYPERLINK("http://example.com","click")');
  });

  it.each([
    ['plain text', 'We need more budget.'],
    ['a formula character later in the text', 'a=b, c+d, e-f, g@h'],
    ['a leading space', ' =1+1'],
    ['a leading newline', '\n=1+1'],
    ['a leading quote', "'Tis the season"],
    ['a code', 'not-very-confident'],
    ['digits', '2017'],
    ['an empty cell', ''],
  ])('leaves %s alone', (_case, value) => {
    expect(neutraliseCell(value)).toBe(value);
  });
});

describe('neutraliseCell and import, together', () => {
  it.each(["'=x", "''+1", "'@a"])('give back a text that itself starts with quotes (%s) exactly', async (text) => {
    const { textType } = await import('../definition/question-types/text.js');
    const question = { id: 't', type: 'text', text: 'T?', required: false, base: 'answered', maxLength: 100 } as const;
    expect(neutraliseCell(text)).toBe(`'${text}`);
    expect(textType.fromCell(question, neutraliseCell(text))).toBe(text);
  });

  it('leaves a quote before ordinary text alone', async () => {
    expect(neutraliseCell("'hello")).toBe("'hello");
  });
});
