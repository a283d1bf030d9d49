import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../definition/load-definition.js';
import { wholeBase } from '../results/analyse-question.js';
import { benchmarkBaseSets, benchmarkBaseSizes } from './benchmark-base-sets.js';
import { computeOrganisationBenchmarks } from './organisation-benchmarks.js';
import type { RespondentRecord } from '../snapshot/respondent-record.js';
import { rowIds } from '../respondent-sets/respondent-set.js';
import { createDesign } from '../design/survey-design.js';
import { buildSnapshot, columnOf } from '../snapshot/survey-snapshot.js';

const loaded = validateDefinition({
  format: 1,
  id: 'sets',
  title: 'Base sets',
  questions: [
    { id: 'ready', type: 'single', text: 'Ready?', required: false, options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }] },
    { id: 'tools', type: 'multiple', text: 'Tools?', required: false, options: [{ code: 'email', label: 'Email' }, { code: 'chat', label: 'Chat' }] },
    { id: 'mood', type: 'scale', text: 'Mood?', required: false, options: [{ code: 'good', label: 'Good' }, { code: 'bad', label: 'Bad' }] },
  ],
});
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const definition = loaded.definition;

const orgs = [
  { id: 'org-a', name: 'Org A', type: 'london-borough', nation: 'England' },
  { id: 'org-b', name: 'Org B', type: 'london-borough', nation: 'England' },
  { id: 'org-c', name: 'Org C', type: 'welsh-council', nation: 'Wales' },
  { id: 'org-d', name: 'Org D', type: 'welsh-council', nation: 'Wales' },
];
// 3,000 respondents, organisations interleaved in arrival order, each question left unanswered
// by a different pattern of respondents: every question has its own base.
const records: RespondentRecord[] = Array.from({ length: 3000 }, (_, i) => {
  const answers: Record<string, unknown> = {};
  if (i % 3 !== 0) answers['ready'] = i % 2 === 0 ? 'yes' : 'no';
  if (i % 5 !== 1) answers['tools'] = i % 4 === 0 ? ['email', 'chat'] : ['chat'];
  if (i % 7 > 1) answers['mood'] = i % 3 === 0 ? 'good' : 'bad';
  return { org: orgs[(i * 7 + (i >> 4)) % 4]!, answers } as RespondentRecord;
});
const snapshot = buildSnapshot(definition, records);
const benchmarks = computeOrganisationBenchmarks(snapshot, { design: createDesign({ n: snapshot.n }), interval: 'wilson', scoreMinBase: 10 });

/** The rows in a question's base belonging to the organisations of `orgIndexes`: what the sets should hold, counted plainly. */
function expected(questionId: string, orgIndexes: number[]): number[] {
  const base = wholeBase(columnOf(snapshot, questionId));
  return [...Array(snapshot.n).keys()].filter((i) => base[i] && orgIndexes.includes(snapshot.orgIndex[i]!));
}

describe('the base sets of every organisation’s benchmark figures', () => {
  const setsOf = benchmarkBaseSets(snapshot, benchmarks);
  const position = (id: string) => snapshot.orgs.findIndex((o) => o.id === id);
  const peers = { 'london-borough': ['org-a', 'org-b'].map(position), 'welsh-council': ['org-c', 'org-d'].map(position) };

  it('holds, per question, the organisation’s, its peer group’s and the sector’s respondents in that question’s base', () => {
    for (const org of orgs) {
      const o = position(org.id);
      const sets = setsOf(o);
      expect(Object.keys(sets)).toEqual(['ready', 'tools', 'mood']);
      for (const [questionId, set] of Object.entries(sets)) {
        expect([...rowIds(set.organisation)], `${org.id} ${questionId}`).toEqual(expected(questionId, [o]));
        expect([...rowIds(set.peerGroup)], `${org.id} ${questionId}`).toEqual(expected(questionId, peers[org.type as keyof typeof peers]));
        expect([...rowIds(set.sector)], questionId).toEqual(expected(questionId, [0, 1, 2, 3]));
        expect(set.organisation.size).toBe(set.organisation.form === 'ids' ? set.organisation.members.length : rowIds(set.organisation).length);
      }
    }
  });

  it('keeps an organisation’s sets as row ids when small, and shares the peer group’s and sector’s', () => {
    // 3,000 rows: a bitset of 94 words; organisations of some 750 respondents are larger as bitsets.
    const a = setsOf(position('org-a'));
    expect(a['ready']!.organisation.form).toBe('bits');
    expect(setsOf(position('org-b'))['ready']!.peerGroup).toBe(a['ready']!.peerGroup);
    expect(setsOf(position('org-c'))['ready']!.sector).toBe(a['ready']!.sector);
  });

  it('gives every organisation’s, peer group’s and sector’s base size per question without making the sets', () => {
    const sizes = benchmarkBaseSizes(snapshot, benchmarks);
    for (const [questionId, list] of sizes) {
      const fromSets = [
        ...orgs.map((org) => setsOf(position(org.id))[questionId]!.organisation.size),
        ...Object.values(peers).map((members) => expected(questionId, members).length),
        expected(questionId, [0, 1, 2, 3]).length,
      ];
      expect([...list].sort((x, y) => x - y), questionId).toEqual(fromSets.sort((x, y) => x - y));
    }
  });
});

describe('an organisation’s sets of a large snapshot', () => {
  it('are row ids: a few respondents among many', () => {
    const many: RespondentRecord[] = Array.from({ length: 4000 }, (_, i) => ({ org: orgs[i % 50 === 0 ? 0 : 1 + (i % 3)]!, answers: { ready: 'yes' } }) as RespondentRecord);
    const big = buildSnapshot(definition, many);
    const sets = benchmarkBaseSets(big, computeOrganisationBenchmarks(big, { design: createDesign({ n: big.n }), interval: 'wilson', scoreMinBase: 10 }))(big.orgs.findIndex((o) => o.id === 'org-a'));
    expect(sets['ready']!.organisation).toMatchObject({ form: 'ids', size: 80, rows: 4000 });
    expect([...sets['ready']!.organisation.members]).toEqual([...Array(80).keys()].map((k) => 50 * k));
    expect(sets['ready']!.sector.form).toBe('bits');
  });
});
