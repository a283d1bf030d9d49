import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { designProportion } from './design-proportion.js';
import { createDesign } from './survey-design.js';

interface OracleRow {
  org: string;
  type: string;
  headcount: number;
  scale: string;
  barrier_culture: number;
  barrier_skills: number;
  barrier_cost: number;
}
const oracle = JSON.parse(readFileSync(new URL('../../../test/fixtures/stats-oracle.json', import.meta.url), 'utf8'));
const one = oracle.cases.one_proportion;
const strata = oracle.cases.strata_fpc;
const rows: OracleRow[] = strata.rows;
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThan(1e-9);
const indexed = (list: string[]): Array<[string, number]> => list.map((item, k) => [item, k]);

describe('design-based proportion', () => {
  it('reproduces 37 of 120 with equal weights and no strata, using n − 1', () => {
    const n = one.n as number;
    const y = Array.from({ length: n }, (_, i) => (i < one.x ? 1 : 0));
    const result = designProportion(createDesign({ n }), y, new Uint8Array(n).fill(1));
    close(result.p, one.p);
    close(result.se, one.se_design);
    close(result.se, Math.sqrt((one.p * (1 - one.p)) / (n - 1)));
  });

  it('reproduces the finite population correction with N = 200', () => {
    const n = one.n as number;
    const y = Array.from({ length: n }, (_, i) => (i < one.x ? 1 : 0));
    const result = designProportion(createDesign({ n, population: new Array(n).fill(200), weights: new Array(n).fill(1) }), y, new Uint8Array(n).fill(1));
    close(result.se, one.with_fpc_N200.se);
  });

  const design = createDesign({ n: rows.length, strata: rows.map((r) => r.org), population: rows.map((r) => r.headcount) });
  const all = new Uint8Array(rows.length).fill(1);

  it('weights each respondent N_h/n_h when the headcount is known', () => {
    expect(design.weights[0]).toBeCloseTo(400 / 40, 12);
    expect(design.stratumCount).toBe(6);
  });

  it.each(indexed(strata.scale.levels))('reproduces the stratified, FPC-corrected estimate of scale = %s', (level, k) => {
    const result = designProportion(design, rows.map((r) => (r.scale === level ? 1 : 0)), all);
    close(result.p, strata.scale.p[k]);
    close(result.se, strata.scale.se[k]);
  });

  it('reproduces a net (top-two box)', () => {
    const result = designProportion(design, rows.map((r) => (r.scale === 'strongly-agree' || r.scale === 'agree' ? 1 : 0)), all);
    close(result.p, strata.positive.p);
    close(result.se, strata.positive.se);
  });

  it.each(indexed(strata.multi_select.options))('reproduces multi-select option %s', (option, k) => {
    const result = designProportion(design, rows.map((r) => r[option as keyof OracleRow] as number), all);
    close(result.p, strata.multi_select.p[k]);
    close(result.se, strata.multi_select.se[k]);
  });

  const positive = rows.map((r) => (r.scale === 'strongly-agree' || r.scale === 'agree' ? 1 : 0));

  it('treats a filter as a domain, keeping strata whole', () => {
    const result = designProportion(design, positive, rows.map((r) => (r.type === 'council' ? 1 : 0)));
    close(result.p, strata.domain_council.p);
    close(result.se, strata.domain_council.se);
  });

  it.each(indexed(strata.by_org.org))('reproduces the estimate for organisation %s', (org, k) => {
    const result = designProportion(design, positive, rows.map((r) => (r.org === org ? 1 : 0)));
    close(result.p, strata.by_org.p[k]);
    close(result.se, strata.by_org.se[k]);
  });

  it.each(indexed(strata.by_type.type))('reproduces the estimate for organisation type %s', (type, k) => {
    const result = designProportion(design, positive, rows.map((r) => (r.type === type ? 1 : 0)));
    close(result.p, strata.by_type.p[k]);
    close(result.se, strata.by_type.se[k]);
  });

  it('has no estimate for an empty domain', () => {
    expect(designProportion(design, positive, new Uint8Array(rows.length)).n).toBe(0);
  });
});
