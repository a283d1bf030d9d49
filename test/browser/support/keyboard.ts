import type { Locator, Page } from 'playwright-core';

/**
 * The little of the browser's globals these tests read, inside functions that page.evaluate
 * runs in the page. (This project type-checks for Node, without the DOM's types; the casts are
 * erased before the functions are sent to the browser.)
 */
export interface BrowserGlobals {
  document: {
    activeElement: { id: string; value?: string; classList: { contains(name: string): boolean } } | null;
    body: { classList: { contains(name: string): boolean } };
  };
}

/**
 * Driving pages with the keyboard only: Tab (or Shift+Tab) to a control, arrows and Space to
 * choose, Enter to follow a link or press a button. No clicks, no filling of fields by script.
 */

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === (globalThis as unknown as BrowserGlobals).document.activeElement).catch(() => false);
}

/** Presses Tab until `target` has focus; fails if it never does (it is not reachable by keyboard). */
export async function tabTo(page: Page, target: Locator, options: { backwards?: boolean; limit?: number } = {}): Promise<void> {
  const limit = options.limit ?? 80;
  for (let i = 0; i < limit; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
  }
  if (await isFocused(target)) return;
  throw new Error(`could not reach ${target} with ${limit} presses of ${options.backwards ? 'Shift+Tab' : 'Tab'}`);
}

/** Tabs into a radio group and moves with the arrow keys (which select) to the option wanted. */
export async function chooseRadio(page: Page, name: string, value: string): Promise<void> {
  const radios = page.locator(`input[type=radio][name="${name}"]`);
  const values = await radios.evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));
  await tabToAny(page, radios);
  for (let i = 0; i < values.length * 2; i++) {
    const focused = await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.activeElement?.value);
    const checked = await page.locator(`input[type=radio][name="${name}"][value="${value}"]`).isChecked();
    if (checked && focused === value) return;
    if (focused === value) await page.keyboard.press('Space');
    else await page.keyboard.press(values.indexOf(value) > values.indexOf(focused ?? '') ? 'ArrowDown' : 'ArrowUp');
  }
  throw new Error(`could not choose ${name} = ${value} with the arrow keys`);
}

/** Tabs to each checkbox wanted and ticks it with Space. */
export async function tickCheckboxes(page: Page, name: string, values: readonly string[]): Promise<void> {
  for (const value of values) {
    const box = page.locator(`input[type=checkbox][name="${name}"][value="${value}"]`);
    await tabTo(page, box);
    if (!(await box.isChecked())) await page.keyboard.press('Space');
  }
}

/** Presses Enter on a button or link reached by Tab, and waits for the page it leads to. */
export async function activate(page: Page, target: Locator): Promise<void> {
  await tabTo(page, target);
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
}

export async function tabToAny(page: Page, targets: Locator, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    const focused = await targets.evaluateAll((elements) => elements.some((element) => element === (globalThis as unknown as BrowserGlobals).document.activeElement));
    if (focused) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach any of ${targets} with Tab`);
}
