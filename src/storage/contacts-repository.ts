import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ContactsTable, Database } from './database-schema.js';

export type ContactRole = 'respondent' | 'lead';
export type MessageKind = 'invitation' | 'reminder';
/**
 * Where a contact's messages stand: nothing sent yet; a message being sent now (its intent is
 * recorded: see `pendingKind`); the last message accepted by the transport; the last one refused
 * (`deliveryFailure` says why).
 */
export type DeliveryState = 'not-sent' | 'sending' | 'sent' | 'failed';

export interface Contact {
  id: string;
  surveyId: string;
  orgId: string;
  email: string;
  name: string;
  role: ContactRole;
  language: string | undefined;
  /** A respondent's personal link; undefined for a lead or before one is made. */
  invitationId: string | undefined;
  deliveryState: DeliveryState;
  deliveryFailure: string | undefined;
  deliveryReference: string | undefined;
  /** Set while a message is being sent, or when a run stopped while sending it (it may or may not have gone). */
  pendingKind: MessageKind | undefined;
  pendingAt: string | undefined;
  invitedAt: string | undefined;
  lastSentAt: string | undefined;
  lastRemindedAt: string | undefined;
  reminders: number;
  createdAt: string;
}

/** A contact with where its personal link stands (from its invitation; never which response). */
export interface ContactWithLink extends Contact {
  /** The link's token while it is unused and kept (to send it); undefined once used or revoked. */
  linkToken: string | undefined;
  linkOpened: boolean;
  linkUsed: boolean;
  linkRevoked: boolean;
}

export interface NewContact {
  surveyId: string;
  orgId: string;
  email: string;
  name: string;
  role: ContactRole;
  language?: string | undefined;
}

/** Per organisation, how far fieldwork has gone: counts only. */
export interface OrganisationFieldwork {
  orgId: string;
  respondents: number;
  leads: number;
  invited: number;
  opened: number;
  responded: number;
  failed: number;
  lastRemindedAt: string | undefined;
}

/**
 * A survey's contacts: respondents (each with a personal, single-use link) and organisation
 * leads. Email addresses are kept lower-cased, unique per survey and role. Sending records its
 * intent before a message goes (`claim`) and the outcome after (`recordSent`, `recordFailure`),
 * so a run that stops midway never sends anything twice.
 */
export class ContactsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts contacts (in the caller's transaction for all or nothing); a duplicate email of a role fails the insert. */
  async insertMany(contacts: readonly NewContact[], now = new Date()): Promise<Contact[]> {
    const rows: ContactsTable[] = contacts.map((c) => ({
      id: randomUUID(),
      survey_id: c.surveyId,
      org_id: c.orgId,
      email: c.email.toLowerCase(),
      name: c.name,
      role: c.role,
      language: c.language ?? null,
      invitation_id: null,
      delivery_state: 'not-sent',
      delivery_failure: null,
      delivery_reference: null,
      pending_kind: null,
      pending_at: null,
      invited_at: null,
      last_sent_at: null,
      last_reminded_at: null,
      reminders: 0,
      created_at: now.toISOString(),
    }));
    for (let i = 0; i < rows.length; i += 500) await this.db.insertInto('contacts').values(rows.slice(i, i + 500)).execute();
    return rows.map(fromRow);
  }

  async get(surveyId: string, id: string): Promise<Contact | undefined> {
    const row = await this.db.selectFrom('contacts').selectAll().where('survey_id', '=', surveyId).where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** The contact of a role with this address (any case), if any. */
  async findByEmail(surveyId: string, role: ContactRole, email: string): Promise<Contact | undefined> {
    const row = await this.db.selectFrom('contacts').selectAll().where('survey_id', '=', surveyId).where('role', '=', role).where('email', '=', email.toLowerCase()).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** The addresses (lower-cased) a survey already has for each role, to refuse duplicates before inserting. */
  async emails(surveyId: string): Promise<Set<string>> {
    const rows = await this.db.selectFrom('contacts').select(['role', 'email']).where('survey_id', '=', surveyId).execute();
    return new Set(rows.map((r) => `${r.role}\u0000${r.email}`));
  }

  /** A survey's contacts with their links' state, by organisation, role and address. */
  async list(surveyId: string, filter: { orgId?: string | undefined; role?: ContactRole | undefined } = {}): Promise<ContactWithLink[]> {
    let query = this.db
      .selectFrom('contacts')
      .leftJoin('invitations', 'invitations.id', 'contacts.invitation_id')
      .selectAll('contacts')
      .select(['invitations.link_token', 'invitations.opened', 'invitations.uses', 'invitations.revoked_at'])
      .where('contacts.survey_id', '=', surveyId);
    if (filter.orgId !== undefined) query = query.where('contacts.org_id', '=', filter.orgId);
    if (filter.role !== undefined) query = query.where('contacts.role', '=', filter.role);
    const rows = await query.orderBy('contacts.org_id').orderBy('contacts.role').orderBy('contacts.email').execute();
    return rows.map((row) => ({
      ...fromRow(row),
      linkToken: row.link_token ?? undefined,
      linkOpened: Number(row.opened ?? 0) === 1,
      linkUsed: Number(row.uses ?? 0) > 0,
      linkRevoked: row.revoked_at !== null && row.revoked_at !== undefined,
    }));
  }

  async count(surveyId: string): Promise<number> {
    const row = await this.db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).where('survey_id', '=', surveyId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async setInvitation(id: string, invitationId: string): Promise<void> {
    await this.db.updateTable('contacts').set({ invitation_id: invitationId }).where('id', '=', id).execute();
  }

  /** Deletes a contact; its personal link is the caller's to revoke. */
  async delete(surveyId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('contacts').where('survey_id', '=', surveyId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /**
   * Records the intent to send `kind` to a contact, before it is sent: true only for the one
   * caller that finds no message pending for it and the message still due — an invitation not yet
   * sent; a reminder not sent since `remindedBefore` (undefined: any time); either only while the
   * contact's link (if any) is unused and not revoked — so two runs never send the same message, and
   * a run that stops leaves the contact marked (`pendingKind`) instead of sending again.
   */
  async claim(id: string, kind: MessageKind, now = new Date(), remindedBefore?: Date): Promise<boolean> {
    let query = this.db
      .updateTable('contacts')
      .set({ pending_kind: kind, pending_at: now.toISOString(), delivery_state: 'sending' })
      .where('id', '=', id)
      .where('pending_kind', 'is', null)
      .where((eb) => eb.or([eb('invitation_id', 'is', null), eb('invitation_id', 'in', eb.selectFrom('invitations').select('invitations.id').where('invitations.uses', '=', 0).where('invitations.revoked_at', 'is', null))]));
    if (kind === 'invitation') query = query.where('invited_at', 'is', null);
    else if (remindedBefore !== undefined) query = query.where((eb) => eb.or([eb('last_reminded_at', 'is', null), eb('last_reminded_at', '<=', remindedBefore.toISOString())]));
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The transport accepted the message: clears the intent, keeps when and its reference. */
  async recordSent(id: string, kind: MessageKind, reference: string | undefined, now = new Date()): Promise<void> {
    const at = now.toISOString();
    await this.db
      .updateTable('contacts')
      .set((eb) => ({
        pending_kind: null,
        pending_at: null,
        delivery_state: 'sent',
        delivery_failure: null,
        delivery_reference: reference ?? null,
        last_sent_at: at,
        ...(kind === 'invitation' ? { invited_at: at } : { last_reminded_at: at, reminders: eb('reminders', '+', 1) }),
      }))
      .where('id', '=', id)
      .execute();
  }

  /** The transport refused the message (nothing went): clears the intent, keeps why. */
  async recordFailure(id: string, failure: string): Promise<void> {
    await this.db.updateTable('contacts').set({ pending_kind: null, pending_at: null, delivery_state: 'failed', delivery_failure: failure.slice(0, 2000) }).where('id', '=', id).execute();
  }

  /**
   * Gives up the intents of a survey's contacts (all, or these): for messages an admin has checked
   * did not go, after a run stopped while sending them. Returns how many.
   */
  async clearPending(surveyId: string, ids?: readonly string[]): Promise<number> {
    let query = this.db.updateTable('contacts').set({ pending_kind: null, pending_at: null, delivery_state: 'failed', delivery_failure: 'An earlier run stopped while sending; not known to have gone' }).where('survey_id', '=', surveyId).where('pending_kind', 'is not', null);
    if (ids !== undefined) query = query.where('id', 'in', ids.length > 0 ? [...ids] : ['']);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Per organisation with contacts: respondents, leads, invited, opened, responded (links used), failed, last reminder. */
  async progress(surveyId: string): Promise<OrganisationFieldwork[]> {
    const rows = await this.db
      .selectFrom('contacts')
      .leftJoin('invitations', 'invitations.id', 'contacts.invitation_id')
      .select((eb) => [
        'contacts.org_id',
        eb.fn.sum<number>(eb.case().when('contacts.role', '=', 'respondent').then(1).else(0).end()).as('respondents'),
        eb.fn.sum<number>(eb.case().when('contacts.role', '=', 'lead').then(1).else(0).end()).as('leads'),
        eb.fn.sum<number>(eb.case().when(eb('contacts.role', '=', 'respondent').and('contacts.invited_at', 'is not', null)).then(1).else(0).end()).as('invited'),
        eb.fn.sum<number>(eb.case().when('invitations.opened', '=', 1).then(1).else(0).end()).as('opened'),
        eb.fn.sum<number>(eb.case().when('invitations.uses', '>', 0).then(1).else(0).end()).as('responded'),
        eb.fn.sum<number>(eb.case().when('contacts.delivery_state', '=', 'failed').then(1).else(0).end()).as('failed'),
        eb.fn.max('contacts.last_reminded_at').as('last_reminded_at'),
      ])
      .where('contacts.survey_id', '=', surveyId)
      .groupBy('contacts.org_id')
      .orderBy('contacts.org_id')
      .execute();
    return rows.map((r) => ({
      orgId: r.org_id,
      respondents: Number(r.respondents),
      leads: Number(r.leads),
      invited: Number(r.invited),
      opened: Number(r.opened),
      responded: Number(r.responded),
      failed: Number(r.failed),
      lastRemindedAt: r.last_reminded_at ?? undefined,
    }));
  }
}

function fromRow(row: ContactsTable): Contact {
  return {
    id: row.id,
    surveyId: row.survey_id,
    orgId: row.org_id,
    email: row.email,
    name: row.name,
    role: row.role,
    language: row.language ?? undefined,
    invitationId: row.invitation_id ?? undefined,
    deliveryState: row.delivery_state as DeliveryState,
    deliveryFailure: row.delivery_failure ?? undefined,
    deliveryReference: row.delivery_reference ?? undefined,
    pendingKind: (row.pending_kind ?? undefined) as MessageKind | undefined,
    pendingAt: row.pending_at ?? undefined,
    invitedAt: row.invited_at ?? undefined,
    lastSentAt: row.last_sent_at ?? undefined,
    lastRemindedAt: row.last_reminded_at ?? undefined,
    reminders: Number(row.reminders),
    createdAt: row.created_at,
  };
}
