import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase, postgresAvailable, type TestDatabase } from '../../test/support/test-databases.js';
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
});
