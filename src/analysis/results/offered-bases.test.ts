import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../definition/load-definition.js';
import type { Definition } from '../../definition/schema.js';
import { createDesign } from '../design/survey-design.js';
import type { RespondentRecord } from '../snapshot/respondent-record.js';
import { buildSnapshot, type SurveySnapshot } from '../snapshot/survey-snapshot.js';
import type { ChoiceQuestionResult, NumberQuestionResult, SurveyResults } from './results-model.js';
import { computeResults } from './survey-results.js';

const loaded = validateDefinition({
  format: 1,
  id: 'pulse',
  title: 'Pulse',
  questions: [
    { id: 'tools', type: 'multiple', text: 'Which tools?', options: [{ code: 'email', label: 'Email' }, { code: 'chat', label: 'Chat' }, { code: 'video', label: 'Video' }], nets: [{ code: 'live', label: 'Live', options: ['chat', 'video'] }] },
    { id: 'mood', type: 'single', text: 'Mood?', options: [{ code: 'good', label: 'Good' }, { code: 'bad', label: 'Bad' }, { code: 'mixed', label: 'Mixed' }] },
    { id: 'team', type: 'number', text: 'Team size?', required: false },
  ],
});
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const definition: Definition = loaded.definition;

const a = { id: 'org-a', type: 'council', nation: 'England' };
const b = { id: 'org-b', type: 'department', nation: 'England' };
// Version 1 had no 'video' and no 'mixed', nor the team question; version 2 added them.
const records: RespondentRecord[] = [
  { org: a, definitionVersion: 1, answers: { tools: ['email'], mood: 'good' } },
  { org: a, definitionVersion: 1, answers: { tools: ['email', 'chat'], mood: 'bad' } },
  { org: b, definitionVersion: 1, answers: { tools: ['chat'], mood: 'good' } },
  { org: b, definitionVersion: 1, answers: { tools: ['email'], mood: 'good', team: 99 } },
  { org: a, definitionVersion: 2, answers: { tools: ['video'], mood: 'mixed', team: 4 } },
  { org: a, definitionVersion: 2, answers: { tools: ['email', 'video'], mood: 'good', team: 6 } },
  { org: b, definitionVersion: 2, answers: { tools: ['chat'], mood: 'mixed', team: 8 } },
  { org: b, definitionVersion: 2, answers: { tools: ['email'], mood: 'bad' } },
];
const introductions = {
  questions: { tools: 1, mood: 1, team: 2 },
  options: { tools: { email: 1, chat: 1, video: 2 }, mood: { good: 1, bad: 1, mixed: 2 } },
};

function results(snapshot: SurveySnapshot, by?: 'org.type'): SurveyResults {
  const design = createDesign({ n: snapshot.n });
  const options = { design, designSummary: { weights: 'none', strata: 'none', clusters: 'none', fpc: 'none' }, unit: 'respondents' as const, interval: 'wilson' as const, minBase: 1 };
  return computeResults(snapshot, by ? { ...options, by: { kind: 'org', attribute: 'type' } } : options).results;
}
const question = <T = ChoiceQuestionResult>(r: { questions: unknown[] }, id: string) => r.questions.find((q) => (q as { id: string }).id === id) as T;

describe('bases under definition versions', () => {
  const versioned = { ...buildSnapshot(definition, records), introductions };
  const r = results(versioned);

  it('counts an option added in version 2 only among respondents who answered version 2 or later', () => {
    const tools = question(r, 'tools');
    expect(tools.base).toBe(8);
    const video = tools.options.find((o) => o.code === 'video')!;
    expect([video.count, video.base, video.offeredFrom]).toEqual([2, 4, 2]);
    expect(video.percent).toBeCloseTo(50, 12);
    // A domain of the whole design (R: subset(design, version >= 2)), equal weights, no strata:
    // uᵢ = (yᵢ − p̂)/4 for the 4 respondents offered it, 0 for the others, V = 8/7 · Σuᵢ² (ū = 0).
    expect(video.se).toBeCloseTo(100 * Math.sqrt((8 / 7) * 4 * (0.5 / 4) ** 2), 12);
    // The options of version 1 keep the question's base of every respondent.
    const email = tools.options.find((o) => o.code === 'email')!;
    expect([email.count, email.base, email.offeredFrom]).toEqual([5, 8, undefined]);
    // A net with an option of version 2 is offered from version 2.
    expect(tools.nets[0]).toMatchObject({ code: 'live', count: 3, base: 4, offeredFrom: 2 });
  });

  it('does the same for a single-choice option', () => {
    const mood = question(r, 'mood');
    expect(mood.base).toBe(8);
    expect(mood.options.map((o) => [o.code, o.count, o.base])).toEqual([['good', 4, 8], ['bad', 2, 8], ['mixed', 2, 4]]);
  });

  it('bases a question added later on the respondents of its version, leaving out answers stored under an earlier one', () => {
    const team = question<NumberQuestionResult>(r, 'team');
    expect(team).toMatchObject({ base: 3, mean: 6, offeredFrom: 2 });
  });

  it('gives every group of a breakdown the same version-aware bases', () => {
    const byType = results(versioned, 'org.type');
    const council = byType.groups!.find((g) => g.key === 'council')!;
    const video = question(council, 'tools').options.find((o) => o.code === 'video')!;
    expect([video.count, video.base, video.offeredFrom]).toEqual([2, 2, 2]);
    expect(question(council, 'tools').base).toBe(4);
    const topVideo = question(byType, 'tools').options.find((o) => o.code === 'video')!;
    expect([topVideo.count, topVideo.base]).toEqual([2, 4]);
  });

  it('without versions, counts every respondent in every base as before', () => {
    const unversioned = buildSnapshot(definition, records.map(({ org, answers }) => ({ org, answers })));
    const video = question(results(unversioned), 'tools').options.find((o) => o.code === 'video')!;
    expect([video.count, video.base, video.offeredFrom]).toEqual([2, 8, undefined]);
  });
});
