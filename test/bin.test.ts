import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
let cwd: string;

function canvass(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.CANVASS_DB;
  return spawnSync(process.execPath, [bin, ...args], { cwd, env, encoding: 'utf8' });
}

beforeAll(() => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run 'npm run build' first (npm test does)`);
  cwd = mkdtempSync(join(tmpdir(), 'canvass-bin-'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('the canvass executable', () => {
  it('runs the demo on ./canvass.db: seeds it once, prints the topline, exits 0', () => {
    const first = canvass('demo');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Loaded the built-in survey 'digital-gap-2017' into SQLite \.\/canvass\.db: 180 organisations, 235 responses/);
    expect(first.stdout).toMatch(/235 respondents at 180 organisations/);
    expect(first.stdout).toMatch(/Reconstructed from the published figures/);
    expect(existsSync(join(cwd, 'canvass.db'))).toBe(true);
    const second = canvass('demo');
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/Using 'digital-gap-2017' from SQLite \.\/canvass\.db/);
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
