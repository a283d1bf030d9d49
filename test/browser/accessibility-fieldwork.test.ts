import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addContact } from '../../src/operations/fieldwork/contacts.js';
import { setSurveyClosing } from '../../src/operations/fieldwork/survey-closing.js';
import { adminEmail, adminPassword } from '../support/web-client.js';
import { chromiumAvailable, describeViolations, openChromium, startServer, wcagViolations, type BrowserTab, type RunningServer } from './support/browser.js';

let server: RunningServer;

async function expectNoViolations(page: Page, pageType: string): Promise<void> {
  const violations = await wcagViolations(page);
  expect(describeViolations(violations), `${pageType} at ${page.url()}`).toEqual([]);
}

describe.skipIf(!chromiumAvailable())('axe-core finds no WCAG 2.2 A or AA violations on the fieldwork pages', () => {
  let tab: BrowserTab;
  beforeAll(async () => {
    server = await startServer();
    tab = await openChromium({ javaScript: true });
  });
  afterAll(async () => {
    await tab?.close();
    await server?.close();
  });

  it('contacts: empty, with errors, with a contact, removing one; and the page a closed survey’s link shows', { timeout: 90_000 }, async () => {
    const { page } = tab;
    await page.goto(`${server.baseUrl}/admin/sign-in`);
    await page.locator('#email').fill(adminEmail);
    await page.locator('#password').fill(adminPassword);
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Sign in' }).click()]);
    const contacts = `${server.baseUrl}/admin/surveys/digital-gap-2017/contacts`;
    await page.goto(contacts);
    await expectNoViolations(page, 'contacts, none yet');
    await page.locator('#email').fill('not an address');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Add contact' }).click()]);
    expect(await page.locator('.govuk-error-summary').count()).toBe(1);
    await expectNoViolations(page, 'contacts, with errors');
    const contact = await addContact(server.store, 'digital-gap-2017', { org: 'leeds-city-council', email: 'ann@example.org', name: 'Ann', role: 'respondent', language: '' }, 'cli:test');
    await page.goto(contacts);
    await expectNoViolations(page, 'contacts, one added');
    await page.goto(`${contacts}/${contact.id}/remove`);
    await expectNoViolations(page, 'remove a contact');
    const [link] = await server.store.invitations.links('digital-gap-2017');
    await setSurveyClosing(server.store, 'digital-gap-2017', new Date(Date.now() - 1000), 'cli:test');
    const closed = await page.goto(`${server.baseUrl}/i/${link!.token}`);
    expect(closed?.status()).toBe(410);
    expect(await page.locator('h1').textContent()).toBe('This survey has closed');
    await expectNoViolations(page, 'survey closed');
  });
});
