import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linearisedVariance } from '../design/linearised-variance.js';
import { raoScottTest } from './rao-scott-test.js';
import { createDesign } from '../design/survey-design.js';

const oracle = JSON.parse(readFileSync(new URL('../../../test/fixtures/stats-oracle.json', import.meta.url), 'utf8'));
const twoGroups = oracle.cases.two_groups;
const crosstab = oracle.cases.crosstab;
const strataCase = oracle.cases.strata_fpc;
const close = (actual: number, expected: number, tolerance = 1e-9) => expect(Math.abs(actual - expected)).toBeLessThan(tolerance);
const relativelyClose = (actual: number, expected: number, tolerance = 1e-9) => expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(tolerance);

/** Group a: 37 of 120, group b: 55 of 130, one unweighted design of 250. */
function twoGroupData() {
  const n = twoGroups.a.n + twoGroups.b.n;
  const group = new Int32Array(n);
  const answer = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const inB = i >= twoGroups.a.n;
    group[i] = inB ? 1 : 0;
    answer[i] = (inB ? i - twoGroups.a.n < twoGroups.b.x : i < twoGroups.a.x) ? 1 : 0;
  }
  return { n, group, answer };
}

interface CrosstabRow {
  type: string;
  status: string;
  w: number;
}
const rows: CrosstabRow[] = crosstab.rows;
const typeCodes = Int32Array.from(rows, (r) => crosstab.weighted_table.type.indexOf(r.type));
const statusCodes = Int32Array.from(rows, (r) => crosstab.weighted_table.status.indexOf(r.status));
const weighted = createDesign({ n: rows.length, weights: rows.map((r) => r.w) });

describe('Rao–Scott test of a 2 × 2 table in an unweighted design', () => {
  const { n, group, answer } = twoGroupData();
  const result = raoScottTest(createDesign({ n }), group, answer);

  it('reports the first-order statistic as the uncorrected Pearson X² (prop.test without continuity correction)', () => {
    close(result.chisq.statistic, twoGroups.prop_test_chisq_uncorrected);
    close(result.chisq.statistic, twoGroups.svychisq_Chisq.statistic);
    expect(result.chisq.df).toBe(1);
  });

  it('has the design effect n/(n − 1) from the linearisation, so Δ = 250/249 and d₀ = 1', () => {
    close(result.delta.trace, 250 / 249, 1e-12);
    close(result.delta.d0, 1, 1e-12);
  });

  it('reproduces svychisq’s default F statistic, its (1, 249) df and p-value', () => {
    close(result.f.statistic, twoGroups.svychisq_F.statistic);
    close(result.f.df[0], twoGroups.svychisq_F.df[0]);
    close(result.f.df[1], twoGroups.svychisq_F.df[1]);
    expect(result.designDf).toBe(249);
    close(result.f.pValue, twoGroups.svychisq_F.p_value);
    relativelyClose(result.f.pValue, twoGroups.svychisq_F.p_value);
  });

  it('reproduces svychisq(statistic = "Chisq")’s p-value from X²/mean(δ) on 1 df', () => {
    close(result.chisq.pValue, twoGroups.svychisq_Chisq.p_value);
    relativelyClose(result.chisq.pValue, twoGroups.svychisq_Chisq.p_value);
  });

  it('tabulates the counts in the table', () => {
    expect(result.unweightedTable).toEqual([
      [120 - 37, 37],
      [130 - 55, 55],
    ]);
    expect(result.n).toBe(250);
  });
});

describe('Rao–Scott test of a weighted 3 × 4 cross-tab', () => {
  const result = raoScottTest(weighted, typeCodes, statusCodes);

  it('tabulates weighted cell totals as svytable', () => {
    expect(result.rowLevels).toEqual([0, 1, 2]);
    expect(result.columnLevels).toEqual([0, 1, 2, 3]);
    crosstab.weighted_table.counts.forEach((row: number[], i: number) => row.forEach((count, j) => close(result.weightedTable[i]![j]!, count, 5e-4)));
  });

  it('reproduces the second-order F, its Satterthwaite df (d₀, d₀·ν) and p-value', () => {
    close(result.f.statistic, crosstab.svychisq_F.statistic);
    close(result.f.df[0], crosstab.svychisq_F.df[0]);
    close(result.f.df[1], crosstab.svychisq_F.df[1]);
    expect(result.designDf).toBe(399);
    close(result.f.pValue, crosstab.svychisq_F.p_value);
    relativelyClose(result.f.pValue, crosstab.svychisq_F.p_value);
  });

  it('reproduces the first-order chi-square on (r − 1)(c − 1) = 6 df', () => {
    close(result.chisq.statistic, crosstab.svychisq_Chisq.statistic);
    expect(result.chisq.df).toBe(crosstab.svychisq_Chisq.df);
    close(result.chisq.pValue, crosstab.svychisq_Chisq.p_value);
    relativelyClose(result.chisq.pValue, crosstab.svychisq_Chisq.p_value);
  });

  it('gives the same test whichever variable is the rows', () => {
    const swapped = raoScottTest(weighted, statusCodes, typeCodes);
    close(swapped.f.statistic, result.f.statistic, 1e-12);
    close(swapped.f.df[0], result.f.df[0], 1e-9);
  });

  it('does not depend on the order of category codes', () => {
    const relabelled = raoScottTest(weighted, typeCodes.map((code) => 2 - code), statusCodes.map((code) => (code + 1) % 4));
    close(relabelled.f.statistic, result.f.statistic, 1e-12);
    close(relabelled.delta.d0, result.delta.d0, 1e-9);
  });
});

describe('Rao–Scott test with missing answers', () => {
  it('leaves a respondent with a missing answer out of the table but in N and the design df', () => {
    const statusWithGaps = statusCodes.map((code, i) => (i % 10 === 0 ? -1 : code));
    const result = raoScottTest(weighted, typeCodes, statusWithGaps);
    expect(result.n).toBe(360);
    expect(result.designDf).toBe(399);
    const total = result.weightedTable.flat().reduce((s, x) => s + x, 0);
    const expected = rows.reduce((s, r, i) => s + (i % 10 === 0 ? 0 : r.w), 0);
    close(total, expected, 1e-9);
    expect(result.f.pValue).toBeGreaterThan(0);
  });

  it('has no test when one variable has a single category among those who answered both', () => {
    const result = raoScottTest(weighted, new Int32Array(rows.length), statusCodes);
    expect(result.f.statistic).toBeNaN();
    expect(result.chisq.pValue).toBeNaN();
    expect(result.chisq.df).toBe(0);
    expect(result.weightedTable).toHaveLength(1);
  });
});

describe('Rao–Scott test in a stratified design with finite population correction', () => {
  interface StrataRow {
    org: string;
    type: string;
    headcount: number;
    scale: string;
  }
  // The last respondent is moved to a stratum of their own, to exercise the lonely-stratum rule.
  const strataRows: StrataRow[] = strataCase.rows.map((r: StrataRow, i: number, all: StrataRow[]) => (i === all.length - 1 ? { ...r, org: 'org-solo', headcount: 5 } : r));
  const n = strataRows.length;
  const design = createDesign({ n, strata: strataRows.map((r) => r.org), population: strataRows.map((r) => r.headcount) });
  const council = Int32Array.from(strataRows, (r) => (r.type === 'council' ? 1 : 0));
  const positive = Int32Array.from(strataRows, (r, i) => (i % 7 === 3 ? -1 : r.scale === 'strongly-agree' || r.scale === 'agree' ? 1 : 0));
  const result = raoScottTest(design, council, positive);

  it('counts design df as respondents minus strata', () => {
    expect(design.stratumCount).toBe(7);
    expect(result.designDf).toBe(n - 7);
  });

  it('agrees for a 2 × 2 table with Δ computed from linearisedVariance of the contrast', () => {
    // Cells rows fastest: (0,0), (1,0), (0,1), (1,1); the one interaction contrast is (1, −1, −1, 1).
    const contrast = [1, -1, -1, 1];
    const inDomain = (i: number) => positive[i]! >= 0;
    const cellOf = (i: number) => council[i]! + 2 * positive[i]!;
    let W = 0;
    const totals = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      if (!inDomain(i)) continue;
      W += design.weights[i]!;
      totals[cellOf(i)]! += design.weights[i]!;
    }
    const p = totals.map((t) => t / W);
    const u = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (!inDomain(i)) continue;
      for (let a = 0; a < 4; a++) u[i]! += (contrast[a]! / p[a]!) * (design.weights[i]! * ((cellOf(i) === a ? 1 : 0) - p[a]!)) / W;
    }
    const denom = p.reduce((s, x) => s + 1 / x, 0) / n;
    const delta = linearisedVariance(design, u) / denom;
    relativelyClose(result.delta.trace, delta, 1e-12);
    close(result.delta.d0, 1, 1e-12);
    const scaled = totals.map((t) => (t * n) / W);
    const rowSums = [scaled[0]! + scaled[2]!, scaled[1]! + scaled[3]!];
    const columnSums = [scaled[0]! + scaled[1]!, scaled[2]! + scaled[3]!];
    const x2 = scaled.reduce((s, o, a) => {
      const e = (rowSums[a % 2]! * columnSums[Math.floor(a / 2)]!) / n;
      return s + (o - e) ** 2 / e;
    }, 0);
    relativelyClose(result.pearson, x2, 1e-12);
    relativelyClose(result.f.statistic, x2 / delta, 1e-12);
    close(result.f.df[1], n - 7, 1e-9);
  });
});
