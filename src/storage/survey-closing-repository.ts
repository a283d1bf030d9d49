import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';

/**
 * A survey's closing date as set from the command line or the admin, kept beside its definition
 * (which may name one too: `fieldwork.closes`); this one, when set, is the one in force.
 */
export class SurveyClosingRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The closing date set outside the definition (ISO 8601), if any. */
  async get(surveyId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('surveys').select('closes_at').where('id', '=', surveyId).executeTakeFirst();
    return row?.closes_at ?? undefined;
  }

  /** Sets (or, with undefined, clears) it; false when there is no such survey. */
  async set(surveyId: string, closesAt: Date | undefined): Promise<boolean> {
    const result = await this.db.updateTable('surveys').set({ closes_at: closesAt?.toISOString() ?? null }).where('id', '=', surveyId).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
