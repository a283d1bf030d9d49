import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDefinition } from '../../src/operations/import-definition.js';
import { chromiumAvailable, describeViolations, openChromium, startServer, wcagViolations, watchForErrors, type BrowserTab, type RunningServer } from './support/browser.js';

/** A survey with a number question, which the built-in survey does not have. */
const numbersSurvey = `
format: 1
id: staffing
title: Staffing survey
questions:
  - { id: digital_staff, type: number, text: How many people work in your digital team?, hint: Count part-time staff as one each., min: 0, max: 5000, integer: true, unit: people }
  - { id: comments, type: text, text: Anything else?, required: false, maxLength: 500 }
`;

let server: RunningServer;

/**
 * Checks the page. With JavaScript off only the page types whose markup depends on it are
 * checked again (the autocomplete, error states, the character count); the others are the same
 * server-rendered HTML either way.
 */
async function expectNoViolations(page: Page, pageType: string, options: { alsoWithoutJavaScript?: boolean; javaScript?: boolean } = {}): Promise<void> {
  if (options.javaScript === false && !options.alsoWithoutJavaScript) return;
  const violations = await wcagViolations(page);
  expect(describeViolations(violations), `${pageType} at ${page.url()}`).toEqual([]);
}

async function submit(page: Page, button = 'Continue'): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: button, exact: true }).click()]);
}

async function chooseOrganisation(page: Page, javaScript: boolean): Promise<void> {
  if (javaScript) {
    await page.locator('input#org').fill('Leeds');
    await page.getByRole('option', { name: 'Leeds City Council' }).click();
  } else await page.locator('select#org').selectOption('leeds-city-council');
}

describe.skipIf(!chromiumAvailable())('axe-core finds no WCAG 2.2 A or AA violations on the respondent’s pages', () => {
  beforeAll(async () => {
    server = await startServer();
    await importDefinition(server.store, numbersSurvey, 'staffing.yaml', 'cli:test');
  });
  afterAll(() => server?.close());

  describe.each([
    ['on', true],
    ['off', false],
  ])('the respondent journey with JavaScript %s', (_label, javaScript) => {
    let tab: BrowserTab;
    let errors: string[];
    beforeAll(async () => {
      // axe-core runs in the page, so 'off' is a browser whose pages' own scripts are all blocked.
      tab = await openChromium({ javaScript: true, pageScripts: javaScript });
      errors = watchForErrors(tab.page);
    });
    afterAll(() => tab?.close());

    it('start, organisation, each question type, an error, check answers and confirmation', { timeout: 60_000 }, async () => {
      const { page } = tab;
      await page.goto(`${server.baseUrl}/s/digital-gap-2017`);
      await expectNoViolations(page, 'start page', { javaScript });
      await page.getByRole('button', { name: 'Start now' }).click();
      await page.waitForURL(/\/organisation$/);
      await expectNoViolations(page, 'organisation page', { javaScript, alsoWithoutJavaScript: true });
      await submit(page);
      await expectNoViolations(page, 'organisation page with an error', { javaScript, alsoWithoutJavaScript: true });
      await chooseOrganisation(page, javaScript);
      await submit(page);

      await expectNoViolations(page, 'single choice question', { javaScript });
      await submit(page);
      expect(await page.title()).toMatch(/^Error:/);
      await expectNoViolations(page, 'question with an error', { javaScript, alsoWithoutJavaScript: true });
      await page.getByLabel('Other', { exact: true }).check();
      await submit(page);
      await page.getByLabel("Don't know", { exact: true }).check();
      await submit(page);
      await page.getByLabel('No', { exact: true }).check();
      await submit(page);

      await expectNoViolations(page, 'multiple choice question', { javaScript });
      await page.getByLabel('Cultural resistance to change').check();
      await page.getByLabel('None of these').check({ force: !javaScript });
      if (!javaScript) {
        // Without JavaScript nothing unticks the others: the server says what to change.
        await submit(page);
        await expectNoViolations(page, 'multiple choice question with an error', { javaScript, alsoWithoutJavaScript: true });
        await page.getByLabel('None of these').uncheck();
        await page.getByLabel('Cultural resistance to change').check();
      }
      await submit(page);

      await expectNoViolations(page, 'scale question', { javaScript });
      await page.getByLabel('Fairly confident').check();
      await submit(page);
      await page.getByLabel('Agree', { exact: true }).check();
      await submit(page);
      await page.getByLabel('We have not considered it').check();
      await submit(page);
      await page.getByLabel('Data analysis', { exact: true }).check();
      await submit(page);

      await expectNoViolations(page, 'text question', { javaScript, alsoWithoutJavaScript: true });
      await page.getByRole('button', { name: 'Save and come back later' }).click();
      await page.waitForURL(/\/saved$/);
      await expectNoViolations(page, 'saved answers page', { javaScript });
      await page.getByRole('button', { name: 'Continue with the survey now' }).click();
      await page.locator('textarea#comments').fill('Nothing more.');
      await submit(page);

      await expectNoViolations(page, 'check answers', { javaScript });
      await submit(page, 'Send response');
      await expectNoViolations(page, 'confirmation', { javaScript });
      // Blocked scripts are reported as errors when the pages' scripts are off on purpose.
      if (javaScript) expect(errors).toEqual([]);
    });

    it('a number question, with and without an error', { timeout: 30_000 }, async () => {
      const { page } = tab;
      await page.goto(`${server.baseUrl}/s/staffing/organisation`);
      await chooseOrganisation(page, javaScript);
      await submit(page);
      await expectNoViolations(page, 'number question', { javaScript, alsoWithoutJavaScript: true });
      await page.locator('input#digital_staff').fill('lots');
      await submit(page);
      expect(await page.locator('.govuk-error-message').innerText()).toContain('Enter a whole number, like 25');
      await expectNoViolations(page, 'number question with an error', { javaScript, alsoWithoutJavaScript: true });
    });
  });
});
