import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../../src/operations/admin-accounts.js';
import { addContact } from '../../src/operations/fieldwork/contacts.js';
import { seedBuiltIn } from '../../src/operations/seed-built-in.js';
import type { Store } from '../../src/storage/store.js';
import { buildWebApp } from '../../src/web/app.js';
import { startSmtpServer } from '../support/mail-servers.js';
import { tempStore } from '../support/temp-store.js';
import { adminEmail, adminPassword } from '../support/web-client.js';
import { chromiumAvailable, describeViolations, openChromium, wcagViolations, watchForErrors, type BrowserTab } from './support/browser.js';
import { activate, tabTo } from './support/keyboard.js';

const survey = 'digital-gap-2017';

async function expectNoViolations(page: Page, pageType: string): Promise<void> {
  const violations = await wcagViolations(page);
  expect(describeViolations(violations), `${pageType} at ${page.url()}`).toEqual([]);
}

/** Types text into the focused field key by key, as a person does. */
async function type(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text);
}

describe.skipIf(!chromiumAvailable())('an organisation lead signs in by keyboard only with the link emailed to them; the leads’ and the dashboard’s pages have no WCAG 2.2 A or AA violations', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let app: FastifyInstance;
  let store: Store;
  let closeStore: () => Promise<void>;
  let baseUrl: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const temp = await tempStore();
    store = temp.store;
    closeStore = temp.close;
    await seedBuiltIn(store, survey, 'cli:test');
    await ensureFirstAdmin(store, { CANVASS_ADMIN_EMAIL: adminEmail, CANVASS_ADMIN_PASSWORD: adminPassword });
    await addContact(store, survey, { org: 'leeds-city-council', email: 'lead@leeds.example', name: 'Lee Lead', role: 'lead', language: '' }, 'cli:test');
    await addContact(store, survey, { org: 'leeds-city-council', email: 'ann@leeds.example', name: 'Ann', role: 'respondent', language: '' }, 'cli:test');
    const env: NodeJS.ProcessEnv = { CANVASS_SMTP_URL: smtp.url, CANVASS_MAIL_FROM: 'survey@example.org' };
    app = await buildWebApp({ store, env });
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    // The public address is the server's own (read when an email goes), so the emailed link opens here.
    env.CANVASS_PUBLIC_URL = baseUrl;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await closeStore?.();
    await smtp?.close();
  });

  it('asks for a link, opens it from the email, and sees its organisation — every page by keyboard and free of violations', { timeout: 120_000 }, async () => {
    const tab: BrowserTab = await openChromium({ javaScript: true });
    try {
      const { page } = tab;
      const errors = watchForErrors(page);
      await page.goto(`${baseUrl}/lead`);
      expect(page.url()).toBe(`${baseUrl}/lead/sign-in`);
      await expectNoViolations(page, 'lead sign-in');
      // Sending nothing shows the error summary, linked to the field.
      await activate(page, page.getByRole('button', { name: 'Send me a link' }));
      expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter your email address');
      await expectNoViolations(page, 'lead sign-in with an error');
      await tabTo(page, page.locator('#email'));
      await type(page, 'lead@leeds.example');
      await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
      expect(await page.locator('h1').textContent()).toBe('Check your email');
      await expectNoViolations(page, 'check your email');

      const email = await arrived(() => smtp.received.find((e) => e.to[0] === 'lead@leeds.example'));
      const link = /http:\/\/127\.0\.0\.1:\d+\/lead\/sign-in\/[A-Za-z0-9_-]+/.exec(email.text)![0];
      await page.goto(link);
      await expectNoViolations(page, 'sign-in link');
      await activate(page, page.getByRole('button', { name: 'Continue' }));
      expect(page.url()).toBe(`${baseUrl}/lead/surveys/${survey}/organisations/leeds-city-council`);
      expect(await page.locator('h1').textContent()).toBe('Leeds City Council');
      expect(await page.locator('.govuk-summary-list').textContent()).toMatch(/Responses\s+\d+/);
      await expectNoViolations(page, 'the lead’s organisation');
      // With the survey's league table on, every organisation's counts and rates too.
      const definition = (await store.surveys.get(survey))!;
      await store.surveys.save({ ...definition, leads: { leagueTable: true } });
      await page.reload();
      expect(await page.getByRole('heading', { name: 'All organisations' }).count()).toBe(1);
      expect(await page.locator('table tbody tr').count()).toBeGreaterThan(100);
      await expectNoViolations(page, 'the lead’s organisation with the league table');

      // The link worked once.
      await page.goto(link);
      expect(await page.locator('h1').textContent()).toBe('This sign-in link has expired or has been used');
      await expectNoViolations(page, 'expired sign-in link');
      // Another organisation's page is not found.
      const other = await page.goto(`${baseUrl}/lead/surveys/${survey}/organisations/cardiff-council`);
      expect(other?.status()).toBe(404);

      await page.goto(`${baseUrl}/lead/surveys/${survey}/organisations/leeds-city-council`);
      await activate(page, page.getByRole('button', { name: 'Sign out' }));
      expect(page.url()).toBe(`${baseUrl}/lead/sign-in?signedOut=1`);
      await expectNoViolations(page, 'signed out');
      // The expired link's 410 and the other organisation's 404 are the pages working as designed.
      expect(errors.filter((e) => !/status of (404|410)\b/.test(e))).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('the admin’s fieldwork dashboard, sorted by keyboard', { timeout: 90_000 }, async () => {
    // The page's own scripts blocked: sorting is links, and works without them.
    const tab: BrowserTab = await openChromium({ javaScript: true, pageScripts: false });
    try {
      const { page } = tab;
      await page.goto(`${baseUrl}/admin/sign-in`);
      await page.locator('#email').fill(adminEmail);
      await page.locator('#password').fill(adminPassword);
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Sign in' }).click()]);
      await page.goto(`${baseUrl}/admin/surveys/${survey}/fieldwork`);
      await expectNoViolations(page, 'fieldwork dashboard');
      const header = page.getByRole('columnheader', { name: /^All responses/ }).first();
      expect(await header.getAttribute('aria-sort')).toBe('none');
      await activate(page, header.getByRole('link'));
      expect(await page.getByRole('columnheader', { name: /^All responses/ }).first().getAttribute('aria-sort')).toBe('descending');
      await expectNoViolations(page, 'fieldwork dashboard, sorted');
    } finally {
      await tab.close();
    }
  });
});

async function arrived<T>(find: () => T | undefined): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the email never arrived');
}
