import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminEmail, adminPassword } from '../support/web-client.js';
import { chromiumAvailable, openChromium, screenshot, startServer, watchForErrors, type RunningServer } from './support/browser.js';
import { activate, chooseRadio, tabTo, tickCheckboxes, type BrowserGlobals } from './support/keyboard.js';

const survey = '/s/digital-gap-2017';
const script = '<script>alert(1)</script>';

let server: RunningServer;

async function continueOn(page: Page, expectedPath: string): Promise<void> {
  await activate(page, page.getByRole('button', { name: 'Continue', exact: true }));
  expect(new URL(page.url()).pathname).toBe(expectedPath);
}

/** Chooses the organisation by keyboard: typing into the autocomplete, or into the plain select. */
async function chooseOrganisation(page: Page, javaScript: boolean): Promise<void> {
  if (javaScript) {
    const input = page.locator('input#org');
    await tabTo(page, input);
    await page.keyboard.type('Kent County');
    await page.getByRole('option', { name: 'Kent County Council' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await input.inputValue()).toBe('Kent County Council');
    expect(await page.locator('select#org-select').inputValue()).toBe('kent-county-council');
  } else {
    const select = page.locator('select#org');
    await tabTo(page, select);
    // A closed select chooses the option whose name is typed.
    await page.keyboard.type('Kent County Council');
    expect(await select.inputValue()).toBe('kent-county-council');
  }
}

async function respondentCount(): Promise<number> {
  return (await server.store.responses.list('digital-gap-2017')).filter((r) => r.source === 'web').length;
}

describe.skipIf(!chromiumAvailable())('a respondent using only the keyboard', () => {
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.close());

  it.each([
    ['on', true],
    ['off', false],
  ])('completes the built-in survey with JavaScript %s, through a conditional question and an error corrected from the error summary', { timeout: 60_000 }, async (label, javaScript) => {
    const before = await respondentCount();
    const tab = await openChromium({ javaScript });
    const { page } = tab;
    const errors = watchForErrors(page);
    try {
      await page.goto(`${server.baseUrl}${survey}`);
      expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.body.classList.contains('govuk-frontend-supported'))).toBe(javaScript);
      await activate(page, page.getByRole('button', { name: 'Start now' }));
      expect(new URL(page.url()).pathname).toBe(`${survey}/organisation`);

      await chooseOrganisation(page, javaScript);
      await continueOn(page, `${survey}/questions/role`);
      if (javaScript) await screenshot(page, 'question');

      // Continue without an answer: the error summary, then its link to the field.
      await continueOn(page, `${survey}/questions/role`);
      expect(await page.title()).toMatch(/^Error: Which best describes your role\?/);
      const summaryLink = page.locator('.govuk-error-summary a', { hasText: 'Select which best describes your role' });
      if (javaScript) {
        // govuk-frontend moves focus to the summary so it is read out first.
        expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
        await screenshot(page, 'question-error');
      }
      await tabTo(page, summaryLink);
      await page.keyboard.press('Enter');
      if (javaScript) expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.activeElement?.id)).toBe('role');
      else await page.waitForURL(/#role$/);
      await chooseRadio(page, 'role', 'digital-it');
      await continueOn(page, `${survey}/questions/approach`);

      await chooseRadio(page, 'approach', 'missing-opportunities');
      await continueOn(page, `${survey}/questions/strategy`);
      await chooseRadio(page, 'strategy', 'yes');
      // strategy = yes: the conditional question comes next.
      await continueOn(page, `${survey}/questions/strategy_stage`);
      await chooseRadio(page, 'strategy_stage', 'under-way');
      await continueOn(page, `${survey}/questions/barriers`);
      await tickCheckboxes(page, 'barriers', ['culture', 'cost']);
      await continueOn(page, `${survey}/questions/gap_confidence`);
      await chooseRadio(page, 'gap_confidence', 'not-very-confident');
      await continueOn(page, `${survey}/questions/gap_barriers`);
      await tickCheckboxes(page, 'gap_barriers', ['lack-of-budget']);
      await continueOn(page, `${survey}/questions/strategy_achievable`);
      await chooseRadio(page, 'strategy_achievable', 'agree');
      await continueOn(page, `${survey}/questions/automation_status`);
      await chooseRadio(page, 'automation_status', 'weighing-up');
      await continueOn(page, `${survey}/questions/automation_uses`);
      await tickCheckboxes(page, 'automation_uses', ['customer-services']);
      await continueOn(page, `${survey}/questions/comments`);
      await tabTo(page, page.locator('textarea#comments'));
      await page.keyboard.type(`${script} JavaScript ${label}`);
      await continueOn(page, `${survey}/check-answers`);

      const summary = page.locator('.govuk-summary-list');
      await expect.poll(() => summary.innerText()).toContain('Kent County Council');
      expect(await summary.innerText()).toContain('Implementation is well under way');
      expect(await summary.innerText()).toContain(`${script} JavaScript ${label}`);
      // Enter twice on Send, as a double click: with JavaScript the button ignores the second;
      // without, both posts reach the server, which stores one response.
      const sends: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().endsWith('/check-answers')) sends.push(request.url());
      });
      if (!javaScript) {
        // Hold back the answer to the first post until the second is sent, as a slow network
        // would: the server gets both posts, every time.
        let firstHeld: (() => void) | undefined;
        await page.route('**/check-answers', async (route) => {
          if (route.request().method() !== 'POST') return route.continue();
          const response = await route.fetch({ maxRedirects: 0 });
          if (!firstHeld) await new Promise<void>((resolve) => ((firstHeld = resolve), setTimeout(resolve, 5000)));
          else firstHeld();
          await route.fulfill({ response }).catch(() => {});
        });
      }
      await tabTo(page, page.getByRole('button', { name: 'Send response' }));
      await page.keyboard.press('Enter');
      // The second Enter once the first post has left: pressed sooner, the browser may fold both
      // submissions into one navigation before either is sent.
      await expect.poll(() => sends.length).toBe(1);
      await page.keyboard.press('Enter');
      // Without JavaScript the second post aborts the first's navigation, which waitForURL may be
      // following when it happens: wait for where the page ends up instead.
      await expect.poll(() => page.url(), { timeout: 20_000 }).toMatch(new RegExp(`${survey}/confirmation$`));
      await page.waitForLoadState();
      expect(sends).toHaveLength(javaScript ? 1 : 2);
      expect(await page.locator('.govuk-panel').innerText()).toMatch(/Response sent\s+Your reference is [0-9A-F]{4}-[0-9A-F]{4}/);

      // Back from the confirmation to check answers gives the confirmation again: nothing is sent twice.
      await page.goBack();
      await page.reload();
      expect(await respondentCount()).toBe(before + 1);
      expect(errors).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('shows the responses in the admin results, and the written answers as text', { timeout: 60_000 }, async () => {
    const tab = await openChromium({ javaScript: true });
    const { page } = tab;
    const errors = watchForErrors(page);
    try {
      await page.goto(`${server.baseUrl}/admin/surveys/digital-gap-2017/results`);
      await page.locator('#email').fill(adminEmail);
      await page.locator('#password').fill(adminPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/results$/);
      const respondents = page.locator('.govuk-summary-list__row').filter({ has: page.locator('dt', { hasText: /^\s*Respondents\s*$/ }) }).locator('dd');
      const stored = (await server.store.responses.list('digital-gap-2017')).length;
      expect((await respondents.innerText()).trim()).toBe(String(stored));
      expect(await respondentCount()).toBe(2);
      expect(await page.getByText('Reconstructed from the published figures').count()).toBeGreaterThan(0);
      await screenshot(page, 'results');

      await page.goto(`${server.baseUrl}/admin/surveys/digital-gap-2017/written-answers`);
      const cells = page.locator('td', { hasText: script });
      await expect.poll(() => cells.count()).toBe(2);
      expect(await cells.first().innerText()).toMatch(/^<script>alert\(1\)<\/script> JavaScript (on|off)$/);
      expect(await page.locator('script:not([src])').count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});
