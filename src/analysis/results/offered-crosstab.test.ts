import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../definition/load-definition.js';
import type { Definition } from '../../definition/schema.js';
import { createDesign } from '../design/survey-design.js';
import type { RespondentRecord } from '../snapshot/respondent-record.js';
import { buildSnapshot, type SurveySnapshot } from '../snapshot/survey-snapshot.js';
import type { ChoiceQuestionResult } from './results-model.js';
import { computeResults } from './survey-results.js';

/**
 * The cross-tab test (Rao–Scott) of a question one of whose options a later definition version
 * added runs on the respondents offered every option: version 1's respondents could not choose
 * 'mixed', so counting them compares the groups' mixes of versions as much as their answers.
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

const council = { id: 'org-a', type: 'council', nation: 'England' };
const department = { id: 'org-b', type: 'department', nation: 'England' };
const v2Moods = ['good', 'bad', 'mixed', 'good', 'mixed'];

/** 100 version 1 respondents (mostly councils, mostly 'good'), then version 2's, `perGroup` in each type. */
function fieldwork(perGroup: number): RespondentRecord[] {
  return [
    ...Array.from({ length: 100 }, (_, i): RespondentRecord => ({ org: i < 90 ? council : department, definitionVersion: 1, answers: { mood: i % 10 === 0 ? 'bad' : 'good' } })),
    ...Array.from({ length: 2 * perGroup }, (_, i): RespondentRecord => ({ org: i % 2 === 0 ? council : department, definitionVersion: 2, answers: { mood: v2Moods[(i >> 1) % v2Moods.length]! } })),
  ];
}

function testOf(snapshot: SurveySnapshot): ChoiceQuestionResult['test'] {
  const design = createDesign({ n: snapshot.n });
  const options = { design, designSummary: { weights: 'none', strata: 'none', clusters: 'none', fpc: 'none' }, unit: 'respondents' as const, interval: 'wilson' as const, minBase: 1, by: { kind: 'org', attribute: 'type' } as const };
  return (computeResults(snapshot, options).results.questions[0] as ChoiceQuestionResult).test;
}

describe('the cross-tab test of a question with an option added later', () => {
  it('tests only the respondents offered every option, as the same table with earlier answers left out, and says so', () => {
    const records = fieldwork(40);
    const test = testOf({ ...buildSnapshot(definition, records), introductions });
    // The oracle: the same respondents, with version 1's answers to the question left out by hand.
    const offeredOnly = testOf(buildSnapshot(definition, records.map((r) => (r.definitionVersion === 1 ? { ...r, answers: {} } : r))));
    const everyone = testOf(buildSnapshot(definition, records));
    if (!test || 'status' in test || !offeredOnly || 'status' in offeredOnly || !everyone || 'status' in everyone) throw new Error('expected three tests');
    expect(test.offeredFrom).toBe(2);
    expect(test.statistic).toBeCloseTo(offeredOnly.statistic, 12);
    expect(test.pValue).toBeCloseTo(offeredOnly.pValue, 12);
    expect(test.df).toEqual(offeredOnly.df);
    // Version 2 answers the same in both groups: no difference, where counting version 1 finds one.
    expect(test.pValue).toBeGreaterThan(0.5);
    expect(everyone.pValue).toBeLessThan(0.01);
  });

  it('does not test when a group has too few respondents offered every option, saying why', () => {
    const test = testOf({ ...buildSnapshot(definition, fieldwork(20)), introductions });
    expect(test).toEqual({ method: 'Rao–Scott F (svychisq)', status: 'not-tested', reason: 'the base of council among the respondents offered every option (from definition version 2 on) is 20, under 30', offeredFrom: 2 });
  });
});
