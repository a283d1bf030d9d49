import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDefinition } from '../../src/operations/import-definition.js';
import { importRegister } from '../../src/operations/import-register.js';
import { importResponsesCsv } from '../../src/operations/import-responses.js';
import { publishRelease } from '../../src/operations/publish-release.js';
import { createRelease } from '../../src/operations/releases.js';
import { publicationRender } from '../../src/web/reports/publication-render.js';
import { adminEmail, adminPassword } from '../support/web-client.js';
import { activate, tabTo } from './support/keyboard.js';
import { chromiumAvailable, describeViolations, openChromium, screenshot, startServer, wcagViolations, watchForErrors, type BrowserTab, type RunningServer } from './support/browser.js';
import { readinessDefinition as definition, readinessRegister as register, readinessResponsesCsv as responsesCsv } from '../support/readiness-survey.js';

async function expectNoViolations(page: Page, pageType: string): Promise<void> {
  const violations = await wcagViolations(page);
  expect(describeViolations(violations), `${pageType} at ${page.url()}`).toEqual([]);
}

/**
 * That the linked stylesheets applied under the CSP: govuk-frontend's (the heading's size and the
 * table's borders) and the report's own (the spacing of a question's section).
 */
async function expectStyled(page: Page): Promise<void> {
  const styles = await page.evaluate(() => {
    const g = globalThis as unknown as { document: { querySelector(s: string): unknown }; getComputedStyle(e: unknown): { fontSize: string; marginBottom: string } };
    const h1 = g.document.querySelector('h1');
    const section = g.document.querySelector('.canvass-report-section');
    return { h1: h1 ? g.getComputedStyle(h1).fontSize : null, section: section ? g.getComputedStyle(section).marginBottom : null };
  });
  expect(Number.parseFloat(styles.h1 ?? '0')).toBeGreaterThanOrEqual(32);
  expect(styles.section).toBe('40px');
}

describe.skipIf(!chromiumAvailable())('published reports in Chromium', () => {
  let server: RunningServer;
  let tab: BrowserTab;
  /** Console errors and uncaught exceptions: a style attribute the CSP blocks (as in an SVG chart) is reported here. */
  let errors: string[];

  beforeAll(async () => {
    server = await startServer();
    tab = await openChromium({ javaScript: true });
    errors = watchForErrors(tab.page);
  });
  afterAll(async () => {
    await tab?.close();
    await server?.close();
  });

  it('an admin releases the data and publishes the release with the keyboard, and the page says so and links to it', { timeout: 120_000 }, async () => {
    const { page } = tab;
    await page.goto(`${server.baseUrl}/admin/sign-in?next=${encodeURIComponent('/admin/surveys/digital-gap-2017/report')}`);
    await page.locator('#email').fill(adminEmail);
    await page.locator('#password').fill(adminPassword);
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Sign in' }).click()]);
    expect(new URL(page.url()).pathname).toBe('/admin/surveys/digital-gap-2017/report');
    expect(await page.locator('h1').innerText()).toContain('Releases and publication');
    expect(await page.locator('main').innerText()).toContain('There are no releases yet.');
    expect(await page.getByRole('button', { name: /^Publish release/ }).count()).toBe(0);
    await expectNoViolations(page, 'the admin report page, no release');

    // Release the data, with a note typed in.
    await tabTo(page, page.getByLabel('Note (optional)'));
    await page.keyboard.type('fieldwork closed');
    await activate(page, page.getByRole('button', { name: 'Release the data as it is now' }));
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('Release 1 is made. Publish it to show it to readers.');
    const releases = page.getByRole('table', { name: 'Releases, newest first' });
    expect(await releases.locator('tbody tr').count()).toBe(1);
    expect((await releases.locator('tbody tr').first().innerText()).replace(/\s+/g, ' ')).toMatch(/^1 \d{1,2} \w+ \d{4} 235 0 fieldwork closed$/);
    await expectNoViolations(page, 'the admin report page, release made');
    expect(await server.store.publishedReports.isPublished('digital-gap-2017')).toBe(false);

    // Then publish it.
    await activate(page, page.getByRole('button', { name: 'Publish release 1' }));
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('Release 1 is published. Anyone can read it without signing in.');
    expect(await page.getByRole('link', { name: 'View the published report' }).getAttribute('href')).toBe('/reports/digital-gap-2017');
    expect(await releases.locator('tbody tr').first().innerText()).toMatch(/^1 \(published\)/);
    expect(await page.getByRole('button', { name: 'Unpublish report' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /^Publish release/ }).count()).toBe(0);
    await expectNoViolations(page, 'the admin report page, just published');
    expect(await server.store.publishedReports.get('digital-gap-2017')).toMatchObject({ release: 1, publishedBy: adminEmail });
    expect(errors).toEqual([]);
  });

  it('anyone reads the published report, styled, without a WCAG 2.2 A or AA violation', { timeout: 120_000 }, async () => {
    const { page } = tab;
    await tab.context.clearCookies();
    await page.goto(`${server.baseUrl}/reports/digital-gap-2017`);
    expect(await page.locator('h1').innerText()).toBe('Closing the Digital Gap: Digital Transformation in Central and Local Government 2017');
    expect(await page.locator('#key-findings + *').innerText()).toContain('38% of respondents believe their organisation is missing out on key opportunities to embrace digital (base: all 235 respondents).');
    expect((await page.locator('body').innerText()).replace(/\s+/g, ' ')).toMatch(/Data Release 1 of \d{1,2} \w+ \d{4}, wave 2017: 235 responses/);
    await expectStyled(page);
    await expectNoViolations(page, 'the published report');
    await screenshot(page, 'published-report');
    expect(errors).toEqual([]);
  });

  it('anyone reads an organisation’s benchmark report, its own figures suppressed, without a violation', { timeout: 120_000 }, async () => {
    const { page } = tab;
    await page.goto(`${server.baseUrl}/reports`);
    await expectNoViolations(page, 'the list of published reports');
    await activate(page, page.getByRole('link', { name: 'Benchmark reports of the organisations that took part' }));
    await expectNoViolations(page, 'the list of benchmark reports');
    // One of 180 links, alphabetical: clicked rather than tabbed to.
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Kent County Council' }).click()]);
    expect(new URL(page.url()).pathname).toBe('/reports/digital-gap-2017/organisations/kent-county-council');
    expect(await page.locator('h1').innerText()).toBe('Kent County Council: benchmark report');
    expect(await page.locator('body').innerText()).toContain('fewer than 10 respondents in the organisation');
    await expectStyled(page);
    await expectNoViolations(page, 'a benchmark report');
    await screenshot(page, 'benchmark-report');
    expect(errors).toEqual([]);
  });

  it('the survey’s start page links to the published report, without a violation', { timeout: 120_000 }, async () => {
    const { page } = tab;
    await page.goto(`${server.baseUrl}/s/digital-gap-2017`);
    await expectNoViolations(page, 'the start page of a survey with a published report');
    await activate(page, page.getByRole('link', { name: 'Read the published report of this survey' }));
    expect(new URL(page.url()).pathname).toBe('/reports/digital-gap-2017');
    expect(errors).toEqual([]);
  });
});


describe.skipIf(!chromiumAvailable())('a published benchmark report of an organisation with 40 respondents in Chromium', () => {
  let server: RunningServer;
  let tab: BrowserTab;

  beforeAll(async () => {
    server = await startServer();
    await importDefinition(server.store, definition, 'ready.yaml', 'cli:test');
    await importRegister(server.store, register, 'orgs.csv', 'cli:test');
    await importResponsesCsv(server.store, 'ready', responsesCsv(), 'responses.csv', 'cli:test', undefined, { allowDuplicates: true });
    await createRelease(server.store, 'ready', { actor: 'cli:test' });
    await publishRelease(server.store, 'ready', { actor: 'cli:test', render: publicationRender('ready') });
    tab = await openChromium({ javaScript: true });
  });
  afterAll(async () => {
    await tab?.close();
    await server?.close();
  });

  it('shows its own figures beside its peers’ and the sector’s, with significant differences marked, without a violation', { timeout: 120_000 }, async () => {
    const { page } = tab;
    const errors = watchForErrors(page);
    await page.goto(`${server.baseUrl}/reports/ready/organisations/big-a`);
    expect(await page.locator('h1').innerText()).toBe('Big A: benchmark report');
    const body = await page.locator('body').innerText();
    expect(body).toMatch(/Respondents\s+40\b/);
    // 35 of 40 said yes: 88%, far above the rest of the sector, and tested (both bases at least 30).
    const yes = page.locator('#question-ready tbody tr').first();
    expect((await yes.locator('th, td').nth(1).innerText()).trim()).toBe('88%');
    expect(await yes.innerText()).toMatch(/\+\d+ points, significant/);
    expect(body).not.toContain('Suppressed');
    await expectStyled(page);
    await expectNoViolations(page, 'a benchmark report with figures');
    await screenshot(page, 'benchmark-report-large');
    expect(errors).toEqual([]);
  });
});
