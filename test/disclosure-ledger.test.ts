import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SurveyResults } from '../src/analysis/results-model.js';
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
