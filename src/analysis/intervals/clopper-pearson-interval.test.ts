import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clopperPearsonInterval } from './clopper-pearson-interval.js';

const oracle = JSON.parse(readFileSync(new URL('../../../test/fixtures/stats-oracle.json', import.meta.url), 'utf8'));
const one = oracle.cases.one_proportion;

describe('Clopper–Pearson interval', () => {
  it('reproduces binom.test for 37 of 120', () => {
    const [lo, hi] = clopperPearsonInterval(one.x, one.n)!;
    expect(Math.abs(lo - one.clopper_pearson[0])).toBeLessThan(1e-9);
    expect(Math.abs(hi - one.clopper_pearson[1])).toBeLessThan(1e-9);
  });

  it('starts at 0 when x = 0 and ends at 1 when x = n, with the (α/2)^(1/n) bound on the other side', () => {
    const [lo0, hi0] = clopperPearsonInterval(0, 20)!;
    expect(lo0).toBe(0);
    expect(Math.abs(hi0 - (1 - 0.025 ** (1 / 20)))).toBeLessThan(1e-12);
    const [lo1, hi1] = clopperPearsonInterval(20, 20)!;
    expect(hi1).toBe(1);
    expect(Math.abs(lo1 - 0.025 ** (1 / 20))).toBeLessThan(1e-12);
  });

  it('accepts a fractional effective sample size', () => {
    const [lo, hi] = clopperPearsonInterval(36.5, 119.3)!;
    expect(lo).toBeGreaterThan(0.2);
    expect(hi).toBeLessThan(0.41);
  });

  it('has no interval for an empty base and rejects x outside 0..n', () => {
    expect(clopperPearsonInterval(0, 0)).toBeNull();
    expect(() => clopperPearsonInterval(5, 4)).toThrow(RangeError);
    expect(() => clopperPearsonInterval(-1, 4)).toThrow(RangeError);
  });
});
