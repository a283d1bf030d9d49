import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SurveyResults } from '../src/analysis/results/results-model.js';
import { rowIds } from '../src/analysis/respondent-sets/respondent-set.js';
import { loadSnapshot } from '../src/operations/survey-results.js';
import { openDatabase } from '../src/storage/open-database.js';
import { createStore } from '../src/storage/store.js';
import { runCapture } from './support/cli-capture.js';
import { freshDatabase, type TestDatabase } from './support/test-databases.js';
import { textOf } from './support/html-text.js';

// The built-in survey has 7 respondents in the North East. Twelve more from Durham County Council
// (one of its five organisations, one respondent of its own before) make Durham 13 and the
// region 19: Durham's benchmark and the North East's figure of `canvass results --by org.region`
// would give the other six respondents' answers away by subtraction, whichever came first.
const durhamRows = Array.from({ length: 12 }, (_, i) =>
  [
    'durham-county-council',
    ['senior-leader', 'head-of-service', 'digital-it', 'operations'][i % 4],
    ['fully-embracing', 'major-barriers', 'missing-opportunities'][i % 3],
    'no',
    '',
    'skills;cost',
    'fairly-confident',
    '',
    'agree',
    'weighing-up',
    'back-office',
    '',
  ].join(','),
);
const header = 'org,role,approach,strategy,strategy_stage,barriers,gap_confidence,gap_barriers,strategy_achievable,automation_status,automation_uses,comments';

const nestedInRegion = 'it differs by fewer than 10 respondents from a group published earlier (everyone, by org.region = North East), so their answers could be recovered by subtraction';

describe('canvass report --all-orgs goes through the disclosure ledger (built-in survey, SQLite)', () => {
  let db: TestDatabase;
  let dir: string;
  const cli = async (...args: string[]) => {
    const run = await runCapture([...args, '--db', db.url]);
    expect(run.code, run.err).toBe(0);
    return run.out;
  };
  const northEast = async () => {
    const results = JSON.parse(await cli('results', 'digital-gap-2017', '--by', 'org.region', '--json')) as SurveyResults;
    return results.groups!.find((g) => g.key === 'North East')!.questions.find((q) => q.id === 'approach')!;
  };
  const allOrgs = async () => {
    expect(await cli('report', 'digital-gap-2017', '--all-orgs', '--out', join(dir, 'orgs'))).toMatch(/^Wrote 180 benchmark reports/);
    return (org: string) => textOf(readFileSync(join(dir, 'orgs', `${org}.html`), 'utf8'));
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'canvass-all-orgs-ledger-'));
    db = await freshDatabase('sqlite');
    await cli('seed', 'digital-gap-2017');
    writeFileSync(join(dir, 'durham.csv'), `${[header, ...durhamRows].join('\n')}\n`);
    await cli('responses', 'import', 'digital-gap-2017', join(dir, 'durham.csv'));
  });

  afterEach(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('withholds an organisation’s figures nested by a few respondents in a region published earlier, saying why', async () => {
    expect(await northEast()).toMatchObject({ suppressed: false, base: 19 });
    const page = await allOrgs();
    const durham = page('durham-county-council');
    expect(durham).toMatch(/Respondents 13 /);
    expect(durham).toContain(`Durham County Council's figure for “We are missing out on key opportunities to embrace digital” in answer to “Which statement best describes your organisation's approach to delivering services digitally?” is not shown: ${nestedInRegion}`);
    // Organisations outside the region are not affected: a larger organisation elsewhere would
    // show its figures, and none of them is withheld for the region.
    expect(page('kent-county-council')).not.toContain('published earlier');
  }, 180_000);

  it('records what it releases: Durham’s figures shown, then a region nested around them by a few withheld', async () => {
    const page = await allOrgs();
    const durham = page('durham-county-council');
    expect(durham).not.toContain('published earlier');
    expect(durham).toContain('31% of respondents at Durham County Council believe their organisation is missing out on key opportunities to embrace digital (base: 13 respondents at Durham County Council)');

    // The run recorded Durham's groups (and its peer group's and the sector's) in the stored ledger.
    const database = await openDatabase(db.url);
    try {
      const store = createStore(database.db);
      const loaded = await loadSnapshot(store, 'digital-gap-2017');
      const key = { surveyId: 'digital-gap-2017', wave: loaded.wave ?? null, unit: 'respondents', dataVersion: loaded.dataVersion };
      const recorded = await store.disclosureLedger.near(key, new Map([['approach', [[13, 13]] as const]]));
      const own = recorded.filter((e) => e.where === 'the benchmark of Durham County Council');
      expect(own).toHaveLength(1);
      const durhamRows = loaded.snapshot.orgIndex.reduce<number[]>((rows, o, i) => (loaded.snapshot.orgs[o]!.id === 'durham-county-council' ? [...rows, i] : rows), []);
      expect([...rowIds(own[0]!)]).toEqual(durhamRows);
      const peers = await store.disclosureLedger.near(key, new Map([['approach', [[43, 43]] as const]]));
      expect(peers.map((e) => e.where)).toContain('org.type = unitary-authority');
    } finally {
      await database.close();
    }

    expect(await northEast()).toMatchObject({
      suppressed: true,
      base: null,
      reason: 'it differs by fewer than 10 respondents from a group published earlier (the benchmark of Durham County Council), so their answers could be recovered by subtraction',
    });
  }, 180_000);
});
