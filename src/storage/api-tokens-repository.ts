import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApiTokensTable, Database } from './database-schema.js';

export interface ApiToken {
  id: string;
  name: string;
  createdBy: string | undefined;
  createdAt: string;
  lastUsedAt: string | undefined;
  revokedAt: string | undefined;
  /** May read drafts of live data, not only releases. */
  draftAccess: boolean;
}

/** How stale `last_used_at` may get: recording every request would make each API call a write. */
const lastUsedResolutionMs = 60 * 60 * 1000;

/** Bearer tokens for /api/v1, found by the SHA-256 of the token. */
export class ApiTokensRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(name: string, tokenHash: string, createdBy: string | undefined, now = new Date(), draftAccess = false): Promise<ApiToken> {
    const row: ApiTokensTable = { id: randomUUID(), name, token_hash: tokenHash, created_by: createdBy ?? null, created_at: now.toISOString(), last_used_at: null, revoked_at: null, draft_access: draftAccess ? 1 : 0 };
    await this.db.insertInto('api_tokens').values(row).execute();
    return fromRow(row);
  }

  /** The token, if it exists and is not revoked; notes when it was used. */
  async use(tokenHash: string, now = new Date()): Promise<ApiToken | undefined> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
    if (!row) return undefined;
    const stale = new Date(now.getTime() - lastUsedResolutionMs).toISOString();
    if (row.last_used_at === null || row.last_used_at < stale) {
      await this.db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
      row.last_used_at = now.toISOString();
    }
    return fromRow(row);
  }

  async get(id: string): Promise<ApiToken | undefined> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** Every token, newest first. */
  async list(): Promise<ApiToken[]> {
    const rows = await this.db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(fromRow);
  }

  async revoke(id: string, now = new Date()): Promise<boolean> {
    const result = await this.db.updateTable('api_tokens').set({ revoked_at: now.toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function fromRow(row: ApiTokensTable): ApiToken {
  return {
    id: row.id,
    name: row.name,
    createdBy: row.created_by ?? undefined,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at ?? undefined,
    revokedAt: row.revoked_at ?? undefined,
    draftAccess: Number(row.draft_access) === 1,
  };
}
