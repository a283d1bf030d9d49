import { gunzipSync, gzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { Database, PublishedPagesTable } from './database-schema.js';
import { withinTransaction } from './within-transaction.js';

/** A page or file of a publication, as made when its release was published. */
export interface NewPublishedPage {
  /** Below /reports/SURVEY: '' for the report, 'organisations/ORG', 'open-data/aggregates.csv'… */
  path: string;
  contentType: string;
  body: string | Uint8Array;
  /** The figures the page shows, for a later release to compare with (JSON-serialisable). */
  model?: unknown;
}

/** A page compressed as it is stored, so a publication of a thousand pages is held compressed until it is stored. */
export interface CompressedPage {
  path: string;
  contentType: string;
  body: Buffer;
  model: Buffer | null;
}

/**
 * Compresses a page for `publish` (a body gzipped already, as report pages made on worker threads
 * are, is kept). Models are compressed fast rather than small: a national survey's thousand
 * benchmark reports are a few hundred megabytes of JSON, read back only by the next release.
 */
export function compressPage(page: NewPublishedPage | (Omit<NewPublishedPage, 'body'> & { gzipped: Uint8Array })): CompressedPage {
  const body = 'gzipped' in page ? Buffer.from(page.gzipped.buffer, page.gzipped.byteOffset, page.gzipped.byteLength) : gzipSync(page.body);
  return { path: page.path, contentType: page.contentType, body, model: page.model === undefined ? null : gzipSync(JSON.stringify(page.model), { level: 1 }) };
}

/** A stored page: its body gzipped, as it can be sent to a reader that accepts gzip. */
export interface StoredPage {
  release: number;
  contentType: string;
  gzipped: Buffer;
}

/** Pages stored a statement at a time in groups this big (a national survey has a thousand). */
const chunkSize = 50;

/**
 * The pages and files of every publication. A publication's pages are made once, from its
 * release, and kept; readers get them as kept (gzip), so a visit reads no response. Pages of a
 * release stay after another is published, so the next release can compare its figures with
 * the ones each page showed.
 */
export class PublishedPagesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Stores a release's pages, replacing any stored for it before, and makes it the release the
   * survey's public pages show — all in one transaction: readers see the old publication or the
   * new one, never a mixture.
   */
  async publish(surveyId: string, release: number, pages: readonly CompressedPage[], record: PublicationRecord, now = new Date()): Promise<'published' | 'updated'> {
    const at = now.toISOString();
    const rows: PublishedPagesTable[] = pages.map((p) => ({ survey_id: surveyId, release, path: p.path, content_type: p.contentType, body: p.body, model: p.model, created_at: at }));
    return withinTransaction(this.db, async (trx) => {
      await trx.deleteFrom('published_pages').where('survey_id', '=', surveyId).where('release', '=', release).execute();
      for (let i = 0; i < rows.length; i += chunkSize) await trx.insertInto('published_pages').values(rows.slice(i, i + chunkSize)).execute();
      return showIn(trx, surveyId, release, record, at);
    });
  }

  /** Makes a release whose pages are stored already the one the survey's public pages show. */
  async show(surveyId: string, release: number, record: PublicationRecord, now = new Date()): Promise<'published' | 'updated'> {
    return withinTransaction(this.db, (trx) => showIn(trx, surveyId, release, record, now.toISOString()));
  }

  /** A page of the release a survey's public pages show; undefined when there is none (or the survey is not published). */
  async page(surveyId: string, path: string): Promise<StoredPage | undefined> {
    const row = await this.db
      .selectFrom('published_reports')
      .innerJoin('published_pages', (join) => join.onRef('published_pages.survey_id', '=', 'published_reports.survey_id').onRef('published_pages.release', '=', 'published_reports.release'))
      .select(['published_pages.release', 'published_pages.content_type', 'published_pages.body'])
      .where('published_reports.survey_id', '=', surveyId)
      .where('published_pages.path', '=', path)
      .executeTakeFirst();
    return row ? { release: Number(row.release), contentType: row.content_type, gzipped: Buffer.from(row.body) } : undefined;
  }

  /** The figures a page of a release showed, as stored with it; undefined when it had none. */
  async model<T>(surveyId: string, release: number, path: string): Promise<T | undefined> {
    const row = await this.db.selectFrom('published_pages').select('model').where('survey_id', '=', surveyId).where('release', '=', release).where('path', '=', path).executeTakeFirst();
    return row?.model ? (JSON.parse(gunzipSync(row.model).toString('utf8')) as T) : undefined;
  }

  /** The figures of every page of a release below a path prefix, by path. */
  async models<T>(surveyId: string, release: number, prefix: string): Promise<Map<string, T>> {
    const packed = await this.packedModels(surveyId, release, prefix);
    return new Map([...packed].map(([path, model]) => [path, unpackModel<T>(model)]));
  }

  /** The figures of every page of a release below a path prefix, by path, still packed (see `unpackModel`). */
  async packedModels(surveyId: string, release: number, prefix: string): Promise<Map<string, Uint8Array>> {
    const rows = await this.db
      .selectFrom('published_pages')
      .select(['path', 'model'])
      .where('survey_id', '=', surveyId)
      .where('release', '=', release)
      .where('path', 'like', `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      .execute();
    const found = new Map<string, Uint8Array>();
    for (const row of rows) if (row.model && row.path.startsWith(prefix)) found.set(row.path, row.model);
    return found;
  }

  /** The releases of a survey that have stored pages, newest first. */
  async releases(surveyId: string): Promise<number[]> {
    const rows = await this.db.selectFrom('published_pages').select('release').distinct().where('survey_id', '=', surveyId).orderBy('release', 'desc').execute();
    return rows.map((r) => Number(r.release));
  }
}

/** A stored page's body as text (for a reader that does not accept gzip, and for tests). */
export function pageText(page: StoredPage): string {
  return gunzipSync(page.gzipped).toString('utf8');
}

/** Who published, and what the survey's publication record keeps beside the pages. */
export interface PublicationRecord {
  publishedBy: string | undefined;
  responses: number;
  reportHtml: string;
}

/** Points the survey's publication at a release (its first date and publisher stay when it was public already). */
async function showIn(trx: Kysely<Database>, surveyId: string, release: number, record: PublicationRecord, at: string): Promise<'published' | 'updated'> {
  const existing = await trx.selectFrom('published_reports').select('survey_id').where('survey_id', '=', surveyId).executeTakeFirst();
  const content = { updated_at: at, responses: record.responses, html: record.reportHtml, release };
  if (existing) {
    await trx.updateTable('published_reports').set(content).where('survey_id', '=', surveyId).execute();
    return 'updated';
  }
  // Another publication of the survey may have inserted its record since (it waits for that one to commit): then this one updates it.
  const inserted = await trx
    .insertInto('published_reports')
    .values({ survey_id: surveyId, published_at: at, published_by: record.publishedBy ?? null, ...content })
    .onConflict((oc) => oc.column('survey_id').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return 'published';
  await trx.updateTable('published_reports').set(content).where('survey_id', '=', surveyId).execute();
  return 'updated';
}

/** A page's figures as stored by `packedModels`. */
export function unpackModel<T>(packed: Uint8Array): T {
  return JSON.parse(gunzipSync(packed).toString('utf8')) as T;
}
