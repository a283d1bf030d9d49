import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  it('runs the demo on ./canvass.db without serving: seeds it once, prints the topline, exits 0', () => {
    const first = canvass('demo', '--no-serve');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Loaded the built-in survey 'digital-gap-2017' into SQLite \.\/canvass\.db: 180 organisations, 235 responses/);
    expect(first.stdout).toMatch(/235 respondents at 180 organisations/);
    expect(first.stdout).toMatch(/Reconstructed from the published figures/);
    expect(existsSync(join(cwd, 'canvass.db'))).toBe(true);
    const second = canvass('demo', '--no-serve');
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/Using 'digital-gap-2017' from SQLite \.\/canvass\.db/);
  });

  it('serves the demo after the topline, printing the respondent and admin addresses and a password to sign in with, until stopped', async () => {
    const demo = await start(['demo', '--port', '0', '--db', 'sqlite:./served.db'], /Press Ctrl\+C to stop/);
    try {
      const out = demo.stdout();
      expect(out).toMatch(/235 respondents at 180 organisations/);
      const respondent = /Respondents: +(http:\/\/127\.0\.0\.1:\d+\/s\/digital-gap-2017)/.exec(out)?.[1];
      const admin = /Admin: +(http:\/\/127\.0\.0\.1:\d+\/admin)/.exec(out)?.[1];
      const password = /Sign in as (\S+) with the password (\S+)/.exec(out);
      expect(respondent).toBeDefined();
      expect(admin).toBeDefined();
      expect(password?.[1]).toBe('admin@canvass.localhost');
      const startPage = await fetch(respondent!);
      expect(startPage.status).toBe(200);
      expect(await startPage.text()).toContain('Start now');
      const adminPage = await fetch(admin!, { redirect: 'manual' });
      expect(adminPage.status).toBe(303);
      expect(adminPage.headers.get('location')).toMatch(/^\/admin\/sign-in/);
    } finally {
      expect(await demo.stop()).toBe(0);
    }
    // The password was shown once: the next start does not show it again.
    const again = await start(['demo', '--port', '0', '--db', 'sqlite:./served.db'], /Press Ctrl\+C to stop/);
    expect(again.stdout()).toMatch(/Using 'digital-gap-2017'/);
    expect(again.stdout()).not.toMatch(/with the password/);
    expect(await again.stop()).toBe(0);
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
