import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialects, freshDatabase, postgresAvailable, type TestDatabase } from '../../test/support/test-databases.js';
import type { Definition } from '../definition/schema.js';
import type { Organisation } from '../register/organisation.js';
import { openDatabase, type OpenDatabase } from './open-database.js';
import { createStore, type Store } from './store.js';

const pgUp = await postgresAvailable();

const definition = {
  format: 1,
  id: 'staff-survey',
  title: 'Staff survey',
  disclosure: { minBase: 10 },
  submissions: { open: true },
  questions: [{ id: 'q1', type: 'single', text: 'Q1?', required: true, base: 'answered', options: [{ code: 'a', label: 'A', nonSubstantive: false, exclusive: false }, { code: 'b', label: 'B', nonSubstantive: false, exclusive: false }], nets: [] }],
} as Definition;

const orgs: Organisation[] = [
  { id: 'org-a', name: 'Org A', type: 'london-borough', nation: 'England', region: 'London', headcount: 1200 },
  { id: 'org-b', name: 'Org B', type: 'executive-agency', nation: 'UK', parent: 'org-a' },
];

describe.each(dialects)('storage on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: OpenDatabase;
  let store: Store;

  beforeEach(async (context) => {
    if (dialect === 'postgres' && !pgUp) context.skip();
    testDb = await freshDatabase(dialect);
    database = await openDatabase(testDb.url);
    store = createStore(database.db);
    await store.organisations.upsert(orgs);
    await store.surveys.save(definition);
  });

  afterEach(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('applies migrations on open and keeps data when opened again', async () => {
    await store.responses.insert('staff-survey', { org: 'org-a', answers: { q1: 'a' } }, 'cli');
    await database.close();
    database = await openDatabase(testDb.url);
    store = createStore(database.db);
    expect(await store.responses.count('staff-survey')).toBe(1);
  });

  it('creates a survey, then updates it in place', async () => {
    expect(await store.surveys.save({ ...definition, title: 'Staff survey 2' })).toBe('updated');
    expect((await store.surveys.get('staff-survey'))?.title).toBe('Staff survey 2');
    expect(await store.surveys.save({ ...definition, id: 'other' })).toBe('created');
    expect((await store.surveys.list()).map((s) => s.id)).toEqual(['other', 'staff-survey']);
  });

  it('lists surveys with their response counts', async () => {
    await store.responses.insert('staff-survey', { org: 'org-a', answers: { q1: 'a' } }, 'cli');
    await store.responses.insert('staff-survey', { org: 'org-b', answers: { q1: 'b' } }, 'cli');
    const [summary] = await store.surveys.list();
    expect(summary).toMatchObject({ id: 'staff-survey', title: 'Staff survey', format: 1, responses: 2 });
  });

  it('returns undefined for a survey that does not exist', async () => {
    expect(await store.surveys.get('nope')).toBeUndefined();
  });

  it('upserts organisations by id and keeps optional fields', async () => {
    const result = await store.organisations.upsert([{ ...orgs[0]!, name: 'Org A renamed' }, { id: 'org-c', name: 'Org C', type: 'welsh-council', nation: 'Wales' }]);
    expect(result).toEqual({ created: 1, updated: 1 });
    const list = await store.organisations.list();
    expect(list).toHaveLength(3);
    expect(list[0]).toEqual({ ...orgs[0], name: 'Org A renamed' });
    expect(list[1]).toEqual(orgs[1]);
    expect(list[2]).toEqual({ id: 'org-c', name: 'Org C', type: 'welsh-council', nation: 'Wales' });
  });

  const keyed = (key: string, client: string, requestHash: string) => ({ key, client, requestHash });

  it('stores one response for the same idempotency key and request from one client, and returns the first id', async () => {
    const first = await store.responses.insert('staff-survey', { org: 'org-a', answers: { q1: 'a' }, idempotency: keyed('key-1', 'anonymous', 'hash-a') }, 'api');
    const second = await store.responses.insert('staff-survey', { org: 'org-a', answers: { q1: 'a' }, idempotency: keyed('key-1', 'anonymous', 'hash-a') }, 'api');
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false, sameRequest: true });
    expect(await store.responses.count('staff-survey')).toBe(1);
  });

  it('says when a client used its key before with another request, storing nothing and keeping the first', async () => {
    const first = await store.responses.insert('staff-survey', { org: 'org-a', answers: { q1: 'a' }, idempotency: keyed('key-1', 'token:t1', 'hash-a') }, 'api');
    const second = await store.responses.insert('staff-survey', { org: 'org-a', answers: { q1: 'b' }, idempotency: keyed('key-1', 'token:t1', 'hash-b') }, 'api');
    expect(second).toEqual({ id: first.id, created: false, sameRequest: false });
    const stored = await store.responses.list('staff-survey');
    expect(stored.map((r) => r.answers)).toEqual([{ q1: 'a' }]);
  });

  it('keeps two clients that use the same key apart: each gets its own response', async () => {
    const a = await store.responses.insert('staff-survey', { org: 'org-a', answers: { q1: 'a' }, idempotency: keyed('shared', 'token:t1', 'hash-a') }, 'api');
    const b = await store.responses.insert('staff-survey', { org: 'org-b', answers: { q1: 'b' }, idempotency: keyed('shared', 'token:t2', 'hash-b') }, 'api');
    const c = await store.responses.insert('staff-survey', { org: 'org-b', answers: { q1: 'b' }, idempotency: keyed('shared', 'anonymous', 'hash-b') }, 'api');
    expect([a.created, b.created, c.created]).toEqual([true, true, true]);
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    expect((await store.responses.list('staff-survey')).map((r) => r.answers)).toEqual([{ q1: 'a' }, { q1: 'b' }, { q1: 'b' }]);
  });

  it('stores one response when the same key arrives concurrently', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => store.responses.insert('staff-survey', { org: 'org-a', answers: { q1: 'a' }, idempotency: keyed('race', 'anonymous', 'hash-a') }, 'api')),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await store.responses.count('staff-survey')).toBe(1);
  });

  it('treats the same key in another survey as a different response', async () => {
    await store.surveys.save({ ...definition, id: 'other' });
    const a = await store.responses.insert('staff-survey', { org: 'org-a', answers: { q1: 'a' }, idempotency: keyed('k', 'anonymous', 'hash-a') }, 'api');
    const b = await store.responses.insert('other', { org: 'org-a', answers: { q1: 'a' }, idempotency: keyed('k', 'anonymous', 'hash-a') }, 'api');
    expect(a.id).not.toBe(b.id);
    expect(b.created).toBe(true);
  });

  it('inserts many responses all or nothing', async () => {
    const good = Array.from({ length: 450 }, (_, i) => ({ org: i % 2 ? 'org-a' : 'org-b', answers: { q1: 'a' } }));
    const bad = [...good, { org: 'no-such-org', answers: { q1: 'a' } }];
    await expect(store.responses.insertMany('staff-survey', bad, 'import')).rejects.toThrow();
    expect(await store.responses.count('staff-survey')).toBe(0);
    const progress: number[] = [];
    const result = await store.responses.insertMany('staff-survey', good, 'import', { onProgress: (done) => progress.push(done) });
    expect(result).toEqual({ inserted: 450, skipped: 0, replaced: 0 });
    expect(progress.at(-1)).toBe(450);
    expect(await store.responses.count('staff-survey')).toBe(450);
  });

  it('skips responses whose id is already stored, so a re-import adds nothing twice', async () => {
    const rows = [
      { id: 'r-1', org: 'org-a', answers: { q1: 'a' }, submittedAt: '2017-01-10T09:00:00.000Z' },
      { id: 'r-2', org: 'org-b', answers: { q1: 'b' }, submittedAt: '2017-01-11T09:00:00.000Z' },
    ];
    expect(await store.responses.insertMany('staff-survey', rows, 'import')).toEqual({ inserted: 2, skipped: 0, replaced: 0 });
    expect(await store.responses.insertMany('staff-survey', rows, 'import')).toEqual({ inserted: 0, skipped: 2, replaced: 0 });
    const listed = await store.responses.list('staff-survey');
    expect(listed.map((r) => [r.id, r.org, r.submittedAt, r.source])).toEqual([
      ['r-1', 'org-a', '2017-01-10T09:00:00.000Z', 'import'],
      ['r-2', 'org-b', '2017-01-11T09:00:00.000Z', 'import'],
    ]);
  });

  it('replaces earlier responses of the same source when asked, keeping the others', async () => {
    await store.responses.insert('staff-survey', { org: 'org-a', answers: { q1: 'b' } }, 'web');
    await store.responses.insertMany('staff-survey', [{ org: 'org-a', answers: { q1: 'a' } }], 'seed');
    const again = await store.responses.insertMany('staff-survey', [{ org: 'org-a', answers: { q1: 'a' } }, { org: 'org-b', answers: { q1: 'a' } }], 'seed', { replaceSource: 'seed' });
    expect(again).toEqual({ inserted: 2, skipped: 0, replaced: 1 });
    const sources = (await store.responses.list('staff-survey')).map((r) => r.source).sort();
    expect(sources).toEqual(['seed', 'seed', 'web']);
  });

  it('finds response ids used by another survey', async () => {
    await store.surveys.save({ ...definition, id: 'other' });
    await store.responses.insertMany('other', [{ id: 'shared-id', org: 'org-a', answers: { q1: 'a' } }], 'import');
    expect(await store.responses.idsInOtherSurveys('staff-survey', ['shared-id', 'fresh-id'])).toEqual(['shared-id']);
    expect(await store.responses.idsInOtherSurveys('other', ['shared-id'])).toEqual([]);
  });

  it('deletes a survey’s responses with the survey', async () => {
    await store.responses.insert('staff-survey', { org: 'org-a', answers: { q1: 'a' } }, 'cli');
    await database.db.deleteFrom('surveys').where('id', '=', 'staff-survey').execute();
    expect(await store.responses.count('staff-survey')).toBe(0);
  });
});
