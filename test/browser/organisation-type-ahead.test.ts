import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminEmail, adminPassword } from '../support/web-client.js';
import { chromiumAvailable, openChromium, startServer, watchForErrors, type RunningServer } from './support/browser.js';

/** A name that would add an image (and, without the CSP, run a script) if it were read as HTML. */
const hostileName = '"><img src=x onerror=alert(1)> Borough Council';

let server: RunningServer;

/** Types into the type-ahead and waits for the suggestion of the hostile organisation. */
async function suggestHostileName(page: Page): Promise<void> {
  const input = page.locator('input#org');
  await input.click();
  await page.keyboard.type('img src');
  await page.locator('.autocomplete__option').first().waitFor();
}

async function expectNameAsText(page: Page): Promise<void> {
  const menu = page.locator('.autocomplete__menu');
  expect(await menu.locator('img').count()).toBe(0);
  expect(await page.locator('img').count()).toBe(0);
  expect(await menu.locator('.autocomplete__option').first().innerText()).toBe(hostileName);
}

describe.skipIf(!chromiumAvailable())('the organisation type-ahead shows names as text', () => {
  beforeAll(async () => {
    server = await startServer();
    await server.store.organisations.upsert([{ id: 'hostile-borough', name: hostileName, type: 'london-borough', nation: 'England' }]);
  });
  afterAll(() => server?.close());

  it('on the respondent organisation page, a name with markup is suggested literally and adds no element', { timeout: 60_000 }, async () => {
    const tab = await openChromium({ javaScript: true });
    const { page } = tab;
    const errors = watchForErrors(page);
    try {
      await page.goto(`${server.baseUrl}/s/digital-gap-2017/organisation`);
      await suggestHostileName(page);
      await expectNameAsText(page);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await page.locator('input#org').inputValue()).toBe(hostileName);
      expect(await page.locator('select#org-select').inputValue()).toBe('hostile-borough');
      expect(errors).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('on the admin invitations page, a name with markup is suggested literally and adds no element', { timeout: 60_000 }, async () => {
    const tab = await openChromium({ javaScript: true });
    const { page } = tab;
    const errors = watchForErrors(page);
    try {
      await page.goto(`${server.baseUrl}/admin/surveys/digital-gap-2017/invitations`);
      await page.locator('#email').fill(adminEmail);
      await page.locator('#password').fill(adminPassword);
      await Promise.all([page.waitForURL(/\/invitations$/), page.getByRole('button', { name: 'Sign in' }).click()]);
      await suggestHostileName(page);
      await expectNameAsText(page);
      expect(errors).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});
