import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimateCategories, estimateMultiSelect, estimateSingleChoice } from './category-estimates.js';
import { designProportion } from '../design/design-proportion.js';
import { createDesign } from '../design/survey-design.js';

const oracle = JSON.parse(readFileSync(new URL('../../../test/fixtures/stats-oracle.json', import.meta.url), 'utf8'));
const rows: Array<{ org: string; type: string; headcount: number; scale: string; barrier_culture: number; barrier_skills: number; barrier_cost: number }> = oracle.cases.strata_fpc.rows;
const levels: string[] = oracle.cases.strata_fpc.scale.levels;
const codes = rows.map((r) => levels.indexOf(r.scale));
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThan(1e-12);

function single(design: ReturnType<typeof createDesign>, inBase: ArrayLike<number>) {
  return estimateCategories(design, inBase, levels.length, (i, add) => add(codes[i]!));
}

describe('estimating several categories in one pass', () => {
  const designs = {
    'strata and FPC': createDesign({ n: rows.length, strata: rows.map((r) => r.org), population: rows.map((r) => r.headcount) }),
    'equal weights': createDesign({ n: rows.length }),
    'clusters by organisation': createDesign({ n: rows.length, clusters: rows.map((r) => r.org), weights: rows.map((r) => 1 / oracle.cases.strata_fpc.organisations.find((o: { org: string }) => o.org === r.org).n) }),
    'strata by type, clusters by organisation': createDesign({ n: rows.length, strata: rows.map((r) => r.type), clusters: rows.map((r) => r.org) }),
    'one respondent in a stratum': createDesign({ n: rows.length, strata: rows.map((r, i) => (i === 0 ? 'alone' : r.org)) }),
  };

  it.each(Object.entries(designs))('gives the same p̂ and variance as the one-category estimator, with %s', (_name, design) => {
    for (const domain of [rows.map(() => 1), rows.map((r) => (r.type === 'council' ? 1 : 0)), rows.map((r) => (r.org === 'org-3' ? 1 : 0))]) {
      const result = single(design, domain);
      levels.forEach((level, k) => {
        const reference = designProportion(design, codes.map((c) => (c === k ? 1 : 0)), domain);
        close(result.categories[k]!.p, reference.p);
        close(result.categories[k]!.variance, reference.variance);
        expect(result.categories[k]!.count).toBe(rows.filter((r, i) => domain[i] && r.scale === level).length);
      });
      expect(result.base).toBe(domain.filter(Boolean).length);
    }
  });

  it('reproduces the oracle for the stratified design', () => {
    const result = single(designs['strata and FPC'], rows.map(() => 1));
    levels.forEach((_level, k) => {
      expect(Math.abs(result.categories[k]!.p - oracle.cases.strata_fpc.scale.p[k])).toBeLessThan(1e-9);
      expect(Math.abs(Math.sqrt(result.categories[k]!.variance) - oracle.cases.strata_fpc.scale.se[k])).toBeLessThan(1e-9);
    });
    expect(result.df).toBe(173);
  });

  it('handles overlapping categories (multi-select and nets) in the same pass', () => {
    const design = designs['strata and FPC'];
    const columns = ['barrier_culture', 'barrier_skills', 'barrier_cost'] as const;
    const result = estimateCategories(design, rows.map(() => 1), 3, (i, add) => columns.forEach((c, k) => rows[i]![c] && add(k)));
    columns.forEach((c, k) => {
      expect(Math.abs(result.categories[k]!.p - oracle.cases.strata_fpc.multi_select.p[k])).toBeLessThan(1e-9);
      expect(Math.abs(Math.sqrt(result.categories[k]!.variance) - oracle.cases.strata_fpc.multi_select.se[k])).toBeLessThan(1e-9);
    });
  });

  it('counts PSUs, not respondents, in the degrees of freedom of a clustered design', () => {
    expect(single(designs['clusters by organisation'], rows.map(() => 1)).df).toBe(5);
  });

  it('has NaN estimates for an empty base', () => {
    const result = single(designs['equal weights'], rows.map(() => 0));
    expect(result.base).toBe(0);
    expect(result.categories[0]!.p).toBeNaN();
  });
});

describe('the fast paths for single-choice and multi-select columns', () => {
  const designs = [
    createDesign({ n: rows.length, strata: rows.map((r) => r.org), population: rows.map((r) => r.headcount) }),
    createDesign({ n: rows.length, weights: rows.map((_r, i) => 1 + (i % 3)) }),
    createDesign({ n: rows.length, clusters: rows.map((r) => r.org) }),
    createDesign({ n: rows.length }),
    createDesign({ n: rows.length, strata: rows.map((r) => r.type), weights: rows.map((r) => (r.type === 'council' ? 2.5 : 0.75)) }),
  ];
  const domains = [rows.map(() => 1), rows.map((r) => (r.type === 'council' ? 1 : 0))].map((d) => Uint8Array.from(d));
  const nets = [[0, 1], [3, 4]];
  const same = (fast: ReturnType<typeof estimateCategories>, general: ReturnType<typeof estimateCategories>) => {
    expect(fast.base).toBe(general.base);
    expect(fast.df).toBe(general.df);
    expect(fast.weightedBase).toBeCloseTo(general.weightedBase, 10);
    fast.categories.forEach((c, k) => {
      expect(c.count).toBe(general.categories[k]!.count);
      close(c.p, general.categories[k]!.p);
      close(c.variance, general.categories[k]!.variance);
    });
  };

  it.each(designs.map((d, i) => [i, d] as const))('give single-choice options and nets as the general path does (design %i)', (_i, design) => {
    for (const domain of domains) {
      const general = estimateCategories(design, domain, levels.length + nets.length, (i, add) => {
        add(codes[i]!);
        nets.forEach((members, m) => members.includes(codes[i]!) && add(levels.length + m));
      });
      same(estimateSingleChoice(design, domain, Int16Array.from(codes), levels.length, nets), general);
    }
  });

  it.each(designs.map((d, i) => [i, d] as const))('give the same single-choice estimates when the base is said to follow from the code, with unanswered and excluded codes (design %i)', (_i, design) => {
    // Every seventh respondent unanswered (−1); the last option left out of the base, as a substantive base leaves out "Don't know".
    const withGaps = Int16Array.from(codes, (c, i) => (i % 7 === 3 ? -1 : c));
    const byCode = Uint8Array.from([0, ...levels.map((_l, k) => (k === levels.length - 1 ? 0 : 1))]);
    const inBase = Uint8Array.from(withGaps, (c) => byCode[c + 1]!);
    const general = estimateCategories(design, inBase, levels.length + nets.length, (i, add) => {
      add(withGaps[i]!);
      nets.forEach((members, m) => members.includes(withGaps[i]!) && add(levels.length + m));
    });
    expect(general.base).toBeLessThan(rows.length - rows.length / 7 + 1);
    same(estimateSingleChoice(design, inBase, withGaps, levels.length, nets, byCode), general);
    same(estimateSingleChoice(design, inBase, withGaps, levels.length, nets), general);
  });

  it.each(designs.map((d, i) => [i, d] as const))('give multi-select options as the general path does (design %i)', (_i, design) => {
    const columns = (['barrier_culture', 'barrier_skills', 'barrier_cost'] as const).map((c) => Uint8Array.from(rows.map((r) => r[c])));
    for (const domain of domains) {
      const general = estimateCategories(design, domain, 3, (i, add) => columns.forEach((c, k) => c[i] && add(k)));
      same(estimateMultiSelect(design, domain, columns, []), general);
    }
  });
});
