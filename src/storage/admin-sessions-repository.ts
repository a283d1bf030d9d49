import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';

export interface AdminSession {
  userId: string;
  email: string;
  expiresAt: string;
}

/** Signed-in admin sessions, found by the SHA-256 of the cookie's token (see operations/secret-token.ts). */
export class AdminSessionsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(tokenHash: string, userId: string, expiresAt: Date, now = new Date()): Promise<void> {
    await this.db.insertInto('admin_sessions').values({ token_hash: tokenHash, user_id: userId, created_at: now.toISOString(), expires_at: expiresAt.toISOString() }).execute();
  }

  /** The session's user, unless the session has expired or does not exist. */
  async find(tokenHash: string, now = new Date()): Promise<AdminSession | undefined> {
    const row = await this.db
      .selectFrom('admin_sessions')
      .innerJoin('admin_users', 'admin_users.id', 'admin_sessions.user_id')
      .select(['admin_sessions.user_id', 'admin_users.email', 'admin_sessions.expires_at'])
      .where('admin_sessions.token_hash', '=', tokenHash)
      .where('admin_sessions.expires_at', '>', now.toISOString())
      .executeTakeFirst();
    return row ? { userId: row.user_id, email: row.email, expiresAt: row.expires_at } : undefined;
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('admin_sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteExpired(now = new Date()): Promise<number> {
    const result = await this.db.deleteFrom('admin_sessions').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
