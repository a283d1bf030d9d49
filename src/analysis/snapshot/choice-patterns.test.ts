import { describe, expect, it } from 'vitest';
import { choicePatterns, orPatterns } from './choice-patterns.js';

/** Option k chosen by respondent i when (i·(k + 3)) mod 5 < 2: a mix that differs by option. */
const chosenOf = (options: number, n: number) => Array.from({ length: options }, (_, k) => Uint8Array.from({ length: n }, (_, i) => ((i * (k + 3)) % 5 < 2 ? 1 : 0)));
const expectedPattern = (chosen: Uint8Array[], i: number) => chosen.reduce((bits, c, k) => bits + c[i]! * 2 ** k, 0);

describe('choice patterns', () => {
  it.each([1, 3, 8, 9, 20, 31])('has bit k set exactly when option k was chosen (%i options)', (options) => {
    const chosen = chosenOf(options, 50);
    const patterns = choicePatterns(chosen);
    expect([...patterns].map((p) => p >>> 0)).toEqual(Array.from({ length: 50 }, (_, i) => expectedPattern(chosen, i)));
    expect(choicePatterns(chosen)).toBe(patterns);
  });

  it('refuses more than 31 options', () => {
    expect(() => choicePatterns(chosenOf(32, 4))).toThrow('more than 31 options');
  });

  it.each([4, 12])('sets only the rows asked for, reading a chunk from its start (%i options)', (options) => {
    const chunk = chosenOf(options, 10);
    const patterns = new Int32Array(30).fill(-1);
    orPatterns(chunk, patterns, 10, 20, 10);
    expect([...patterns.subarray(0, 10)]).toEqual(Array(10).fill(-1));
    expect([...patterns.subarray(20)]).toEqual(Array(10).fill(-1));
    expect([...patterns.subarray(10, 20)].map((p) => p >>> 0)).toEqual(Array.from({ length: 10 }, (_, i) => expectedPattern(chunk, i)));
  });

  it.each([
    ['aligned, a multiple of four rows', 0, 64],
    ['aligned, with rows left over', 0, 67],
    ['arrays that start off a four-byte boundary', 1, 67],
    ['fewer than four rows', 0, 3],
  ] as const)('reads four rows at a time where it can and gives what a row at a time gives: %s', (_name, skew, rows) => {
    for (const options of [1, 5, 8]) {
      // Each option's 0/1 bytes inside a larger buffer, `skew` bytes in.
      const chosen = Array.from({ length: options }, (_, k) => {
        const bytes = new Uint8Array(rows + 8).subarray(skew, skew + rows);
        for (let i = 0; i < rows; i++) bytes[i] = (i * 7 + k * 3) % 5 < 2 ? 1 : 0;
        return bytes;
      });
      const patterns = new Int32Array(rows + 10).fill(-1);
      orPatterns(chosen, patterns, 5, 5 + rows, 5);
      expect([...patterns.subarray(0, 5)]).toEqual(Array(5).fill(-1));
      expect([...patterns.subarray(5, 5 + rows)]).toEqual(Array.from({ length: rows }, (_, i) => expectedPattern(chosen, i)));
      expect([...patterns.subarray(5 + rows)]).toEqual(Array(5).fill(-1));
    }
  });
});
