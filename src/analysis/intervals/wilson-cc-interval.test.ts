import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { wilsonCcInterval } from './wilson-cc-interval.js';
import { wilsonInterval } from './wilson-interval.js';

const oracle = JSON.parse(readFileSync(new URL('../../../test/fixtures/stats-oracle.json', import.meta.url), 'utf8'));
const one = oracle.cases.one_proportion;

describe('Wilson interval with continuity correction (prop.test, correct = TRUE)', () => {
  it('reproduces 37 of 120', () => {
    const [lo, hi] = wilsonCcInterval(one.x, one.n)!;
    expect(Math.abs(lo - one.wilson_cc_z[0])).toBeLessThan(1e-9);
    expect(Math.abs(hi - one.wilson_cc_z[1])).toBeLessThan(1e-9);
  });

  it('is wider than uncorrected Wilson on both sides', () => {
    const [lo, hi] = wilsonCcInterval(one.x, one.n)!;
    const [wlo, whi] = wilsonInterval(one.x, one.n)!;
    expect(lo).toBeLessThan(wlo);
    expect(hi).toBeGreaterThan(whi);
  });

  it('applies no correction at exactly x = n/2, as R does', () => {
    const [lo, hi] = wilsonCcInterval(10, 20)!;
    const [wlo, whi] = wilsonInterval(10, 20)!;
    expect(Math.abs(lo - wlo)).toBeLessThan(1e-12);
    expect(Math.abs(hi - whi)).toBeLessThan(1e-12);
  });

  it('starts at 0 when x = 0 and ends at 1 when x = n', () => {
    expect(wilsonCcInterval(0, 15)![0]).toBe(0);
    expect(wilsonCcInterval(15, 15)![1]).toBe(1);
  });

  it('has no interval for an empty base and rejects x outside 0..n', () => {
    expect(wilsonCcInterval(0, 0)).toBeNull();
    expect(() => wilsonCcInterval(3, 2)).toThrow(RangeError);
  });
});
