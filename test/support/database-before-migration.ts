import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { parseDatabaseUrl } from '../../src/storage/database-url.js';
import { migrations } from '../../src/storage/migrations.js';

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
