import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';

export interface AdminUser {
  id: string;
  email: string;
  passwordHash: string;
  createdAt: string;
}

/** People who may sign in to /admin. Emails are kept lower-cased so sign-in ignores case. */
export class AdminUsersRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(email: string, passwordHash: string, now = new Date()): Promise<AdminUser> {
    const user = { id: randomUUID(), email: email.trim().toLowerCase(), passwordHash, createdAt: now.toISOString() };
    await this.db.insertInto('admin_users').values({ id: user.id, email: user.email, password_hash: passwordHash, created_at: user.createdAt }).execute();
    return user;
  }

  async findByEmail(email: string): Promise<AdminUser | undefined> {
    const row = await this.db.selectFrom('admin_users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
    return row ? { id: row.id, email: row.email, passwordHash: row.password_hash, createdAt: row.created_at } : undefined;
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('admin_users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
