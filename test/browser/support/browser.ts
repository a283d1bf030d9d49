import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ensureFirstAdmin } from '../../../src/operations/admin-accounts.js';
import { seedBuiltIn } from '../../../src/operations/seed-built-in.js';
import type { Store } from '../../../src/storage/store.js';
import { buildWebApp } from '../../../src/web/app.js';
import { tempStore } from '../../support/temp-store.js';
import { adminEmail, adminPassword } from '../../support/web-client.js';

/** Debian's Chromium; playwright-core never downloads a browser. */
export const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const screenshotDirectory = join(process.cwd(), 'test-results', 'screenshots');

/**
 * Whether the browser tests can run. Without Chromium they are skipped with a message, except
 * in CI (CI=true), where that is an error: CI never passes without them.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(chromiumPath)) return true;
  if (process.env.CI) throw new Error(`${chromiumPath} is missing and CI=true: install Debian's chromium package`);
  console.warn(`\n  ${chromiumPath} is missing; skipping the browser tests. Install Debian's chromium package to run them.\n`);
  return false;
}

export interface BrowserTab {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Chromium with a fresh, throwaway profile (user data directory): nothing carries over from
 * another test or run — no cookies, no cache. JavaScript on or off for the whole session, or
 * `pageScripts: false`: JavaScript on for the test's own use (axe-core needs it to run), but
 * every script of the pages blocked, so they render and behave as with JavaScript off.
 */
export async function openChromium(options: { javaScript: boolean; pageScripts?: boolean }): Promise<BrowserTab> {
  const profile = mkdtempSync(join(tmpdir(), 'canvass-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: true,
    javaScriptEnabled: options.javaScript,
    viewport: { width: 1024, height: 900 },
  });
  if (options.pageScripts === false) await blockPageScripts(context);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Rewrites each page's Content-Security-Policy to `script-src 'none'`, so neither its inline
 * script nor its script files run; scripts the test evaluates (axe-core) are not subject to it.
 */
async function blockPageScripts(context: BrowserContext): Promise<void> {
  await context.route('**/*', async (route) => {
    const request = route.request();
    if (request.resourceType() === 'script') return route.abort();
    if (request.resourceType() !== 'document') return route.continue();
    // Redirects go back to the browser as they are, so its address bar stays true.
    const response = await route.fetch({ maxRedirects: 0 });
    const csp = response.headers()['content-security-policy'] ?? "default-src 'self'";
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': `${csp.replace(/script-src[^;]*;?/g, '')};script-src 'none'` } });
  });
}

export interface RunningServer {
  baseUrl: string;
  store: Store;
  close(): Promise<void>;
}

/** The web app on a real port over a fresh SQLite database with the built-in survey and the test admin. */
export async function startServer(): Promise<RunningServer> {
  const temp = await tempStore();
  await seedBuiltIn(temp.store, 'digital-gap-2017', 'cli:test');
  await ensureFirstAdmin(temp.store, { CANVASS_ADMIN_EMAIL: adminEmail, CANVASS_ADMIN_PASSWORD: adminPassword });
  const app = await buildWebApp({ store: temp.store });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    store: temp.store,
    async close() {
      await app.close();
      await temp.close();
    },
  };
}

/** The WCAG 2.2 A and AA rules (and those of 2.0 and 2.1 they build on). */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core's violations of the WCAG A and AA rules on the page as it is now. */
export async function wcagViolations(page: Page): Promise<Result[]> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return results.violations;
}

/** A readable line per violation, so a failing test says what to fix and where. */
export function describeViolations(violations: readonly Result[]): string[] {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDirectory, { recursive: true });
  const path = join(screenshotDirectory, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Collects what the page logs as errors (a CSP violation shows up here) and uncaught exceptions. */
export function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    // A 400 for a form with errors is the page working as designed, not a fault.
    if (message.type() === 'error' && !/status of 400/.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => {
    errors.push(`a dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return errors;
}
