import { describe, it, expect } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { csvQuoting, neutraliseCell } from './csv-cell.js';

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
    [';=1+1', "';'=1+1"],
    ['a,-2+3', "'a,'-2+3"],
    ['ok;@SUM(A1:A9)', "'ok;'@SUM(A1:A9)"],
    ['x;"=1+1"', "'x;'\"=1+1\""],
    ["x;'=1+1", "'x;''=1+1"],
    ['a;\t=1+1', "'a;'\t=1+1"],
    ['=1;=2', "'=1;'=2"],
  ])('neutralises %j, whose formula follows a separator a spreadsheet may split the line at, as %j', (value, neutralised) => {
    expect(neutraliseCell(value)).toBe(neutralised);
  });

  it('asks csv-stringify to quote every neutralised cell, as OWASP advises', () => {
    expect(stringify([['id', neutraliseCell(';=1+1'), neutraliseCell('plain; text')]], csvQuoting)).toBe(`id,"';'=1+1",plain; text\n`);
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
  it.each(["'=x", "''+1", "'@a", ';=1+1', "'a;=b", "a;'=b", 'x,"-1', '=1;=2', "'';''+1,@x"])('give back the text exactly, quotes it starts with or has after a separator included (%j)', async (text) => {
    const { textType } = await import('../definition/question-types/text.js');
    const question = { id: 't', type: 'text', text: 'T?', required: false, base: 'answered', maxLength: 100 } as const;
    expect(neutraliseCell(text)).not.toBe(text);
    expect(textType.fromCell(question, neutraliseCell(text))).toBe(text);
  });

  it.each(["'hello", "it's; 'quoted'", "'a; =b"])('leaves a quote before ordinary text alone, and reads it back as it is (%j)', async (text) => {
    const { textType } = await import('../definition/question-types/text.js');
    const question = { id: 't', type: 'text', text: 'T?', required: false, base: 'answered', maxLength: 100 } as const;
    expect(neutraliseCell(text)).toBe(text);
    expect(textType.fromCell(question, text)).toBe(text);
  });
});
