import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeMigration } from '../../test/support/database-before-migration.js';
import { idempotencyRequestHash } from '../responses/idempotency-key.js';
import { createStore } from './store.js';

describeMigration('0008_idempotency_scope', ({ dialect, before, after }) => {

  it('scopes keys stored before to the form or the anonymous client, keeps every row in its order, and lets two clients use one key', async () => {
    const old = await before();
    const now = '2017-01-10T09:00:00.000Z';
    await sql`insert into surveys (id, title, format, definition, created_at, updated_at) values ('s', 'S', 1, '{}', ${now}, ${now})`.execute(old);
    await sql`insert into organisations (id, name, type, nation) values ('org-a', 'Org A', 'council', 'England')`.execute(old);
    const rows: Array<[string, string | null, string, string]> = [
      ['r1', 'web-draft:d1', 'web', '{"q1":"a"}'],
      ['r2', 'api-key-1', 'api', '{"q1":"b"}'],
      ['r3', null, 'import', '{"q1":"a"}'],
      ['r4', 'api-key-2', 'api', '{"q1":"a"}'],
    ];
    for (const [id, key, source, answers] of rows) {
      await sql`insert into responses (id, survey_id, org_id, answers, idempotency_key, source, submitted_at, wave) values (${id}, 's', 'org-a', ${answers}, ${key}, ${source}, ${now}, null)`.execute(old);
    }
    // Two clients could not share a key before: the constraint this migration replaces.
    await expect(sql`insert into responses (id, survey_id, org_id, answers, idempotency_key, source, submitted_at) values ('r5', 's', 'org-a', '{}', 'api-key-1', 'api', ${now})`.execute(old)).rejects.toThrow();
    await old.destroy();

    const database = await after();
    const db = database.db;
    const migrated = await db.selectFrom('responses').select(['id', 'idempotency_key', 'idempotency_client', 'request_hash']).orderBy('id').execute();
    expect(migrated).toEqual([
      { id: 'r1', idempotency_key: 'web-draft:d1', idempotency_client: 'web', request_hash: null },
      { id: 'r2', idempotency_key: 'api-key-1', idempotency_client: 'anonymous', request_hash: null },
      { id: 'r3', idempotency_key: null, idempotency_client: null, request_hash: null },
      { id: 'r4', idempotency_key: 'api-key-2', idempotency_client: 'anonymous', request_hash: null },
    ]);
    const store = createStore(db);
    expect((await store.responses.list('s')).map((r) => r.id)).toEqual(['r1', 'r2', 'r3', 'r4']);

    // A key stored before: the same request is recognised from the stored response, another is not.
    const sameAsR2 = idempotencyRequestHash({ org: 'org-a', wave: null, answers: { q1: 'b' } });
    expect(await store.responses.insert('s', { org: 'org-a', answers: { q1: 'b' }, idempotency: { key: 'api-key-1', client: 'anonymous', requestHash: sameAsR2 } }, 'api')).toEqual({ id: 'r2', created: false, sameRequest: true });
    expect(await store.responses.insert('s', { org: 'org-a', answers: { q1: 'a' }, idempotency: { key: 'api-key-1', client: 'anonymous', requestHash: 'other' } }, 'api')).toEqual({ id: 'r2', created: false, sameRequest: false });
    // Another client's use of the same key is its own response; its own retry finds it again.
    const mine = await store.responses.insert('s', { org: 'org-a', answers: { q1: 'a' }, idempotency: { key: 'api-key-1', client: 'token:t1', requestHash: 'h' } }, 'api');
    expect(mine.created).toBe(true);
    expect(await store.responses.insert('s', { org: 'org-a', answers: { q1: 'a' }, idempotency: { key: 'api-key-1', client: 'token:t1', requestHash: 'h' } }, 'api')).toEqual({ id: mine.id, created: false, sameRequest: true });
    expect((await store.responses.list('s')).map((r) => r.id)).toEqual(['r1', 'r2', 'r3', 'r4', mine.id]);
    // Within one client the key is still unique.
    await expect(sql`insert into responses (id, survey_id, org_id, answers, idempotency_key, idempotency_client, source, submitted_at) values ('r6', 's', 'org-a', '{}', 'api-key-1', 'token:t1', 'api', ${now})`.execute(db)).rejects.toThrow();
  });

  it.runIf(dialect === 'sqlite')('keeps on SQLite every index of the responses table and every rowid, and foreign keys on', async () => {
    const old = await before();
    const now = '2017-01-10T09:00:00.000Z';
    await sql`insert into surveys (id, title, format, definition, created_at, updated_at) values ('s', 'S', 1, '{}', ${now}, ${now})`.execute(old);
    await sql`insert into organisations (id, name, type, nation) values ('org-a', 'Org A', 'council', 'England')`.execute(old);
    for (const id of ['r1', 'r2', 'r3', 'r4']) await sql`insert into responses (id, survey_id, org_id, answers, source, submitted_at) values (${id}, 's', 'org-a', '{}', 'import', ${now})`.execute(old);
    await sql`delete from responses where id = 'r2'`.execute(old);
    const arrival = `select id, rowid as seq from responses order by rowid`;
    const rowidsBefore = (await sql.raw(arrival).execute(old)).rows;
    const indexesBefore = (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'responses' and sql is not null order by name`.execute(old)).rows.map((r) => r.name);
    await old.destroy();
    const database = await after();
    const db = database.db;
    const indexesAfter = (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'responses' and sql is not null order by name`.execute(db)).rows.map((r) => r.name);
    // Later migrations may add indexes of their own.
    expect(indexesAfter).toEqual(expect.arrayContaining([...indexesBefore, 'responses_survey_client_idempotency_key']));
    const table = (await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'responses'`.execute(db)).rows[0]!.sql;
    expect(table).not.toMatch(/responses_survey_idempotency_key/);
    expect(table).toMatch(/^CREATE TABLE "responses"/);
    expect((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db)).rows[0]?.foreign_keys).toBe(1);
    expect((await sql`select name from sqlite_master where name = 'responses_rebuilt'`.execute(db)).rows).toEqual([]);
    // Sequence numbers are SQLite's rowids: kept as they were, gaps and all.
    expect((await sql.raw(arrival).execute(db)).rows).toEqual(rowidsBefore);
    expect(rowidsBefore).toEqual([{ id: 'r1', seq: 1 }, { id: 'r3', seq: 3 }, { id: 'r4', seq: 4 }]);
  });
});
