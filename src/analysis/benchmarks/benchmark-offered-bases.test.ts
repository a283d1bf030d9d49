import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../definition/load-definition.js';
import type { Definition } from '../../definition/schema.js';
import { createDesign } from '../design/survey-design.js';
import type { ChoiceQuestionResult, Estimate, SurveyResults } from '../results/results-model.js';
import { computeResults } from '../results/survey-results.js';
import type { RespondentRecord } from '../snapshot/respondent-record.js';
import { buildSnapshot, type SurveySnapshot } from '../snapshot/survey-snapshot.js';
import { benchmarkReporter, computeOrganisationBenchmarks, type BenchmarkFigure } from './organisation-benchmarks.js';

/**
 * Organisation benchmarks under definition versions: an option (and a net) added in version 2 is
 * benchmarked over the respondents offered it, and a question added in version 2 over version
 * 2's respondents, as `canvass results` bases them (analysis/results/offered-bases.ts). The
 * benchmark's organisation, peer group and sector figures are domains of the same design as the
 * results' by-organisation, by-type and topline figures, so they must agree with them exactly.
 */
const loaded = validateDefinition({
  format: 1,
  id: 'pulse',
  title: 'Pulse',
  questions: [
    { id: 'mood', type: 'single', text: 'Mood?', options: [{ code: 'good', label: 'Good' }, { code: 'bad', label: 'Bad' }, { code: 'mixed', label: 'Mixed' }], nets: [{ code: 'not-good', label: 'Not good', options: ['bad', 'mixed'] }] },
    { id: 'tools', type: 'multiple', text: 'Which tools?', options: [{ code: 'email', label: 'Email' }, { code: 'video', label: 'Video' }] },
    { id: 'channel', type: 'single', text: 'Channel?', options: [{ code: 'web', label: 'Web' }, { code: 'phone', label: 'Phone' }] },
  ],
});
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const definition: Definition = loaded.definition;

const orgs = [
  { id: 'org-a', type: 'council', nation: 'England' },
  { id: 'org-b', type: 'council', nation: 'England' },
  { id: 'org-c', type: 'department', nation: 'England' },
];
const moods = ['good', 'bad', 'good', 'good', 'bad', 'mixed', 'good', 'mixed', 'bad'];
// 36 respondents of version 1 (no 'mixed', no 'video', no channel question), then 90 of version 2 (30 an organisation: enough to be tested).
const records: RespondentRecord[] = [
  ...Array.from({ length: 36 }, (_, i): RespondentRecord => ({
    org: orgs[i % 3]!,
    definitionVersion: 1,
    // A version 1 answer to 'channel' (a question removed and added again by version 2) does not count.
    answers: { mood: i % 4 === 0 ? 'bad' : 'good', tools: ['email'], ...(i % 6 === 0 ? { channel: 'phone' } : {}) },
  })),
  ...Array.from({ length: 90 }, (_, i): RespondentRecord => ({
    org: orgs[(i * 7) % 3]!,
    definitionVersion: 2,
    answers: { mood: moods[i % moods.length]!, tools: i % 3 === 0 ? ['email', 'video'] : i % 3 === 1 ? ['video'] : ['email'], channel: i % 5 < 2 ? 'phone' : 'web' },
  })),
];
const introductions = {
  questions: { mood: 1, tools: 1, channel: 2 },
  options: { mood: { good: 1, bad: 1, mixed: 2 }, tools: { email: 1, video: 2 }, channel: { web: 2, phone: 2 } },
};
const snapshot: SurveySnapshot = { ...buildSnapshot(definition, records), introductions };

const design = createDesign({ n: snapshot.n });
const benchmarks = computeOrganisationBenchmarks(snapshot, { design, interval: 'wilson', scoreMinBase: 5 });
const reportOf = benchmarkReporter(benchmarks);
const resultsBy = (attribute?: 'id' | 'type'): SurveyResults => {
  const options = { design, designSummary: { weights: 'none', strata: 'none', clusters: 'none', fpc: 'none' }, unit: 'respondents' as const, interval: 'wilson' as const, minBase: 1 };
  return computeResults(snapshot, attribute ? { ...options, by: { kind: 'org', attribute } } : options).results;
};
const topline = resultsBy();
const byOrganisation = resultsBy('id');
const byType = resultsBy('type');

function categoryOf(results: { questions: unknown[] }, questionId: string, code: string): Estimate {
  const q = results.questions.find((x) => (x as { id: string }).id === questionId) as ChoiceQuestionResult;
  return [...q.options, ...q.nets].find((e) => e.code === code)!;
}
function figureOf(org: number, questionId: string, code: string): BenchmarkFigure {
  return reportOf(org)
    .find((q) => q.id === questionId)!
    .figures.find((f) => f.code === code)!;
}
function same(benchmark: Estimate, results: Estimate): void {
  expect(benchmark.base).toBe(results.base);
  expect(benchmark.count).toBe(results.count);
  expect(benchmark.offeredFrom).toBe(results.offeredFrom);
  expect(benchmark.percent).toBeCloseTo(results.percent!, 9);
  expect(benchmark.se).toBeCloseTo(results.se!, 9);
}
const offeredV2 = (org?: string) => records.filter((r) => r.definitionVersion === 2 && (org === undefined || r.org.id === org));

describe('organisation benchmarks under definition versions', () => {
  it('benchmarks an option and a net added in version 2 only over the respondents offered them, as results do, for the organisation, its peer group and the sector', () => {
    for (const [o, org] of orgs.entries()) {
      const group = (results: SurveyResults, key: string) => results.groups!.find((g) => g.key === key)!;
      for (const [question, code] of [['mood', 'mixed'], ['mood', 'not-good'], ['tools', 'video']] as const) {
        const figure = figureOf(o, question, code);
        expect(figure.offeredFrom).toBe(2);
        same(figure.organisation, categoryOf(group(byOrganisation, org.id), question, code));
        same(figure.peerGroup, categoryOf(group(byType, org.type), question, code));
        same(figure.sector, categoryOf(topline, question, code));
      }
      // An option of version 1 keeps the question's base: every respondent who answered.
      const good = figureOf(o, 'mood', 'good');
      expect(good.offeredFrom).toBeUndefined();
      same(good.organisation, categoryOf(group(byOrganisation, org.id), 'mood', 'good'));
      expect(good.sector.base).toBe(126);
    }
    // Counted from the rows: of version 2's 90 respondents, those who chose 'mixed'; not of all 126.
    const mixed = figureOf(0, 'mood', 'mixed');
    expect(mixed.sector).toMatchObject({ base: 90, count: offeredV2().filter((r) => r.answers.mood === 'mixed').length, offeredFrom: 2 });
    expect(mixed.organisation).toMatchObject({ base: offeredV2('org-a').length, count: offeredV2('org-a').filter((r) => r.answers.mood === 'mixed').length });
    expect(mixed.sector.percent).toBeCloseTo((100 * 20) / 90, 9);
  });

  it('takes the sector median and quartiles of a later option over the organisations scored on their offered base, and tests against the rest of the sector offered it', () => {
    const k = 2; // mood: mixed
    const offering = benchmarks.questions.find((q) => q.question.id === 'mood')!.offered!;
    expect(offering.map((o) => [o.since, o.categories])).toEqual([[2, [2, 3]]]);
    const scores = orgs.map((org) => offeredV2(org.id).filter((r) => r.answers.mood === 'mixed').length / offeredV2(org.id).length).sort((a, b) => a - b);
    const figure = figureOf(0, 'mood', 'mixed');
    expect(figure.scoredOrganisations).toBe(3);
    expect(figure.sectorMedian).toBeCloseTo(100 * scores[1]!, 9);
    expect(offering[0]!.figures.median[k]).toBeCloseTo(scores[1]!, 12);
    // Against the rest of the sector: the other organisations' version 2 respondents only.
    const restN = offeredV2().length - offeredV2('org-a').length;
    const restMixed = offeredV2().filter((r) => r.org.id !== 'org-a' && r.answers.mood === 'mixed').length;
    expect(figure.vsSector).not.toBeNull();
    if (figure.vsSector?.status === 'not-tested' || !figure.vsSector) throw new Error('expected a test');
    expect(figure.vsSector.difference).toBeCloseTo(figure.organisation.percent! - (100 * restMixed) / restN, 9);
  });

  it('benchmarks a question added in version 2 over version 2 respondents only, leaving out answers stored under version 1', () => {
    const phone = figureOf(2, 'channel', 'phone');
    expect(phone.offeredFrom).toBeUndefined();
    expect(phone.sector).toMatchObject({ base: 90, count: offeredV2().filter((r) => r.answers.channel === 'phone').length });
    same(phone.sector, categoryOf(topline, 'channel', 'phone'));
    expect(phone.organisation.base).toBe(offeredV2('org-c').length);
  });

  it('gives a snapshot without versions the figures it gave before: every respondent in every base', () => {
    const plain = buildSnapshot(definition, records);
    const figure = benchmarkReporter(computeOrganisationBenchmarks(plain, { design, interval: 'wilson', scoreMinBase: 5 }))(0).find((q) => q.id === 'mood')!.figures.find((f) => f.code === 'mixed')!;
    expect(figure.offeredFrom).toBeUndefined();
    expect(figure.sector.base).toBe(126);
  });
});
