import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { designProportion } from './design-proportion.js';
import { rakeWeights } from './rake-weights.js';
import { createDesign } from './survey-design.js';

interface RakingRow {
  type: string;
  grade: string;
  confident: number;
}
const oracle = JSON.parse(readFileSync(new URL('../../../test/fixtures/stats-oracle.json', import.meta.url), 'utf8'));
const raking = oracle.cases.raking;
const rows: RakingRow[] = raking.rows;
const typeTotals = new Map<string, number>(raking.margins.type.map((m: { type: string; Freq: number }) => [m.type, m.Freq]));
const gradeTotals = new Map<string, number>(raking.margins.grade.map((m: { grade: string; Freq: number }) => [m.grade, m.Freq]));
const margins = [
  { name: 'type', categories: rows.map((r) => r.type), totals: typeTotals },
  { name: 'grade', categories: rows.map((r) => r.grade), totals: gradeTotals },
];
const close = (actual: number, expected: number, tolerance = 1e-9) => expect(Math.abs(actual - expected)).toBeLessThan(tolerance);
const maxDifference = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((worst, x, i) => Math.max(worst, Math.abs(x - b[i]!)), 0);
const sumBy = (weights: Float64Array, keyOf: (r: RakingRow) => string, key: string) => rows.reduce((s, r, i) => s + (keyOf(r) === key ? weights[i]! : 0), 0);

describe('raking to population margins', () => {
  // The oracle holds the fully converged raking solution; a tolerance of 1e-12 (6 passes here)
  // reproduces it to 3e-10, while the default 1e-7 stops after 4 passes, about 4e-6 away.
  const converged = rakeWeights({ margins, tolerance: 1e-12 });

  it('reproduces the oracle’s raked weights to 1e-9 when iterated to full convergence', () => {
    expect(converged.weights).toHaveLength(300);
    expect(maxDifference(converged.weights, raking.weights)).toBeLessThan(1e-9);
    expect(converged.iterations).toBe(6);
    expect(converged.converged).toBe(true);
    expect(converged.maxRelativeMisfit).toBeLessThan(1e-12);
  });

  it('stops at the default relative tolerance of 1e-7, already within 1e-7 of the solution relative to each weight', () => {
    const result = rakeWeights({ margins });
    expect(result.iterations).toBe(4);
    expect(result.maxRelativeMisfit).toBeLessThan(1e-7);
    const relative = Array.from(result.weights).reduce((worst, w, i) => Math.max(worst, Math.abs(w - raking.weights[i]) / raking.weights[i]), 0);
    expect(relative).toBeLessThan(1e-7);
  });

  it('fits every category of every margin', () => {
    for (const [type, total] of typeTotals) close(sumBy(converged.weights, (r) => r.type, type), total, 1e-7);
    for (const [grade, total] of gradeTotals) close(sumBy(converged.weights, (r) => r.grade, grade), total, 1e-7);
  });

  it('reproduces the weighted proportion and its se with the raked weights treated as fixed', () => {
    const design = createDesign({ n: rows.length, weights: converged.weights });
    const result = designProportion(design, rows.map((r) => r.confident), new Uint8Array(rows.length).fill(1));
    close(result.p, raking.confident.p);
    close(result.se, raking.confident.se);
  });

  it('reproduces Kish’s effective sample size (Σw)²/Σw²', () => {
    let sum = 0;
    let sumSquares = 0;
    for (const w of converged.weights) {
      sum += w;
      sumSquares += w * w;
    }
    close((sum * sum) / sumSquares, raking.kish_n_eff);
  });

  it('accepts margins as plain objects and starting weights, scaling them', () => {
    const doubled = rakeWeights({
      margins: margins.map((m) => ({ ...m, totals: Object.fromEntries(m.totals) })),
      startingWeights: new Array(rows.length).fill(2),
      tolerance: 1e-12,
    });
    expect(maxDifference(doubled.weights, raking.weights)).toBeLessThan(1e-9);
  });

  it('needs no iterations when the starting weights already fit', () => {
    const result = rakeWeights({ margins, startingWeights: raking.weights, tolerance: 1e-9 });
    expect(result.iterations).toBe(0);
  });

  it('rakes a single margin in one pass, as post-stratification', () => {
    const result = rakeWeights({ margins: [{ name: 'type', categories: ['a', 'a', 'b'], totals: { a: 10, b: 30 } }] });
    expect(Array.from(result.weights)).toEqual([5, 5, 30]);
    expect(result.iterations).toBe(1);
  });
});

describe('raking errors', () => {
  it('names a sample category that has no population total', () => {
    expect(() => rakeWeights({ margins: [{ name: 'type', categories: ['a', 'c'], totals: { a: 10, b: 30 } }] })).toThrow(/respondent 2 has type = 'c', which has no population total/);
  });

  it('names a margin category that has no respondents', () => {
    expect(() => rakeWeights({ margins: [{ name: 'type', categories: ['a', 'a'], totals: { a: 10, b: 30 } }] })).toThrow(/no respondents have type = 'b'/);
  });

  it('refuses a respondent without a category', () => {
    expect(() => rakeWeights({ margins: [{ name: 'grade', categories: ['a', null], totals: { a: 10 } }] })).toThrow(/respondent 2 has no grade/);
  });

  it('refuses margins whose population totals differ', () => {
    expect(() =>
      rakeWeights({
        margins: [
          { name: 'type', categories: ['a', 'b'], totals: { a: 10, b: 30 } },
          { name: 'grade', categories: ['x', 'y'], totals: { x: 10, y: 20 } },
        ],
      }),
    ).toThrow(/different population totals/);
  });

  it('says so when it does not converge within the maximum number of iterations', () => {
    expect(() => rakeWeights({ margins, maxIterations: 2 })).toThrow(/did not converge in 2 iterations/);
  });
});

describe('trimming raked weights', () => {
  const raked = rakeWeights({ margins, tolerance: 1e-12 });
  const mean = raked.weights.reduce((s, w) => s + w, 0) / rows.length;
  const bounds = { lower: 0.5, upper: 2 };

  it('clips weights to the bounds relative to the mean and shares the trimmings equally among the rest, as R’s trimWeights', () => {
    const result = rakeWeights({ margins, tolerance: 1e-12, trim: bounds });
    const lower = bounds.lower * mean;
    const upper = bounds.upper * mean;
    const original = Array.from(raked.weights);
    const outside = original.map((w) => w < lower || w > upper);
    const trimmings = original.reduce((s, w) => s + (w - Math.max(lower, Math.min(w, upper))), 0);
    const share = trimmings / outside.filter((o) => !o).length;
    const expected = original.map((w, i) => (outside[i] ? Math.max(lower, Math.min(w, upper)) : w + share));
    expect(result.trimmed).toBe(outside.filter(Boolean).length);
    expect(result.trimmed).toBeGreaterThan(0);
    expect(maxDifference(result.weights, expected)).toBeLessThan(1e-9);
    close(result.weights.reduce((s, w) => s + w, 0), 40000, 1e-6);
    expect(result.trimBounds).toEqual({ lower, upper });
  });

  it('with strict trimming, repeats until no weight is outside the bounds', () => {
    const result = rakeWeights({ margins, tolerance: 1e-12, trim: { ...bounds, strict: true } });
    const lower = bounds.lower * mean;
    const upper = bounds.upper * mean;
    for (const w of result.weights) {
      expect(w).toBeGreaterThanOrEqual(lower);
      expect(w).toBeLessThanOrEqual(upper);
    }
    close(result.weights.reduce((s, w) => s + w, 0), 40000, 1e-6);
  });

  it('leaves weights alone when all are inside the bounds', () => {
    const result = rakeWeights({ margins, tolerance: 1e-12, trim: { lower: 0.01, upper: 100 } });
    expect(result.trimmed).toBe(0);
    expect(maxDifference(result.weights, raked.weights)).toBe(0);
  });
});
