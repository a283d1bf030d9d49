import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signInAsAdmin, testApp, titleOf, WebClient } from '../../../test/support/web-client.js';
import { benchmarkReport, surveyReport } from '../../operations/survey-report.js';
import { publishReport } from '../../operations/published-reports.js';
import { writtenAnswers } from '../../operations/written-answers.js';
import { renderReportHtml } from '../../reporting/render-report-html.js';
import type { Store } from '../../storage/store.js';
import { reportStylesheetHrefs } from '../static-assets.js';
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
const kent = `/reports/${survey}/organisations/kent-county-council`;
const adminReport = `/admin/surveys/${survey}/report`;
const keyFinding = '38% of respondents believe their organisation is missing out on key opportunities to embrace digital (base: all 235 respondents).';

/** Publishes as the admin's button does: the page made now and kept. */
const publish = (id: string) => publishReport(store, id, undefined, (report) => webReportHtml(report, reportPaths.index));

function expectNotFoundPage(response: { statusCode: number; body: string }): void {
  expect(response.statusCode).toBe(404);
  expect(titleOf(response.body)).toBe('Page not found – Canvass');
  expect(response.body).not.toMatch(/at .*\.ts:\d+|Error:|stack/);
}

// One app for the file: signing in hashes a password, which is slow on purpose.
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

describe('publishing a report from the admin', () => {
  it('shows the report page with a Publish button, publishes with a banner and a link to the public page, then unpublishes', async () => {
    const page = await admin.get(adminReport);
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toMatch(/Status Not published/);
    expect(page.body).toMatch(/<button[^>]*>\s*Publish report\s*<\/button>/);
    expect(page.body).not.toContain('Unpublish report');
    expect(page.body).toContain(`href="${adminReport}/preview"`);

    const published = await admin.post(`${adminReport}/publish`);
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe(`${adminReport}?done=published`);
    const after = await admin.follow(published);
    expect(after.body).toContain('govuk-notification-banner--success');
    expect(textOf(after.body)).toContain('The report is published. Anyone can read it without signing in.');
    expect(after.body).toContain(`href="${publicReport}"`);
    expect(textOf(after.body)).toMatch(/Status Published on \d+ \w+ \d{4} by lead@example\.gov\.uk/);
    expect(after.body).toMatch(/<button[^>]*>\s*Unpublish report\s*<\/button>/);
    expect(await store.publishedReports.get(survey)).toMatchObject({ publishedBy: 'lead@example.gov.uk' });

    const unpublished = await admin.post(`${adminReport}/unpublish`);
    expect(unpublished.headers.location).toBe(`${adminReport}?done=unpublished`);
    const back = await admin.follow(unpublished);
    expect(textOf(back.body)).toContain('The report is no longer published.');
    expect(back.body).toMatch(/<button[^>]*>\s*Publish report\s*<\/button>/);
    expect(await store.publishedReports.isPublished(survey)).toBe(false);
  });

  it('shows no banner when the page is opened with done=published but the report is not published', async () => {
    const page = await admin.get(`${adminReport}?done=published`);
    expect(page.body).not.toContain('govuk-notification-banner');
  });

  it('lists each survey’s report status on the surveys page, with a link to its report page', async () => {
    expect(textOf((await admin.get('/admin')).body)).toMatch(/Report Not published/);
    await publish(survey);
    const list = await admin.get('/admin');
    expect(textOf(list.body)).toContain(`Report Published at ${publicReport}`);
    expect(list.body).toContain(`href="${adminReport}"`);
  });

  it('refuses to publish or unpublish without the page’s CSRF token', async () => {
    await admin.get(adminReport);
    const forged = await admin.post(`${adminReport}/publish`, {}, { csrf: false });
    expect(forged.statusCode).toBe(403);
    expect(await store.publishedReports.isPublished(survey)).toBe(false);
    await publish(survey);
    expect((await admin.post(`${adminReport}/unpublish`, { _csrf: 'not-the-token' }, { csrf: false })).statusCode).toBe(403);
    expect(await store.publishedReports.isPublished(survey)).toBe(true);
  });

  it('sends someone not signed in to sign in instead of publishing, unpublishing or previewing, even with a CSRF token', async () => {
    await anonymous.get('/admin/sign-in');
    const post = await anonymous.post(`${adminReport}/publish`);
    expect(post.statusCode).toBe(303);
    expect(post.headers.location).toBe('/admin/sign-in');
    expect(await store.publishedReports.isPublished(survey)).toBe(false);
    expect((await anonymous.post(`${adminReport}/publish`, {}, { csrf: false })).statusCode).toBe(303);
    expect(await store.publishedReports.isPublished(survey)).toBe(false);

    await publish(survey);
    expect((await anonymous.post(`${adminReport}/unpublish`)).statusCode).toBe(303);
    expect(await store.publishedReports.isPublished(survey)).toBe(true);

    const preview = await anonymous.get(`${adminReport}/preview`);
    expect(preview.statusCode).toBe(303);
    expect(preview.headers.location).toBe(`/admin/sign-in?next=${encodeURIComponent(`${adminReport}/preview`)}`);
  });

  it('says a survey that does not exist is not found, on the report page and when publishing', async () => {
    expect((await admin.get('/admin/surveys/no-such-survey/report')).statusCode).toBe(404);
    await admin.get(adminReport);
    expect((await admin.post('/admin/surveys/no-such-survey/report/publish')).statusCode).toBe(404);
    expect(await store.publishedReports.list()).toEqual([]);
  });

  it('lets an admin preview the report while it is not published, never cached', async () => {
    const preview = await admin.get(`${adminReport}/preview`);
    expect(preview.statusCode).toBe(200);
    expect(textOf(preview.body)).toContain(keyFinding);
    expect(preview.headers['cache-control']).toBe('no-store');
    expect(await store.publishedReports.isPublished(survey)).toBe(false);
  });
});

describe('the public report at /reports/SURVEY', () => {
  it('is not found before publishing, found after, and not found again after unpublishing', async () => {
    expectNotFoundPage(await anonymous.get(publicReport));
    await admin.get(adminReport);
    await admin.post(`${adminReport}/publish`);
    const page = await anonymous.get(publicReport);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(textOf(page.body)).toContain(keyFinding);
    await admin.get(adminReport);
    await admin.post(`${adminReport}/unpublish`);
    expectNotFoundPage(await anonymous.get(publicReport));
  });

  it('gives the same not-found page for a survey that does not exist as for one not published', async () => {
    const missing = await anonymous.get('/reports/no-such-survey');
    expectNotFoundPage(missing);
    expect(missing.body).toBe((await anonymous.get(publicReport)).body);
    expect(missing.body).not.toContain(survey);
  });

  it('is the survey’s report with its styles linked, under the strict CSP and told not to keep a copy', async () => {
    await publish(survey);
    const page = await anonymous.get(publicReport);
    const expected = renderReportHtml(await surveyReport(store, survey), { styles: { mode: 'linked', hrefs: reportStylesheetHrefs }, homeHref: '/reports' });
    expect(page.body).toBe(expected);
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

  it('never shows a written answer or a response', async () => {
    await publish(survey);
    const { questions } = await writtenAnswers(store, survey);
    const answers = questions.flatMap((q) => q.answers);
    expect(answers.length).toBeGreaterThan(0);
    const bodies = [(await anonymous.get(publicReport)).body, (await anonymous.get(kent)).body];
    for (const body of bodies) {
      for (const answer of answers) {
        expect(body).not.toContain(answer.responseId);
        if (answer.text.length > 20) expect(textOf(body)).not.toContain(answer.text);
      }
    }
  });

  it('is listed at /reports while published, with its organisations’ benchmark reports', async () => {
    expect(textOf((await anonymous.get('/reports')).body)).toContain('No reports have been published yet.');
    await publish(survey);
    const index = await anonymous.get('/reports');
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain(`href="${publicReport}"`);
    expect(index.body).toContain(`href="${publicReport}/organisations"`);
    const organisations = await anonymous.get(`${publicReport}/organisations`);
    expect(organisations.statusCode).toBe(200);
    expect(textOf(organisations.body)).toContain('180 organisations');
    expect(organisations.body).toContain(`<a class="govuk-link" href="${kent}">Kent County Council</a>`);
  });
});

describe('the survey’s start page for respondents', () => {
  it('links to the published report while there is one', async () => {
    const before = await anonymous.get(`/s/${survey}`);
    expect(before.statusCode).toBe(200);
    expect(before.body).not.toContain(`href="${publicReport}"`);
    await publish(survey);
    const after = await anonymous.get(`/s/${survey}`);
    expect(after.body).toContain(`<a class="govuk-link" href="${publicReport}">Read the published report of this survey</a>`);
    await store.publishedReports.unpublish(survey);
    expect((await anonymous.get(`/s/${survey}`)).body).not.toContain(`href="${publicReport}"`);
  });
});

describe('an organisation’s public benchmark report', () => {
  it('is found only while the survey’s report is published', async () => {
    expectNotFoundPage(await anonymous.get(kent));
    expectNotFoundPage(await anonymous.get(`${publicReport}/organisations`));
    await publish(survey);
    const page = await anonymous.get(kent);
    expect(page.statusCode).toBe(200);
    expect(titleOf(page.body)).toMatch(/^Kent County Council: benchmark report/);
    await store.publishedReports.unpublish(survey);
    expectNotFoundPage(await anonymous.get(kent));
  });

  it('is the benchmark report of canvass report --org, its own figures suppressed for its few respondents', async () => {
    await publish(survey);
    const page = await anonymous.get(kent);
    const report = await benchmarkReport(store, survey, 'kent-county-council');
    expect(page.body).toBe(renderReportHtml(report, { styles: { mode: 'linked', hrefs: reportStylesheetHrefs }, homeHref: `${publicReport}/organisations` }));
    expect(textOf(page.body)).toMatch(/fewer than 10 respondents in the organisation/);
  });

  it('is not found for an organisation not in the register, without the suggestions the command line gives', async () => {
    await publish(survey);
    const page = await anonymous.get(`${publicReport}/organisations/kent-council`);
    expectNotFoundPage(page);
    expect(page.body).not.toContain('kent-county-council');
  });
});

// Last in the file: it adds a response to the survey the other tests read.
describe('a published report page', () => {
  it('stays as published when responses arrive, until an admin updates it', async () => {
    expect((await admin.post(`${adminReport}/publish`)).statusCode).toBe(303);
    const before = await anonymous.get(publicReport);
    expect(textOf(before.body)).toContain('Respondents 235');
    await store.responses.insert(survey, { org: 'kent-county-council', answers: { role: 'other', approach: 'fully-embracing', strategy: 'no', barriers: ['none'], gap_confidence: 'neutral', strategy_achievable: 'neither', automation_status: 'dont-know', automation_uses: ['dont-know'] }, wave: '2017' }, 'web');

    expect((await anonymous.get(publicReport)).body).toBe(before.body);
    expect(textOf((await admin.get(adminReport)).body)).toMatch(/Made on .* from 235 responses; 1 more have arrived since: update it to include them/);

    const updated = await admin.post(`${adminReport}/publish`);
    expect(updated.headers.location).toBe(`${adminReport}?done=updated`);
    expect(textOf((await admin.get(updated.headers.location as string)).body)).toMatch(/The published report now shows all 236 responses/);
    expect(textOf((await anonymous.get(publicReport)).body)).toContain('Respondents 236');
  });
});
