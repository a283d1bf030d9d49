import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrganisationBenchmarkReport } from '../src/analysis/benchmarks/organisation-benchmarks.js';
import type { SurveyResults } from '../src/analysis/results/results-model.js';
import { openDatabase } from '../src/storage/open-database.js';
import { pageText } from '../src/storage/published-pages-repository.js';
import { createStore } from '../src/storage/store.js';
import { runCapture } from './support/cli-capture.js';
import { textOf } from './support/html-text.js';
import { dialects, freshDatabase, postgresAvailable, type TestDatabase } from './support/test-databases.js';

const pgUp = await postgresAvailable();

// In the built-in survey, strategy_stage among "barriers includes cost and barriers includes
// procurement" has a base of 11, all of them inside the 16 of the group "strategy_achievable =
// neither" among "barriers includes procurement or automation_uses includes none": released
// one after the other, the two would give 5 respondents' answers away by subtraction.
const narrow = 'barriers includes cost and barriers includes procurement';
const wide = 'barriers includes procurement or automation_uses includes none';
const nestedInWide = `it differs by fewer than 10 respondents from a group published earlier (${wide}, by strategy_achievable = neither), so their answers could be recovered by subtraction`;
const draftLabel = 'Draft: live data, not released';

/** The rows of the database's disclosure ledger, all surveys. */
async function ledgerRows(url: string): Promise<number> {
  const database = await openDatabase(url);
  try {
    const row = await database.db.selectFrom('disclosure_ledger').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await database.close();
  }
}

describe.each(dialects)('canvass results: drafts record nothing, releases go through the disclosure ledger, on %s', (dialect) => {
  let db: TestDatabase;
  const cli = async (...args: string[]) => {
    const run = await runCapture([...args, '--db', db.url]);
    expect(run.code, run.err).toBe(0);
    return run.out;
  };
  const results = async (...args: string[]): Promise<SurveyResults> => JSON.parse(await cli('results', 'digital-gap-2017', '--json', ...args)) as SurveyResults;
  const released = (...args: string[]) => results('--release', 'latest', ...args);
  const stage = (r: SurveyResults) => r.questions.find((q) => q.id === 'strategy_stage')!;
  const neitherStage = (r: SurveyResults) => stage({ ...r, questions: r.groups!.find((g) => g.key === 'neither')!.questions });

  beforeEach(async (context) => {
    if (dialect === 'postgres' && !pgUp) context.skip();
    db = await freshDatabase(dialect);
    await cli('seed', 'digital-gap-2017');
  });

  afterEach(async () => {
    await db?.drop();
  });

  it('exploring with filters and breakdowns leaves the ledger as it was: drafts are neither recorded nor checked against each other', async () => {
    expect(await ledgerRows(db.url)).toBe(0);
    const wideDraft = await results('--filter', wide, '--by', 'strategy_achievable');
    expect(wideDraft.data).toEqual({ release: null, label: draftLabel });
    expect(neitherStage(wideDraft)).toMatchObject({ suppressed: false, base: 16 });
    // The narrow group after the wide one: shown, since the draft before published nothing.
    const narrowDraft = await results('--filter', narrow);
    expect(stage(narrowDraft)).toMatchObject({ suppressed: false, base: 11 });
    await results('--by', 'org.region');
    await results('--filter', narrow, '--unit', 'organisations');
    expect(await ledgerRows(db.url)).toBe(0);
    expect(await cli('results', 'digital-gap-2017', '--filter', narrow)).toContain(draftLabel);
  });

  it('canvass results --release latest records what it releases, and withholds a later release query’s figure nested by 5, naming the group', async () => {
    await cli('release', 'digital-gap-2017');
    expect(await ledgerRows(db.url)).toBe(0);
    const earlier = await released('--filter', wide, '--by', 'strategy_achievable');
    expect(earlier.data).toEqual({ release: 1, label: expect.stringMatching(/^Release 1 of \d{1,2} \w+ \d{4}, wave 2017: 235 responses$/) as unknown });
    expect(neitherStage(earlier)).toMatchObject({ suppressed: false, base: 16 });
    const recorded = await ledgerRows(db.url);
    expect(recorded).toBeGreaterThan(0);

    const later = await released('--filter', narrow);
    expect(stage(later)).toMatchObject({ suppressed: true, base: null, reason: nestedInWide });
    // The other questions of the same query are not nested in anything released: still shown.
    expect(later.questions.find((q) => q.id === 'approach')).toMatchObject({ suppressed: false, base: 34 });
    expect(await ledgerRows(db.url)).toBeGreaterThan(recorded);

    // Exploring afterwards still shows the draft's figure, and records nothing.
    const rows = await ledgerRows(db.url);
    expect(stage(await results('--filter', narrow))).toMatchObject({ suppressed: false, base: 11 });
    expect(await ledgerRows(db.url)).toBe(rows);
  });

  it('shows the same released figure again, and keeps figures of another unit of analysis apart', async () => {
    await cli('release', 'digital-gap-2017');
    await released('--filter', wide, '--by', 'strategy_achievable');
    const rows = await ledgerRows(db.url);
    // The identical group again: nothing new is given away, and nothing new recorded.
    expect(neitherStage(await released('--filter', wide, '--by', 'strategy_achievable'))).toMatchObject({ suppressed: false, base: 16 });
    expect(await ledgerRows(db.url)).toBe(rows);
    expect(stage(await released('--filter', narrow, '--unit', 'organisations'))).toMatchObject({ suppressed: false, base: 11 });
  });

  it('keeps the ledger across releases: a later release of the same respondents withholds the nested figure too', async () => {
    await cli('release', 'digital-gap-2017');
    await released('--filter', wide, '--by', 'strategy_achievable');
    // One response arrives: release 2 holds it back (its peer group gained fewer than 10).
    const database = await openDatabase(db.url);
    try {
      const store = createStore(database.db);
      await store.responses.insert('digital-gap-2017', { org: 'kent-county-council', answers: { approach: 'fully-embracing' }, wave: '2017' }, 'cli');
    } finally {
      await database.close();
    }
    expect(await cli('release', 'digital-gap-2017')).toMatch(/Release 2 of 'digital-gap-2017': 235 responses[\s\S]*1 held back/);
    const later = await released('--filter', narrow);
    expect(later.data?.release).toBe(2);
    expect(stage(later)).toMatchObject({ suppressed: true, base: null, reason: nestedInWide });
    // Release 1 by number, too.
    expect(stage(await results('--release', '1', '--filter', narrow))).toMatchObject({ suppressed: true, reason: nestedInWide });
    // The draft has every response.
    expect((await results()).respondents).toBe(236);
  });

  it('says there is no release to read before one is made, and records nothing', async () => {
    const run = await runCapture(['results', 'digital-gap-2017', '--release', 'latest', '--db', db.url]);
    expect(run.code).toBe(1);
    expect(run.err).toContain("'digital-gap-2017' has no release yet");
    expect(await ledgerRows(db.url)).toBe(0);
  });
});

// County A (12 respondents) and District B (3) make up the South East region (15); County C (20)
// and District E (15) the North West. A's benchmark and the South East's figure would give B's
// three respondents away by subtraction, whichever is published first.
const readyDefinition = `
format: 1
id: ready
title: Ready survey
questions:
  - id: ready
    type: single
    text: Ready?
    options:
      - { code: yes, label: Yes }
      - { code: no, label: No }
`;
const register = [
  'id,name,type,nation,region,parent,headcount',
  'county-a,County A,county-council,England,South East,,',
  'district-b,District B,district-council,England,South East,,',
  'county-c,County C,county-council,England,North West,,',
  'district-e,District E,district-council,England,North West,,',
].join('\n');
const respondents = { 'county-a': 12, 'district-b': 3, 'county-c': 20, 'district-e': 15 };

describe('canvass benchmark and report --org explore; canvass publish and canvass results --release share the ledger', () => {
  let db: TestDatabase;
  let dir: string;
  const cli = async (...args: string[]) => {
    const run = await runCapture([...args, '--db', db.url]);
    expect(run.code, run.err).toBe(0);
    return run.out;
  };
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const benchmark = async () => (JSON.parse(await cli('benchmark', 'ready', '--org', 'county-a', '--json')) as OrganisationBenchmarkReport).questions[0]!.figures;
  const byRegion = async (...args: string[]) => (JSON.parse(await cli('results', 'ready', '--by', 'org.region', '--json', ...args)) as SurveyResults).groups!.map((g) => [g.key, g.questions[0]!.suppressed, g.questions[0]!.reason]);
  /** A page of the survey's publication, as text. */
  const publishedPage = async (path: string) => {
    const database = await openDatabase(db.url);
    try {
      const page = await createStore(database.db).publishedPages.page('ready', path);
      return page ? textOf(pageText(page)) : undefined;
    } finally {
      await database.close();
    }
  };
  const shown = [
    ['North West', false, undefined],
    ['South East', false, undefined],
  ];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'canvass-ledger-'));
    db = await freshDatabase('sqlite');
    await cli('survey', 'import', file('ready.yaml', readyDefinition));
    await cli('orgs', 'import', file('orgs.csv', register));
    const rows = Object.entries(respondents).flatMap(([org, n]) => Array.from({ length: n }, (_, i) => `${org},${i % 3 === 0 ? 'no' : 'yes'}`));
    // Many respondents give the same answers here, as people do.
    await cli('responses', 'import', 'ready', file('r.csv', `org,ready\n${rows.join('\n')}\n`), '--allow-duplicates');
  });

  afterEach(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows an organisation’s figures and its region’s in either order, and records neither', async () => {
    expect(await ledgerRows(db.url)).toBe(0);
    expect((await benchmark()).every((f) => !f.organisation.suppressed && f.organisation.base === 12)).toBe(true);
    expect(await byRegion()).toEqual(shown);
    expect((await benchmark()).every((f) => !f.organisation.suppressed && f.organisation.base === 12)).toBe(true);
    await cli('report', 'ready', '--org', 'county-a', '--out', join(dir, 'county-a.html'));
    const page = textOf(readFileSync(join(dir, 'county-a.html'), 'utf8'));
    expect(page).toContain(`Data ${draftLabel}`);
    expect(page).not.toContain('published earlier');
    expect(await ledgerRows(db.url)).toBe(0);
  });

  it('withholds a region nested by 3 around an organisation’s benchmark that canvass publish released', async () => {
    await cli('release', 'ready');
    await cli('publish', 'ready');
    const recorded = await ledgerRows(db.url);
    expect(recorded).toBeGreaterThan(0);
    // Exploring is not checked against it, and records nothing.
    expect(await byRegion()).toEqual(shown);
    expect((await benchmark()).every((f) => !f.organisation.suppressed && f.organisation.base === 12)).toBe(true);
    expect(await ledgerRows(db.url)).toBe(recorded);
    // A release query is.
    expect(await byRegion('--release', 'latest')).toEqual([
      ['North West', true, 'secondary suppression: it would reveal, by subtraction, a group suppressed for differing by a few respondents from one published earlier'],
      ['South East', true, 'it differs by fewer than 10 respondents from a group published earlier (the benchmark of County A), so their answers could be recovered by subtraction'],
    ]);
  });

  it('withholds an organisation’s published figures nested by 3 in a region canvass results --release released before', async () => {
    await cli('release', 'ready');
    expect(await byRegion('--release', 'latest')).toEqual(shown);
    await cli('publish', 'ready');
    const page = await publishedPage('organisations/county-a');
    expect(page).toMatch(/Data Release 1 of \d{1,2} \w+ \d{4}: 50 responses/);
    expect(page).toContain(
      'County A\'s figure for “Yes” in answer to “Ready?” is not shown: it differs by fewer than 10 respondents from a group published earlier (everyone, by org.region = South East), so their answers could be recovered by subtraction.',
    );
    // Its peer group's and the sector's figures are shown.
    expect(page).toMatch(/Yes Suppressed 66% 66%/);
  });
});
