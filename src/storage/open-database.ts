import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type DatabaseIntrospector, type TableMetadata } from 'kysely';
import { CanvassError } from '../errors/canvass-error.js';
import type { Database } from './database-schema.js';
import { describeDatabase, parseDatabaseUrl, type DatabaseLocation } from './database-url.js';
import { migrations } from './migrations.js';


export interface OpenDatabase {
  db: Kysely<Database>;
  location: DatabaseLocation;
  description: string;
  close(): Promise<void>;
}

/** Connects to the database at `url`, applies pending migrations, and returns it ready to use. */
export async function openDatabase(url: string): Promise<OpenDatabase> {
  const location = parseDatabaseUrl(url);
  const schema = location.dialect === 'postgres' ? location.schema : undefined;
  const db = location.dialect === 'sqlite' ? openSqlite(location.path) : await openPostgres(location.connectionString, schema);
  try {
    if (schema) await db.schema.createSchema(schema).ifNotExists().execute();
    await migrate(db, schema);
  } catch (error) {
    await db.destroy();
    if (error instanceof CanvassError) throw error;
    const message = (error as Error).message || String((error as NodeJS.ErrnoException).code ?? error);
    if (location.dialect === 'postgres' && /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|timeout|does not exist|authentication|password/i.test(`${message} ${(error as NodeJS.ErrnoException).code ?? ''}`)) {
      throw new CanvassError('database.unreachable', `Could not connect to ${describeDatabase(location)}: ${message}`, { cause: error });
    }
    throw new CanvassError('internal', `Could not prepare ${describeDatabase(location)}: ${message}`, { cause: error });
  }
  return { db, location, description: describeDatabase(location), close: () => db.destroy() };
}

function openSqlite(path: string): Kysely<Database> {
  let database: SQLite.Database;
  try {
    database = new SQLite(path);
  } catch (error) {
    throw new CanvassError('database.unreachable', `Could not open the SQLite file ${path}: ${(error as Error).message}`, { cause: error });
  }
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

/** pg is loaded only when a PostgreSQL database is opened: a command on SQLite starts without it. */
async function openPostgres(connectionString: string, schema: string | undefined): Promise<Kysely<Database>> {
  const { default: pg } = await import('pg');
  // COUNT(*) and BIGINT columns arrive as strings from pg; every count here fits a double.
  pg.types.setTypeParser(20, (value) => Number(value));
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    connectionTimeoutMillis: 5000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * On PostgreSQL the migration bookkeeping tables are named with their schema: Kysely otherwise
 * looks for them in every schema of the database, so a second Canvass (another `?schema=`, or a
 * test running beside this one) would make it skip creating its own and fail.
 */
async function migrate(db: Kysely<Database>, schema: string | undefined): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const migrationTableSchema = postgres ? (schema ?? (await sql<{ name: string }>`select current_schema() as name`.execute(db)).rows[0]?.name) : undefined;
  // Unordered: a database may have had a later-numbered migration applied before an earlier-numbered
  // one was added (they are written side by side); each migration stands on its own.
  const migrator = new Migrator({ db: migrationTableSchema ? withTablesOf(db, migrationTableSchema) : db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  const failed = results?.find((r) => r.status === 'Error');
  if (failed) throw new CanvassError('internal', `The database migration ${failed.migrationName} failed`);
}

/**
 * `db` whose introspection lists only the tables of `schema`, which is all the migrator asks it
 * (whether its own bookkeeping tables exist). Kysely's PostgreSQL introspection reads every schema
 * of the database and calls has_schema_privilege on each by name, which fails ("schema … does not
 * exist") when another Canvass, or a test beside this one, drops its schema meanwhile; in a
 * database of many schemas it is slow too.
 */
function withTablesOf(db: Kysely<Database>, schema: string): Kysely<Database> {
  const introspection: DatabaseIntrospector = {
    getSchemas: () => db.introspection.getSchemas(),
    getMetadata: async () => ({ tables: await getTables() }),
    getTables: () => getTables(),
  };
  async function getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; type: string }>`select table_name as name, table_type as type from information_schema.tables where table_schema = ${schema}`.execute(db);
    return rows.map((r) => ({ name: r.name, schema, isView: r.type === 'VIEW', columns: [] }));
  }
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      // Kysely's methods use private fields: call them on the instance itself.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
