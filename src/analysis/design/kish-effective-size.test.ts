import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kishEffectiveSize } from './kish-effective-size.js';
import { createDesign } from './survey-design.js';

const oracle = JSON.parse(readFileSync(new URL('../../../test/fixtures/stats-oracle.json', import.meta.url), 'utf8'));
const strata = oracle.cases.strata_fpc;
const raking = oracle.cases.raking;

describe('Kish effective sample size', () => {
  it('reproduces the stratified design with weights headcount/respondents', () => {
    const rows: { org: string; headcount: number }[] = strata.rows;
    const design = createDesign({ n: rows.length, strata: rows.map((r) => r.org), population: rows.map((r) => r.headcount) });
    const kish = kishEffectiveSize(design.weights)!;
    expect(kish.n).toBe(rows.length);
    expect(Math.abs(kish.effectiveSize - strata.kish_n_eff)).toBeLessThan(1e-9);
    expect(Math.abs(kish.designEffect - rows.length / strata.kish_n_eff)).toBeLessThan(1e-12);
  });

  it('reproduces the raked weights', () => {
    const kish = kishEffectiveSize(raking.weights)!;
    expect(Math.abs(kish.effectiveSize - raking.kish_n_eff)).toBeLessThan(1e-9);
    expect(kish.designEffect).toBeGreaterThan(1);
  });

  it('equals n with design effect 1 when weights are equal, whatever their scale', () => {
    const kish = kishEffectiveSize(new Array(50).fill(7.5))!;
    expect(Math.abs(kish.effectiveSize - 50)).toBeLessThan(1e-9);
    expect(Math.abs(kish.designEffect - 1)).toBeLessThan(1e-12);
  });

  it('follows the documented example', () => {
    const kish = kishEffectiveSize([1, 1, 2, 4])!;
    expect(Math.abs(kish.effectiveSize - 64 / 22)).toBeLessThan(1e-12);
    expect(Math.abs(kish.designEffect - 1.375)).toBeLessThan(1e-12);
  });

  it('counts only respondents in the base, and has no value for an empty base', () => {
    expect(kishEffectiveSize([1, 100, 1], [1, 0, 1])!.effectiveSize).toBeCloseTo(2, 12);
    expect(kishEffectiveSize([1, 2], [0, 0])).toBeNull();
    expect(kishEffectiveSize([])).toBeNull();
  });

  it('rejects a weight that is not a positive number, naming the respondent', () => {
    expect(() => kishEffectiveSize([1, 0, 1])).toThrow(/respondent 2/);
    expect(() => kishEffectiveSize([1, Number.NaN])).toThrow(/respondent 2/);
  });
});
