import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';

export interface PublishedReport {
  surveyId: string;
  /** The survey's title now (not when it was published: a new definition may rename it). */
  title: string;
  publishedAt: string;
  publishedBy: string | undefined;
  /** When the published page was made: first published, or updated since. */
  updatedAt: string;
  /** How many responses the published page was made from. */
  responses: number;
  /** The release its pages show; null for a page published before releases, from live data. */
  release: number | null;
}

/** The page published, and how many responses it was made from. */
export interface PublishedContent {
  html: string;
  responses: number;
}

/**
 * Which surveys have a public report, and the report page as published. Readers get the page as
 * it was published — like a printed report, it changes only when an admin updates it — so a
 * visit neither recomputes the survey's statistics nor publishes anything new.
 */
export class PublishedReportsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Makes a survey's report public with this page, or replaces the page of one already public
   * ('updated'): its first date and publisher stay, so a repeated click or a replayed form cannot
   * rewrite its history.
   */
  async publish(surveyId: string, publishedBy: string | undefined, content: PublishedContent, now = new Date()): Promise<'published' | 'updated'> {
    const at = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('published_reports').select('survey_id').where('survey_id', '=', surveyId).executeTakeFirst();
      if (existing) {
        await trx.updateTable('published_reports').set({ updated_at: at, responses: content.responses, html: content.html }).where('survey_id', '=', surveyId).execute();
        return 'updated';
      }
      const result = await trx
        .insertInto('published_reports')
        .values({ survey_id: surveyId, published_at: at, published_by: publishedBy ?? null, updated_at: at, responses: content.responses, html: content.html })
        .onConflict((oc) => oc.column('survey_id').doUpdateSet({ updated_at: at, responses: content.responses, html: content.html }))
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? 'published' : 'updated';
    });
  }

  /** The published page of a survey; undefined when it is not public. */
  async html(surveyId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('published_reports').select('html').where('survey_id', '=', surveyId).executeTakeFirst();
    return row?.html;
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
      .select(['published_reports.survey_id', 'surveys.title', 'published_reports.published_at', 'published_reports.published_by', 'published_reports.updated_at', 'published_reports.responses', 'published_reports.release']);
  }
}

function fromRow(row: { survey_id: string; title: string; published_at: string; published_by: string | null; updated_at: string; responses: number; release: number | null }): PublishedReport {
  return { surveyId: row.survey_id, title: row.title, publishedAt: row.published_at, publishedBy: row.published_by ?? undefined, updatedAt: row.updated_at, responses: Number(row.responses), release: row.release === null ? null : Number(row.release) };
}
