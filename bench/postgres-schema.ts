import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A throw-away schema on the bench's PostgreSQL server: its `canvass_bench_<random>` name in a
 * database address Canvass understands, and a way to drop it with everything in it. Gives
 * `unavailable` with the reason when the server does not answer.
 */
export async function postgresScratchSchema(serverUrl: string): Promise<{ url: string; schema: string; drop(): Promise<void> } | { unavailable: string }> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    return { unavailable: `${serverUrl} does not answer (${(error as Error).message || String((error as NodeJS.ErrnoException).code)})` };
  } finally {
    await client.end().catch(() => undefined);
  }
  const schema = `canvass_bench_${randomBytes(6).toString('hex')}`;
  const url = new URL(serverUrl);
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(),
    schema,
    async drop() {
      const dropper = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
      await dropper.connect();
      try {
        await dropper.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await dropper.end();
      }
    },
  };
}
