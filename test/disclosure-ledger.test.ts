import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrganisationBenchmarkReport } from '../src/analysis/benchmarks/organisation-benchmarks.js';
import type { SurveyResults } from '../src/analysis/results/results-model.js';
import { openDatabase } from '../src/storage/open-database.js';
import { createStore } from '../src/storage/store.js';
import { runCapture } from './support/cli-capture.js';
import { dialects, freshDatabase, postgresAvailable, type TestDatabase } from './support/test-databases.js';

const pgUp = await postgresAvailable();

// In the built-in survey, strategy_stage among "barriers includes cost and barriers includes
// procurement" has a base of 11, all of them inside the 16 of the group "strategy_achievable =
// neither" among "barriers includes procurement or automation_uses includes none": published
// one after the other, the two would give 5 respondents' answers away by subtraction.
const narrow = 'barriers includes cost and barriers includes procurement';
const wide = 'barriers includes procurement or automation_uses includes none';

describe.each(dialects)('canvass results keeps a disclosure ledger across runs, on %s', (dialect) => {
  let db: TestDatabase;
  const results = async (...args: string[]): Promise<SurveyResults> => {
    const run = await runCapture(['results', 'digital-gap-2017', '--json', ...args, '--db', db.url]);
    expect(run.code, run.err).toBe(0);
    return JSON.parse(run.out) as SurveyResults;
  };
  const stage = (r: SurveyResults) => r.questions.find((q) => q.id === 'strategy_stage')!;

  beforeEach(async (context) => {
    if (dialect === 'postgres' && !pgUp) context.skip();
    db = await freshDatabase(dialect);
    expect((await runCapture(['seed', 'digital-gap-2017', '--db', db.url])).code).toBe(0);
  });

  afterEach(async () => {
    await db?.drop();
  });

  it('shows the narrow figure when nothing close to it was published before', async () => {
    expect(stage(await results('--filter', narrow))).toMatchObject({ suppressed: false, base: 11 });
  });

  it('suppresses a figure nested by 5 respondents in a group an earlier run published, naming that group', async () => {
    const earlier = await results('--filter', wide, '--by', 'strategy_achievable');
    const neither = earlier.groups!.find((g) => g.key === 'neither')!;
    expect(neither.questions.find((q) => q.id === 'strategy_stage')).toMatchObject({ suppressed: false, base: 16 });

    const later = stage(await results('--filter', narrow));
    expect(later).toMatchObject({ suppressed: true, base: null });
    expect(later.reason).toBe(`it differs by fewer than 10 respondents from a group published earlier (${wide}, by strategy_achievable = neither), so their answers could be recovered by subtraction`);
    // The other questions of the same query are not nested in anything published: still shown.
    expect((await results('--filter', narrow)).questions.find((q) => q.id === 'approach')).toMatchObject({ suppressed: false, base: 34 });
  });

  it('shows the same figure again, and figures of another unit of analysis apart', async () => {
    await results('--filter', wide, '--by', 'strategy_achievable');
    // The identical group again: nothing new is given away.
    const again = await results('--filter', wide, '--by', 'strategy_achievable');
    expect(again.groups!.find((g) => g.key === 'neither')!.questions.find((q) => q.id === 'strategy_stage')).toMatchObject({ suppressed: false, base: 16 });
    expect(stage(await results('--filter', narrow, '--unit', 'organisations'))).toMatchObject({ suppressed: false, base: 11 });
  });

  it('starts a new ledger when the responses change (a new data version)', async () => {
    await results('--filter', wide, '--by', 'strategy_achievable');
    const database = await openDatabase(db.url);
    try {
      const store = createStore(database.db);
      const [org] = await store.organisations.list();
      const [wave] = (await store.responses.waves('digital-gap-2017')).map((w) => w.wave);
      await store.responses.insert('digital-gap-2017', { org: org!.id, answers: { approach: 'fully-embracing' }, wave: wave ?? null }, 'cli');
    } finally {
      await database.close();
    }
    const later = await results('--filter', narrow);
    expect(later.respondents).toBe(34);
    expect(stage(later)).toMatchObject({ suppressed: false, base: 11 });
    expect((await results()).respondents).toBe(236);
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

describe('canvass benchmark and canvass results share the disclosure ledger', () => {
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
  const byRegion = async () => (JSON.parse(await cli('results', 'ready', '--by', 'org.region', '--json')) as SurveyResults).groups!.map((g) => [g.key, g.questions[0]!.suppressed, g.questions[0]!.reason]);

  const setUp = async () => {
    db = await freshDatabase('sqlite');
    await cli('survey', 'import', file('ready.yaml', readyDefinition));
    await cli('orgs', 'import', file('orgs.csv', register));
    const rows = Object.entries(respondents).flatMap(([org, n]) => Array.from({ length: n }, (_, i) => `${org},${i % 3 === 0 ? 'no' : 'yes'}`));
    await cli('responses', 'import', 'ready', file('r.csv', `org,ready\n${rows.join('\n')}\n`));
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'canvass-ledger-'));
    await setUp();
  });

  afterEach(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows both when either is published alone', async () => {
    expect((await benchmark()).every((f) => !f.organisation.suppressed && f.organisation.base === 12)).toBe(true);
    await db.drop();
    await setUp();
    expect(await byRegion()).toEqual([
      ['North West', false, undefined],
      ['South East', false, undefined],
    ]);
  });

  it('withholds an organisation’s figures nested by 3 in a region published earlier, with what would give them away', async () => {
    await byRegion();
    const figures = await benchmark();
    expect(figures.length).toBe(2);
    for (const figure of figures) {
      expect(figure.organisation).toMatchObject({ suppressed: true, base: null, reason: 'it differs by fewer than 10 respondents from a group published earlier (everyone, by org.region = South East), so their answers could be recovered by subtraction' });
      expect([figure.quartile, figure.vsSector, figure.vsPeerGroup]).toEqual([null, null, null]);
      expect(figure.peerGroup).toMatchObject({ suppressed: false, base: 32 });
      expect(figure.sector).toMatchObject({ suppressed: false, base: 50 });
    }
  });

  it('withholds a region nested by 3 around an organisation’s benchmark published earlier, and the region beside it', async () => {
    await benchmark();
    expect(await byRegion()).toEqual([
      ['North West', true, 'secondary suppression: it would reveal, by subtraction, a group suppressed for differing by a few respondents from one published earlier'],
      ['South East', true, 'it differs by fewer than 10 respondents from a group published earlier (the benchmark of County A), so their answers could be recovered by subtraction'],
    ]);
  });
});
