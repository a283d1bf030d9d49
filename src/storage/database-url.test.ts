import { describe, expect, it } from 'vitest';
import { CanvassError } from '../errors/canvass-error.js';
import { defaultDatabaseUrl, describeDatabase, parseDatabaseUrl, resolveDatabaseUrl } from './database-url.js';
import { openDatabase } from './open-database.js';

describe('database addresses', () => {
  it('reads sqlite:PATH and postgres:// addresses', () => {
    expect(parseDatabaseUrl('sqlite:./canvass.db')).toEqual({ dialect: 'sqlite', path: './canvass.db' });
    expect(parseDatabaseUrl('sqlite:///tmp/x.db')).toEqual({ dialect: 'sqlite', path: '/tmp/x.db' });
    expect(parseDatabaseUrl('postgres://u@h:5432/db')).toEqual({ dialect: 'postgres', connectionString: 'postgres://u@h:5432/db' });
    expect(parseDatabaseUrl('postgresql://h/db?schema=canvass')).toEqual({ dialect: 'postgres', connectionString: 'postgresql://h/db', schema: 'canvass' });
  });

  it('refuses an address it does not know, naming the forms it accepts', () => {
    expect(() => parseDatabaseUrl('mysql://h/db')).toThrow(/sqlite:PATH.*postgres:\/\//);
    expect(() => parseDatabaseUrl('sqlite:')).toThrow(CanvassError);
    expect(() => parseDatabaseUrl('postgres://h/db?schema=Bad-Name')).toThrow(/schema name/);
  });

  it('takes --db first, then CANVASS_DB, then ./canvass.db', () => {
    expect(resolveDatabaseUrl('sqlite:a.db', { CANVASS_DB: 'sqlite:b.db' })).toBe('sqlite:a.db');
    expect(resolveDatabaseUrl(undefined, { CANVASS_DB: 'sqlite:b.db' })).toBe('sqlite:b.db');
    expect(resolveDatabaseUrl(undefined, {})).toBe(defaultDatabaseUrl);
    expect(defaultDatabaseUrl).toBe('sqlite:./canvass.db');
  });

  it('describes a PostgreSQL address without its password', () => {
    expect(describeDatabase(parseDatabaseUrl('postgres://user:secret@db.example:5432/canvass'))).toBe('PostgreSQL db.example:5432/canvass');
  });

  it('reports an unreachable PostgreSQL as a user error', async () => {
    const error = await openDatabase('postgres://127.0.0.1:1/none').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CanvassError);
    expect((error as CanvassError).code).toBe('database.unreachable');
  });

  it('reports a SQLite file that cannot be created as a user error', async () => {
    const error = await openDatabase('sqlite:/no/such/folder/x.db').catch((e: unknown) => e);
    expect((error as CanvassError).code).toBe('database.unreachable');
  });
});
