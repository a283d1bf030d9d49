import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signInAsAdmin, testApp, titleOf, WebClient } from '../../../test/support/web-client.js';
import { publishRelease } from '../../operations/publish-release.js';
import { createRelease, releaseLabel } from '../../operations/releases.js';
import { benchmarkReport, surveyReport } from '../../operations/survey-report.js';
import { writtenAnswers } from '../../operations/written-answers.js';
import type { Store } from '../../storage/store.js';
import { reportStylesheetHrefs } from '../static-assets.js';
import { publicationRender } from './publication-render.js';
import { reportPaths } from './report-paths.js';
import { webReportHtml } from './send-report.js';
import { textOf } from '../../../test/support/html-text.js';

let app: FastifyInstance;
let store: Store;
let close: () => Promise<void>;
let admin: WebClient;
let anonymous: WebClient;

const survey = 'digital-gap-2017';
const publicReport = `/reports/${survey}`;
const organisationsPage = `${publicReport}/organisations`;
const kent = `${organisationsPage}/kent-county-council`;
const openData = (file: string) => `${publicReport}/open-data/${file}`;
const openDataFiles = ['aggregates.csv', 'codebook.csv', 'datapackage.json'];
const adminReport = `/admin/surveys/${survey}/report`;
const keyFinding = '38% of respondents believe their organisation is missing out on key opportunities to embrace digital (base: all 235 respondents).';
const draftLabel = 'Draft: live data, not released';
/** What a page of release 1 says its figures are of, in its "Data" row. */
const release1 = /Data Release 1 of \d{1,2} \w+ \d{4}, wave 2017: 235 responses/;
const button = (text: string) => new RegExp(`<button[^>]*>\\s*${text}\\s*</button>`);

/**
 * Publishes the newest release as the admin's button does, making release 1 first if there is
 * none. Its pages are made the first time it is published; after that (unpublished in between)
 * publishing shows them again as they were made.
 */
async function publish(): Promise<void> {
  if ((await store.releases.list(survey)).length === 0) await createRelease(store, survey, { actor: 'cli:test' });
  await publishRelease(store, survey, { actor: 'cli:test', render: publicationRender(survey) });
}

function expectNotFoundPage(response: { statusCode: number; body: string }): void {
  expect(response.statusCode).toBe(404);
  expect(titleOf(response.body)).toBe('Page not found – Canvass');
  expect(response.body).not.toMatch(/at .*\.ts:\d+|Error:|stack/);
}

/** Every page and file of the publication a reader can get. */
const publicPages = [publicReport, organisationsPage, kent, ...openDataFiles.map(openData)];

const ledgerRows = async () => Number((await store.db.selectFrom('disclosure_ledger').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

// One app for the file: signing in hashes a password, which is slow on purpose. Releases are
// never deleted, so the file's first test is the one that sees the survey without any.
beforeAll(async () => {
  ({ app, store, close } = await testApp({ rateLimits: { signIn: { max: 1000, timeWindow: 60_000 } } }));
  admin = new WebClient(app);
  await signInAsAdmin(admin);
});
afterAll(() => close());
beforeEach(async () => {
  await store.publishedReports.unpublish(survey);
  anonymous = new WebClient(app);
});

describe('releasing and publishing from the admin', () => {
  it('releases the data, publishes the release with a banner and a link to the public page, then unpublishes', async () => {
    const page = await admin.get(adminReport);
    expect(page.statusCode).toBe(200);
    expect(titleOf(page.body)).toMatch(/^Releases and publication – /);
    expect(textOf(page.body)).toMatch(/Published Not published/);
    expect(textOf(page.body)).toMatch(/Responses now 235 /);
    expect(textOf(page.body)).toContain('There are no releases yet.');
    expect(page.body).toMatch(button('Release the data as it is now'));
    expect(page.body).not.toMatch(/Publish release \d/);
    expect(page.body).not.toContain('Unpublish report');
    expect(page.body).toContain(`href="${adminReport}/preview"`);

    // Publishing before there is a release publishes nothing: there is no release to publish.
    const early = await admin.post(`${adminReport}/publish`);
    expect(early.statusCode).toBe(404);
    expect(await store.publishedReports.isPublished(survey)).toBe(false);

    await admin.get(adminReport);
    const released = await admin.post(`${adminReport}/release`, { note: 'fieldwork closed' });
    expect(released.statusCode).toBe(303);
    expect(released.headers.location).toBe(`${adminReport}?done=released&release=1`);
    const made = await admin.follow(released);
    expect(made.body).toContain('govuk-notification-banner--success');
    expect(textOf(made.body)).toContain('Release 1 is made. Publish it to show it to readers.');
    expect(textOf(made.body)).toMatch(/Release Made Responses Held back Note 1 \d{1,2} \w+ \d{4} 235 0 fieldwork closed/);
    expect(textOf(made.body)).toMatch(/Responses now 235, 0 since release 1/);
    expect(textOf(made.body)).toMatch(/Published Not published/);
    expect(made.body).toMatch(button('Publish release 1'));
    expect(made.body).not.toContain('Unpublish report');
    expect(await store.releases.list(survey)).toEqual([expect.objectContaining({ number: 1, responses: 235, heldBack: [], note: 'fieldwork closed', createdBy: 'lead@example.gov.uk' })]);
    // Releasing publishes nothing.
    expectNotFoundPage(await anonymous.get(publicReport));

    const published = await admin.post(`${adminReport}/publish`);
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe(`${adminReport}?done=published&release=1`);
    const after = await admin.follow(published);
    expect(after.body).toContain('govuk-notification-banner--success');
    expect(textOf(after.body)).toContain('Release 1 is published. Anyone can read it without signing in.');
    expect(textOf(after.body)).toMatch(/Published Release 1, since \d{1,2} \w+ \d{4}/);
    expect(textOf(after.body)).toContain(`Public address ${publicReport}`);
    expect(textOf(after.body)).toMatch(/Note 1 \(published\) \d{1,2} \w+ \d{4} 235 0 fieldwork closed/);
    expect(after.body).toContain(`href="${publicReport}"`);
    // The newest release is the one published: nothing more to publish.
    expect(after.body).not.toMatch(/Publish release \d/);
    expect(after.body).toMatch(button('Unpublish report'));
    expect(await store.publishedReports.get(survey)).toMatchObject({ publishedBy: 'lead@example.gov.uk', release: 1, responses: 235 });
    expect((await anonymous.get(publicReport)).statusCode).toBe(200);

    const unpublished = await admin.post(`${adminReport}/unpublish`);
    expect(unpublished.headers.location).toBe(`${adminReport}?done=unpublished`);
    const back = await admin.follow(unpublished);
    expect(textOf(back.body)).toContain('The report is no longer published.');
    expect(textOf(back.body)).toMatch(/Published Not published/);
    expect(back.body).toMatch(button('Publish release 1'));
    expect(back.body).not.toContain('Unpublish report');
    expect(await store.publishedReports.isPublished(survey)).toBe(false);
    // The release stays, to be published again.
    expect((await store.releases.list(survey)).map((r) => r.number)).toEqual([1]);
  });

  it('shows no banner for what was not done, or is no longer true', async () => {
    for (const query of ['done=published&release=1', 'done=updated&release=1', 'done=released&release=9', 'done=published', 'done=released']) {
      const page = await admin.get(`${adminReport}?${query}`);
      expect(page.body, query).not.toContain('govuk-notification-banner');
    }
    await publish();
    expect((await admin.get(`${adminReport}?done=unpublished`)).body).not.toContain('govuk-notification-banner');
    expect((await admin.get(`${adminReport}?done=published&release=2`)).body).not.toContain('govuk-notification-banner');
  });

  it('lists each survey’s report status on the surveys page, with a link to its report page', async () => {
    expect(textOf((await admin.get('/admin')).body)).toMatch(/Report Not published/);
    await publish();
    const list = await admin.get('/admin');
    expect(textOf(list.body)).toContain(`Report Published at ${publicReport}`);
    expect(list.body).toContain(`href="${adminReport}"`);
  });

  it('refuses to release, publish or unpublish without the page’s CSRF token', async () => {
    const releases = (await store.releases.list(survey)).length;
    await admin.get(adminReport);
    expect((await admin.post(`${adminReport}/release`, {}, { csrf: false })).statusCode).toBe(403);
    expect(await store.releases.list(survey)).toHaveLength(releases);
    const forged = await admin.post(`${adminReport}/publish`, {}, { csrf: false });
    expect(forged.statusCode).toBe(403);
    expect(await store.publishedReports.isPublished(survey)).toBe(false);
    await publish();
    expect((await admin.post(`${adminReport}/unpublish`, { _csrf: 'not-the-token' }, { csrf: false })).statusCode).toBe(403);
    expect(await store.publishedReports.isPublished(survey)).toBe(true);
  });

  it('sends someone not signed in to sign in instead of releasing, publishing, unpublishing or previewing, even with a CSRF token', async () => {
    const releases = (await store.releases.list(survey)).length;
    await anonymous.get('/admin/sign-in');
    for (const action of ['release', 'publish']) {
      const post = await anonymous.post(`${adminReport}/${action}`);
      expect(post.statusCode).toBe(303);
      expect(post.headers.location).toBe('/admin/sign-in');
      expect((await anonymous.post(`${adminReport}/${action}`, {}, { csrf: false })).statusCode).toBe(303);
    }
    expect(await store.releases.list(survey)).toHaveLength(releases);
    expect(await store.publishedReports.isPublished(survey)).toBe(false);

    await publish();
    expect((await anonymous.post(`${adminReport}/unpublish`)).statusCode).toBe(303);
    expect(await store.publishedReports.isPublished(survey)).toBe(true);

    for (const path of [adminReport, `${adminReport}/preview`]) {
      const page = await anonymous.get(path);
      expect(page.statusCode).toBe(303);
      expect(page.headers.location).toBe(`/admin/sign-in?next=${encodeURIComponent(path)}`);
    }
  });

  it('says a survey that does not exist is not found, on the report page and when releasing or publishing', async () => {
    expect((await admin.get('/admin/surveys/no-such-survey/report')).statusCode).toBe(404);
    await admin.get(adminReport);
    expect((await admin.post('/admin/surveys/no-such-survey/report/release')).statusCode).toBe(404);
    expect((await admin.post('/admin/surveys/no-such-survey/report/publish')).statusCode).toBe(404);
    expect(await store.releases.list('no-such-survey')).toEqual([]);
    expect(await store.publishedReports.list()).toEqual([]);
  });

  it('lets an admin preview a draft report of live data, saying it is a draft, never cached, publishing and recording nothing', async () => {
    const ledger = await ledgerRows();
    const preview = await admin.get(`${adminReport}/preview`);
    expect(preview.statusCode).toBe(200);
    expect(textOf(preview.body)).toContain(keyFinding);
    expect(textOf(preview.body)).toContain(`Data ${draftLabel}`);
    expect(preview.body).not.toMatch(/Release \d+ of/);
    expect(preview.headers['cache-control']).toBe('no-store');
    expect(await store.publishedReports.isPublished(survey)).toBe(false);
    expect(await ledgerRows()).toBe(ledger);
  });
});

describe('the public report at /reports/SURVEY', () => {
  it('is not found before publishing, found after, and not found again after unpublishing, with its organisations and open data', async () => {
    for (const path of publicPages) expectNotFoundPage(await anonymous.get(path));
    await publish();
    for (const path of publicPages) expect((await anonymous.get(path)).statusCode, path).toBe(200);
    const page = await anonymous.get(publicReport);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(textOf(page.body)).toContain(keyFinding);
    await admin.get(adminReport);
    await admin.post(`${adminReport}/unpublish`);
    for (const path of publicPages) expectNotFoundPage(await anonymous.get(path));
  });

  it('gives the same not-found page for a survey that does not exist as for one not published', async () => {
    const missing = await anonymous.get('/reports/no-such-survey');
    expectNotFoundPage(missing);
    expect(missing.body).toBe((await anonymous.get(publicReport)).body);
    expect(missing.body).not.toContain(survey);
    expectNotFoundPage(await anonymous.get('/reports/no-such-survey/organisations'));
    expectNotFoundPage(await anonymous.get('/reports/no-such-survey/open-data/aggregates.csv'));
  });

  it('is the report of the release, naming it: the draft’s figures of the same data, its styles linked, under the strict CSP, told not to keep a copy', async () => {
    await publish();
    const page = await anonymous.get(publicReport);
    const release = (await store.releases.get(survey, 1))!;
    expect(textOf(page.body)).toMatch(release1);
    expect(textOf(page.body)).toContain(`Data ${releaseLabel(release)}`);
    expect(page.body).not.toContain(draftLabel);
    expect(page.headers['x-canvass-release']).toBe('1');
    // Release 1 holds every response there was, and nothing was published before it: the draft's figures, named as the release.
    const draft = webReportHtml(await surveyReport(store, survey), reportPaths.index);
    expect(page.body).toBe(draft.replace(draftLabel, releaseLabel(release)));
    expect(page.body).not.toContain('<style');
    for (const href of reportStylesheetHrefs) {
      expect(page.body).toContain(`<link rel="stylesheet" href="${href}">`);
      const css = await anonymous.get(href);
      expect(css.statusCode).toBe(200);
      expect(css.headers['content-type']).toMatch(/^text\/css/);
    }
    expect(page.headers['content-security-policy']).toMatch(/style-src 'self'(;|$)/);
    expect(page.headers['cache-control']).toBe('no-cache');
    // Only report.css is served from beside the report templates.
    expect((await anonymous.get('/assets/report/survey-report.njk')).statusCode).toBe(404);
  });

  it('is sent as kept: gzipped to a reader that accepts gzip, plain HTML to one that does not', async () => {
    await publish();
    const plain = await anonymous.get(publicReport);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toMatch(/^<!DOCTYPE html>/i);
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    const kept = (await store.publishedPages.page(survey, ''))!;
    for (const acceptEncoding of ['gzip', 'gzip, deflate, br', 'br;q=1.0, gzip;q=0.8']) {
      const gzipped = await anonymous.get(publicReport, { 'accept-encoding': acceptEncoding });
      expect(gzipped.statusCode).toBe(200);
      expect(gzipped.headers['content-encoding'], acceptEncoding).toBe('gzip');
      expect(gzipped.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(gzipped.rawPayload.equals(kept.gzipped)).toBe(true);
      expect(gunzipSync(gzipped.rawPayload).toString('utf8')).toBe(plain.body);
    }
    expect((await anonymous.get(publicReport, { 'accept-encoding': 'deflate, br' })).headers['content-encoding']).toBeUndefined();
    // So is every page of the publication.
    for (const path of [kent, openData('aggregates.csv')]) {
      const gzipped = await anonymous.get(path, { 'accept-encoding': 'gzip' });
      expect(gzipped.headers['content-encoding'], path).toBe('gzip');
      expect(gunzipSync(gzipped.rawPayload).toString('utf8'), path).toBe((await anonymous.get(path)).body);
    }
  });

  it('never shows a written answer or a response, on any page or file', async () => {
    await publish();
    const { questions } = await writtenAnswers(store, survey);
    const answers = questions.flatMap((q) => q.answers);
    expect(answers.length).toBeGreaterThan(0);
    for (const path of [...publicPages, '/reports']) {
      const body = (await anonymous.get(path)).body;
      for (const answer of answers) {
        expect(body, path).not.toContain(answer.responseId);
        if (answer.text.length > 20) {
          expect(textOf(body), path).not.toContain(answer.text);
          expect(body, path).not.toContain(answer.text);
        }
      }
    }
  });

  it('is listed at /reports while published, with its organisations’ benchmark reports', async () => {
    expect(textOf((await anonymous.get('/reports')).body)).toContain('No reports have been published yet.');
    await publish();
    const index = await anonymous.get('/reports');
    expect(index.statusCode).toBe(200);
    expect(textOf(index.body)).toMatch(/Published \d{1,2} \w+ \d{4}/);
    expect(index.body).toContain(`href="${publicReport}"`);
    expect(index.body).toContain(`href="${organisationsPage}"`);
    const organisations = await anonymous.get(organisationsPage);
    expect(organisations.statusCode).toBe(200);
    expect(textOf(organisations.body)).toContain('180 organisations');
    expect(organisations.body).toContain(`<a class="govuk-link" href="${kent}">Kent County Council</a>`);
  });
});

describe('the open data of a published report', () => {
  it('downloads each file of the release as an attachment with its type', async () => {
    await publish();
    const types: Record<string, string> = { 'aggregates.csv': 'text/csv; charset=utf-8', 'codebook.csv': 'text/csv; charset=utf-8', 'datapackage.json': 'application/json; charset=utf-8' };
    for (const file of openDataFiles) {
      const response = await anonymous.get(openData(file));
      expect(response.statusCode, file).toBe(200);
      expect(response.headers['content-type'], file).toBe(types[file]);
      expect(response.headers['content-disposition'], file).toBe(`attachment; filename="${file}"`);
      expect(response.headers['cache-control'], file).toBe('no-cache');
      expect(response.headers['x-canvass-release'], file).toBe('1');
    }
    const aggregates = (await anonymous.get(openData('aggregates.csv'))).body;
    expect(aggregates.split('\n')[0]).toMatch(/^survey,wave,unit,.*,question_id,.*,count,percent,/);
    expect(aggregates).toMatch(/\ndigital-gap-2017,2017,respondents,.*,approach,/);
    const datapackage = JSON.parse((await anonymous.get(openData('datapackage.json'))).body) as { resources: Array<{ path: string }> };
    expect(datapackage.resources.map((r) => r.path).sort()).toEqual(['aggregates.csv', 'codebook.csv']);
  });

  it('is not found for a file that is not part of it, without a download', async () => {
    await publish();
    for (const file of ['responses.csv', 'aggregates.xlsx', '..%2F..%2Fpackage.json', 'organisations.json']) {
      const response = await anonymous.get(openData(file));
      expectNotFoundPage(response);
      expect(response.headers['content-disposition'], file).toBeUndefined();
    }
  });
});

describe('the survey’s start page for respondents', () => {
  it('links to the published report while there is one', async () => {
    const before = await anonymous.get(`/s/${survey}`);
    expect(before.statusCode).toBe(200);
    expect(before.body).not.toContain(`href="${publicReport}"`);
    await publish();
    const after = await anonymous.get(`/s/${survey}`);
    expect(after.body).toContain(`<a class="govuk-link" href="${publicReport}">Read the published report of this survey</a>`);
    await store.publishedReports.unpublish(survey);
    expect((await anonymous.get(`/s/${survey}`)).body).not.toContain(`href="${publicReport}"`);
  });
});

describe('an organisation’s public benchmark report', () => {
  it('is found only while the survey’s report is published', async () => {
    expectNotFoundPage(await anonymous.get(kent));
    expectNotFoundPage(await anonymous.get(organisationsPage));
    await publish();
    const page = await anonymous.get(kent);
    expect(page.statusCode).toBe(200);
    expect(titleOf(page.body)).toMatch(/^Kent County Council: benchmark report/);
    await store.publishedReports.unpublish(survey);
    expectNotFoundPage(await anonymous.get(kent));
  });

  it('is the benchmark report of canvass report --org of the release’s data, naming the release, its own figures suppressed for its few respondents', async () => {
    await publish();
    const page = await anonymous.get(kent);
    const release = (await store.releases.get(survey, 1))!;
    expect(textOf(page.body)).toMatch(release1);
    expect(page.body).not.toContain(draftLabel);
    const draft = webReportHtml(await benchmarkReport(store, survey, 'kent-county-council'), organisationsPage);
    expect(page.body).toBe(draft.replace(draftLabel, releaseLabel(release)));
    expect(textOf(page.body)).toMatch(/fewer than 10 respondents in the organisation/);
  });

  it('is not found for an organisation not in the register, without the suggestions the command line gives', async () => {
    await publish();
    const page = await anonymous.get(`${organisationsPage}/kent-council`);
    expectNotFoundPage(page);
    expect(page.body).not.toContain('kent-county-council');
    expectNotFoundPage(await anonymous.get(`${organisationsPage}/..%2F`));
  });
});

// Last in the file: it adds a response to the survey the other tests read.
describe('a published release', () => {
  it('stays as published when responses arrive; a new release holds back a response its peer group gained too few of', async () => {
    await publish();
    const before = new Map<string, LightMyRequestResponse>();
    for (const path of publicPages) before.set(path, await anonymous.get(path));
    expect(textOf(before.get(publicReport)!.body)).toContain('Respondents 235');
    await store.responses.insert(survey, { org: 'kent-county-council', answers: { role: 'other', approach: 'fully-embracing', strategy: 'no', barriers: ['none'], gap_confidence: 'neutral', strategy_achievable: 'neither', automation_status: 'dont-know', automation_uses: ['dont-know'] }, wave: '2017' }, 'web');

    // Every page and file as it was, byte for byte.
    for (const path of publicPages) expect((await anonymous.get(path)).body, path).toBe(before.get(path)!.body);
    const page = await admin.get(adminReport);
    expect(textOf(page.body)).toMatch(/Responses now 236, 1 since release 1/);
    expect(page.body).not.toMatch(/Publish release \d/);

    const released = await admin.post(`${adminReport}/release`);
    expect(released.headers.location).toBe(`${adminReport}?done=released&release=2`);
    const made = textOf((await admin.follow(released)).body);
    expect(made).toMatch(/Held back Note 2 \d{1,2} \w+ \d{4} 235 1 +1 \(published\)/);
    expect((await store.releases.get(survey, 2))).toMatchObject({ responses: 235, heldBack: [expect.any(Number)] });

    const published = await admin.post(`${adminReport}/publish`);
    expect(published.headers.location).toBe(`${adminReport}?done=updated&release=2`);
    expect(textOf((await admin.follow(published)).body)).toContain('Release 2 is published. Anyone can read it without signing in.');
    const after = textOf((await anonymous.get(publicReport)).body);
    expect(after).toMatch(/Data Release 2 of \d{1,2} \w+ \d{4}, wave 2017: 235 responses/);
    expect(after).toContain('Respondents 235');
    expect(after).toContain(keyFinding);
    expect((await anonymous.get(publicReport)).headers['x-canvass-release']).toBe('2');
  });
});
