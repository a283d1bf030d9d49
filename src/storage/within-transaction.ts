import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database-schema.js';

/**
 * Runs a repository's all-or-nothing write in a transaction of its own, or in the caller's when
 * the repository was made over one (a store from `inTransaction`): Kysely cannot open a
 * transaction inside another, and a use case that records what it did (the audit log) wants the
 * write and the record kept together.
 */
export function withinTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  // isTransaction is true only of Kysely's Transaction, which is what `db` then is.
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}
