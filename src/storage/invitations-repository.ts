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
  /** Whether the link has been opened (a flag: never when, which could be matched with a response). */
  opened: boolean;
}

export interface NewInvitation {
  surveyId: string;
  orgId: string;
  tokenHash: string;
  maxUses?: number | undefined;
  expiresAt?: Date | undefined;
  createdBy?: string | undefined;
  /** A personal link's token, kept while the link is unused so it can be sent, reminded and exported. */
  linkToken?: string | undefined;
}

/** An unused personal link whose token is kept, for sending and mail merge. */
export interface InvitationLink {
  invitationId: string;
  orgId: string;
  token: string;
  createdAt: string;
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
      link_token: invitation.linkToken ?? null,
      opened: 0,
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
    const result = await this.db.updateTable('invitations').set({ revoked_at: now.toISOString(), link_token: null }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Notes that the link was opened (once; later openings change nothing). */
  async markOpened(id: string): Promise<void> {
    await this.db.updateTable('invitations').set({ opened: 1 }).where('id', '=', id).where('opened', '=', 0).execute();
  }

  /**
   * A survey's unused personal links whose tokens are kept (optionally of one organisation), oldest
   * first: those not revoked, expired or used up.
   */
  async links(surveyId: string, options: { orgId?: string | undefined; now?: Date } = {}): Promise<InvitationLink[]> {
    const now = (options.now ?? new Date()).toISOString();
    let query = this.db
      .selectFrom('invitations')
      .select(['id', 'org_id', 'link_token', 'created_at'])
      .where('survey_id', '=', surveyId)
      .where('link_token', 'is not', null)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]));
    if (options.orgId !== undefined) query = query.where('org_id', '=', options.orgId);
    const rows = await query.orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => ({ invitationId: r.id, orgId: r.org_id, token: r.link_token!, createdAt: r.created_at }));
  }

  /**
   * Counts one response against the invitation, in one statement so two submissions racing for
   * the last use cannot both have it. False when the link is revoked, expired or used up.
   */
  async consume(id: string, now = new Date()): Promise<boolean> {
    const result = await this.db
      .updateTable('invitations')
      // A link used up no longer needs its token kept.
      .set((eb) => ({
        uses: eb('uses', '+', 1),
        link_token: eb.case().when(eb('max_uses', 'is not', null).and(eb(eb('uses', '+', 1), '>=', eb.ref('max_uses')))).then(null).else(eb.ref('link_token')).end(),
      }))
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
    opened: Number(row.opened) === 1,
  };
}
