import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrganisationBenchmarkReport } from '../src/analysis/benchmarks/organisation-benchmarks.js';
import type { SurveyResults } from '../src/analysis/results/results-model.js';
import { rowIds } from '../src/analysis/respondent-sets/respondent-set.js';
import { releaseDataVersion } from '../src/operations/release-ledger.js';
import { loadRelease } from '../src/operations/releases.js';
import { openDatabase } from '../src/storage/open-database.js';
import { pageText } from '../src/storage/published-pages-repository.js';
import { createStore, type Store } from '../src/storage/store.js';
import { runCapture } from './support/cli-capture.js';
import { freshDatabase, type TestDatabase } from './support/test-databases.js';
import { textOf } from './support/html-text.js';

// The built-in survey has 7 respondents in the North East. Twelve more from Durham County Council
// (one of its five organisations, one respondent of its own before) make Durham 13 and the
// region 19: Durham's benchmark and the North East's figure of `canvass results --by org.region`
// would give the other six respondents' answers away by subtraction, whichever was released
// first. Exploring (drafts of live data) releases neither; a release's figures go through the
// ledger: `canvass results --release` and `canvass publish`.
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
const durhamFigure = '31% of respondents at Durham County Council believe their organisation is missing out on key opportunities to embrace digital (base: 13 respondents at Durham County Council)';
const durhamWithheld = `Durham County Council's figure for “We are missing out on key opportunities to embrace digital” in answer to “Which statement best describes your organisation's approach to delivering services digitally?” is not shown: ${nestedInRegion}`;
const draftLabel = 'Draft: live data, not released';

describe('canvass report --all-orgs explores; releases go through the disclosure ledger (built-in survey, SQLite)', () => {
  let db: TestDatabase;
  let dir: string;
  const cli = async (...args: string[]) => {
    const run = await runCapture([...args, '--db', db.url]);
    expect(run.code, run.err).toBe(0);
    return run.out;
  };
  const withStore = async <T>(use: (store: Store) => Promise<T>): Promise<T> => {
    const database = await openDatabase(db.url);
    try {
      return await use(createStore(database.db));
    } finally {
      await database.close();
    }
  };
  const ledgerRows = () => withStore(async (store) => Number((await store.db.selectFrom('disclosure_ledger').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n));
  const northEast = async (...args: string[]) => {
    const results = JSON.parse(await cli('results', 'digital-gap-2017', '--by', 'org.region', '--json', ...args)) as SurveyResults;
    return results.groups!.find((g) => g.key === 'North East')!.questions.find((q) => q.id === 'approach')!;
  };
  const allOrgs = async () => {
    expect(await cli('report', 'digital-gap-2017', '--all-orgs', '--out', join(dir, 'orgs'))).toMatch(/^Wrote 180 benchmark reports/);
    return (org: string) => textOf(readFileSync(join(dir, 'orgs', `${org}.html`), 'utf8'));
  };
  /** Every way of exploring an organisation's figures: none of them records anything. */
  const explore = async () => {
    const page = await allOrgs();
    expect(page('durham-county-council')).toContain(durhamFigure);
    expect(page('durham-county-council')).toContain(`Data ${draftLabel}`);
    const benchmark = JSON.parse(await cli('benchmark', 'digital-gap-2017', '--org', 'durham-county-council', '--json')) as OrganisationBenchmarkReport;
    expect(benchmark.questions.find((q) => q.id === 'approach')!.figures.every((f) => !f.organisation.suppressed && f.organisation.base === 13)).toBe(true);
    await cli('report', 'digital-gap-2017', '--org', 'durham-county-council', '--out', join(dir, 'durham.html'));
    expect(textOf(readFileSync(join(dir, 'durham.html'), 'utf8'))).toContain(durhamFigure);
    expect(await northEast()).toMatchObject({ suppressed: false, base: 19 });
  };
  const publishedPage = (path: string) =>
    withStore(async (store) => {
      const page = await store.publishedPages.page('digital-gap-2017', path);
      return page ? textOf(pageText(page)) : undefined;
    });

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

  it('exploring — the region by canvass results, Durham by benchmark --org, report --org and --all-orgs — shows both, in either order, and leaves the ledger as it was', async () => {
    expect(await ledgerRows()).toBe(0);
    expect(await northEast()).toMatchObject({ suppressed: false, base: 19 });
    await explore();
    expect(await ledgerRows()).toBe(0);
    // Nor is exploring checked against what a release recorded.
    await cli('release', 'digital-gap-2017');
    expect(await northEast('--release', 'latest')).toMatchObject({ suppressed: false, base: 19 });
    const recorded = await ledgerRows();
    expect(recorded).toBeGreaterThan(0);
    await explore();
    expect(await ledgerRows()).toBe(recorded);
  }, 180_000);

  it('a region released by canvass results --release withholds Durham’s figures on its published page, saying why', async () => {
    await cli('release', 'digital-gap-2017');
    expect(await northEast('--release', 'latest')).toMatchObject({ suppressed: false, base: 19 });
    await cli('publish', 'digital-gap-2017');
    const durham = (await publishedPage('organisations/durham-county-council'))!;
    expect(durham).toMatch(/Data Release 1 of \d{1,2} \w+ \d{4}, wave 2017: 247 responses/);
    expect(durham).toMatch(/Respondents 13 /);
    expect(durham).toContain(durhamWithheld);
    // Organisations outside the region are not affected.
    expect(await publishedPage('organisations/kent-county-council')).not.toContain('published earlier');
  }, 180_000);

  it('records what canvass publish releases: Durham’s figures shown, then a release query of the region nested around them withheld', async () => {
    await cli('release', 'digital-gap-2017');
    await cli('publish', 'digital-gap-2017');
    const durham = (await publishedPage('organisations/durham-county-council'))!;
    expect(durham).not.toContain('published earlier');
    expect(durham).toContain(durhamFigure);

    // The publication recorded Durham's groups (and its peer group's and the sector's) in the
    // ledger of the survey's releases, as the sequence numbers of their responses.
    await withStore(async (store) => {
      const release = await loadRelease(store, 'digital-gap-2017');
      const key = { surveyId: 'digital-gap-2017', wave: release.release.wave, unit: 'respondents', dataVersion: releaseDataVersion };
      const own = (await store.disclosureLedger.near(key, new Map([['approach', [[13, 13]] as const]]))).filter((e) => e.where === 'the benchmark of Durham County Council');
      expect(own).toHaveLength(1);
      const durhamSeqs = release.snapshot.orgIndex.reduce<number[]>((seqs, o, i) => (release.snapshot.orgs[o]!.id === 'durham-county-council' ? [...seqs, release.seqs[i]!] : seqs), []);
      expect(durhamSeqs).toHaveLength(13);
      expect([...rowIds(own[0]!)]).toEqual(durhamSeqs);
      const peers = await store.disclosureLedger.near(key, new Map([['approach', [[43, 43]] as const]]));
      expect(peers.map((e) => e.where)).toContain('org.type = unitary-authority');
    });

    expect(await northEast('--release', 'latest')).toMatchObject({
      suppressed: true,
      base: null,
      reason: 'it differs by fewer than 10 respondents from a group published earlier (the benchmark of Durham County Council), so their answers could be recovered by subtraction',
    });
    // A draft still shows it, and records nothing.
    const rows = await ledgerRows();
    expect(await northEast()).toMatchObject({ suppressed: false, base: 19 });
    expect(await ledgerRows()).toBe(rows);
  }, 180_000);
});
