import { describe, expect, it } from 'vitest';
import type { RespondentRecord } from '../analysis/snapshot/respondent-record.js';
import { rowIds, type RespondentSet } from '../analysis/respondent-sets/respondent-set.js';
import { buildSnapshot } from '../analysis/snapshot/survey-snapshot.js';
import { validateDefinition } from '../definition/load-definition.js';
import { MemoryDisclosureLedger } from '../disclosure/disclosure-ledger.js';
import { CanvassError } from '../errors/canvass-error.js';
import { allOrganisationBenchmarks } from './organisation-benchmark.js';

const loaded = validateDefinition({
  format: 1,
  id: 'mini',
  title: 'Mini survey',
  notice: 'Test data',
  disclosure: { minBase: 5 },
  questions: [
    { id: 'ready', type: 'single', text: 'Ready?', options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }] },
    { id: 'note', type: 'text', text: 'Anything else?', required: false },
  ],
  // Peer groups are of the register's type; their labels are the register's.
  register: { attributes: [{ id: 'type', label: 'Type', type: 'category', options: [{ code: 'london-borough', label: 'London borough' }, { code: 'county-council', label: 'County council' }, { code: 'welsh-council', label: 'Welsh council' }] }, { id: 'nation', label: 'Nation', type: 'text' }] },
});
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const definition = loaded.definition;

const orgs = {
  a: { id: 'org-a', name: 'Org A', type: 'london-borough', nation: 'England', headcount: 100 },
  b: { id: 'org-b', name: 'Org B', type: 'london-borough', nation: 'England', headcount: 80 },
  c: { id: 'org-c', name: 'Org C', type: 'welsh-council', nation: 'Wales', headcount: 60 },
};
const records: RespondentRecord[] = [
  ...Array.from({ length: 12 }, (_, i) => ({ org: orgs.a, answers: { ready: i % 3 === 0 ? 'no' : 'yes' } })),
  ...Array.from({ length: 8 }, (_, i) => ({ org: orgs.b, answers: { ready: i % 2 === 0 ? 'no' : 'yes' } })),
  ...Array.from({ length: 3 }, () => ({ org: orgs.c, answers: { ready: 'yes' } })),
];
const snapshot = buildSnapshot(definition, records);

describe('benchmarking every organisation of a snapshot in one go', () => {
  const all = allOrganisationBenchmarks(definition, snapshot);

  it('makes one report per organisation with responses, in the snapshot’s order', () => {
    const reports = [...all.reports()];
    expect(reports.map((r) => r.organisation.id)).toEqual(['org-a', 'org-b', 'org-c']);
    expect(reports[1]).toEqual(all.reportFor('org-b'));
    expect(all.reportFor('org-z')).toBeUndefined();
  });

  it('describes the organisation, its peer group, the sector, the design and the minimum base', () => {
    const report = all.reportFor('org-a')!;
    expect(report).toMatchObject({
      survey: 'mini',
      title: 'Mini survey',
      notice: 'Test data',
      organisation: { id: 'org-a', name: 'Org A', type: 'london-borough', typeLabel: 'London borough' },
      respondents: 12,
      peerGroup: { type: 'london-borough', label: 'London borough', organisations: 2, respondents: 20 },
      sector: { organisations: 3, respondents: 23 },
      design: { strata: 'org.id', fpc: 'org.headcount' },
      interval: 'wilson',
      unit: 'respondents',
      minBase: 5,
    });
    expect(report.questions.map((q) => q.id)).toEqual(['ready']);
    expect(report.questions[0]!.figures.map((f) => f.code)).toEqual(['yes', 'no']);
  });

  it('applies the survey’s disclosure control: its minimum base for the organisation’s own figures', () => {
    expect(all.reportFor('org-a')!.questions[0]!.figures[0]!.organisation.suppressed).toBe(false);
    const small = all.reportFor('org-c')!.questions[0]!.figures[0]!;
    expect(small.organisation).toMatchObject({ suppressed: true, percent: null, reason: 'fewer than 5 respondents in the organisation answered' });
    expect(small.peerGroup).toMatchObject({ suppressed: true, reason: 'fewer than 5 respondents in the peer group answered' });
    expect(small.sector.suppressed).toBe(false);
  });

  it('scores organisations that reach the minimum base for the sector median', () => {
    const figure = all.reportFor('org-a')!.questions[0]!.figures[0]!;
    expect(figure.scoredOrganisations).toBe(2);
    expect(figure.sectorMedian).toBeCloseTo((100 * (8 / 12) + 100 * (4 / 8)) / 2, 12);
  });

  it('gives the respondents in the bases of an organisation’s figures, for a disclosure ledger', () => {
    const rows = (set: RespondentSet) => [...rowIds(set)];
    const a = all.baseSetsFor('org-a')!;
    expect(Object.keys(a)).toEqual(['ready']);
    expect(rows(a['ready']!.organisation)).toEqual([...Array(12).keys()]);
    expect([a['ready']!.organisation.size, a['ready']!.peerGroup.size, a['ready']!.sector.size]).toEqual([12, 20, 23]);
    const c = all.baseSetsFor('org-c')!['ready']!;
    expect(rows(c.organisation)).toEqual([20, 21, 22]);
    expect(rows(c.peerGroup)).toEqual([20, 21, 22]);
    expect(all.baseSetsFor('org-z')).toBeUndefined();
  });

  it('records what every report releases in a ledger, and withholds what nests too closely with a group in it', () => {
    const ledger = new MemoryDisclosureLedger(5);
    const reports = [...all.reports(ledger)];
    expect(reports).toEqual([...all.reports()]);
    // The sector, Org A and Org B; not Org C (3), nor the peer groups (Welsh councils: 3; the
    // sector outside the London boroughs: 3).
    expect(ledger.size).toBe(3);
    // A group of Org A and two of Org B's respondents, published before: Org A is inside it by 2.
    const earlier = new MemoryDisclosureLedger(5);
    const members = new Uint32Array(1);
    for (let i = 0; i < 14; i++) members[0]! |= 1 << i;
    earlier.record({ questionId: 'ready', form: 'bits', members, size: 14, rows: snapshot.n, where: 'org.region = Somewhere' });
    const figure = all.reportFor('org-a', earlier)!.questions[0]!.figures[0]!;
    expect(figure.organisation).toMatchObject({ suppressed: true, reason: 'it differs by fewer than 5 respondents from a group published earlier (org.region = Somewhere), so their answers could be recovered by subtraction' });
    expect([figure.quartile, figure.vsSector, figure.vsPeerGroup]).toEqual([null, null, null]);
    expect(figure.sector.suppressed).toBe(false);
  });

  it('takes names from the names given, else from the snapshot’s organisations', () => {
    expect(allOrganisationBenchmarks(definition, snapshot, {}, new Map([['org-a', 'Renamed']])).reportFor('org-a')!.organisation.name).toBe('Renamed');
  });

  it('uses the design options of results, and refuses bad ones as user errors', () => {
    const report = allOrganisationBenchmarks(definition, snapshot, { unit: 'organisations', interval: 'beta' }).reportFor('org-a')!;
    expect(report).toMatchObject({ unit: 'organisations', interval: 'beta', design: { clusters: 'org.id' } });
    expect(() => allOrganisationBenchmarks(definition, snapshot, { strata: 'org.colour' })).toThrow(CanvassError);
  });
});
