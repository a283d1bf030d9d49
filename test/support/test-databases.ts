import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The PostgreSQL the tests use: $CANVASS_TEST_POSTGRES, else the local server's `test` database. */
export const postgresUrl = process.env.CANVASS_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

let reachable: Promise<boolean> | undefined;

/**
 * Whether PostgreSQL answers. When it does not, the PostgreSQL half of a suite is skipped with
 * a clear message; in CI (CI=true) that is an error instead, so CI never passes without it.
 */
export function postgresAvailable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch (error) {
      if (process.env.CI) throw new Error(`PostgreSQL does not answer at ${postgresUrl} and CI=true: ${(error as Error).message}`);
      console.warn(`\n  PostgreSQL does not answer at ${postgresUrl} (${(error as Error).message}); skipping the PostgreSQL tests. Start it, or set CANVASS_TEST_POSTGRES.\n`);
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

export interface TestDatabase {
  dialect: 'sqlite' | 'postgres';
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database: a temporary SQLite file, or a new schema in the test PostgreSQL. */
export async function freshDatabase(dialect: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'canvass-test-'));
    return { dialect, url: `sqlite:${join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `canvass_test_${randomBytes(6).toString('hex')}`;
  const separator = postgresUrl.includes('?') ? '&' : '?';
  return {
    dialect,
    url: `${postgresUrl}${separator}schema=${schema}`,
    async drop() {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

/** The dialects to run a storage suite on: SQLite always, PostgreSQL when it answers. */
export const dialects = ['sqlite', 'postgres'] as const;
