import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminEmail, adminPassword } from '../support/web-client.js';
import { chromiumAvailable, describeViolations, openChromium, startServer, wcagViolations, type BrowserTab, type RunningServer } from './support/browser.js';

let server: RunningServer;

async function expectNoViolations(page: Page, pageType: string): Promise<void> {
  const violations = await wcagViolations(page);
  expect(describeViolations(violations), `${pageType} at ${page.url()}`).toEqual([]);
}

describe.skipIf(!chromiumAvailable())('axe-core finds no WCAG 2.2 A or AA violations on the admin pages', () => {
  let tab: BrowserTab;
  beforeAll(async () => {
    server = await startServer();
    tab = await openChromium({ javaScript: true });
    await tab.page.goto(`${server.baseUrl}/admin/sign-in`);
  });
  afterAll(async () => {
    await tab?.close();
    await server?.close();
  });

  it('sign in, surveys, results (also filtered, broken down and with an error), written answers, downloads, invitations, import, API tokens, the audit log (every survey\'s and one survey\'s, a middle page of many) and the API docs', { timeout: 90_000 }, async () => {
    const { page } = tab;
    await expectNoViolations(page, 'sign-in page');
    await page.locator('#email').fill(adminEmail);
    await page.locator('#password').fill(adminPassword);
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Sign in' }).click()]);
    await expectNoViolations(page, 'surveys');
    // Enough entries for the audit log to have pages before and after the second.
    for (let i = 0; i < 120; i++) await server.store.auditLog.record({ actor: adminEmail, action: 'responses.export', surveyId: 'digital-gap-2017', details: { format: 'csv', responses: 235 } });
    for (const path of [
      '/admin/surveys/digital-gap-2017/results',
      '/admin/surveys/digital-gap-2017/results?by=org.nation&filter=strategy%20%3D%20yes',
      '/admin/surveys/digital-gap-2017/results?filter=strategy%20%3D',
      '/admin/surveys/digital-gap-2017/written-answers',
      '/admin/surveys/digital-gap-2017/downloads',
      '/admin/surveys/digital-gap-2017/invitations',
      '/admin/surveys/import',
      '/admin/api-tokens',
      '/admin/audit',
      '/admin/surveys/digital-gap-2017/audit?page=2',
      '/api/v1/docs',
    ]) {
      await page.goto(`${server.baseUrl}${path}`);
      await expectNoViolations(page, path);
    }
  });

  it('importing a definition: a new survey, a changed definition with what changed in its new version, and an unchanged one', { timeout: 60_000 }, async () => {
    const { page } = tab;
    const upload = async (content: string) => {
      await page.goto(`${server.baseUrl}/admin/surveys/import`);
      await page.locator('#definition').setInputFiles({ name: 'team.yaml', mimeType: 'application/yaml', buffer: Buffer.from(content) });
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Import' }).click()]);
    };
    const question = (text: string, extra: string) => `format: 1\nid: team\ntitle: Team survey\nquestions:\n  - { id: mood, type: single, text: ${text}, options: [{ code: good, label: Good }, { code: bad, label: Bad }${extra}] }\n`;
    await upload(question('How are you?', ''));
    await expectNoViolations(page, 'surveys, after importing a new survey');
    await upload(question('How are you today?', ', { code: mixed, label: Mixed }'));
    expect(await page.getByRole('heading', { name: 'What changed in definition version 2' }).count()).toBe(1);
    await expectNoViolations(page, 'surveys, after importing a changed definition');
    await upload(question('How are you today?', ', { code: mixed, label: Mixed }'));
    expect(await page.getByText('nothing was stored').count()).toBe(1);
    await expectNoViolations(page, 'surveys, after importing an unchanged definition');
  });

  it('withdrawing responses: the form, its errors, and the list after a withdrawal', { timeout: 60_000 }, async () => {
    const { page } = tab;
    const path = '/admin/surveys/digital-gap-2017/responses/withdraw';
    await page.goto(`${server.baseUrl}${path}`);
    await expectNoViolations(page, 'withdraw responses');
    await page.locator('#ids').fill('abc');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Withdraw responses' }).click()]);
    expect(await page.locator('.govuk-error-summary').count()).toBe(1);
    await expectNoViolations(page, 'withdraw responses, with errors');
    const [response] = await server.store.responses.latest('digital-gap-2017', 1);
    await page.locator('#ids').fill(response!.id);
    await page.locator('#reason').fill('test response');
    await page.getByLabel('Erase their answers as well').check();
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Withdraw responses' }).click()]);
    expect(await page.locator('.govuk-notification-banner--success').count()).toBe(1);
    await expectNoViolations(page, 'withdraw responses, after one');
  });
});
