import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, InvitationsTable } from './database-schema.js';

export interface Invitation {
  id: string;
  surveyId: string;
  orgId: string;
  /** 1: single use; undefined: any number of responses. */
  maxUses: number | undefined;
  uses: number;
  expiresAt: string | undefined;
  revokedAt: string | undefined;
  createdBy: string | undefined;
  createdAt: string;
}

export interface NewInvitation {
  surveyId: string;
  orgId: string;
  tokenHash: string;
  maxUses?: number | undefined;
  expiresAt?: Date | undefined;
  createdBy?: string | undefined;
}

/** Per-organisation invitation links, found by the SHA-256 of the link's token. */
export class InvitationsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(invitation: NewInvitation, now = new Date()): Promise<Invitation> {
    const row: InvitationsTable = {
      id: randomUUID(),
      survey_id: invitation.surveyId,
      org_id: invitation.orgId,
      token_hash: invitation.tokenHash,
      max_uses: invitation.maxUses ?? null,
      uses: 0,
      expires_at: invitation.expiresAt?.toISOString() ?? null,
      revoked_at: null,
      created_by: invitation.createdBy ?? null,
      created_at: now.toISOString(),
    };
    await this.db.insertInto('invitations').values(row).execute();
    return fromRow(row);
  }

  async findByTokenHash(tokenHash: string): Promise<Invitation | undefined> {
    const row = await this.db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async get(id: string): Promise<Invitation | undefined> {
    const row = await this.db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** A survey's invitations, newest first. */
  async list(surveyId: string): Promise<Invitation[]> {
    const rows = await this.db.selectFrom('invitations').selectAll().where('survey_id', '=', surveyId).orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(fromRow);
  }

  async revoke(id: string, now = new Date()): Promise<boolean> {
    const result = await this.db.updateTable('invitations').set({ revoked_at: now.toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Counts one response against the invitation, in one statement so two submissions racing for
   * the last use cannot both have it. False when the link is revoked, expired or used up.
   */
  async consume(id: string, now = new Date()): Promise<boolean> {
    const result = await this.db
      .updateTable('invitations')
      .set((eb) => ({ uses: eb('uses', '+', 1) }))
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now.toISOString())]))
      .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function fromRow(row: InvitationsTable): Invitation {
  return {
    id: row.id,
    surveyId: row.survey_id,
    orgId: row.org_id,
    maxUses: row.max_uses === null ? undefined : Number(row.max_uses),
    uses: Number(row.uses),
    expiresAt: row.expires_at ?? undefined,
    revokedAt: row.revoked_at ?? undefined,
    createdBy: row.created_by ?? undefined,
    createdAt: row.created_at,
  };
}
