import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
let cwd: string;

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['CANVASS_DB', 'CANVASS_ADMIN_EMAIL', 'CANVASS_ADMIN_PASSWORD']) delete env[name];
  return env;
}

function canvass(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd, env: cleanEnv(), encoding: 'utf8' });
}

/** Starts a long-running command, waits for it to print `ready`, and returns what it printed and a way to stop it. */
async function start(args: string[], ready: RegExp) {
  const child = spawn(process.execPath, [bin, ...args], { cwd, env: cleanEnv() });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (ready.test(stdout)) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`exited ${child.exitCode} before it was ready:\n${stdout}\n${stderr}`));
      }
    }, 50);
  });
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    async stop(): Promise<number | null> {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

beforeAll(() => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run 'npm run build' first (npm test does)`);
  cwd = mkdtempSync(join(tmpdir(), 'canvass-bin-'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('the canvass executable', () => {
  it('runs the demo on ./canvass.db without serving: seeds it, releases and publishes it once, prints the topline and where the report is, exits 0', { timeout: 120_000 }, () => {
    const first = canvass('demo', '--no-serve');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Loaded the built-in survey 'digital-gap-2017' into SQLite \.\/canvass\.db: 180 organisations, 235 responses/);
    expect(first.stdout).toMatch(/Released its data and published the release: Release 1 of \d{1,2} \w+ \d{4}, wave 2017: 235 responses\./);
    expect(first.stdout).toMatch(/235 respondents at 180 organisations/);
    expect(first.stdout).toMatch(/Reconstructed from the published figures/);
    expect(first.stdout).toContain('The published report is at http://127.0.0.1:3000/reports/digital-gap-2017');
    expect(existsSync(join(cwd, 'canvass.db'))).toBe(true);
    const releases = canvass('releases', 'digital-gap-2017', '--json');
    expect(JSON.parse(releases.stdout)).toMatchObject({ published: 1, releases: [{ number: 1, responses: 235, note: 'built-in example' }] });

    // The second time: the survey and its release are there already.
    const second = canvass('demo', '--no-serve', '--port', '8080');
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/Using 'digital-gap-2017' from SQLite \.\/canvass\.db/);
    expect(second.stdout).not.toContain('Released');
    expect(second.stdout).toContain('The published report is at http://127.0.0.1:8080/reports/digital-gap-2017');
    expect(JSON.parse(canvass('releases', 'digital-gap-2017', '--json').stdout).releases).toHaveLength(1);

    // Not published (an admin took it down): the demo neither publishes it again nor says where it is.
    expect(canvass('unpublish', 'digital-gap-2017').status).toBe(0);
    const third = canvass('demo', '--no-serve');
    expect(third.status, third.stderr).toBe(0);
    expect(third.stdout).not.toContain('published report');
    expect(JSON.parse(canvass('releases', 'digital-gap-2017', '--json').stdout)).toMatchObject({ published: null });
  });

  it('serves the demo after the topline, printing the respondent, report and admin addresses and a password to sign in with, until stopped', { timeout: 120_000 }, async () => {
    const demo = await start(['demo', '--port', '0', '--db', 'sqlite:./served.db'], /Press Ctrl\+C to stop/);
    try {
      const out = demo.stdout();
      expect(out).toMatch(/235 respondents at 180 organisations/);
      expect(out).toMatch(/Released its data and published the release: Release 1 of/);
      const respondent = /Respondents: +(http:\/\/127\.0\.0\.1:\d+\/s\/digital-gap-2017)/.exec(out)?.[1];
      const report = /Report: +(http:\/\/127\.0\.0\.1:\d+\/reports\/digital-gap-2017)\s/.exec(out)?.[1];
      const admin = /Admin: +(http:\/\/127\.0\.0\.1:\d+\/admin)/.exec(out)?.[1];
      const password = /Sign in as (\S+) with the password (\S+)/.exec(out);
      expect(respondent).toBeDefined();
      expect(report).toBeDefined();
      expect(admin).toBeDefined();
      expect(password?.[1]).toBe('admin@canvass.localhost');
      const startPage = await fetch(respondent!);
      expect(startPage.status).toBe(200);
      expect(await startPage.text()).toContain('Start now');
      const reportPage = await fetch(report!);
      expect(reportPage.status).toBe(200);
      const reportHtml = await reportPage.text();
      expect(reportHtml).toMatch(/Release 1 of \d{1,2} \w+ \d{4}, wave 2017: 235 responses/);
      expect(reportHtml).toContain('38% of respondents believe their organisation is missing out on key opportunities to embrace digital (base: all 235 respondents).');
      const adminPage = await fetch(admin!, { redirect: 'manual' });
      expect(adminPage.status).toBe(303);
      expect(adminPage.headers.get('location')).toMatch(/^\/admin\/sign-in/);
    } finally {
      expect(await demo.stop()).toBe(0);
    }
    // The password was shown once: the next start does not show it again.
    const again = await start(['demo', '--port', '0', '--db', 'sqlite:./served.db'], /Press Ctrl\+C to stop/);
    expect(again.stdout()).toMatch(/Using 'digital-gap-2017'/);
    expect(again.stdout()).not.toContain('Released');
    expect(again.stdout()).toMatch(/Report: +http:\/\/127\.0\.0\.1:\d+\/reports\/digital-gap-2017/);
    expect(again.stdout()).not.toMatch(/with the password/);
    expect(await again.stop()).toBe(0);
  });

  it('loads Kysely, Zod and the statistics\' distributions from one bundled file each, not from their hundreds (what the build does for start-up time)', () => {
    const dist = fileURLToPath(new URL('../dist/', import.meta.url));
    const built = readFileSync(join(dist, 'analysis/distributions/distributions.js'), 'utf8');
    expect(built).not.toMatch(/@stdlib\//);
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', `const d = await import(${JSON.stringify(pathToFileURL(join(dist, 'analysis/distributions/distributions.js')).href)}); console.log(JSON.stringify([d.tQuantile(0.975, 10), d.normalQuantile(0.975, 0, 1)]))`], { encoding: 'utf8' });
    const [t, z] = JSON.parse(run.stdout) as number[];
    expect(t).toBeCloseTo(2.228138851986274, 12);
    expect(z).toBeCloseTo(1.959963984540054, 12);
    for (const name of ['kysely', 'zod']) expect(readFileSync(join(dist, 'vendor', `${name}.js`), 'utf8')).not.toMatch(new RegExp(`from\\s*["']${name}`));
    const compiled = (readdirSync(dist, { recursive: true }) as string[]).filter((f) => f.endsWith('.js') && !f.startsWith('vendor') && !f.startsWith('bench-build'));
    expect(compiled.length).toBeGreaterThan(100);
    const direct = compiled.filter((f) => /(from\s*|import\(\s*)['"](kysely|zod)['"]/.test(readFileSync(join(dist, f), 'utf8')));
    expect(direct).toEqual([]);
    expect(readFileSync(join(dist, 'storage/open-database.js'), 'utf8')).toContain("from '../vendor/kysely.js'");
  });

  it('exits 1 with a message on stderr for a user error', () => {
    const result = canvass('results', 'nope');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Error: There is no survey 'nope'/);
    expect(result.stdout).toBe('');
  });

  it('prints JSON results that parse', () => {
    const result = canvass('results', 'digital-gap-2017', '--json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ survey: 'digital-gap-2017', respondents: 235 });
  });
});
