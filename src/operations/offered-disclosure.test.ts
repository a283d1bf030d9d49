import { describe, expect, it } from 'vitest';
import { respondentSet } from '../analysis/respondent-sets/respondent-set.js';
import type { ChoiceQuestionResult, Estimate, SurveyResults } from '../analysis/results/results-model.js';
import type { RespondentRecord } from '../analysis/snapshot/respondent-record.js';
import { buildSnapshot, type SurveySnapshot } from '../analysis/snapshot/survey-snapshot.js';
import { validateDefinition } from '../definition/load-definition.js';
import type { Definition } from '../definition/schema.js';
import { MemoryDisclosureLedger, offeredGroupKey } from '../disclosure/disclosure-ledger.js';
import { allOrganisationBenchmarks } from './organisation-benchmark.js';
import { resultsFromSnapshot } from './survey-results.js';

/**
 * Disclosure control of figures a later definition version added (an option 'mixed' in version
 * 2): their bases are the respondents offered them, not the question's, so the complement rule,
 * secondary suppression and the disclosure ledger must look at those bases as groups of their own.
 * Each case here gave a few respondents' answers away by subtraction before they did.
 */
const loaded = validateDefinition({
  format: 1,
  id: 'pulse',
  title: 'Pulse',
  questions: [{ id: 'mood', type: 'single', text: 'Mood?', options: [{ code: 'good', label: 'Good' }, { code: 'bad', label: 'Bad' }, { code: 'mixed', label: 'Mixed' }] }],
});
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const definition: Definition = loaded.definition;
const introductions = { questions: { mood: 1 }, options: { mood: { good: 1, bad: 1, mixed: 2 } } };

// London boroughs lie inside the London region; so does org-b, a county in London.
const orgA = { id: 'org-a', type: 'london-borough', nation: 'England', region: 'London' };
const orgB = { id: 'org-b', type: 'county', nation: 'England', region: 'London' };
const orgC = { id: 'org-c', type: 'county', nation: 'England', region: 'South' };

/** 20 version 1 respondents of each organisation, then version 2's: `v2` of each. */
function snapshotOf(v2: { a: number; b: number; c: number }): SurveySnapshot {
  const records: RespondentRecord[] = [];
  for (const org of [orgA, orgB, orgC]) for (let i = 0; i < 20; i++) records.push({ org, definitionVersion: 1, answers: { mood: i % 3 === 0 ? 'bad' : 'good' } });
  for (const [org, n] of [[orgA, v2.a], [orgB, v2.b], [orgC, v2.c]] as const) for (let i = 0; i < n; i++) records.push({ org, definitionVersion: 2, answers: { mood: i % 2 === 0 ? 'mixed' : 'good' } });
  return { ...buildSnapshot(definition, records), introductions };
}

const mood = (r: { questions: unknown[] }) => r.questions[0] as ChoiceQuestionResult;
const option = (r: { questions: unknown[] }, code: string): Estimate => mood(r).options.find((o) => o.code === code)!;

describe('disclosure control of figures a later definition version added', () => {
  it('records their groups in the ledger apart from the question’s, and withholds one nested within a few respondents of one published earlier', () => {
    const snapshot = snapshotOf({ a: 19, b: 1, c: 20 });
    const ledger = new MemoryDisclosureLedger(10);
    const london = resultsFromSnapshot(definition, snapshot, { filter: 'org.region = London' }, undefined, ledger);
    expect(option(london, 'mixed')).toMatchObject({ base: 20, offeredFrom: 2, suppressed: false });
    expect(mood(london).base).toBe(60);
    // The London boroughs' 19 respondents offered 'mixed' are the London region's 20 less org-b's one:
    // both figures would give that respondent's answer away. The question's other figures (39 against 60) stay.
    const boroughs = resultsFromSnapshot(definition, snapshot, { filter: 'org.type = london-borough' }, undefined, ledger);
    expect(option(boroughs, 'mixed')).toMatchObject({ suppressed: true, count: null, offeredFrom: 2 });
    expect(option(boroughs, 'mixed').reason).toMatch(/^it differs by fewer than 10 respondents from a group published earlier \(org\.region = London\)/);
    expect(option(boroughs, 'good')).toMatchObject({ suppressed: false, base: 39 });
    expect(mood(boroughs).suppressed).toBe(false);
    // The question's own groups and the figures' groups are recorded under their own keys.
    const offeredLondon = respondentSet(Uint8Array.from({ length: snapshot.n }, (_, i) => (i >= 60 && i < 80 ? 1 : 0)));
    expect(ledger.conflict(offeredGroupKey('mood', 2), { ...offeredLondon, size: offeredLondon.size })).toBeUndefined();
    const less = respondentSet(Uint8Array.from({ length: snapshot.n }, (_, i) => (i >= 60 && i < 79 ? 1 : 0)));
    expect(ledger.conflict(offeredGroupKey('mood', 2), less)?.where).toBe('org.region = London');
    expect(ledger.conflict('mood', less)).toBeUndefined();
  });

  it('applies the complement rule to their own base within a filter, with or without a ledger', () => {
    // Of the 21 respondents offered 'mixed', 20 are in London boroughs: the figure for everyone less this one gives org-c's one respondent away.
    const snapshot = snapshotOf({ a: 20, b: 0, c: 1 });
    const boroughs = resultsFromSnapshot(definition, snapshot, { filter: 'org.type = london-borough' });
    expect(option(boroughs, 'mixed')).toMatchObject({ suppressed: true, count: null, offeredFrom: 2 });
    expect(option(boroughs, 'mixed').reason).toBe('a complementary group of the respondents offered it (from definition version 2) has fewer than 10 respondents, so the figure could be recovered by subtraction');
    expect(option(boroughs, 'good')).toMatchObject({ suppressed: false, base: 40 });
    expect(option(resultsFromSnapshot(definition, snapshot, {}), 'mixed')).toMatchObject({ suppressed: false, base: 21 });
  });

  it('hides them in the smallest other group too when a group hides them and the figure for everyone would give that group away', () => {
    const snapshot = snapshotOf({ a: 25, b: 3, c: 0 });
    const byRegion: SurveyResults = resultsFromSnapshot(definition, snapshot, { by: 'org.type' });
    const group = (key: string) => byRegion.groups!.find((g) => g.key === key)!;
    expect(option(byRegion, 'mixed')).toMatchObject({ suppressed: false, base: 28 });
    expect(option(group('county'), 'mixed')).toMatchObject({ suppressed: true, reason: 'fewer than 10 respondents were offered it (from definition version 2)' });
    // 28 less the boroughs' 25 would be the counties' 3.
    expect(option(group('london-borough'), 'mixed')).toMatchObject({ suppressed: true, reason: 'secondary suppression: it would reveal, by subtraction, a smaller suppressed group of the respondents offered it' });
    // The question's own figures in each group (40 and 43 respondents) stay.
    expect(option(group('london-borough'), 'good')).toMatchObject({ suppressed: false, base: 45 });
    expect(option(group('county'), 'good')).toMatchObject({ suppressed: false, base: 43 });
  });

  it('checks and records an organisation benchmark’s figures of them under their own key', () => {
    const snapshot = snapshotOf({ a: 19, b: 1, c: 20 });
    const ledger = new MemoryDisclosureLedger(10);
    const benchmarks = allOrganisationBenchmarks({ ...definition, disclosure: { ...definition.disclosure, minBase: 10 } }, snapshot);
    const report = benchmarks.reportFor('org-a', ledger)!;
    const mixed = report.questions[0]!.figures.find((f) => f.code === 'mixed')!;
    expect(mixed).toMatchObject({ offeredFrom: 2, organisation: { base: 19, suppressed: false }, sector: { base: 40, suppressed: false } });
    // The organisation's 19 respondents offered 'mixed' are now published: the London region's 20 would give org-b's one away.
    const london = resultsFromSnapshot(definition, snapshot, { filter: 'org.region = London' }, undefined, ledger);
    expect(option(london, 'mixed')).toMatchObject({ suppressed: true, offeredFrom: 2 });
    // (The peer group, org-a alone, is the same group, recorded first under its own name.)
    expect(option(london, 'mixed').reason).toMatch(/^it differs by fewer than 10 respondents from a group published earlier \(.*london-borough\)/);
    expect(option(london, 'good')).toMatchObject({ suppressed: false, base: 60 });
    // Without a ledger nothing is held against it.
    expect(option(resultsFromSnapshot(definition, snapshot, { filter: 'org.region = London' }), 'mixed')).toMatchObject({ suppressed: false, base: 20 });
  });
});
