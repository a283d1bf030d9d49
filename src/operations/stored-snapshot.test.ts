import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { snapshotValues } from '../../test/support/snapshot-values.js';
import { dialects, freshDatabase, postgresAvailable, type TestDatabase } from '../../test/support/test-databases.js';
import { buildSnapshot } from '../analysis/snapshot/survey-snapshot.js';
import { loadDefinitionText } from '../definition/load-definition.js';
import type { Answers, Definition } from '../definition/schema.js';
import { parseRegisterCsv } from '../register/parse-register-csv.js';
import { openDatabase, type OpenDatabase } from '../storage/open-database.js';
import type { NewResponse } from '../storage/responses-repository.js';
import { createStore, type Store } from '../storage/store.js';
import { generateResponses } from '../surveys/digital-gap-2017/generate-responses.js';
import { chunkRowCap, loadSnapshot } from './stored-snapshot.js';

const pgUp = await postgresAvailable();

const loaded = loadDefinitionText(readFileSync(new URL('../surveys/digital-gap-2017/definition.yaml', import.meta.url), 'utf8'));
if (!loaded.ok) throw new Error('built-in definition invalid');
/** The built-in survey without its waves, so every response is in the one snapshot of the survey. */
const definition: Definition = { ...loaded.definition, id: 'gap', waves: [] };
const register = parseRegisterCsv(readFileSync(new URL('../surveys/digital-gap-2017/organisations.csv', import.meta.url), 'utf8'));
if (!register.ok) throw new Error('built-in register invalid');
const organisations = register.organisations;
const byId = new Map(organisations.map((o) => [o.id, o]));
const generated = generateResponses(organisations.map((o) => o.id));
/** 940 responses: the built-in 235 four times over, each time with its own ids. */
const responses: NewResponse[] = [0, 1, 2, 3].flatMap((round) => generated.map((r) => ({ id: `${round}-${r.id}`, org: r.org, answers: r.answers })));

/** The snapshot SnapshotBuilder makes of these responses, in this order, from scratch. */
const fromScratch = (def: Definition, rows: ReadonlyArray<{ org: string; answers: Answers }>) =>
  snapshotValues(
    buildSnapshot(
      def,
      rows.map((r) => ({ org: byId.get(r.org)!, answers: r.answers })),
    ),
  );

describe.each(dialects)('stored snapshot on %s', (dialect) => {
  let testDb: TestDatabase;
  const opened: OpenDatabase[] = [];
  /** A store over its own connection to the test database: another server, as far as the snapshot knows. */
  const server = async (): Promise<Store> => {
    const database = await openDatabase(testDb.url);
    opened.push(database);
    return createStore(database.db);
  };
  let store: Store;

  beforeEach(async (context) => {
    if (dialect === 'postgres' && !pgUp) context.skip();
    testDb = await freshDatabase(dialect);
    store = await server();
    await store.organisations.upsert(organisations);
    await store.surveys.save(definition);
  });

  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close();
    await testDb?.drop();
  });

  const insert = (target: Store, from: number, to: number) => target.responses.insertMany(definition.id, responses.slice(from, to), 'import');
  const storedRows = async (target: Store) => (await target.snapshotChunks.ranges({ surveyId: definition.id, wave: null })).reduce((sum, r) => sum + r.rows, 0);

  it('equals the snapshot built from scratch after responses arrive in several batches, with each row’s sequence number', async () => {
    const views = [];
    for (const [from, to] of [[0, 1], [1, 100], [100, 101], [101, 500], [500, 940]] as const) {
      await insert(store, from, to);
      const loadedNow = await loadSnapshot(store, definition.id);
      expect(snapshotValues(loadedNow.snapshot)).toEqual(fromScratch(definition, responses.slice(0, to)));
      views.push({ loaded: loadedNow, values: snapshotValues(loadedNow.snapshot) });
    }
    const last = views.at(-1)!.loaded;
    expect(last.seqs.length).toBe(940);
    expect(last.seqs.every((seq, i) => i === 0 || seq > last.seqs[i - 1]!)).toBe(true);
    expect(last.highWaterSeq).toBe(last.seqs[939]);
    expect(last.dataVersion).toBe(`940:${last.highWaterSeq}:0`);
    // Views handed out earlier are as they were, though the rows behind them were appended to since.
    for (const { loaded: early, values } of views) expect(snapshotValues(early.snapshot)).toEqual(values);
    expect(await storedRows(store)).toBe(940);
  });

  it('reads only what is new when nothing has changed or one response has arrived', async () => {
    await insert(store, 0, 500);
    await loadSnapshot(store, definition.id);
    const read = vi.spyOn(store.responses, 'readAfterSeq');
    const again = await loadSnapshot(store, definition.id);
    expect(read).not.toHaveBeenCalled();
    await insert(store, 500, 501);
    const after = await loadSnapshot(store, definition.id);
    expect(read).toHaveBeenCalledTimes(1);
    expect(read.mock.calls[0]![1]).toMatchObject({ after: again.highWaterSeq });
    expect(after.snapshot.n).toBe(501);
  });

  it('is caught up by another server from the chunks the first stored and the responses that arrived since', async () => {
    await insert(store, 0, 600);
    await loadSnapshot(store, definition.id);
    await insert(store, 600, 700);
    const other = await server();
    const read = vi.spyOn(other.responses, 'readAfterSeq');
    const caughtUp = await loadSnapshot(other, definition.id);
    expect(snapshotValues(caughtUp.snapshot)).toEqual(fromScratch(definition, responses.slice(0, 700)));
    expect(read).toHaveBeenCalledTimes(1);
    expect(read.mock.calls[0]![1].after).toBe(caughtUp.seqs[599]);
    // The first server catches up from the chunk the other stored, reading only what is newer still.
    await insert(store, 700, 940);
    const first = await loadSnapshot(store, definition.id);
    expect(snapshotValues(first.snapshot)).toEqual(fromScratch(definition, responses));
    expect(await storedRows(store)).toBe(940);
  });

  it('rebuilds when the definition changes its questions, and shows new labels at once when only they change', async () => {
    await insert(store, 0, 300);
    const before = await loadSnapshot(store, definition.id);
    const relabelled: Definition = { ...definition, questions: definition.questions.map((q, k) => (k === 0 ? { ...q, text: 'Your role?' } : q)) };
    await store.surveys.save(relabelled);
    const read = vi.spyOn(store.responses, 'readAfterSeq');
    const withLabels = await loadSnapshot(store, definition.id);
    expect(read).not.toHaveBeenCalled();
    expect(withLabels.snapshot.columns.get(definition.questions[0]!.id)!.question.text).toBe('Your role?');
    expect(withLabels.dataVersion).toBe(before.dataVersion);
    const fewer: Definition = { ...definition, questions: definition.questions.filter((q) => q.type !== 'multiple') };
    await store.surveys.save(fewer);
    const rebuilt = await loadSnapshot(store, definition.id);
    expect(read).toHaveBeenCalled();
    expect(snapshotValues(rebuilt.snapshot)).toEqual(fromScratch(fewer, responses.slice(0, 300)));
    // A fresh process finds chunks of the new layout only.
    const other = await server();
    const fresh = vi.spyOn(other.responses, 'readAfterSeq');
    expect(snapshotValues((await loadSnapshot(other, definition.id)).snapshot)).toEqual(fromScratch(fewer, responses.slice(0, 300)));
    expect(fresh).not.toHaveBeenCalled();
  });

  it('rebuilds after responses are replaced (re-seeding), in this server and in one that held the old ones', async () => {
    await store.responses.insertMany(definition.id, responses.slice(0, 235), 'seed');
    const other = await server();
    const first = await loadSnapshot(store, definition.id);
    await loadSnapshot(other, definition.id);
    const reseeded = responses.slice(235, 470).map((r) => ({ ...r, id: `again-${r.id}` }));
    const { replaced } = await store.responses.insertMany(definition.id, reseeded, 'seed', { replaceSource: 'seed' });
    expect(replaced).toBe(235);
    for (const target of [store, other, await server()]) {
      const loadedNow = await loadSnapshot(target, definition.id);
      expect(snapshotValues(loadedNow.snapshot)).toEqual(fromScratch(definition, reseeded));
      expect(loadedNow.dataVersion).not.toBe(first.dataVersion);
    }
    expect(await storedRows(store)).toBe(235);
  });

  // On SQLite the servers here are connections of one process: one that finds another mid-write
  // waits briefly (better-sqlite3 blocks the thread while it waits), then leaves storing to later.
  it('stores no row twice when servers catch up at the same time', async () => {
    await insert(store, 0, 400);
    const servers = [store, await server(), await server()];
    await Promise.all(servers.map((s) => loadSnapshot(s, definition.id)));
    for (let round = 0; round < 4; round++) {
      await insert(store, 400 + round * 100, 500 + round * 100 - (round % 2) * 50);
      await insert(store, 500 + round * 100 - (round % 2) * 50, 500 + round * 100);
      const all = await Promise.all(servers.flatMap((s) => [loadSnapshot(s, definition.id), loadSnapshot(s, definition.id)]));
      for (const each of all) expect(each.snapshot.n).toBe(500 + round * 100);
    }
    const ranges = await store.snapshotChunks.ranges({ surveyId: definition.id, wave: null });
    ranges.forEach((r, i) => i > 0 && expect(r.firstSeq).toBeGreaterThan(ranges[i - 1]!.lastSeq));
    expect(await storedRows(store)).toBe(800);
    expect(snapshotValues((await loadSnapshot(await server(), definition.id)).snapshot)).toEqual(fromScratch(definition, responses.slice(0, 800)));
  });

  it('after losing a write to another server, stores only the rows beyond what that one stored', async () => {
    await insert(store, 0, 300);
    await loadSnapshot(store, definition.id);
    const other = await server();
    await loadSnapshot(other, definition.id);
    await insert(store, 300, 400);
    await loadSnapshot(store, definition.id);
    await insert(store, 400, 450);
    const write = vi.spyOn(other.snapshotChunks, 'write');
    expect((await loadSnapshot(other, definition.id)).snapshot.n).toBe(450);
    expect(await Promise.all(write.mock.results.map((r) => r.value))).toEqual([false, true]);
    expect(write.mock.calls[1]![1]).toMatchObject({ fromHighWaterSeq: (await loadSnapshot(store, definition.id)).seqs[399] });
    expect(await storedRows(store)).toBe(450);
    expect(snapshotValues((await loadSnapshot(await server(), definition.id)).snapshot)).toEqual(fromScratch(definition, responses.slice(0, 450)));
  });

  it('on PostgreSQL, does not skip a response that commits after a later-numbered one', async (context) => {
    if (dialect !== 'postgres') context.skip();
    await insert(store, 0, 100);
    await loadSnapshot(store, definition.id);
    // An import takes its sequence numbers, then a web response takes a later one and commits first.
    const slow = await store.db.startTransaction().execute();
    await createStore(slow).responses.insert(definition.id, responses[100]!, 'import');
    await store.responses.insert(definition.id, responses[101]!, 'web');
    const meanwhile = await loadSnapshot(store, definition.id);
    expect(meanwhile.snapshot.n).toBe(101);
    expect(await storedRows(store)).toBe(100);
    await slow.commit().execute();
    const after = await loadSnapshot(store, definition.id);
    expect(snapshotValues(after.snapshot)).toEqual(fromScratch(definition, responses.slice(0, 102)));
    expect(await storedRows(store)).toBe(102);
  });

  it('keeps few chunks when responses arrive one at a time', async () => {
    for (let i = 0; i < 100; i++) {
      await insert(store, i, i + 1);
      await loadSnapshot(store, definition.id);
    }
    const ranges = await store.snapshotChunks.ranges({ surveyId: definition.id, wave: null });
    // A binary counter: at most one chunk per bit of the count (100 = 64 + 32 + 4).
    expect(ranges.map((r) => r.rows)).toEqual([64, 32, 4]);
    expect(chunkRowCap).toBe(65_536);
  });

  it('keeps a wave’s snapshot apart from the other waves', async () => {
    const waved: Definition = { ...definition, id: 'gap-waves', waves: [{ id: '2017', label: '2017' }, { id: '2018', label: '2018' }] };
    await store.surveys.save(waved);
    const inWave = (wave: string, from: number, to: number) => responses.slice(from, to).map((r) => ({ ...r, id: `${wave}-${r.id}`, wave }));
    await store.responses.insertMany(waved.id, [...inWave('2017', 0, 100), ...inWave('2018', 100, 250), ...inWave('2017', 250, 300)], 'import');
    expect(snapshotValues((await loadSnapshot(store, waved.id, '2017')).snapshot)).toEqual(fromScratch(waved, [...responses.slice(0, 100), ...responses.slice(250, 300)]));
    expect(snapshotValues((await loadSnapshot(store, waved.id)).snapshot)).toEqual(fromScratch(waved, responses.slice(100, 250)));
    await store.responses.insertMany(waved.id, inWave('2017', 300, 310), 'import');
    const other = await server();
    expect(snapshotValues((await loadSnapshot(other, waved.id, '2017')).snapshot)).toEqual(fromScratch(waved, [...responses.slice(0, 100), ...responses.slice(250, 310)]));
    expect((await loadSnapshot(other, waved.id, '2018')).snapshot.n).toBe(150);
  });

  it('takes organisation attributes from the register at each load', async () => {
    await insert(store, 0, 50);
    const before = await loadSnapshot(store, definition.id);
    const org = organisations.find((o) => o.id === responses[0]!.org)!;
    await store.organisations.upsert([{ ...org, region: 'Somewhere else' }]);
    const again = await loadSnapshot(store, definition.id);
    expect(again.snapshot).not.toBe(before.snapshot);
    expect(again.snapshot.orgs.find((o) => o.id === org.id)!.region).toBe('Somewhere else');
  });

  it('hands out the same snapshot while nothing changes, and a new one when anything does', async () => {
    await insert(store, 0, 50);
    const first = await loadSnapshot(store, definition.id);
    const same = await loadSnapshot(store, definition.id);
    expect(same.snapshot).toBe(first.snapshot);
    expect(same.dataVersion).toBe(first.dataVersion);
    await insert(store, 50, 51);
    const more = await loadSnapshot(store, definition.id);
    expect(more.snapshot).not.toBe(first.snapshot);
    await store.surveys.save({ ...definition, title: 'Renamed' });
    const renamed = await loadSnapshot(store, definition.id);
    expect(renamed.snapshot).not.toBe(more.snapshot);
    expect(renamed.snapshot.definition.title).toBe('Renamed');
    expect(renamed.definition).toBe(renamed.snapshot.definition);
  });
});
