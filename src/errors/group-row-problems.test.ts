import { describe, expect, it } from 'vitest';
import { groupRowProblems, rowRanges } from './group-row-problems.js';

describe('problems that repeat over rows, grouped', () => {
  it('folds the same problem at the same column of consecutive rows into one, "rows 2–41"', () => {
    const problems = Array.from({ length: 40 }, (_, i) => [
      { where: `row ${i + 2}, column type`, code: 'unknown-code', message: "'school-district' is not a type", expected: 'a type of the register' },
      { where: `row ${i + 2}, column nation`, code: 'unknown-code', message: "'US' is not a nation" },
    ]).flat();
    expect(groupRowProblems(problems)).toEqual([
      { where: 'rows 2–41, column type', code: 'unknown-code', message: "'school-district' is not a type", expected: 'a type of the register' },
      { where: 'rows 2–41, column nation', code: 'unknown-code', message: "'US' is not a nation" },
    ]);
  });

  it('keeps apart problems that differ in message, code, expectation or column, and leaves those of one row or of no row as they are, in their first place', () => {
    const problems = [
      { where: 'row 1, column x', code: 'unknown-column', message: "'x' is not a question" },
      { where: 'row 2, column q', code: 'unknown-code', message: "'a' is not an option" },
      { where: 'row 3, column q', code: 'unknown-code', message: "'b' is not an option" },
      { where: 'file', code: 'empty', message: 'no rows' },
      { where: 'row 4, column q', code: 'unknown-code', message: "'a' is not an option" },
      { where: 'row 5, column q', code: 'unknown-code', message: "'a' is not an option", expected: 'a, b' },
      { where: 'row 6', code: 'column-count', message: 'the row has 3 cells but the header has 4' },
      { where: 'row 9', code: 'column-count', message: 'the row has 3 cells but the header has 4' },
    ];
    expect(groupRowProblems(problems)).toEqual([
      problems[0],
      { ...problems[1], where: 'rows 2, 4, column q' },
      problems[2],
      problems[3],
      problems[5],
      { ...problems[6], where: 'rows 6, 9' },
    ]);
  });

  it('writes row numbers as ranges, in order, each once', () => {
    expect(rowRanges([14, 2, 3, 4, 5, 9, 12, 13, 5])).toBe('2–5, 9, 12–14');
    expect(rowRanges([7])).toBe('7');
    expect(rowRanges([7, 8])).toBe('7, 8');
  });
});
