import { CanvassError } from '../errors/canvass-error.js';

export type DatabaseLocation = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; connectionString: string };

export const defaultDatabaseUrl = 'sqlite:./canvass.db';

/**
 * Reads a database address: `sqlite:PATH` (or `sqlite::memory:`), `postgres://…` /
 * `postgresql://…`. The `--db` option wins over `CANVASS_DB`, which wins over `./canvass.db`.
 */
export function parseDatabaseUrl(url: string): DatabaseLocation {
  const value = url.trim();
  if (/^postgres(ql)?:\/\//.test(value)) return { dialect: 'postgres', connectionString: value };
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
