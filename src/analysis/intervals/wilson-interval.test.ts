import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z95 } from './normal-quantile.js';
import { wilsonInterval } from './wilson-interval.js';

const oracleUrl = new URL('../../../test/fixtures/stats-oracle.json', import.meta.url);
const oracle = JSON.parse(readFileSync(oracleUrl, 'utf8')) as {
  meta: { z: number };
  cases: { one_proportion: { x: number; n: number; p: number; wilson_z: [number, number] } };
};

describe('Wilson interval', () => {
  it('matches the oracle for 37 of 120 to 1e-9', () => {
    const { x, n, wilson_z: expected } = oracle.cases.one_proportion;
    const [lo, hi] = wilsonInterval(x, n)!;
    expect(Math.abs(lo - expected[0])).toBeLessThan(1e-9);
    expect(Math.abs(hi - expected[1])).toBeLessThan(1e-9);
  });

  it('uses the same z as the oracle', () => {
    expect(Math.abs(z95 - oracle.meta.z)).toBeLessThan(1e-12);
  });

  it('has no interval for an empty base', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('stays inside 0..1 and is not degenerate at 0 and n', () => {
    const [lo0, hi0] = wilsonInterval(0, 20)!;
    expect(lo0).toBe(0);
    expect(hi0).toBeGreaterThan(0.1);
    const [lo1, hi1] = wilsonInterval(20, 20)!;
    expect(hi1).toBe(1);
    expect(lo1).toBeLessThan(0.9);
  });
});
