import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agrestiCoullInterval } from './agresti-coull-interval.js';
import { wilsonInterval } from './wilson-interval.js';

const oracle = JSON.parse(readFileSync(new URL('../../../test/fixtures/stats-oracle.json', import.meta.url), 'utf8'));
const one = oracle.cases.one_proportion;

describe('Agresti–Coull interval', () => {
  it('reproduces 37 of 120', () => {
    const [lo, hi] = agrestiCoullInterval(one.x, one.n)!;
    expect(Math.abs(lo - one.agresti_coull_z[0])).toBeLessThan(1e-9);
    expect(Math.abs(hi - one.agresti_coull_z[1])).toBeLessThan(1e-9);
  });

  it('is centred where Wilson is centred, and at least as wide', () => {
    const [lo, hi] = agrestiCoullInterval(one.x, one.n)!;
    const [wlo, whi] = wilsonInterval(one.x, one.n)!;
    expect(Math.abs((lo + hi) / 2 - (wlo + whi) / 2)).toBeLessThan(1e-12);
    expect(hi - lo).toBeGreaterThanOrEqual(whi - wlo);
  });

  it('is clipped to 0..1 at the extremes', () => {
    expect(agrestiCoullInterval(0, 10)![0]).toBe(0);
    expect(agrestiCoullInterval(10, 10)![1]).toBe(1);
  });

  it('has no interval for an empty base and rejects x outside 0..n', () => {
    expect(agrestiCoullInterval(0, 0)).toBeNull();
    expect(() => agrestiCoullInterval(11, 10)).toThrow(RangeError);
  });
});
