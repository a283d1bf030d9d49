import { describe, expect, it } from 'vitest';
import { adjustPValues } from './adjust-p-values.js';

const expectClose = (actual: Float64Array, expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((x, i) => (Number.isNaN(x) ? expect(actual[i]).toBeNaN() : expect(Math.abs(actual[i]! - x)).toBeLessThan(1e-12)));
};

describe('Benjamini–Hochberg adjustment, as p.adjust(p, "BH")', () => {
  it('gives 0.05 for all of 0.01, 0.02, 0.03, 0.04, 0.05', () => {
    expectClose(adjustPValues([0.01, 0.02, 0.03, 0.04, 0.05], 'BH'), [0.05, 0.05, 0.05, 0.05, 0.05]);
  });

  it('takes the running minimum of m/i · p from the largest down, in input order', () => {
    // sorted 0.005, 0.01, 0.03, 0.04 → 0.02, 0.02, 0.04, 0.04
    expectClose(adjustPValues([0.01, 0.04, 0.03, 0.005], 'BH'), [0.02, 0.04, 0.04, 0.02]);
  });

  it('never adjusts a p-value beyond the largest one', () => {
    // sorted 0.6, 0.9, 0.95 → min(1.8, 1.35, 0.95) = 0.95 for all three
    expectClose(adjustPValues([0.9, 0.6, 0.95], 'BH'), [0.95, 0.95, 0.95]);
    expectClose(adjustPValues([0.7, 0.7], 'BH'), [0.7, 0.7]);
  });
});

describe('Holm adjustment, as p.adjust(p, "holm")', () => {
  it('gives 0.05, 0.08, 0.09, 0.09, 0.09 for 0.01, 0.02, 0.03, 0.04, 0.05', () => {
    expectClose(adjustPValues([0.01, 0.02, 0.03, 0.04, 0.05], 'holm'), [0.05, 0.08, 0.09, 0.09, 0.09]);
  });

  it('takes the running maximum of (m + 1 − i) · p from the smallest up, in input order', () => {
    // sorted 0.005, 0.01, 0.03, 0.04 → 0.02, 0.03, 0.06, 0.06
    expectClose(adjustPValues([0.01, 0.04, 0.03, 0.005], 'holm'), [0.03, 0.06, 0.06, 0.02]);
  });

  it('caps at 1', () => {
    expectClose(adjustPValues([0.6, 0.7], 'holm'), [1, 1]);
  });
});

describe('missing and trivial input', () => {
  it('keeps NaN in place and leaves it out of the number of comparisons', () => {
    expectClose(adjustPValues([0.01, Number.NaN, 0.04], 'holm'), [0.02, Number.NaN, 0.04]);
    expectClose(adjustPValues([0.01, Number.NaN, 0.04], 'BH'), [0.02, Number.NaN, 0.04]);
  });

  it('leaves a single p-value and an empty list unchanged', () => {
    expectClose(adjustPValues([0.03], 'holm'), [0.03]);
    expectClose(adjustPValues([], 'BH'), []);
  });

  it('gives tied p-values the same adjusted value', () => {
    expectClose(adjustPValues([0.02, 0.01, 0.02], 'holm'), [0.04, 0.03, 0.04]);
    expectClose(adjustPValues([0.02, 0.01, 0.02], 'BH'), [0.02, 0.02, 0.02]);
  });

  it('refuses a p-value outside 0..1', () => {
    expect(() => adjustPValues([0.2, 1.5], 'BH')).toThrow(/1.5 at position 2/);
  });
});
