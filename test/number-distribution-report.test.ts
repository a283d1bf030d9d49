import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { NumberQuestionResult } from '../src/analysis/results/results-model.js';
import { roundHalfUp } from '../src/analysis/results/round-half-up.js';
import { importDefinition } from '../src/operations/import-definition.js';
import { importRegister } from '../src/operations/import-register.js';
import { importResponsesCsv } from '../src/operations/import-responses.js';
import { publishRelease } from '../src/operations/publish-release.js';
import { createRelease } from '../src/operations/releases.js';
import { surveyReport, surveyReportHtml } from '../src/operations/survey-report.js';
import { surveyResults } from '../src/operations/survey-results.js';
import type { Store } from '../src/storage/store.js';
import { publicationRender } from '../src/web/reports/publication-render.js';
import { textOf } from './support/html-text.js';
import { staffPulseRegister } from './support/staff-pulse.js';
import { storeForEachTest } from './support/store-each-test.js';

/** Team sizes of 40 respondents: 20 from 1 to 20, 16 from 30 to 45 and 4 large teams of 100 to 115. */
const teamSizes = Array.from({ length: 40 }, (_, i) => (i < 20 ? 1 + i : i < 36 ? 30 + (i - 20) : 100 + (i - 36) * 5));

function responses(): string {
  const rows = ['org,role,strategy,strategy_stage,barriers,confidence,team_size,team,started,comments'];
  teamSizes.forEach((size, i) => rows.push([i % 2 ? 'pulse-a' : 'pulse-b', 'other', 'no', '', 'culture', 'very', size, 'valued=agree;informed=agree', '2024-01-15', ''].join(',')));
  return `${rows.join('\n')}\n`;
}

async function load(store: Store): Promise<void> {
  await importRegister(store, staffPulseRegister, 'staff-pulse-register.csv', 'cli:test');
  await importDefinition(store, readFileSync(join(process.cwd(), 'test', 'fixtures', 'bilingual-survey.yaml'), 'utf8'), 'bilingual-survey.yaml', 'cli:test');
  await importResponsesCsv(store, 'bilingual-survey', responses(), 'bilingual.csv', 'cli:test');
}

const teamSize = (questions: readonly { id: string }[]) => questions.find((q) => q.id === 'team_size') as NumberQuestionResult;
/** The report's results by question (its styles and data notes are elsewhere). */
const questionsPart = (html: string) => html.slice(html.indexOf('id="questions"'), html.indexOf('id="methodology"'));

describe.each(['sqlite', 'postgres'] as const)('a number question’s distribution chart (%s)', (dialect) => {
  let store: Store;
  storeForEachTest(dialect, async (opened) => {
    store = opened.store;
  });

  it('counts the answers in ranges, merging those with fewer respondents than the minimum base of 10', async () => {
    await load(store);
    const { distribution, min, max } = teamSize((await surveyResults(store, 'bilingual-survey')).questions);
    // Whole numbers 1–115 in ranges 20 wide: 0–19 (19), 20–39 (11), 40–59 (6), two empty, 100–119 (4); the last four merge.
    expect(distribution!.bins.map((b) => [b.from, b.to, b.count])).toEqual([
      [0, 20, 19],
      [20, 40, 11],
      [40, 120, 10],
    ]);
    expect(distribution!.bins.map((b) => b.count)).toEqual(distribution!.bins.map((b) => teamSizes.filter((v) => v >= b.from && v < b.to).length));
    expect(distribution!.merged).toBe(true);
    // Drafts for the survey team keep the lowest and highest answers.
    expect([min, max]).toEqual([1, 115]);
  });

  it('charts the ranges in canvass report, described for assistive technology, with the same figures in a table and no lowest or highest answer', async () => {
    await load(store);
    const section = (await surveyReport(store, 'bilingual-survey')).sections.find((s) => s.id === 'team_size')!;
    // Weighted percents (the design weights respondents by organisation), rounded as the table shows them.
    const percents = teamSize((await surveyResults(store, 'bilingual-survey')).questions).distribution!.bins.map((b) => roundHalfUp(b.percent));
    expect(section.chart).toMatchObject({
      id: 'question-team-size-distribution',
      title: 'About how many people work in your team?',
      bars: ['0 to 19', '20 to 39', '40 to 119'].map((label, i) => ({ label, value: percents[i] })),
    });
    expect(section.chart!.description).toContain('Percentage of respondents whose answer (people) is in each range');
    expect(section.chart!.description).toContain('merged with a neighbour');
    expect(section.chartTable!.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['0 to 19', `${percents[0]}%`, '19'],
      ['20 to 39', `${percents[1]}%`, '11'],
      ['40 to 119', `${percents[2]}%`, '10'],
    ]);
    const html = await surveyReportHtml(store, 'bilingual-survey');
    const svg = /<svg[^>]*aria-labelledby="question-team-size-distribution-title"[\s\S]*?<\/svg>/.exec(html)?.[0];
    expect(svg).toBeDefined();
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-describedby="question-team-size-distribution-desc"');
    expect(svg).toMatch(/<desc id="question-team-size-distribution-desc">Percentage of respondents whose answer/);
    for (const label of ['0 to 19', '20 to 39', '40 to 119']) expect(svg).toContain(label);
    const text = textOf(questionsPart(html));
    expect(text).toContain('About how many people work in your team?: answers by range (people)');
    expect(text).not.toMatch(/Lowest|Highest/);
  });

  it('publishes the same chart, and the published results withhold the lowest and highest answers', async () => {
    await load(store);
    await createRelease(store, 'bilingual-survey', { actor: 'cli:test' });
    await publishRelease(store, 'bilingual-survey', { actor: 'cli:test', render: publicationRender('bilingual-survey') });
    const page = await store.publishedPages.page('bilingual-survey', '');
    const published = gunzipSync(page!.gzipped).toString('utf8');
    expect(questionsPart(published)).toBe(questionsPart(await surveyReportHtml(store, 'bilingual-survey')));
    expect(published).toContain('aria-labelledby="question-team-size-distribution-title"');
    const released = teamSize((await surveyResults(store, 'bilingual-survey', { release: 0 })).questions);
    expect([released.min, released.max]).toEqual([null, null]);
    expect(released.distribution!.bins.map((b) => b.count)).toEqual([19, 11, 10]);
  });
});
