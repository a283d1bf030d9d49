import { CanvassError } from '../errors/canvass-error.js';

export type DatabaseLocation = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; connectionString: string; schema?: string };

export const defaultDatabaseUrl = 'sqlite:./canvass.db';

/**
 * Reads a database address: `sqlite:PATH` (or `sqlite::memory:`), `postgres://…` /
 * `postgresql://…`. The `--db` option wins over `CANVASS_DB`, which wins over `./canvass.db`.
 */
export function parseDatabaseUrl(url: string): DatabaseLocation {
  const value = url.trim();
  if (/^postgres(ql)?:\/\//.test(value)) return parsePostgresUrl(value);
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new CanvassError('database.url', `"${url}" names no file`, { detail: 'expected sqlite:PATH' });
    return { dialect: 'sqlite', path };
  }
  throw new CanvassError('database.url', `"${url}" is not a database address Canvass knows: use sqlite:PATH (for example sqlite:./canvass.db) or postgres://USER@HOST:PORT/DATABASE`);
}

export function resolveDatabaseUrl(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return option ?? env.CANVASS_DB ?? defaultDatabaseUrl;
}

/** The address without a password, for messages. */
export function describeDatabase(location: DatabaseLocation): string {
  if (location.dialect === 'sqlite') return `SQLite ${location.path}`;
  try {
    const u = new URL(location.connectionString);
    return `PostgreSQL ${u.host}${u.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** `?schema=NAME` keeps Canvass's tables in a schema of their own (created if missing). */
function parsePostgresUrl(value: string): DatabaseLocation {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CanvassError('database.url', `"${value}" is not a valid postgres:// address`);
  }
  const schema = url.searchParams.get('schema');
  if (schema === null) return { dialect: 'postgres', connectionString: value };
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new CanvassError('database.url', `"${schema}" is not a schema name Canvass accepts: use lower-case letters, digits and _`);
  }
  url.searchParams.delete('schema');
  return { dialect: 'postgres', connectionString: url.toString(), schema };
}
