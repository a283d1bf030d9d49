import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../src/storage/open-database.js';
import { createStore, type Store } from '../../src/storage/store.js';
import { freshDatabase, postgresAvailable } from './test-databases.js';

/**
 * For a storage suite run on each dialect: before each test, a store over a fresh, empty
 * database of that dialect, handed to `setup` (which keeps it and adds what the tests need);
 * after each, the database closed and dropped. On PostgreSQL the test is skipped when the
 * server does not answer (an error under CI=true, see postgresAvailable).
 */
export function storeForEachTest(dialect: 'sqlite' | 'postgres', setup: (opened: { store: Store; database: OpenDatabase }) => Promise<void>): void {
  let drop: (() => Promise<void>) | undefined;
  let database: OpenDatabase | undefined;
  beforeEach(async (context) => {
    if (dialect === 'postgres' && !(await postgresAvailable())) context.skip();
    const testDb = await freshDatabase(dialect);
    drop = testDb.drop;
    database = await openDatabase(testDb.url);
    await setup({ store: createStore(database.db), database });
  });
  afterEach(async () => {
    await database?.close();
    await drop?.();
    database = undefined;
    drop = undefined;
  });
}
