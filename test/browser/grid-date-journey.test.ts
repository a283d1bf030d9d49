import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminEmail, adminPassword } from '../support/web-client.js';
import { surveyReportHtml } from '../../src/operations/survey-report.js';
import { loadStaffPulse } from '../support/staff-pulse.js';
import { chromiumAvailable, describeViolations, openChromium, screenshot, startServer, watchForErrors, wcagViolations, type RunningServer } from './support/browser.js';
import { activate, chooseRadio, tabTo, type BrowserGlobals } from './support/keyboard.js';

const survey = '/s/staff-pulse';
let server: RunningServer;

async function continueOn(page: Page, expectedPath: string): Promise<void> {
  await activate(page, page.getByRole('button', { name: 'Continue', exact: true }));
  expect(new URL(page.url()).pathname).toBe(expectedPath);
}

async function expectNoWcagViolations(page: Page): Promise<void> {
  expect(describeViolations(await wcagViolations(page))).toEqual([]);
}

function focusedId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.activeElement?.id);
}

/** Types into a field reached by Tab, replacing what it holds. */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, page.locator(selector));
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

describe.skipIf(!chromiumAvailable())('a grid and a date question, by keyboard only', () => {
  beforeAll(async () => {
    server = await startServer();
    await loadStaffPulse(server.store);
  });
  afterAll(() => server?.close());

  it.each([
    ['on', true],
    ['off', false],
  ])('are answered with JavaScript %s: a radios fieldset per statement, the GOV.UK date input, their errors, no WCAG 2.2 A/AA violation', { timeout: 90_000 }, async (label, javaScript) => {
    const before = (await server.store.responses.list('staff-pulse')).length;
    // Without JavaScript the pages' scripts are blocked, but axe-core, which the test runs, still can.
    const tab = await openChromium({ javaScript: true, pageScripts: javaScript });
    const { page } = tab;
    const errors = watchForErrors(page);
    try {
      await page.goto(`${server.baseUrl}${survey}`);
      expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.body.classList.contains('govuk-frontend-supported'))).toBe(javaScript);
      await activate(page, page.getByRole('button', { name: 'Start now' }));
      if (javaScript) {
        await tabTo(page, page.locator('input#org'));
        await page.keyboard.type('Pulse Agency B');
        await page.getByRole('option', { name: 'Pulse Agency B' }).waitFor();
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
      } else {
        await tabTo(page, page.locator('select#org'));
        await page.keyboard.type('Pulse Agency B');
      }
      await continueOn(page, `${survey}/questions/team`);

      // The grid: the question is the heading, each statement the legend of its own fieldset of radios; no table.
      expect(await page.locator('h1').innerText()).toBe('How much do you agree with each statement about your team?');
      expect(await page.locator('fieldset.govuk-fieldset legend').allInnerTexts()).toEqual(['I feel valued by my team', 'I am kept informed about changes', 'My workload is manageable']);
      expect(await page.locator('table, input:not([type=radio]):not([type=hidden])').count()).toBe(0);
      expect(await page.locator('input[type=radio][name="team.valued"]').count()).toBe(6);
      await expectNoWcagViolations(page);
      if (javaScript) await screenshot(page, 'grid-question');

      // Nothing chosen: an error per statement, each in the summary and at its fieldset.
      await continueOn(page, `${survey}/questions/team`);
      expect(await page.title()).toMatch(/^Error: How much do you agree/);
      expect(await page.locator('.govuk-error-summary a').allInnerTexts()).toEqual([
        'Select an answer for ‘I feel valued by my team’',
        'Select an answer for ‘I am kept informed about changes’',
        'Select an answer for ‘My workload is manageable’',
      ]);
      expect(await page.locator('.govuk-form-group--error').count()).toBe(3);
      await expectNoWcagViolations(page);
      if (javaScript) await screenshot(page, 'grid-question-error');
      await tabTo(page, page.locator('.govuk-error-summary a', { hasText: 'I am kept informed' }));
      await page.keyboard.press('Enter');
      if (javaScript) await expect.poll(() => focusedId(page)).toBe('team-informed');
      else await page.waitForURL(/#team-informed$/);

      // Two of three answered: the third alone is in error, and the two chosen stay chosen.
      await chooseRadio(page, 'team.valued', 'agree');
      await chooseRadio(page, 'team.informed', 'strongly-disagree');
      await continueOn(page, `${survey}/questions/team`);
      expect(await page.locator('.govuk-error-summary a').allInnerTexts()).toEqual(['Select an answer for ‘My workload is manageable’']);
      expect(await page.locator('input[name="team.valued"][value=agree]').isChecked()).toBe(true);
      expect(await page.locator('input[name="team.informed"][value=strongly-disagree]').isChecked()).toBe(true);
      await chooseRadio(page, 'team.workload', 'dont-know');
      await continueOn(page, `${survey}/questions/started`);

      // The date input: day, month and year, with GOV.UK's messages.
      expect(await page.locator('legend h1').innerText()).toBe('When did you start in your current role?');
      await expectNoWcagViolations(page);
      await typeInto(page, '#started-day', '30');
      await typeInto(page, '#started-year', '2024');
      await continueOn(page, `${survey}/questions/started`);
      expect(await page.locator('.govuk-error-summary a').allInnerTexts()).toEqual(['Date must include a month']);
      expect(await page.locator('#started-month.govuk-input--error').count()).toBe(1);
      expect(await page.locator('#started-day.govuk-input--error').count()).toBe(0);
      await expectNoWcagViolations(page);
      await tabTo(page, page.locator('.govuk-error-summary a'));
      await page.keyboard.press('Enter');
      if (javaScript) await expect.poll(() => focusedId(page)).toBe('started-month');
      else await page.waitForURL(/#started-month$/);
      await typeInto(page, '#started-month', '2');
      await continueOn(page, `${survey}/questions/started`);
      expect(await page.locator('.govuk-error-summary a').allInnerTexts()).toEqual(['Date must be a real date']);
      expect(await page.locator('#started-day').inputValue()).toBe('30');
      if (javaScript) await screenshot(page, 'date-question-error');
      await typeInto(page, '#started-day', '29');
      await continueOn(page, `${survey}/questions/comment`);
      await continueOn(page, `${survey}/check-answers`);

      const summary = await page.locator('.govuk-summary-list').innerText();
      expect(summary).toContain('I feel valued by my team: Agree');
      expect(summary).toContain('I am kept informed about changes: Strongly disagree');
      expect(summary).toContain("My workload is manageable: Don't know");
      expect(summary).toContain('29 February 2024');
      await expectNoWcagViolations(page);
      await activate(page, page.getByRole('button', { name: 'Send response' }));
      expect(new URL(page.url()).pathname).toBe(`${survey}/confirmation`);

      const stored = await server.store.responses.list('staff-pulse');
      expect(stored).toHaveLength(before + 1);
      expect(stored.at(-1)!.answers).toEqual({ team: { valued: 'agree', informed: 'strongly-disagree', workload: 'dont-know' }, started: '2024-02-29' });
      // Without JavaScript the only errors are the scripts the test itself blocks.
      expect(javaScript ? errors : errors.filter((e) => !/Content Security Policy directive.*script-src 'none'|net::ERR_FAILED/.test(e))).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('shows both in the admin results: each statement with the grid net, the date by month with its range', { timeout: 60_000 }, async () => {
    const tab = await openChromium({ javaScript: true });
    const { page } = tab;
    const errors = watchForErrors(page);
    try {
      await page.goto(`${server.baseUrl}/admin/surveys/staff-pulse/results`);
      await page.locator('#email').fill(adminEmail);
      await page.locator('#password').fill(adminPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/results$/);
      const main = await page.locator('main').innerText();
      expect(main).toContain('How much do you agree with each statement about your team: I feel valued by my team');
      expect(main).toContain('Net: Agree or strongly agree');
      expect(main).toContain('February 2024');
      expect(main).toMatch(/Earliest 2024-01-01, median 2024-02-\d\d, latest 2024-03-27/);
      await expectNoWcagViolations(page);
      await screenshot(page, 'grid-date-results');
      expect(errors).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('reports them with no WCAG 2.2 A/AA violation: the grid as one chart, a bar per statement, and the months of the date', { timeout: 60_000 }, async () => {
    const tab = await openChromium({ javaScript: true, pageScripts: false });
    try {
      await tab.page.setContent(await surveyReportHtml(server.store, 'staff-pulse'));
      // One chart for the grid, named by its title, a bar per statement; and one for the date's months.
      expect(await tab.page.getByRole('img').evaluateAll((charts) => charts.map((c) => (c as unknown as { getAttribute(name: string): string | null }).getAttribute('aria-labelledby')))).toHaveLength(2);
      const grid = tab.page.getByRole('img', { name: 'How much do you agree with each statement about your team? (Agree or strongly agree)' });
      expect(await grid.count()).toBe(1);
      const gridText = await grid.evaluate((svg) => (svg as unknown as { textContent: string }).textContent);
      // Long labels wrap onto lines of their own (tspans), so compare without the spaces.
      const squeezed = (text: string) => text.replace(/\s+/g, '');
      for (const statement of ['I feel valued by my team', 'I am kept informed about changes', 'My workload is manageable']) expect(squeezed(gridText)).toContain(squeezed(statement));
      expect(await tab.page.getByRole('img', { name: 'When did you start in your current role?' }).count()).toBe(1);
      expect(await tab.page.locator('main').innerText()).toContain('ranged from 1 January 2024 to 27 March 2024');
      await expectNoWcagViolations(tab.page);
      await screenshot(tab.page, 'grid-date-report');
    } finally {
      await tab.close();
    }
  });
});
