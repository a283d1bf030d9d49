import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../definition/expression/parse.js';
import { validateDefinition } from '../../definition/load-definition.js';
import type { Answers } from '../../definition/schema.js';
import { createDesign, type SurveyDesign } from '../design/survey-design.js';
import { answeredMask, filterMask } from '../snapshot/filter-mask.js';
import { buildSnapshot, columnOf, type SurveySnapshot } from '../snapshot/survey-snapshot.js';
import { raoScottTest } from '../tests/rao-scott-test.js';
import { analyseColumn, type AnalyseContext } from './analyse-question.js';
import { compareWithRest } from './compare-with-rest.js';
import type { GroupResult, QuestionResult } from './results-model.js';
import { computeResults } from './survey-results.js';

// A cross-tab is computed in one pass per question; here each group, and the rest beside it, is
// analysed the slow way — as a domain of its own, respondent by respondent — and the two must agree.

const loaded = validateDefinition({
  format: 1,
  id: 'crosstab',
  title: 'Cross-tab',
  questions: [
    { id: 'mood', type: 'scale', text: 'Mood?', required: false, options: [{ code: 'good', label: 'Good' }, { code: 'ok', label: 'OK' }, { code: 'bad', label: 'Bad' }, { code: 'dk', label: "Don't know", nonSubstantive: true }], nets: [{ code: 'not-bad', label: 'Not bad', options: ['good', 'ok'] }] },
    { id: 'sure', type: 'single', text: 'Sure?', base: 'substantive', required: false, options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }, { code: 'dk', label: "Don't know", nonSubstantive: true }] },
    { id: 'tools', type: 'multiple', text: 'Tools?', required: false, options: [{ code: 'email', label: 'Email' }, { code: 'chat', label: 'Chat' }, { code: 'wiki', label: 'Wiki' }, { code: 'none', label: 'None', exclusive: true, nonSubstantive: true }], nets: [{ code: 'talk', label: 'Email or chat', options: ['email', 'chat'] }] },
    { id: 'rare', type: 'multiple', text: 'Rare?', required: false, base: 'substantive', options: [{ code: 'x', label: 'X' }, { code: 'dk', label: "Don't know", nonSubstantive: true }] },
    { id: 'staff', type: 'number', text: 'Staff?', required: false, min: 0 },
    { id: 'why', type: 'text', text: 'Why?', required: false },
  ],
});
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const definition = loaded.definition;

/** A small seeded generator, so the data (and any failure) is the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function survey(): SurveySnapshot {
  const next = random(2024);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const types = ['county-council', 'district-council', 'welsh-council', 'executive-agency'];
  const orgs = Array.from({ length: 24 }, (_, k) => ({
    id: `org-${k}`,
    type: types[k % types.length]!,
    nation: k % types.length === 2 ? 'Wales' : 'England',
    ...(k % 3 === 0 ? {} : { region: pick(['North', 'South']) }),
    headcount: 200 + 7 * k,
  }));
  // Sizes from 1 (a stratum of one) to about 60, so groups pass and miss the testing minimum.
  const records = orgs.flatMap((org, k) =>
    Array.from({ length: k % 7 === 0 ? 1 : 4 + Math.floor(60 * next()) }, () => {
      const answers: Answers = {};
      const lean = k % 4;
      if (next() < 0.92) answers.mood = pick(['good', 'good', 'ok', 'bad', 'dk', ...(lean === 1 ? ['bad', 'bad'] : ['good'])]);
      if (next() < 0.85) answers.sure = pick(['yes', 'no', 'dk', ...(lean === 0 ? ['yes'] : [])]);
      if (next() < 0.9) {
        const chosen = ['email', 'chat', 'wiki'].filter(() => next() < 0.35 + 0.1 * lean);
        answers.tools = chosen.length > 0 ? chosen : ['none'];
      }
      if (next() < 0.5) answers.rare = [pick(['x', 'dk'])];
      if (next() < 0.7) answers.staff = Math.floor(40 * next());
      if (next() < 0.3) answers.why = 'because';
      return { org, answers };
    }),
  );
  // Respondents arrive mixed, not organisation by organisation.
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [records[i], records[j]] = [records[j]!, records[i]!];
  }
  return buildSnapshot(definition, records);
}

const snapshot = survey();
const n = snapshot.n;
const orgOf = Array.from(snapshot.orgIndex, (p) => snapshot.orgs[p]!);
const weights = Array.from({ length: n }, (_, i) => 0.5 + ((i * 7919) % 13) / 6);
const designs: Record<string, SurveyDesign> = {
  'strata by organisation with FPC (N_h/n_h weights)': createDesign({ n, strata: orgOf.map((o) => o.id), population: orgOf.map((o) => o.headcount!) }),
  'one stratum, unequal weights': createDesign({ n, weights }),
  'strata by type, unequal weights': createDesign({ n, strata: orgOf.map((o) => String(o.type)), weights }),
  'organisations as clusters, each weighing the same': createDesign({ n, clusters: orgOf.map((o) => o.id), weights: orgOf.map((o) => 1 / snapshot.orgIndex.filter((p) => snapshot.orgs[p] === o).length) }),
  'strata by nation, organisations as clusters': createDesign({ n, strata: orgOf.map((o) => String(o.nation)), clusters: orgOf.map((o) => o.id), weights }),
};
const breakdowns = { 'org.type': { kind: 'org', attribute: 'type' }, 'org.region': { kind: 'org', attribute: 'region' }, mood: { kind: 'question', id: 'mood' } } as const;
const filters = [undefined, 'tools includes email', 'not (sure = yes)'];

/** A group's respondents, by the breakdown's field, within the filter. */
function groupMask(by: (typeof breakdowns)[keyof typeof breakdowns], key: string, domain: Uint8Array): Uint8Array {
  const expression = by.kind === 'org' ? `org.${by.attribute} = '${key}'` : `${by.id} = ${key}`;
  // "Not stated": those with no value.
  const mask = key === 'not-stated' ? answeredMask(snapshot, by).map((v) => v ^ 1) : filterMask(snapshot, parseExpression(expression));
  for (let i = 0; i < n; i++) mask[i] = mask[i]! & domain[i]!;
  return mask;
}

const close = (actual: unknown, expected: unknown, where: string) => {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected)) expect(actual, where).toBeNaN();
    else expect(Math.abs(actual - expected) / Math.max(1, Math.abs(expected)), where).toBeLessThan(1e-9);
  } else if (expected !== null && typeof expected === 'object') {
    expect(typeof actual, where).toBe('object');
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual as object)]);
    for (const key of keys) close((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${where}.${key}`);
  } else expect(actual, where).toEqual(expected);
};

describe('the cross-tab in one pass per question', () => {
  let tested = 0;
  const cases = Object.entries(designs).flatMap(([name, design]) => Object.entries(breakdowns).flatMap(([by, field]) => filters.map((filter) => [name, by, filter ?? 'no filter', design, field, filter] as const)));

  it.each(cases)('gives each group, its comparison with the rest and the Rao–Scott test as analysing each as a domain would (%s, by %s, %s)', (_name, _by, _filter, design, by, filter) => {
    const equal = { weights: 'given', strata: 'given', clusters: 'given', fpc: 'given' };
    const { results } = computeResults(snapshot, { design, designSummary: equal, unit: 'respondents', interval: 'wilson', minBase: 1, by, ...(filter ? { filter: { source: filter, expression: parseExpression(filter) } } : {}) });
    const domain = filterMask(snapshot, filter ? parseExpression(filter) : undefined);
    const context: AnalyseContext = { design, interval: 'wilson', weighted: design.weights.some((w) => w !== design.weights[0]) };
    const groups = results.groups!;
    expect(groups.length).toBeGreaterThan(1);
    const masks = groups.map((g) => groupMask(by, g.key, domain));
    groups.forEach((group: GroupResult, g) => {
      const rest = domain.map((d, i) => d & (masks[g]![i]! ^ 1));
      expect(group.respondents).toBe(masks[g]!.reduce((s, v) => s + v, 0));
      group.questions.forEach((question: QuestionResult, q) => {
        const column = columnOf(snapshot, question.id);
        const expected = analyseColumn(column, masks[g]!, context).result;
        // The breakdown question is not compared with itself.
        if (by.kind !== 'question' || by.id !== question.id) compareWithRest(expected, analyseColumn(column, rest, context).result);
        close(question, expected, `${group.key} ${question.id}[${q}]`);
      });
    });
    for (const question of results.questions) {
      const column = columnOf(snapshot, question.id);
      close({ ...question, test: undefined }, analyseColumn(column, domain, context).result, `everyone ${question.id}`);
      if (question.type !== 'single' && question.type !== 'scale') continue;
      if (by.kind === 'question' && by.id === question.id) {
        expect(question.test).toBeUndefined();
        continue;
      }
      const test = question.test!;
      if ('status' in test) continue;
      const inBase = analyseColumn(column, domain, context).inBase;
      const groupOf = new Int32Array(n).fill(-1);
      masks.forEach((mask, g) => mask.forEach((v, i) => v && (groupOf[i] = g)));
      const codes = column.kind === 'choice' ? column.codes : new Int16Array(n);
      const expected = raoScottTest(design, Int32Array.from(codes, (c, i) => (inBase[i] && groupOf[i]! >= 0 ? c : -1)), Int32Array.from(groupOf, (g, i) => (inBase[i] ? g : -1)));
      close(test, { method: test.method, statistic: expected.f.statistic, df: expected.f.df, pValue: expected.f.pValue }, `test of ${question.id}`);
      tested++;
    }
  });

  it('has Rao–Scott tests among those cases, not only groups too small to test', () => {
    expect(tested).toBeGreaterThan(20);
  });
});
