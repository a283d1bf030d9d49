import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../definition/load-definition.js';
import { questionBase } from '../results/analyse-question.js';
import { estimateCategories } from '../results/category-estimates.js';
import { testDifference } from '../tests/compare-proportions.js';
import { intervalMethods } from '../intervals/interval-methods.js';
import { benchmarkReporter, computeOrganisationBenchmarks, quartileOf, type OrganisationBenchmarks } from './organisation-benchmarks.js';
import { quartileOfLowerBetter } from './organisation-benchmark-report.js';
import { quartilesType7 } from './quantile-type7.js';
import type { RespondentRecord } from '../snapshot/respondent-record.js';
import { createDesign, type SurveyDesign } from '../design/survey-design.js';
import { buildSnapshot, columnOf, type Column, type SurveySnapshot } from '../snapshot/survey-snapshot.js';

const oracle = JSON.parse(readFileSync(new URL('../../../test/fixtures/stats-oracle.json', import.meta.url), 'utf8'));
const rows: Array<{ org: string; type: string; headcount: number; scale: string; barrier_culture: number; barrier_skills: number; barrier_cost: number }> = oracle.cases.strata_fpc.rows;
const levels: string[] = oracle.cases.strata_fpc.scale.levels;
const orgSizes = new Map<string, number>(oracle.cases.strata_fpc.organisations.map((o: { org: string; n: number }) => [o.org, o.n]));

const loaded = validateDefinition({
  format: 1,
  id: 'oracle',
  title: 'Oracle rows',
  questions: [
    {
      id: 'scale',
      type: 'scale',
      text: 'How far do you agree?',
      options: levels.map((code) => ({ code, label: code })),
      nets: [
        { code: 'positive', label: 'Agree (net)', options: ['strongly-agree', 'agree'] },
        { code: 'negative', label: 'Disagree (net)', options: ['disagree', 'strongly-disagree'] },
      ],
    },
    {
      id: 'barriers',
      type: 'multiple',
      text: 'What holds you back?',
      options: [
        { code: 'culture', label: 'Culture' },
        { code: 'skills', label: 'Skills' },
        { code: 'cost', label: 'Cost' },
      ],
      nets: [{ code: 'skills-or-cost', label: 'Skills or cost', options: ['skills', 'cost'] }],
    },
    { id: 'staff', type: 'number', text: 'Staff?', required: false },
  ],
});
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const definition = loaded.definition;

const records: RespondentRecord[] = rows.map((r) => ({
  org: { id: r.org, type: r.type, nation: 'England', headcount: r.headcount },
  answers: {
    scale: r.scale,
    barriers: (['culture', 'skills', 'cost'] as const).filter((b) => r[`barrier_${b}`] === 1),
  },
}));
const snapshot = buildSnapshot(definition, records);
const orgIds = snapshot.orgs.map((o) => o.id);
const types = snapshot.orgs.map((o) => o.type);

const designs: Record<string, SurveyDesign> = {
  'strata by organisation with FPC (the oracle design)': createDesign({ n: rows.length, strata: rows.map((r) => r.org), population: rows.map((r) => r.headcount) }),
  'strata by type': createDesign({ n: rows.length, strata: rows.map((r) => r.type) }),
  'no strata': createDesign({ n: rows.length }),
  'strata by type with unequal weights': createDesign({ n: rows.length, strata: rows.map((r) => r.type), weights: rows.map((r, i) => r.headcount / orgSizes.get(r.org)! + (i % 3)) }),
  'organisations as clusters, each counting once': createDesign({ n: rows.length, clusters: rows.map((r) => r.org), weights: rows.map((r) => 1 / orgSizes.get(r.org)!) }),
  'a stratum of one respondent': createDesign({ n: rows.length, strata: rows.map((r, i) => (i === 0 ? 'alone' : r.type)) }),
};

/** The per-domain analyser's estimates (as analyse-question.ts makes them) for a domain mask. */
function reference(design: SurveyDesign, column: Column, domain: Uint8Array) {
  const inBase = questionBase(column, domain);
  if (column.kind === 'choice') {
    const { question, codes } = column;
    const K = question.options.length;
    const categoriesOfCode = question.options.map((option, k) => [k, ...question.nets.flatMap((net, m) => (net.options.includes(option.code) ? [K + m] : []))]);
    return estimateCategories(design, inBase, K + question.nets.length, (i, add) => categoriesOfCode[codes[i]!]!.forEach(add));
  }
  if (column.kind !== 'multi') throw new Error('choice questions only');
  const { question, chosen } = column;
  const K = question.options.length;
  const members = question.nets.map((net) => net.options.map((code) => question.options.findIndex((o) => o.code === code)));
  return estimateCategories(design, inBase, K + question.nets.length, (i, add) => {
    for (let k = 0; k < K; k++) if (chosen[k]![i]) add(k);
    members.forEach((m, j) => m.some((k) => chosen[k]![i]) && add(K + j));
  });
}

const mask = (keep: (org: number) => boolean) => Uint8Array.from(snapshot.orgIndex, (o) => (keep(o) ? 1 : 0));
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThan(1e-12);

function benchmarks(design: SurveyDesign, scoreMinBase = 10, snap: SurveySnapshot = snapshot): OrganisationBenchmarks {
  return computeOrganisationBenchmarks(snap, { design, interval: 'wilson', scoreMinBase });
}

describe('organisation benchmarks computed for every organisation at once', () => {
  it('benchmarks single, scale and multiple-choice questions, options then nets, and leaves out number and text questions', () => {
    const result = benchmarks(designs['no strata']!);
    expect(result.questions.map((q) => q.question.id)).toEqual(['scale', 'barriers']);
    expect(result.questions[0]!.categories.map((c) => c.code)).toEqual([...levels, 'positive', 'negative']);
    expect(result.questions[1]!.categories.map((c) => c.code)).toEqual(['culture', 'skills', 'cost', 'skills-or-cost']);
    expect(Array.from(result.respondents)).toEqual(orgIds.map((id) => orgSizes.get(id)));
    expect(result.peerGroups).toEqual(['council', 'department', 'agency']);
    expect(Array.from(result.peerGroupOrganisations)).toEqual([3, 2, 1]);
    expect(Array.from(result.peerGroupRespondents)).toEqual([71, 96, 12]);
  });

  describe.each(Object.entries(designs))('with %s', (_name, design) => {
    const result = benchmarks(design);

    it.each(['scale', 'barriers'])('gives each organisation the p̂ and variance of the per-domain estimator with the organisation as the domain (%s)', (id) => {
      const q = result.questions.find((x) => x.question.id === id)!;
      const K = q.categories.length;
      orgIds.forEach((_org, o) => {
        const expected = reference(design, columnOf(snapshot, id), mask((x) => x === o));
        expect(q.organisations.base[o]).toBe(expected.base);
        expect(Math.abs(q.organisations.weightedBase[o]! / expected.weightedBase - 1)).toBeLessThan(1e-12);
        expect(q.organisations.df[o]).toBe(expected.df);
        expected.categories.forEach((e, k) => {
          expect(q.organisations.count[o * K + k]).toBe(e.count);
          close(q.organisations.p[o * K + k]!, e.p);
          close(q.organisations.variance[o * K + k]!, e.variance);
        });
      });
    });

    it.each(['scale', 'barriers'])('gives each peer group and the sector the estimates of their domains (%s)', (id) => {
      const q = result.questions.find((x) => x.question.id === id)!;
      const K = q.categories.length;
      result.peerGroups.forEach((type, g) => {
        const expected = reference(design, columnOf(snapshot, id), mask((o) => types[o] === type));
        expect(q.peerGroups.base[g]).toBe(expected.base);
        expect(q.peerGroups.df[g]).toBe(expected.df);
        expected.categories.forEach((e, k) => {
          close(q.peerGroups.p[g * K + k]!, e.p);
          close(q.peerGroups.variance[g * K + k]!, e.variance);
        });
      });
      const everyone = reference(design, columnOf(snapshot, id), mask(() => true));
      expect(q.sector.base[0]).toBe(everyone.base);
      everyone.categories.forEach((e, k) => {
        close(q.sector.p[k]!, e.p);
        close(q.sector.variance[k]!, e.variance);
      });
    });

    it.each(['scale', 'barriers'])('derives the rest of the sector and the rest of the peer group without recomputing, equal to those domains (%s)', (id) => {
      const q = result.questions.find((x) => x.question.id === id)!;
      const K = q.categories.length;
      orgIds.forEach((_org, o) => {
        const restOfSector = reference(design, columnOf(snapshot, id), mask((x) => x !== o));
        const restOfPeers = reference(design, columnOf(snapshot, id), mask((x) => x !== o && types[x] === types[o]));
        expect(q.restOfSector.base[o]).toBe(restOfSector.base);
        expect(q.restOfPeerGroup.base[o]).toBe(restOfPeers.base);
        for (let k = 0; k < K; k++) {
          close(q.restOfSector.p[o * K + k]!, restOfSector.categories[k]!.p);
          close(q.restOfSector.variance[o * K + k]!, restOfSector.categories[k]!.variance);
          if (restOfPeers.base === 0) {
            expect(q.restOfPeerGroup.p[o * K + k]).toBeNaN();
            continue;
          }
          close(q.restOfPeerGroup.p[o * K + k]!, restOfPeers.categories[k]!.p);
          close(q.restOfPeerGroup.variance[o * K + k]!, restOfPeers.categories[k]!.variance);
        }
      });
    });
  });

  it('reproduces the oracle’s per-organisation and per-type estimates of the positive net', () => {
    const q = benchmarks(designs['strata by organisation with FPC (the oracle design)']!).questions[0]!;
    const K = q.categories.length;
    const positive = q.categories.findIndex((c) => c.code === 'positive');
    const byOrg = oracle.cases.strata_fpc.by_org;
    byOrg.org.forEach((id: string, i: number) => {
      const o = orgIds.indexOf(id);
      expect(Math.abs(q.organisations.p[o * K + positive]! - byOrg.p[i])).toBeLessThan(1e-9);
      expect(Math.abs(Math.sqrt(q.organisations.variance[o * K + positive]!) - byOrg.se[i])).toBeLessThan(1e-9);
    });
    const byType = oracle.cases.strata_fpc.by_type;
    const peerGroups = ['council', 'department', 'agency'];
    byType.type.forEach((type: string, i: number) => {
      const g = peerGroups.indexOf(type);
      expect(Math.abs(q.peerGroups.p[g * K + positive]! - byType.p[i])).toBeLessThan(1e-9);
      expect(Math.abs(Math.sqrt(q.peerGroups.variance[g * K + positive]!) - byType.se[i])).toBeLessThan(1e-9);
    });
    expect(Math.abs(q.sector.p[positive]! - oracle.cases.strata_fpc.positive.p)).toBeLessThan(1e-9);
  });

  it('takes the sector benchmark as the type 7 median and quartiles of the scores of organisations whose base reaches the minimum', () => {
    const q = benchmarks(designs['strata by organisation with FPC (the oracle design)']!, 10).questions[0]!;
    const K = q.categories.length;
    const scored = orgIds.map((_id, o) => o).filter((o) => orgSizes.get(orgIds[o]!)! >= 10);
    expect(scored.length).toBe(5);
    expect(q.scoredOrganisations).toBe(5);
    for (let k = 0; k < K; k++) {
      const expected = quartilesType7(scored.map((o) => q.organisations.p[o * K + k]!));
      expect(q.median[k]).toBe(expected.median);
      expect(q.lower[k]).toBe(expected.lower);
      expect(q.upper[k]).toBe(expected.upper);
    }
    expect(benchmarks(designs['no strata']!, 100).questions[0]!.median[0]).toBeNaN();
  });

  it('ranks an organisation into quartiles by score, 1 being the top quarter and ties going up', () => {
    expect(quartileOf(0.9, 0.2, 0.5, 0.7)).toBe(1);
    expect(quartileOf(0.7, 0.2, 0.5, 0.7)).toBe(1);
    expect(quartileOf(0.6, 0.2, 0.5, 0.7)).toBe(2);
    expect(quartileOf(0.5, 0.2, 0.5, 0.7)).toBe(2);
    expect(quartileOf(0.3, 0.2, 0.5, 0.7)).toBe(3);
    expect(quartileOf(0.1, 0.2, 0.5, 0.7)).toBe(4);
  });

  it('ranks an organisation where lower is better into quartiles, 1 being the lowest quarter and ties going up', () => {
    expect([0.1, 0.2, 0.3, 0.5, 0.6, 0.7, 0.9].map((score) => quartileOfLowerBetter(score, 0.2, 0.5, 0.7))).toEqual([1, 1, 2, 2, 3, 3, 4]);
  });

  it('gives a multiple-choice question with too many options to count by the set chosen the same estimates, option by option', () => {
    const many = validateDefinition({
      format: 1,
      id: 'many',
      title: 'Many options',
      questions: [
        {
          id: 'tools',
          type: 'multiple',
          text: 'Which tools?',
          base: 'substantive',
          options: [...Array.from({ length: 13 }, (_, k) => ({ code: `t${k}`, label: `Tool ${k}` })), { code: 'dk', label: "Don't know", nonSubstantive: true }],
          nets: [{ code: 'first-two', label: 'First two', options: ['t0', 't1'] }],
        },
      ],
    });
    if (!many.ok) throw new Error(JSON.stringify(many.problems));
    const manyRecords: RespondentRecord[] = rows.map((r, i) => ({ org: records[i]!.org, answers: { tools: i % 7 === 0 ? ['dk'] : [`t${i % 13}`, `t${(i * 5) % 13}`, ...(r.barrier_cost ? ['t0'] : [])] } }));
    const snap = buildSnapshot(many.definition, manyRecords);
    const design = createDesign({ n: snap.n, strata: rows.map((r) => r.type), weights: rows.map((_r, i) => 1 + (i % 4)) });
    const q = benchmarks(design, 10, snap).questions[0]!;
    const K = q.categories.length;
    snap.orgs.forEach((_org, o) => {
      const expected = reference(design, columnOf(snap, 'tools'), Uint8Array.from(snap.orgIndex, (x) => (x === o ? 1 : 0)));
      expect(q.organisations.base[o]).toBe(expected.base);
      expected.categories.forEach((e, k) => {
        expect(q.organisations.count[o * K + k]).toBe(e.count);
        close(q.organisations.p[o * K + k]!, e.p);
        close(q.organisations.variance[o * K + k]!, e.variance);
      });
    });
  });

  it('refuses clusters that span organisations', () => {
    const design = createDesign({ n: rows.length, clusters: rows.map((r) => r.type) });
    expect(() => benchmarks(design)).toThrow(/nested in organisations/);
  });
});

describe('an organisation’s benchmark figures', () => {
  const design = designs['strata by organisation with FPC (the oracle design)']!;
  const result = benchmarks(design);
  const reportOf = benchmarkReporter(result);
  const org4 = orgIds.indexOf('org-4');
  const org2 = orgIds.indexOf('org-2');
  const org3 = orgIds.indexOf('org-3');

  it('shows the organisation, its peer group and the sector as results estimates (percent 0–100, interval by the chosen method)', () => {
    const questions = reportOf(org4);
    const figure = questions[0]!.figures.find((f) => f.code === 'positive')!;
    const expected = reference(design, columnOf(snapshot, 'scale'), mask((o) => o === org4));
    const k = levels.length;
    const e = expected.categories[k]!;
    expect(figure.organisation).toMatchObject({ code: 'positive', label: 'Agree (net)', count: e.count, base: 61, suppressed: false });
    close(figure.organisation.percent! / 100, e.p);
    close(figure.organisation.se! / 100, Math.sqrt(e.variance));
    const ci = intervalMethods.wilson.interval({ p: e.p, variance: e.variance, n: 61, df: expected.df })!;
    close(figure.organisation.ci95![0] / 100, ci[0]);
    close(figure.organisation.ci95![1] / 100, ci[1]);
    expect(figure.peerGroup.base).toBe(96);
    expect(figure.sector.base).toBe(179);
    expect(figure.quantileType).toBe(7);
    expect(figure.scoredOrganisations).toBe(5);
    expect(figure.sectorMedian).toBeCloseTo(100 * result.questions[0]!.median[k]!, 12);
  });

  it('tests the organisation against the rest of the sector and the rest of its peer group, as testDifference does', () => {
    const figure = reportOf(org4)[0]!.figures.find((f) => f.code === 'positive')!;
    const k = levels.length;
    const own = reference(design, columnOf(snapshot, 'scale'), mask((o) => o === org4));
    const rest = reference(design, columnOf(snapshot, 'scale'), mask((o) => o !== org4));
    const peers = reference(design, columnOf(snapshot, 'scale'), mask((o) => o !== org4 && types[o] === 'department'));
    for (const [comparison, other, against] of [
      [figure.vsSector, rest, 'rest of the sector'],
      [figure.vsPeerGroup, peers, 'rest of the peer group'],
    ] as const) {
      const expected = testDifference({ p: other.categories[k]!.p, variance: other.categories[k]!.variance, n: other.base }, { p: own.categories[k]!.p, variance: own.categories[k]!.variance, n: own.base });
      if (expected.status === 'not-tested') throw new Error('expected a test');
      expect(comparison).toMatchObject({ against, status: expected.status });
      if (comparison?.status === 'not-tested' || !comparison) throw new Error('expected a test');
      close(comparison.difference / 100, expected.difference);
      close(comparison.z, expected.z);
      close(comparison.pValue, expected.pValue);
    }
  });

  it('does not test an organisation whose base is under 30, which is not the same as not significant', () => {
    const figure = reportOf(org2)[0]!.figures[0]!;
    expect(figure.vsSector).toEqual({ against: 'rest of the sector', status: 'not-tested', reason: 'base of 22 is under 30' });
  });

  it('does not score an organisation under the minimum base: no quartile', () => {
    expect(reportOf(org3)[0]!.figures.every((f) => f.quartile === null)).toBe(true);
    expect(reportOf(org4)[0]!.figures.every((f) => f.quartile !== null)).toBe(true);
  });

  it('has an empty estimate and no test for an organisation nobody in which answered the question', () => {
    const partial: RespondentRecord[] = records.map((r) => (r.org.id === 'org-6' ? { ...r, answers: { scale: r.answers.scale! } } : r));
    const snap = buildSnapshot(definition, partial);
    const report = benchmarkReporter(computeOrganisationBenchmarks(snap, { design: createDesign({ n: snap.n }), interval: 'wilson', scoreMinBase: 10 }));
    const figure = report(snap.orgs.findIndex((o) => o.id === 'org-6'))[1]!.figures[0]!;
    expect(figure.organisation).toMatchObject({ count: 0, percent: null, base: 0 });
    expect(figure.vsSector).toMatchObject({ status: 'not-tested', reason: 'no estimate to compare' });
    expect(figure.quartile).toBeNull();
  });
});
