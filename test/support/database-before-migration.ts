import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe } from 'vitest';
import { parseDatabaseUrl } from '../../src/storage/database-url.js';
import { migrations } from '../../src/storage/migrations.js';
import { openDatabase, type OpenDatabase } from '../../src/storage/open-database.js';
import { dialects, freshDatabase, postgresAvailable, type TestDatabase } from './test-databases.js';

/**
 * A database migrated up to (not including) the migration whose name starts with `before`, as
 * one made by an earlier Canvass: for testing what a migration does to data stored before it.
 */
export async function migratedUpTo(url: string, before: string): Promise<Kysely<unknown>> {
  const location = parseDatabaseUrl(url);
  let db: Kysely<unknown>;
  let schema: string | undefined;
  if (location.dialect === 'sqlite') {
    const database = new SQLite(location.path);
    database.pragma('foreign_keys = ON');
    db = new Kysely({ dialect: new SqliteDialect({ database }) });
  } else {
    schema = location.schema!;
    db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: location.connectionString, options: `-c search_path=${schema}` }) }) });
    await db.schema.createSchema(schema).ifNotExists().execute();
  }
  const earlier = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < before));
  const migrator = new Migrator({ db, provider: { getMigrations: async () => earlier }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
  return db;
}

/** What a test of one migration does with its database. */
export interface MigrationTest {
  dialect: (typeof dialects)[number];
  /** The database as an earlier Canvass left it: migrated up to, not including, the migration. */
  before(): Promise<Kysely<unknown>>;
  /** The database opened as Canvass opens it now, which runs the migration. */
  after(): Promise<OpenDatabase>;
}

/**
 * A suite of tests of migration `name` (such as `0009_response_fingerprints`), run on SQLite and
 * on PostgreSQL (skipped when it does not answer), each on a fresh database that is closed and
 * dropped after it.
 */
export function describeMigration(name: string, tests: (migration: MigrationTest) => void): void {
  describe.each(dialects)(`migration ${name} on %s`, (dialect) => {
    let testDb: TestDatabase | undefined;
    const opened: Array<{ close(): Promise<void> }> = [];

    beforeEach(async (context) => {
      if (dialect === 'postgres' && !(await postgresAvailable())) context.skip();
      testDb = await freshDatabase(dialect);
    });
    afterEach(async () => {
      for (const database of opened.splice(0)) await database.close();
      await testDb?.drop();
      testDb = undefined;
    });

    tests({
      dialect,
      async before() {
        const db = await migratedUpTo(testDb!.url, name.slice(0, 4));
        let closed = false;
        opened.push({ close: async () => (closed ? undefined : db.destroy()) });
        const destroy = db.destroy.bind(db);
        db.destroy = async () => {
          closed = true;
          await destroy();
        };
        return db;
      },
      async after() {
        const database = await openDatabase(testDb!.url);
        opened.push(database);
        return database;
      },
    });
  });
}
