import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDefinition } from '../../src/operations/import-definition.js';
import { importRegister } from '../../src/operations/import-register.js';
import { importResponsesCsv } from '../../src/operations/import-responses.js';
import { publishRelease } from '../../src/operations/publish-release.js';
import { createRelease } from '../../src/operations/releases.js';
import { publicationRender } from '../../src/web/reports/publication-render.js';
import { staffPulseRegister } from '../support/staff-pulse.js';
import { chromiumAvailable, describeViolations, openChromium, screenshot, startServer, watchForErrors, wcagViolations, type RunningServer } from './support/browser.js';
import { activate, chooseRadio, tabTo, tickCheckboxes, type BrowserGlobals } from './support/keyboard.js';

/**
 * The respondent journey of respondent-journey.test.ts, in Welsh, on a survey given in English
 * and Welsh (test/fixtures/bilingual-survey.yaml): chosen with the GOV.UK language toggle, by
 * keyboard only, with JavaScript on and off, axe on every page, through a conditional question,
 * errors corrected from the error summary, and save and come back in another browser.
 */
const survey = '/s/bilingual-survey';
const definition = readFileSync(join(process.cwd(), 'test', 'fixtures', 'bilingual-survey.yaml'), 'utf8');
let server: RunningServer;

async function expectWelshPage(page: Page): Promise<void> {
  expect(await page.locator('html').getAttribute('lang')).toBe('cy');
  // The toggle: the current language as text, the other as a link marked as English.
  const toggle = page.locator('nav.govuk-language-navigation');
  expect(await toggle.getAttribute('aria-label')).toBe('Dewis iaith');
  expect(await toggle.locator('[aria-current="true"]').innerText()).toBe('Cymraeg');
  const english = toggle.getByRole('link', { name: 'English' });
  expect([await english.getAttribute('lang'), await english.getAttribute('hreflang')]).toEqual(['en', 'en']);
  expect(describeViolations(await wcagViolations(page))).toEqual([]);
}

async function continueOn(page: Page, expectedPath: string): Promise<void> {
  await activate(page, page.getByRole('button', { name: 'Yn eich blaen', exact: true }));
  expect(new URL(page.url()).pathname).toBe(expectedPath);
  await expectWelshPage(page);
}

async function fixErrorFromSummary(page: Page, javaScript: boolean, message: string, fieldId: string): Promise<void> {
  expect(await page.locator('.govuk-error-summary__title').innerText()).toBe('Mae problem wedi codi');
  expect(await page.title()).toMatch(/^Gwall: /);
  const link = page.locator('.govuk-error-summary a', { hasText: message });
  expect(await link.count()).toBe(1);
  expect(await page.locator('.govuk-error-message').first().innerText()).toContain(message);
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  if (javaScript) expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.activeElement?.id)).toBe(fieldId);
  else await page.waitForURL(new RegExp(`#${fieldId}$`));
}

describe.skipIf(!chromiumAvailable())('a respondent answering in Welsh, using only the keyboard', () => {
  beforeAll(async () => {
    server = await startServer();
    await importRegister(server.store, staffPulseRegister, 'staff-pulse-register.csv', 'cli:test');
    await importDefinition(server.store, definition, 'bilingual-survey.yaml', 'cli:test');
  });
  afterAll(() => server?.close());

  it.each([
    ['on', true],
    ['off', false],
  ])('chooses Welsh with the language toggle and completes the survey in Welsh with JavaScript %s, the choice surviving save and come back in another browser', { timeout: 120_000 }, async (label, javaScript) => {
    const before = (await server.store.responses.list('bilingual-survey')).length;
    // Without JavaScript the pages' scripts are blocked, but axe-core, which the test runs, still can.
    const tab = await openChromium({ javaScript: true, pageScripts: javaScript });
    const { page } = tab;
    const errors = watchForErrors(page);
    let resumeUrl = '';
    try {
      await page.goto(`${server.baseUrl}${survey}`);
      expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.body.classList.contains('govuk-frontend-supported'))).toBe(javaScript);
      // The default language first, with a link to Welsh marked as Welsh.
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.locator('h1').innerText()).toBe('Digital skills survey');
      const cymraeg = page.locator('nav.govuk-language-navigation').getByRole('link', { name: 'Cymraeg' });
      expect([await cymraeg.getAttribute('lang'), await cymraeg.getAttribute('hreflang')]).toEqual(['cy', 'cy']);
      await activate(page, cymraeg);
      expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(survey);
      await expectWelshPage(page);
      expect(await page.locator('h1').innerText()).toBe('Arolwg sgiliau digidol');
      expect(await page.locator('main').innerText()).toContain('Sut y defnyddir eich atebion');
      await activate(page, page.getByRole('button', { name: 'Dechrau nawr' }));
      expect(new URL(page.url()).pathname).toBe(`${survey}/organisation`);
      await expectWelshPage(page);
      expect(await page.locator('label[for="org"], h1').first().innerText()).toContain('I ba sefydliad ydych chi’n gweithio?');

      // Continue without choosing: the error in Welsh.
      await activate(page, page.getByRole('button', { name: 'Yn eich blaen', exact: true }));
      await expectWelshPage(page);
      expect(await page.locator('.govuk-error-summary a').innerText()).toBe('Dewiswch y sefydliad rydych yn gweithio iddo');
      if (javaScript) {
        await tabTo(page, page.locator('input#org'));
        // The type-ahead speaks Welsh too.
        await page.keyboard.type('zzz');
        await page.locator('.autocomplete__option--no-results', { hasText: 'Dim canlyniadau wedi’u canfod' }).waitFor();
        for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
        await page.keyboard.type('Pulse Agency B');
        await page.getByRole('option', { name: 'Pulse Agency B' }).waitFor();
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
      } else {
        await tabTo(page, page.locator('select#org'));
        await page.keyboard.type('Pulse Agency B');
      }
      await continueOn(page, `${survey}/questions/role`);
      expect(await page.locator('h1').innerText()).toBe('Pa un sy’n disgrifio eich rôl orau?');
      expect(await page.getByRole('button', { name: 'Cadw a dod yn ôl yn nes ymlaen' }).count()).toBe(1);
      if (javaScript) await screenshot(page, 'welsh-question');

      // Continue without an answer: the error summary in Welsh, then its link to the field.
      await continueOn(page, `${survey}/questions/role`);
      await fixErrorFromSummary(page, javaScript, 'Dewiswch ateb', 'role');
      expect(await page.locator('label[for="role"]').innerText()).toBe('Digidol neu TG');
      await chooseRadio(page, 'role', 'digital-it');
      await continueOn(page, `${survey}/questions/strategy`);
      expect(await page.locator('label', { hasText: 'Nac oes' }).count()).toBe(1);
      await chooseRadio(page, 'strategy', 'yes');
      // strategy = yes: the conditional question comes next.
      await continueOn(page, `${survey}/questions/strategy_stage`);
      await chooseRadio(page, 'strategy_stage', 'under-way');
      await continueOn(page, `${survey}/questions/barriers`);
      expect(await page.locator('.govuk-hint').first().innerText()).toBe('Dewiswch bob un sy’n berthnasol.');
      expect(await page.locator('.govuk-checkboxes__divider').innerText()).toBe('neu');
      await tickCheckboxes(page, 'barriers', ['culture', 'cost']);
      await continueOn(page, `${survey}/questions/confidence`);
      await chooseRadio(page, 'confidence', 'not-very');
      await continueOn(page, `${survey}/questions/team_size`);
      expect(await page.locator('.govuk-input__suffix').innerText()).toBe('o bobl');
      await tabTo(page, page.locator('input#team_size'));
      await page.keyboard.type('deuddeg');
      await continueOn(page, `${survey}/questions/team_size`);
      await fixErrorFromSummary(page, javaScript, 'Rhowch rif cyfan, fel 25', 'team_size');
      await tabTo(page, page.locator('input#team_size'));
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.type('2000');
      await continueOn(page, `${survey}/questions/team_size`);
      expect(await page.locator('.govuk-error-summary a').innerText()).toBe('Rhowch rif cyfan rhwng 1 a 1000');
      await tabTo(page, page.locator('input#team_size'));
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.type('12');
      await continueOn(page, `${survey}/questions/team`);

      // The grid: a fieldset per statement, its errors per statement in Welsh.
      expect(await page.locator('h1').innerText()).toBe('I ba raddau ydych chi’n cytuno â phob datganiad am eich tîm?');
      expect(await page.locator('fieldset.govuk-fieldset legend').allInnerTexts()).toEqual(['Rwy’n teimlo bod fy nhîm yn fy ngwerthfawrogi', 'Rwy’n cael gwybod am newidiadau']);
      await continueOn(page, `${survey}/questions/team`);
      expect(await page.locator('.govuk-error-summary a').allInnerTexts()).toEqual(['Dewiswch ateb ar gyfer ‘Rwy’n teimlo bod fy nhîm yn fy ngwerthfawrogi’', 'Dewiswch ateb ar gyfer ‘Rwy’n cael gwybod am newidiadau’']);
      await chooseRadio(page, 'team.valued', 'agree');
      await chooseRadio(page, 'team.informed', 'disagree');
      await continueOn(page, `${survey}/questions/started`);

      // The date input: its fields and GOV.UK's messages in Welsh.
      expect(await page.locator('legend h1').innerText()).toBe('Pryd wnaethoch chi ddechrau yn eich rôl bresennol?');
      expect(await page.locator('.govuk-date-input label').allInnerTexts()).toEqual(['Diwrnod', 'Mis', 'Blwyddyn']);
      await tabTo(page, page.locator('#started-day'));
      await page.keyboard.type('30');
      await tabTo(page, page.locator('#started-year'));
      await page.keyboard.type('2024');
      await continueOn(page, `${survey}/questions/started`);
      expect(await page.locator('.govuk-error-summary a').allInnerTexts()).toEqual(['Rhaid i’r dyddiad gynnwys mis']);
      expect(await page.locator('#started-month.govuk-input--error').count()).toBe(1);
      await tabTo(page, page.locator('#started-month'));
      await page.keyboard.type('4');
      await continueOn(page, `${survey}/questions/comments`);
      if (javaScript) await expect.poll(() => page.locator('.govuk-character-count__status').innerText()).toBe('Mae gennych 2000 o gymeriadau yn weddill');
      await tabTo(page, page.locator('textarea#comments'));
      await page.keyboard.type(`Diolch, JavaScript ${label}`);

      // Save and come back later: the saved page in Welsh, with the resume link.
      await activate(page, page.getByRole('button', { name: 'Cadw a dod yn ôl yn nes ymlaen' }));
      expect(new URL(page.url()).pathname).toBe(`${survey}/saved`);
      await expectWelshPage(page);
      expect(await page.locator('h1').innerText()).toBe('Mae eich atebion wedi’u cadw');
      expect(await page.locator('main').innerText()).toMatch(/tan \d{1,2} (Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr) \d{4}/);
      resumeUrl = (await page.locator('[data-resume-link]').innerText()).trim();
      // Without JavaScript the blocked scripts are reported; with it, nothing may be.
      if (javaScript) expect(errors).toEqual([]);
    } finally {
      await tab.close();
    }

    // Another browser, with no cookie of this survey: the resume link brings the answers and Welsh back.
    const other = await openChromium({ javaScript: true, pageScripts: javaScript });
    try {
      const page = other.page;
      const errors = watchForErrors(page);
      await page.goto(resumeUrl);
      expect(new URL(page.url()).pathname).toBe(`${survey}/check-answers`);
      await expectWelshPage(page);
      expect(await page.locator('h1').innerText()).toBe('Gwiriwch eich atebion cyn eu hanfon');
      const summary = await page.locator('.govuk-summary-list').innerText();
      for (const text of ['Sefydliad', 'Pulse Agency B', 'Pa un sy’n disgrifio eich rôl orau?', 'Digidol neu TG', 'Ar y gweill', 'Diwylliant\nCost', 'Ddim yn hyderus iawn', '12 o bobl', 'Rwy’n cael gwybod am newidiadau: Anghytuno', '30 Ebrill 2024', `Diolch, JavaScript ${label}`, 'Newid']) expect(summary).toContain(text);
      expect(summary).not.toMatch(/Change|Organisation|Well under way/);
      // Going back to a question keeps the language too.
      await activate(page, page.getByRole('link', { name: /Newid\s+Pa mor hyderus/ }));
      expect(new URL(page.url()).pathname).toBe(`${survey}/questions/confidence`);
      await expectWelshPage(page);
      await activate(page, page.getByRole('button', { name: 'Cadw a dychwelyd at eich atebion' }));
      expect(new URL(page.url()).pathname).toBe(`${survey}/check-answers`);
      await activate(page, page.getByRole('button', { name: 'Anfon ymateb' }));
      expect(new URL(page.url()).pathname).toBe(`${survey}/confirmation`);
      await expectWelshPage(page);
      expect(await page.locator('.govuk-panel').innerText()).toMatch(/Ymateb wedi’i anfon\s+Eich cyfeirnod yw [0-9A-F]{4}-[0-9A-F]{4}/);
      if (javaScript) expect(errors).toEqual([]);
    } finally {
      await other.close();
    }

    // Stored as codes, whatever the language.
    const responses = await server.store.responses.list('bilingual-survey');
    expect(responses).toHaveLength(before + 1);
    expect(responses.at(-1)).toMatchObject({ org: 'pulse-b', answers: { role: 'digital-it', strategy: 'yes', strategy_stage: 'under-way', barriers: ['culture', 'cost'], confidence: 'not-very', team_size: 12, team: { valued: 'agree', informed: 'disagree' }, started: '2024-04-30', comments: `Diolch, JavaScript ${label}` } });
  });

  it('switches back to English with the toggle on any page, keeping the answers', { timeout: 60_000 }, async () => {
    const tab = await openChromium({ javaScript: true });
    const { page } = tab;
    try {
      await page.goto(`${server.baseUrl}${survey}?lang=cy`);
      expect(await page.locator('html').getAttribute('lang')).toBe('cy');
      await activate(page, page.getByRole('button', { name: 'Dechrau nawr' }));
      await tabTo(page, page.locator('input#org'));
      await page.keyboard.type('Pulse Agency A');
      await page.getByRole('option', { name: 'Pulse Agency A' }).waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await continueOn(page, `${survey}/questions/role`);
      await chooseRadio(page, 'role', 'service');
      await continueOn(page, `${survey}/questions/strategy`);
      await activate(page, page.getByRole('link', { name: 'English' }));
      expect(new URL(page.url()).pathname).toBe(`${survey}/questions/strategy`);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.locator('h1').innerText()).toBe('Does your organisation have a digital strategy?');
      expect(await page.getByRole('button', { name: 'Continue', exact: true }).count()).toBe(1);
      await page.goto(`${server.baseUrl}${survey}/questions/role`);
      expect(await page.locator('input[value="service"]').isChecked()).toBe(true);
      expect(await page.locator('label[for="role-2"]').innerText()).toBe('Service delivery');
    } finally {
      await tab.close();
    }
  });
  it('reads the published report in Welsh, reached by the language toggle, with no WCAG 2.2 A/AA violation', { timeout: 60_000 }, async () => {
    const rows = ['org,role,strategy,strategy_stage,barriers,confidence,team_size,team,started,comments'];
    for (let i = 0; i < 30; i++) rows.push(`${i % 2 ? 'pulse-a' : 'pulse-b'},${['digital-it', 'service', 'other'][i % 3]},yes,under-way,culture,${['very', 'fairly', 'not-very'][i % 3]},${5 + i},valued=agree;informed=disagree,2024-03-15,`);
    await importResponsesCsv(server.store, 'bilingual-survey', `${rows.join('\n')}\n`, 'bilingual.csv', 'cli:test');
    await createRelease(server.store, 'bilingual-survey', { actor: 'cli:test' });
    await publishRelease(server.store, 'bilingual-survey', { actor: 'cli:test', render: publicationRender('bilingual-survey') });
    const tab = await openChromium({ javaScript: true });
    const { page } = tab;
    try {
      await page.goto(`${server.baseUrl}/reports/bilingual-survey`);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await activate(page, page.locator('nav.govuk-language-navigation').getByRole('link', { name: 'Cymraeg' }));
      expect(new URL(page.url()).search).toBe('?lang=cy');
      expect(await page.locator('html').getAttribute('lang')).toBe('cy');
      expect(await page.locator('h1').innerText()).toBe('Arolwg sgiliau digidol');
      expect(await page.locator('main').innerText()).toContain('Pa mor hyderus ydych chi fod gan eich sefydliad y sgiliau sydd eu hangen arno?');
      expect(describeViolations(await wcagViolations(page))).toEqual([]);
      await screenshot(page, 'welsh-report');
    } finally {
      await tab.close();
    }
  });
});
