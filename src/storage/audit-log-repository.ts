import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';

/** A value kept in an entry's details: counts, ids, release numbers, names of files and options. */
export type AuditDetail = string | number | boolean | null | readonly string[] | readonly number[];

/** What an entry says about the action, for reading back. Never answers, passwords or tokens. */
export type AuditDetails = Readonly<Record<string, AuditDetail>>;

export interface NewAuditEntry {
  /** An admin's email, 'cli:' and the OS user name, or 'api:' and an API token's name. */
  actor: string;
  /** A stable dotted code, such as 'release.create'. */
  action: string;
  /** The survey the action was about; undefined for sign-ins, the register, API tokens. */
  surveyId?: string | undefined;
  details?: AuditDetails;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  surveyId: string | null;
  details: AuditDetails;
}

/** Whose entries to read: one survey's, or every entry (with those about no survey). */
export type AuditScope = { surveyId: string } | { all: true };

/** The audit log: one row per admin action, only ever inserted, read newest first. */
export class AuditLogRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async record(entry: NewAuditEntry, now = new Date()): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({ at: now.toISOString(), actor: entry.actor, action: entry.action, survey_id: entry.surveyId ?? null, details: JSON.stringify(entry.details ?? {}) })
      .execute();
  }

  /** Entries newest first (the order they were recorded), `limit` of them after skipping `offset`. */
  async list(scope: AuditScope, page: { limit: number; offset?: number }): Promise<AuditEntry[]> {
    let query = this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset ?? 0);
    if ('surveyId' in scope) query = query.where('survey_id', '=', scope.surveyId);
    const rows = await query.execute();
    return rows.map((row) => ({ id: Number(row.id), at: row.at, actor: row.actor, action: row.action, surveyId: row.survey_id, details: JSON.parse(row.details) as AuditDetails }));
  }

  async count(scope: AuditScope): Promise<number> {
    let query = this.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n'));
    if ('surveyId' in scope) query = query.where('survey_id', '=', scope.surveyId);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }
}
