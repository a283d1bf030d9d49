import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SurveyResults } from '../src/analysis/results/results-model.js';
import { runCapture } from './support/cli-capture.js';
import { dialects, freshDatabase, postgresAvailable, type TestDatabase } from './support/test-databases.js';

const survey = 'digital-gap-2017';
const definitionFile = new URL('../src/surveys/digital-gap-2017/definition.yaml', import.meta.url).pathname;
const registerFile = new URL('../src/surveys/digital-gap-2017/organisations.csv', import.meta.url).pathname;
const notConfident = 'gap_confidence in (not-very-confident, not-at-all-confident)';

/** The queries whose results must come out the same: the topline, a filter, a breakdown, both. */
const queries: Array<[string, string[]]> = [
  ['the topline', []],
  ['a filter', ['--filter', notConfident]],
  ['a breakdown', ['--by', 'org.nation']],
  ['a filter and a breakdown by a question', ['--filter', 'strategy = yes', '--by', 'role']],
];

const pgUp = await postgresAvailable();

describe.each(dialects)('re-importing the raw CSV export into an empty %s database', (dialect) => {
  const skip = dialect === 'postgres' && !pgUp;
  let source: TestDatabase;
  let target: TestDatabase;
  let dir: string;
  let exported: string;

  const cli = async (db: TestDatabase, ...args: string[]) => {
    const result = await runCapture([...args, '--db', db.url]);
    expect(result.code, `canvass ${args.join(' ')}: ${result.err}`).toBe(0);
    return result;
  };

  beforeAll(async () => {
    if (skip) return;
    dir = mkdtempSync(join(tmpdir(), 'canvass-reimport-'));
    source = await freshDatabase(dialect);
    target = await freshDatabase(dialect);
    await cli(source, 'seed', survey);
    exported = join(dir, 'responses.csv');
    await cli(source, 'responses', 'export', survey, '--format', 'csv', '--out', exported);
    await cli(target, 'survey', 'import', definitionFile);
    await cli(target, 'orgs', 'import', registerFile);
    await cli(target, 'responses', 'import', survey, exported);
  }, 120_000);

  afterAll(async () => {
    await source?.drop();
    await target?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(skip).each(queries)('gives identical results JSON for %s', async (_name, args) => {
    const before = JSON.parse((await cli(source, 'results', survey, '--json', ...args)).out) as SurveyResults;
    const after = JSON.parse((await cli(target, 'results', survey, '--json', ...args)).out) as SurveyResults;
    expect(before.respondents).toBeGreaterThan(0);
    expect(after).toEqual(before);
  });

  it.skipIf(skip)('stores every response with its id, organisation, time, wave and answers, so exporting again gives the same file', async () => {
    const again = join(dir, 'again.csv');
    await cli(target, 'responses', 'export', survey, '--format', 'csv', '--out', again);
    const original = readFileSync(exported, 'utf8');
    expect(original.split('\n')).toHaveLength(235 + 2);
    expect(readFileSync(again, 'utf8')).toBe(original);
  });
});
