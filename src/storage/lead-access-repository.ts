import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';

/** The lead a sign-in link or session belongs to. */
export interface LeadIdentity {
  contactId: string;
  surveyId: string;
  orgId: string;
  email: string;
  name: string;
}

/**
 * Organisation leads' one-time sign-in links and their sessions, both found by the SHA-256 of
 * the token (the email and the cookie hold the token; see operations/secret-token.ts). Only
 * contacts whose role is 'lead' are ever returned.
 */
export class LeadAccessRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async createSignInToken(tokenHash: string, contactId: string, expiresAt: Date, now = new Date()): Promise<void> {
    await this.db.insertInto('lead_sign_in_tokens').values({ token_hash: tokenHash, contact_id: contactId, created_at: now.toISOString(), expires_at: expiresAt.toISOString(), used_at: null }).execute();
  }

  /**
   * Uses a sign-in link, once: in one statement, so of two requests racing with the same link only
   * one signs in. Undefined when the link is unknown, used, expired, or not a lead's.
   */
  async consumeSignInToken(tokenHash: string, now = new Date()): Promise<LeadIdentity | undefined> {
    const at = now.toISOString();
    const result = await this.db
      .updateTable('lead_sign_in_tokens')
      .set({ used_at: at })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return undefined;
    const row = await this.db.selectFrom('lead_sign_in_tokens').select('contact_id').where('token_hash', '=', tokenHash).executeTakeFirst();
    return this.identity(row?.contact_id);
  }

  /** The sign-in link is unused and unexpired (for the page a link opens, before it is used). */
  async signInTokenUsable(tokenHash: string, now = new Date()): Promise<boolean> {
    const row = await this.db.selectFrom('lead_sign_in_tokens').select('token_hash').where('token_hash', '=', tokenHash).where('used_at', 'is', null).where('expires_at', '>', now.toISOString()).executeTakeFirst();
    return row !== undefined;
  }

  /** How many sign-in links were made for a contact since `since`, used or not: to refuse sending many. */
  async signInTokensSince(contactId: string, since: Date): Promise<number> {
    const row = await this.db.selectFrom('lead_sign_in_tokens').select((eb) => eb.fn.countAll<number>().as('n')).where('contact_id', '=', contactId).where('created_at', '>', since.toISOString()).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Every survey's lead contacts with this address (any case). */
  async leadsByEmail(email: string): Promise<LeadIdentity[]> {
    const rows = await this.db.selectFrom('contacts').select(['id', 'survey_id', 'org_id', 'email', 'name']).where('role', '=', 'lead').where('email', '=', email.trim().toLowerCase()).orderBy('survey_id').execute();
    return rows.map((row) => ({ contactId: row.id, surveyId: row.survey_id, orgId: row.org_id, email: row.email, name: row.name }));
  }

  async createSession(tokenHash: string, contactId: string, expiresAt: Date, now = new Date()): Promise<void> {
    await this.db.insertInto('lead_sessions').values({ token_hash: tokenHash, contact_id: contactId, created_at: now.toISOString(), expires_at: expiresAt.toISOString() }).execute();
  }

  /** The session's lead, unless it has expired, does not exist, or its contact is no longer a lead. */
  async findSession(tokenHash: string, now = new Date()): Promise<LeadIdentity | undefined> {
    const row = await this.db.selectFrom('lead_sessions').select('contact_id').where('token_hash', '=', tokenHash).where('expires_at', '>', now.toISOString()).executeTakeFirst();
    return this.identity(row?.contact_id);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('lead_sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** Deletes expired sessions and sign-in links (used or not); returns how many rows went. */
  async deleteExpired(now = new Date()): Promise<number> {
    const at = now.toISOString();
    const sessions = await this.db.deleteFrom('lead_sessions').where('expires_at', '<=', at).executeTakeFirst();
    const links = await this.db.deleteFrom('lead_sign_in_tokens').where('expires_at', '<=', at).executeTakeFirst();
    return Number(sessions.numDeletedRows) + Number(links.numDeletedRows);
  }

  private async identity(contactId: string | undefined): Promise<LeadIdentity | undefined> {
    if (contactId === undefined) return undefined;
    const row = await this.db.selectFrom('contacts').select(['id', 'survey_id', 'org_id', 'email', 'name']).where('id', '=', contactId).where('role', '=', 'lead').executeTakeFirst();
    return row ? { contactId: row.id, surveyId: row.survey_id, orgId: row.org_id, email: row.email, name: row.name } : undefined;
  }
}
