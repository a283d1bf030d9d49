import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';

export interface PublishedReport {
  surveyId: string;
  /** The survey's title now (not when it was published: a new definition may rename it). */
  title: string;
  publishedAt: string;
  publishedBy: string | undefined;
}

/**
 * Which surveys have a public report. Only the fact of publishing is stored: the report itself is
 * made from the responses when it is read, so it is never stale and never holds more than the
 * aggregates that disclosure control lets out.
 */
export class PublishedReportsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Makes a survey's report public. Publishing one already public changes nothing (its first
   * date and publisher stay), so a repeated click or a replayed form cannot rewrite its history.
   */
  async publish(surveyId: string, publishedBy: string | undefined, now = new Date()): Promise<'published' | 'already-published'> {
    const result = await this.db
      .insertInto('published_reports')
      .values({ survey_id: surveyId, published_at: now.toISOString(), published_by: publishedBy ?? null })
      .onConflict((oc) => oc.column('survey_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? 'published' : 'already-published';
  }

  /** Takes a survey's report down; false when it was not public. */
  async unpublish(surveyId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('published_reports').where('survey_id', '=', surveyId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async isPublished(surveyId: string): Promise<boolean> {
    return (await this.get(surveyId)) !== undefined;
  }

  async get(surveyId: string): Promise<PublishedReport | undefined> {
    const row = await this.published().where('published_reports.survey_id', '=', surveyId).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** Every public report, by survey title. */
  async list(): Promise<PublishedReport[]> {
    const rows = await this.published().orderBy('surveys.title').orderBy('published_reports.survey_id').execute();
    return rows.map(fromRow);
  }

  private published() {
    return this.db
      .selectFrom('published_reports')
      .innerJoin('surveys', 'surveys.id', 'published_reports.survey_id')
      .select(['published_reports.survey_id', 'surveys.title', 'published_reports.published_at', 'published_reports.published_by']);
  }
}

function fromRow(row: { survey_id: string; title: string; published_at: string; published_by: string | null }): PublishedReport {
  return { surveyId: row.survey_id, title: row.title, publishedAt: row.published_at, publishedBy: row.published_by ?? undefined };
}
