import { describe, expect, it } from 'vitest';
import { quantileType7, quartilesType7 } from './quantile-type7.js';

const expectClose = (actual: ArrayLike<number>, expected: number[]) => expected.forEach((x, i) => expect(Math.abs(actual[i]! - x)).toBeLessThan(1e-12));

describe('quantiles by R’s type 7', () => {
  it('gives 3.25, 5.5, 7.75 for the quartiles of 1:10', () => {
    expectClose(quantileType7([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [0.25, 0.5, 0.75]), [3.25, 5.5, 7.75]);
  });

  it('interpolates between neighbours at h = 1 + (n − 1)p, whatever the input order', () => {
    // n = 4: h = 1.75, 2.5, 3.25
    expectClose(quantileType7([40, 10, 30, 20], [0.25, 0.5, 0.75]), [17.5, 25, 32.5]);
  });

  it('gives the minimum at p = 0 and the maximum at p = 1', () => {
    expectClose(quantileType7([3, -1, 8], [0, 1]), [-1, 8]);
  });

  it('returns the value itself for a single organisation', () => {
    expectClose(quantileType7([0.61], [0.25, 0.5, 0.75]), [0.61, 0.61, 0.61]);
  });

  it('gives the median organisation and quartiles by name', () => {
    expect(quartilesType7([0.5, 0.7, 0.6, 0.9, 0.8])).toEqual({ lower: 0.6, median: 0.7, upper: 0.8 });
  });
});

describe('missing values', () => {
  it('ignores NaN scores', () => {
    // 2, 4, 10 remain: h = 1.5, 2, 2.5
    expectClose(quantileType7([10, Number.NaN, 2, 4, Number.NaN], [0.25, 0.5, 0.75]), [3, 4, 7]);
  });

  it('gives NaN when no scores remain', () => {
    const result = quantileType7([Number.NaN], [0.5]);
    expect(result[0]).toBeNaN();
    expect(quantileType7([], [0.5])[0]).toBeNaN();
  });

  it('refuses a probability outside 0..1', () => {
    expect(() => quantileType7([1, 2], [1.5])).toThrow(/1.5/);
  });
});
