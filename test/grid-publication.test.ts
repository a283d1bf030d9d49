import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importDefinition } from '../src/operations/import-definition.js';
import { importResponsesCsv } from '../src/operations/import-responses.js';
import { importRegister } from '../src/operations/import-register.js';
import { publishRelease } from '../src/operations/publish-release.js';
import { createRelease } from '../src/operations/releases.js';
import { surveyReport, surveyReportHtml } from '../src/operations/survey-report.js';
import type { Store } from '../src/storage/store.js';
import { buildWebApp } from '../src/web/app.js';
import { publicationRender } from '../src/web/reports/publication-render.js';
import { textOf } from './support/html-text.js';
import { loadStaffPulse, staffPulseRegister } from './support/staff-pulse.js';
import { storeForEachTest } from './support/store-each-test.js';

const statements = ['I feel valued by my team', 'I am kept informed about changes', 'My workload is manageable'];

async function publish(store: Store, surveyId: string): Promise<void> {
  await createRelease(store, surveyId, { actor: 'cli:test' });
  await publishRelease(store, surveyId, { actor: 'cli:test', render: publicationRender(surveyId) });
}

async function publishedPage(store: Store, surveyId: string, path: string): Promise<string> {
  const page = await store.publishedPages.page(surveyId, path);
  if (!page) throw new Error(`no published page '${path}' of ${surveyId}`);
  return gunzipSync(page.gzipped).toString('utf8');
}

/** The report's results by question: from its heading to the methodology's (what it says of its data and styles are elsewhere). */
function questionsPart(html: string): string {
  return html.slice(html.indexOf('id="questions"'), html.indexOf('id="methodology"'));
}

function svgsOf(html: string): string[] {
  return html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
}

/** Every element id is unique and has no dot (a dot is no character of an SVG id, and breaks CSS selectors). */
function expectSoundIds(html: string, page: string): void {
  const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!);
  expect(ids.length, page).toBeGreaterThan(0);
  expect(ids.filter((id) => id.includes('.')), page).toEqual([]);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i), page).toEqual([]);
}

/** 40 responses to the bilingual survey: statement valued agreed with by odd respondents, informed by all. */
function bilingualResponses(): string {
  const rows = ['org,role,strategy,strategy_stage,barriers,confidence,team_size,team,started,comments'];
  for (let i = 0; i < 40; i++) rows.push([i % 2 ? 'pulse-a' : 'pulse-b', 'other', 'no', '', 'culture', 'very', 5 + i, `valued=${i % 2 ? 'agree' : 'disagree'};informed=agree`, '2024-01-15', ''].join(','));
  return `${rows.join('\n')}\n`;
}

describe.each(['sqlite', 'postgres'] as const)('publishing a survey with a grid (%s)', (dialect) => {
  let store: Store;
  storeForEachTest(dialect, async (opened) => {
    store = opened.store;
  });

  it('publishes the report canvass report makes: one chart for the grid with a bar per statement, the same figures, every id unique and dot-free', async () => {
    await loadStaffPulse(store);
    await publish(store, 'staff-pulse');
    const published = await publishedPage(store, 'staff-pulse', '');
    const draft = await surveyReportHtml(store, 'staff-pulse');
    // Drawn from the same data, the results read alike to the byte: charts, tables and findings.
    expect(questionsPart(published)).toBe(questionsPart(draft));
    const charts = (await surveyReport(store, 'staff-pulse')).sections.flatMap((s) => (s.chart ? [s.chart.id] : []));
    expect(charts).toEqual(['question-team-chart', 'question-started-chart']);
    const svgs = svgsOf(published);
    expect(svgs.map((svg) => /aria-labelledby="([^"]*)-title"/.exec(svg)?.[1])).toEqual(charts);
    // The grid's one chart has a bar per statement, labelled with its text, at the report's 33%.
    const grid = svgs[0]!;
    for (const statement of statements) expect(grid).toContain(statement);
    expect(grid.match(/>33%</g)?.length).toBe(3);
    expectSoundIds(published, 'survey report');
  });

  it('publishes every organisation a benchmark page with each statement, and the statements in the codebook', async () => {
    await loadStaffPulse(store);
    await publish(store, 'staff-pulse');
    for (const org of ['pulse-a', 'pulse-b']) {
      const page = await publishedPage(store, 'staff-pulse', `organisations/${org}`);
      for (const statement of statements) expect(textOf(page)).toContain(statement);
      expectSoundIds(page, org);
    }
    const codebook = await publishedPage(store, 'staff-pulse', 'open-data/codebook.csv');
    for (const [id, statement] of [['valued', statements[0]], ['informed', statements[1]], ['workload', statements[2]]]) {
      expect(codebook).toContain(`team.${id},scale,How much do you agree with each statement about your team: ${statement},net,agreeing,Agree or strongly agree,,strongly-agree;agree`);
    }
    const app = await buildWebApp({ store });
    try {
      for (const url of ['/reports/staff-pulse', '/reports/staff-pulse/organisations', '/reports/staff-pulse/organisations/pulse-a', '/reports/staff-pulse/open-data/codebook.csv']) {
        const response = await app.inject({ url });
        expect(response.statusCode, url).toBe(200);
      }
    } finally {
      await app.close();
    }
  });

  it("publishes a grid's question and statements in each of the survey's languages, as canvass report --language does", async () => {
    await importRegister(store, staffPulseRegister, 'staff-pulse-register.csv', 'cli:test');
    await importDefinition(store, readFileSync(join(process.cwd(), 'test', 'fixtures', 'bilingual-survey.yaml'), 'utf8'), 'bilingual-survey.yaml', 'cli:test');
    await importResponsesCsv(store, 'bilingual-survey', bilingualResponses(), 'bilingual.csv', 'cli:test');
    await publish(store, 'bilingual-survey');
    const welsh = await publishedPage(store, 'bilingual-survey', 'languages/cy');
    expect(questionsPart(welsh)).toBe(questionsPart(await surveyReportHtml(store, 'bilingual-survey', { language: 'cy' })));
    const text = textOf(welsh);
    for (const welshText of ['I ba raddau ydych chi’n cytuno â phob datganiad am eich tîm', 'Rwy’n teimlo bod fy nhîm yn fy ngwerthfawrogi', 'Rwy’n cael gwybod am newidiadau']) expect(text).toContain(welshText);
    for (const english of ['How much do you agree with each statement about your team', 'I feel valued by my team', 'I am kept informed about changes']) expect(welsh).not.toContain(english);
    expectSoundIds(welsh, 'Welsh survey report');
  });
});
