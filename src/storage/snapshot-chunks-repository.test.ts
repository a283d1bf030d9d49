import { describe, expect, it } from 'vitest';
import { storeForEachTest } from '../../test/support/store-each-test.js';
import { dialects } from '../../test/support/test-databases.js';
import type { Definition } from '../definition/schema.js';
import type { StoredChunk } from './snapshot-chunks-repository.js';
import type { Store } from './store.js';

const definition = {
  format: 1,
  id: 'staff-survey',
  title: 'Staff survey',
  disclosure: { minBase: 10 },
  submissions: { open: true },
  questions: [{ id: 'q1', type: 'single', text: 'Q1?', required: true, base: 'answered', options: [{ code: 'a', label: 'A', nonSubstantive: false, exclusive: false }], nets: [] }],
} as Definition;

const scope = { surveyId: 'staff-survey', wave: null };
const chunk = (firstSeq: number, lastSeq: number, rows: number): StoredChunk => ({ firstSeq, lastSeq, rows, data: Uint8Array.of(firstSeq % 256, lastSeq % 256, rows % 256, 7) });
const write = (fromHighWaterSeq: number, add: StoredChunk[], remove: number[] = [], layout = 'layout-1', generation = 0) => ({
  layout,
  generation,
  fromHighWaterSeq,
  remove,
  add,
  highWaterSeq: add.at(-1)!.lastSeq,
  rows: 0,
});

describe.each(dialects)('snapshot chunks on %s', (dialect) => {
  let store: Store;
  storeForEachTest(dialect, async (opened) => {
    store = opened.store;
    await store.organisations.upsert([{ id: 'org-a', name: 'Org A', type: 'london-borough', nation: 'England' }]);
    await store.surveys.save(definition);
  });

  const readAll = async () => {
    const read: StoredChunk[] = [];
    await store.snapshotChunks.read(scope, (await store.snapshotChunks.ranges(scope)).map((r) => r.firstSeq), (c) => read.push(c));
    return read.map((c) => ({ ...c, data: [...c.data] }));
  };

  it('stores chunks as bytes and gives them back in sequence order, with the head', async () => {
    expect(await store.snapshotChunks.write(scope, write(0, [chunk(1, 40, 40), chunk(41, 50, 10)]))).toBe(true);
    expect(await store.snapshotChunks.write(scope, write(50, [chunk(51, 51, 1)]))).toBe(true);
    expect(await store.snapshotChunks.head(scope)).toMatchObject({ layout: 'layout-1', generation: 0, highWaterSeq: 51 });
    expect(await readAll()).toEqual([chunk(1, 40, 40), chunk(41, 50, 10), chunk(51, 51, 1)].map((c) => ({ ...c, data: [...c.data] })));
  });

  it('refuses a write from a high-water mark that has moved on, changing nothing, and merges by removing what it names', async () => {
    await store.snapshotChunks.write(scope, write(0, [chunk(1, 40, 40)]));
    await store.snapshotChunks.write(scope, write(40, [chunk(41, 41, 1)]));
    expect(await store.snapshotChunks.write(scope, write(40, [chunk(41, 45, 5)]))).toBe(false);
    expect(await store.snapshotChunks.write(scope, write(41, [chunk(41, 45, 5)], [41, 99]))).toBe(false);
    expect((await store.snapshotChunks.ranges(scope)).map((r) => r.firstSeq)).toEqual([1, 41]);
    expect(await store.snapshotChunks.write(scope, write(41, [chunk(41, 45, 5)], [41]))).toBe(true);
    expect(await store.snapshotChunks.ranges(scope)).toEqual([
      { firstSeq: 1, lastSeq: 40, rows: 40 },
      { firstSeq: 41, lastSeq: 45, rows: 5 },
    ]);
  });

  it('lets a first write replace a store of another layout or generation, not one of the same', async () => {
    await store.snapshotChunks.write(scope, write(0, [chunk(1, 40, 40)]));
    expect(await store.snapshotChunks.write(scope, write(0, [chunk(1, 30, 30)]))).toBe(false);
    expect(await store.snapshotChunks.write(scope, write(0, [chunk(1, 30, 30)], [], 'layout-2'))).toBe(true);
    expect(await store.snapshotChunks.ranges(scope)).toEqual([{ firstSeq: 1, lastSeq: 30, rows: 30 }]);
    expect(await store.snapshotChunks.write(scope, write(0, [chunk(2, 20, 19)], [], 'layout-2', 1))).toBe(true);
    expect(await store.snapshotChunks.head(scope)).toMatchObject({ layout: 'layout-2', generation: 1, highWaterSeq: 20 });
  });

  it('keeps a wave apart from the whole survey', async () => {
    await store.snapshotChunks.write(scope, write(0, [chunk(1, 40, 40)]));
    await store.snapshotChunks.write({ ...scope, wave: '2018' }, write(0, [chunk(3, 9, 2)]));
    expect(await store.snapshotChunks.ranges({ ...scope, wave: '2018' })).toEqual([{ firstSeq: 3, lastSeq: 9, rows: 2 }]);
    expect(await store.snapshotChunks.ranges(scope)).toEqual([{ firstSeq: 1, lastSeq: 40, rows: 40 }]);
  });

  it('stops reading at a chunk that is no longer there', async () => {
    await store.snapshotChunks.write(scope, write(0, [chunk(1, 40, 40), chunk(41, 50, 10), chunk(51, 60, 10)]));
    const handed: number[] = [];
    expect(await store.snapshotChunks.read(scope, [1, 45, 51], (c) => handed.push(c.firstSeq))).toBe(1);
    expect(handed).toEqual([1]);
  });

  it('drops the stored snapshots and raises the generation when responses are replaced', async () => {
    await store.responses.insertMany('staff-survey', [{ org: 'org-a', answers: { q1: 'a' } }], 'seed');
    await store.snapshotChunks.write(scope, write(0, [chunk(1, 1, 1)]));
    expect((await store.responses.arrivalState('staff-survey')).generation).toBe(0);
    await store.responses.insertMany('staff-survey', [{ org: 'org-a', answers: { q1: 'a' } }], 'seed', { replaceSource: 'seed' });
    expect((await store.responses.arrivalState('staff-survey')).generation).toBe(1);
    expect(await store.snapshotChunks.head(scope)).toBeUndefined();
    expect(await store.snapshotChunks.ranges(scope)).toEqual([]);
  });

  it('reads responses after a sequence number, in order, a page at a time', async () => {
    await store.responses.insertMany('staff-survey', Array.from({ length: 7 }, (_, i) => ({ id: `r${i}`, org: 'org-a', answers: { q1: 'a' } })), 'import');
    const { maxSeq } = await store.responses.arrivalState('staff-survey');
    const all: Array<{ seq: number; id: string }> = [];
    await store.responses.readAfterSeq('staff-survey', { after: 0, pageSize: 3 }, (rows) => void all.push(...rows.map((r) => ({ seq: r.seq, id: r.id }))));
    expect(all.map((r) => r.id)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    expect(all.at(-1)!.seq).toBe(maxSeq);
    const later: string[] = [];
    await store.responses.readAfterSeq('staff-survey', { after: all[3]!.seq, upTo: all[5]!.seq }, (rows) => void later.push(...rows.map((r) => r.id)));
    expect(later).toEqual(['r4', 'r5']);
  });
});
