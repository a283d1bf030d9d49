import { openDatabase } from '../../src/storage/open-database.js';
import { createStore, type Store } from '../../src/storage/store.js';
import { freshDatabase } from './test-databases.js';

/** A store on a fresh temporary SQLite file, and a function that closes and removes it. */
export async function tempStore(): Promise<{ store: Store; url: string; close(): Promise<void> }> {
  const testDb = await freshDatabase('sqlite');
  const database = await openDatabase(testDb.url);
  return {
    store: createStore(database.db),
    url: testDb.url,
    async close() {
      await database.close();
      await testDb.drop();
    },
  };
}
