import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase, postgresAvailable, postgresUrl, type TestDatabase } from '../../test/support/test-databases.js';
import { openDatabase, type OpenDatabase } from './open-database.js';
import { createStore } from './store.js';

const pgUp = await postgresAvailable();

describe.skipIf(!pgUp)('opening a PostgreSQL schema', () => {
  const opened: OpenDatabase[] = [];
  const schemas: TestDatabase[] = [];

  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close();
    for (const schema of schemas.splice(0)) await schema.drop();
  });

  it('migrates a new schema while another schema of the same database already has Canvass in it', async () => {
    for (let i = 0; i < 2; i++) schemas.push(await freshDatabase('postgres'));
    opened.push(await openDatabase(schemas[0]!.url));
    const second = await openDatabase(schemas[1]!.url);
    opened.push(second);
    expect(await createStore(second.db).surveys.list()).toEqual([]);
  });

  it('migrates several schemas at the same time', async () => {
    for (let i = 0; i < 3; i++) schemas.push(await freshDatabase('postgres'));
    opened.push(...(await Promise.all(schemas.map((s) => openDatabase(s.url)))));
    for (const database of opened) expect(await createStore(database.db).adminUsers.count()).toBe(0);
  });

  it('migrates while other schemas of the database are made and dropped (as tests beside it do): it reads only its own schema\'s tables', { timeout: 60_000 }, async () => {
    const churn = new pg.Client({ connectionString: postgresUrl });
    await churn.connect();
    let stop = false;
    let churned = 0;
    const churning = (async () => {
      for (let i = 0; !stop; i++) {
        const name = `canvass_churn_${process.pid}_${i}`;
        await churn.query(`create schema ${name}; create table ${name}.t (id int); create table ${name}.u (id int)`);
        await churn.query(`drop schema ${name} cascade`);
        churned++;
      }
    })();
    try {
      for (let round = 0; round < 4; round++) {
        const fresh = await Promise.all(Array.from({ length: 5 }, () => freshDatabase('postgres')));
        schemas.push(...fresh);
        opened.push(...(await Promise.all(fresh.map((s) => openDatabase(s.url)))));
      }
    } finally {
      stop = true;
      await churning;
      await churn.end();
    }
    expect(churned).toBeGreaterThan(0);
    for (const database of opened) expect(await createStore(database.db).adminUsers.count()).toBe(0);
  });
});
