import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../definition/expression/parse.js';
import { validateDefinition } from '../../definition/load-definition.js';
import type { Definition } from '../../definition/schema.js';
import type { ChoiceQuestionResult, NumberQuestionResult } from './results-model.js';
import type { RespondentRecord } from '../snapshot/respondent-record.js';
import { rowIds, type RespondentSet } from '../respondent-sets/respondent-set.js';
import { auditWithoutBreakdownQuestion, computeResults as compute, withoutBreakdownQuestion, type ResultsOptions } from './survey-results.js';
import { createDesign } from '../design/survey-design.js';
import { buildSnapshot, type SurveySnapshot } from '../snapshot/survey-snapshot.js';

const loaded = validateDefinition({
  format: 1,
  id: 'mini',
  title: 'Mini survey',
  notice: 'Test data',
  questions: [
    { id: 'mood', type: 'scale', text: 'Mood?', options: [{ code: 'good', label: 'Good' }, { code: 'ok', label: 'OK' }, { code: 'bad', label: 'Bad' }, { code: 'dk', label: "Don't know", nonSubstantive: true }], nets: [{ code: 'not-bad', label: 'Not bad', options: ['good', 'ok'] }] },
    { id: 'mood_sub', type: 'single', text: 'Mood (substantive base)?', base: 'substantive', required: false, options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }, { code: 'dk', label: "Don't know", nonSubstantive: true }] },
    { id: 'tools', type: 'multiple', text: 'Tools?', options: [{ code: 'email', label: 'Email' }, { code: 'chat', label: 'Chat' }, { code: 'none', label: 'None', exclusive: true }] },
    { id: 'staff', type: 'number', text: 'Staff?', required: false, min: 0 },
    { id: 'why', type: 'text', text: 'Why?', required: false },
  ],
});
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const definition: Definition = loaded.definition;

const london = { id: 'org-l', type: 'london-borough', nation: 'England', region: 'London' };
const wales = { id: 'org-w', type: 'welsh-council', nation: 'Wales' };
const records: RespondentRecord[] = [
  { org: london, answers: { mood: 'good', mood_sub: 'yes', tools: ['email', 'chat'], staff: 10, why: 'x' } },
  { org: london, answers: { mood: 'good', mood_sub: 'dk', tools: ['email'], staff: 20 } },
  { org: london, answers: { mood: 'bad', mood_sub: 'no', tools: ['none'] } },
  { org: wales, answers: { mood: 'ok', tools: ['chat'], staff: 40 } },
  { org: wales, answers: { mood: 'dk', mood_sub: 'yes', tools: ['email', 'chat'] } },
];
const snapshot = buildSnapshot(definition, records);

const equal = { weights: 'none', strata: 'none', clusters: 'none', fpc: 'none' };
function computeResults(snap: SurveySnapshot, options: Partial<ResultsOptions> = {}) {
  return compute(snap, { design: createDesign({ n: snap.n }), designSummary: equal, unit: 'respondents', interval: 'wilson', minBase: 1, ...options }).results;
}

function question<T = ChoiceQuestionResult>(results: { questions: unknown[] }, id: string): T {
  return results.questions.find((q) => (q as { id: string }).id === id) as T;
}

describe('survey results (first cut)', () => {
  const results = computeResults(snapshot);

  it('counts respondents and organisations and names the interval method', () => {
    expect(results).toMatchObject({ survey: 'mini', title: 'Mini survey', notice: 'Test data', respondents: 5, organisations: 2, filter: null, by: null, unit: 'respondents', interval: 'wilson', design: equal });
  });

  it('gives each option its count and percent of a base that includes Don’t know by default', () => {
    const mood = question(results, 'mood');
    expect(mood.base).toBe(5);
    expect(mood.options.map((o) => [o.code, o.count])).toEqual([['good', 2], ['ok', 1], ['bad', 1], ['dk', 1]]);
    expect(mood.options[0]!.percent).toBeCloseTo(40, 12);
    expect(mood.options[0]!.ci95![0]).toBeLessThan(40);
    expect(mood.options[0]!.ci95![1]).toBeGreaterThan(40);
  });

  it('computes nets as proportions like any other', () => {
    expect(question(results, 'mood').nets).toEqual([expect.objectContaining({ code: 'not-bad', label: 'Not bad', count: 3, base: 5, suppressed: false })]);
    expect(question(results, 'mood').nets[0]!.percent).toBeCloseTo(60, 12);
  });

  it('leaves non-substantive answers out of a substantive base', () => {
    const q = question(results, 'mood_sub');
    expect(q.base).toBe(3);
    expect(q.options.find((o) => o.code === 'yes')!.percent).toBeCloseTo((2 / 3) * 100, 12);
    expect(q.options.find((o) => o.code === 'dk')!.count).toBe(0);
  });

  it('gives multi-select options as percent of respondents, which may add up to more than 100', () => {
    const tools = question(results, 'tools');
    expect(tools.base).toBe(5);
    expect(tools.options.map((o) => o.count)).toEqual([3, 3, 1]);
    expect(tools.options.reduce((s, o) => s + o.percent!, 0)).toBeGreaterThan(100);
  });

  it('describes numbers with mean, median, minimum and maximum over those who answered', () => {
    expect(question<NumberQuestionResult>(results, 'staff')).toMatchObject({ base: 3, median: 20, min: 10, max: 40 });
    expect(question<NumberQuestionResult>(results, 'staff').mean).toBeCloseTo(70 / 3, 12);
  });

  it('counts text answers without giving their content', () => {
    expect(question(results, 'why')).toMatchObject({ id: 'why', type: 'text', text: 'Why?', base: 1 });
    expect(JSON.stringify(question(results, 'why'))).not.toContain('"x"');
  });

  it('applies a filter as a domain: bases shrink to the filtered respondents', () => {
    const filtered = computeResults(snapshot, { filter: { source: 'tools includes email', expression: parseExpression('tools includes email') } });
    expect(filtered.filter).toBe('tools includes email');
    expect(filtered.respondents).toBe(3);
    expect(filtered.organisations).toBe(2);
    expect(question(filtered, 'mood').options.map((o) => o.count)).toEqual([2, 0, 0, 1]);
  });

  it('gives null percent and interval when a base is empty', () => {
    const none = computeResults(snapshot, { filter: { source: 'mood = bad and mood = good', expression: parseExpression('mood = bad and mood = good') } });
    expect(none.respondents).toBe(0);
    expect(question(none, 'mood').options[0]).toMatchObject({ count: 0, percent: null, ci95: null, se: null });
    expect(question<NumberQuestionResult>(none, 'staff')).toMatchObject({ base: 0, mean: null });
  });

  it('breaks results down by an organisation attribute, with labels', () => {
    const byType = computeResults(snapshot, { by: { kind: 'org', attribute: 'type' }, groupLabels: { 'london-borough': 'London borough' } });
    expect(byType.by).toBe('org.type');
    expect(byType.groups!.map((g) => [g.key, g.label, g.respondents])).toEqual([
      ['london-borough', 'London borough', 3],
      ['welsh-council', 'welsh-council', 2],
    ]);
    expect(question(byType.groups![1]!, 'mood').options.map((o) => o.count)).toEqual([0, 1, 0, 1]);
  });

  it('breaks results down by a question, in option order, leaving out empty groups', () => {
    const byMood = computeResults(snapshot, { by: { kind: 'question', id: 'mood' } });
    expect(byMood.groups!.map((g) => [g.key, g.respondents])).toEqual([['good', 2], ['ok', 1], ['bad', 1], ['dk', 1]]);
  });

  it('puts respondents whose organisation has no value for the attribute in a last group, "Not stated"', () => {
    const byRegion = computeResults(snapshot, { by: { kind: 'org', attribute: 'region' } });
    expect(byRegion.groups!.map((g) => [g.key, g.label, g.respondents])).toEqual([
      ['London', 'London', 3],
      ['not-stated', 'Not stated', 2],
    ]);
    expect(question(byRegion.groups![1]!, 'mood').options.map((o) => o.count)).toEqual([0, 1, 0, 1]);
    expect(question(byRegion.groups![1]!, 'mood').options[0]!.comparison).toMatchObject({ against: 'rest' });
  });

  it('puts respondents who did not answer the breakdown question in a last group, "Not stated"', () => {
    const bySub = computeResults(snapshot, { by: { kind: 'question', id: 'mood_sub' } });
    expect(bySub.groups!.map((g) => [g.key, g.label, g.respondents])).toEqual([
      ['yes', 'Yes', 2],
      ['no', 'No', 1],
      ['dk', "Don't know", 1],
      ['not-stated', 'Not stated', 1],
    ]);
    expect(bySub.groups!.reduce((sum, g) => sum + g.respondents, 0)).toBe(bySub.respondents);
  });

  it('does not analyse the breakdown question against itself: its groups are not compared or tested, and are left out after disclosure control', () => {
    const many = buildSnapshot(definition, Array.from({ length: 80 }, (_, i) => records[i % records.length]!));
    const { results, audit } = compute(many, { design: createDesign({ n: many.n }), designSummary: equal, unit: 'respondents', interval: 'wilson', minBase: 1, by: { kind: 'question', id: 'mood' }, baseSets: true });
    expect(question(results, 'mood').test).toBeUndefined();
    for (const group of results.groups!) expect(question(group, 'mood').options.every((o) => o.comparison === undefined)).toBe(true);
    // The other questions are compared and tested as before; disclosure control sees the groups of mood as any.
    expect(question(results.groups![0]!, 'mood_sub').options[0]!.comparison).toMatchObject({ against: 'rest' });
    expect(question(results, 'mood_sub').test).toMatchObject({ method: 'Rao–Scott F (svychisq)' });
    expect(audit.baseSets!.groups.map((sets) => sets['mood']!.size)).toEqual(results.groups!.map((g) => g.respondents));
    // Left out of what is shown, they are left out of what a disclosure ledger checks and records.
    const audited = auditWithoutBreakdownQuestion(results, audit);
    expect(audited.baseSets!.groups.every((sets) => !('mood' in sets) && 'tools' in sets)).toBe(true);
    expect(audited.baseSets!.topline['mood']).toBe(audit.baseSets!.topline['mood']);
    const shown = withoutBreakdownQuestion(results);
    expect(shown.questions.map((q) => q.id)).toEqual(results.questions.map((q) => q.id));
    expect(shown.groups!.map((g) => g.questions.map((q) => q.id))).toEqual(results.groups!.map(() => ['mood_sub', 'tools', 'staff', 'why']));
    // Broken down by something else, every question stays in every group.
    const byType = computeResults(snapshot, { by: { kind: 'org', attribute: 'type' } });
    expect(withoutBreakdownQuestion(byType)).toBe(byType);
  });

  it('combines a breakdown with a filter', () => {
    const result = computeResults(snapshot, { filter: { source: 'org.nation = Wales', expression: parseExpression('org.nation = Wales') }, by: { kind: 'question', id: 'mood' } });
    expect(result.groups!.map((g) => [g.key, g.respondents])).toEqual([['ok', 1], ['dk', 1]]);
  });

  it('returns the respondents in each figure’s base for a disclosure ledger only when asked', () => {
    const options = { design: createDesign({ n: snapshot.n }), designSummary: equal, unit: 'respondents' as const, interval: 'wilson' as const, minBase: 1 };
    const query = { filter: { source: 'tools includes email', expression: parseExpression('tools includes email') }, by: { kind: 'org' as const, attribute: 'type' } };
    expect(compute(snapshot, { ...options, ...query }).audit.baseSets).toBeUndefined();
    const { results, audit } = compute(snapshot, { ...options, ...query, baseSets: true });
    const rows = (set: RespondentSet | undefined) => [...rowIds(set!)];
    // Email: respondents 0, 1 and 4; mood_sub's base leaves out 1 (don't know); staff's has 0 and 1.
    expect(rows(audit.baseSets!.topline['mood'])).toEqual([0, 1, 4]);
    expect(rows(audit.baseSets!.topline['mood_sub'])).toEqual([0, 4]);
    expect(rows(audit.baseSets!.topline['staff'])).toEqual([0, 1]);
    expect(results.groups!.map((g) => g.key)).toEqual(['london-borough', 'welsh-council']);
    expect(rows(audit.baseSets!.groups[0]!['mood'])).toEqual([0, 1]);
    expect(rows(audit.baseSets!.groups[1]!['why'])).toEqual([]);
    for (const q of results.questions) expect(audit.baseSets!.topline[q.id]!.size, q.id).toBe(q.base);
  });
});

describe('survey results with a design', () => {
  it('gives the design-based standard error in percentage points, with n − 1', () => {
    const mood = question(computeResults(snapshot), 'mood');
    const p = 0.4;
    expect(mood.options[0]!.se).toBeCloseTo(100 * Math.sqrt((p * (1 - p)) / 4), 10);
  });

  it('weights figures and reports the Kish effective base and design effect', () => {
    const weighted = computeResults(snapshot, { design: createDesign({ n: 5, weights: [3, 1, 1, 1, 1] }) });
    const mood = question(weighted, 'mood');
    expect(mood.options[0]!.percent).toBeCloseTo((100 * 4) / 7, 10);
    expect(mood.weightedBase).toBe(7);
    expect(mood.effectiveBase).toBeCloseTo(49 / 13, 10);
    expect(mood.designEffect).toBeCloseTo(5 / (49 / 13), 10);
  });

  it('compares each group with the rest, and does not test bases under 30', () => {
    const byNation = computeResults(snapshot, { by: { kind: 'org', attribute: 'nation' } });
    const wales = byNation.groups!.find((g) => g.key === 'Wales')!;
    expect(question(wales, 'mood').options[0]!.comparison).toEqual({ against: 'rest', status: 'not-tested', reason: expect.stringMatching(/under 30/) });
    expect(question(byNation, 'mood').test).toMatchObject({ status: 'not-tested' });
  });

  it('names the interval method and uses it', () => {
    const logit = computeResults(snapshot, { interval: 'logit' });
    expect(logit.interval).toBe('logit');
    expect(logit.intervalLabel).toMatch(/logit/i);
    expect(question(logit, 'mood').options[0]!.ci95).not.toEqual(question(computeResults(snapshot), 'mood').options[0]!.ci95);
  });
});

describe('"Not stated" groups and disclosure control', () => {
  // `stage` is asked only of those with a strategy.
  const staged = validateDefinition({
    format: 1,
    id: 'staged',
    title: 'Staged',
    questions: [
      { id: 'strategy', type: 'single', text: 'Strategy?', options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }, { code: 'dk', label: "Don't know" }] },
      { id: 'stage', type: 'single', text: 'Stage?', showIf: 'strategy = yes', options: [{ code: 'early', label: 'Early' }, { code: 'late', label: 'Late' }] },
    ],
  });
  if (!staged.ok) throw new Error(JSON.stringify(staged.problems));
  const answers = [
    ...Array.from({ length: 30 }, (_, i) => ({ strategy: 'yes', stage: i % 2 === 0 ? 'early' : 'late' })),
    ...Array.from({ length: 20 }, () => ({ strategy: 'no' })),
    ...Array.from({ length: 3 }, () => ({ strategy: 'dk' })),
  ];
  const orgs = [london, wales, { id: 'org-x', type: 'executive-agency', nation: 'UK' }];

  it('leaves out of every group of a question only those it was not asked, and puts those asked who did not answer in "Not stated"', () => {
    const skipped = buildSnapshot(staged.definition, [...answers, { strategy: 'yes' }].map((a, i) => ({ org: orgs[i % 3]!, answers: a })));
    const { results } = compute(skipped, { design: createDesign({ n: skipped.n }), designSummary: equal, unit: 'respondents', interval: 'wilson', minBase: 10, by: { kind: 'question', id: 'stage' } });
    // Those without a strategy were not asked the stage: outside its base, and outside every group.
    expect(results.groups!.map((g) => [g.key, g.respondents])).toEqual([['early', 15], ['late', 15], ['not-stated', 1]]);
    expect(results.respondents).toBe(54);
  });

  it('holds the "Not stated" group of an organisation attribute against the other attributes’ "Not stated" groups', () => {
    // No region: the agency's 20 respondents; no parent: those and the council's 3. Each "Not stated"
    // group is published by its own breakdown, and one minus the other gives away the council's 3.
    const borough = { ...london, parent: 'dept' };
    const agency = { id: 'agency', type: 'executive-agency', nation: 'UK' };
    const council = { id: 'council', type: 'welsh-council', nation: 'Wales', region: 'Wales' };
    const placed = buildSnapshot(staged.definition, answers.map((a, i) => ({ org: i < 30 ? borough : i < 50 ? agency : council, answers: a })));
    const { results, audit: byRegion } = compute(placed, { design: createDesign({ n: placed.n }), designSummary: equal, unit: 'respondents', interval: 'wilson', minBase: 10, by: { kind: 'org', attribute: 'region' } });
    expect(results.groups!.map((g) => [g.key, g.respondents])).toEqual([['London', 30], ['Wales', 3], ['not-stated', 20]]);
    expect(byRegion.nearGroups['strategy']).toEqual({ 2: 'org.parent = not-stated' });
  });
});
