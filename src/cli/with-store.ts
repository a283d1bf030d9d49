import { openDatabase } from '../storage/open-database.js';
import { resolveDatabaseUrl } from '../storage/database-url.js';
import { createStore, type Store } from '../storage/store.js';
import type { CliIo } from './cli-io.js';

/** Opens the database named by --db, CANVASS_DB or the default, runs `work`, and closes it. */
export async function withStore<T>(io: CliIo, dbOption: string | undefined, work: (store: Store, description: string) => Promise<T>): Promise<T> {
  const database = await openDatabase(resolveDatabaseUrl(dbOption, io.env));
  try {
    return await work(createStore(database.db), database.description);
  } finally {
    await database.close();
  }
}

export const dbOptionHelp = 'database: sqlite:PATH or postgres://… (default: $CANVASS_DB, else sqlite:./canvass.db)';
