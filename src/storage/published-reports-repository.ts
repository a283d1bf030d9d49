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

/**
 * Which surveys have a public report, and which release it shows. Publishing goes through
 * PublishedPagesRepository (published-pages-repository.ts), which stores a release's pages and
 * points this record at them in one transaction; here the record is read and taken down. A report
 * published before releases kept only its page, here (`html`), and is still served from it.
 */
export class PublishedReportsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The survey report's page as the record keeps it (a report published before releases is served from it); undefined when it is not public. */
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
