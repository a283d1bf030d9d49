import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { storeForEachTest } from '../../test/support/store-each-test.js';
import { dialects } from '../../test/support/test-databases.js';
import type { Definition } from '../definition/schema.js';
import type { OpenDatabase } from './open-database.js';
import { compressPage, pageText, type CompressedPage, type PublicationRecord } from './published-pages-repository.js';
import type { Store } from './store.js';

const definition = (id: string, title: string) =>
  ({
    format: 1,
    id,
    title,
    disclosure: { minBase: 10 },
    submissions: { open: true },
    questions: [],
  }) as unknown as Definition;

const t0 = new Date('2026-03-01T12:00:00.000Z');
const t1 = new Date('2026-03-02T09:30:00.000Z');
const t2 = new Date('2026-03-03T16:45:00.000Z');
const html = 'text/html; charset=utf-8';
const csv = 'text/csv; charset=utf-8';

/** What the survey's publication record keeps beside a release's pages. */
const record = (publishedBy: string | undefined, responses = 235, reportHtml = '<p>report</p>'): PublicationRecord => ({ publishedBy, responses, reportHtml });

/** A release's pages: the report, two organisations' benchmark reports, their list and an open-data file, each naming `label`. */
const pages = (label: string): CompressedPage[] => [
  compressPage({ path: '', contentType: html, body: `<p>report of ${label}</p>`, model: { questions: [{ id: 'ready', percent: 61.5 }], label } }),
  compressPage({ path: 'organisations/county-a', contentType: html, body: `<p>County A in ${label}</p>`, model: { organisation: 'county-a', label } }),
  compressPage({ path: 'organisations/district-b', contentType: html, body: `<p>District B in ${label}</p>`, model: { organisation: 'district-b', label } }),
  compressPage({ path: 'organisations.json', contentType: 'application/json; charset=utf-8', body: '[]', model: [] }),
  compressPage({ path: 'open-data/aggregates.csv', contentType: csv, body: `question,percent\nready,61.5 (${label})\n` }),
];

const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

describe.each(dialects)('published pages on %s', (dialect) => {
  let database: OpenDatabase;
  let store: Store;

  storeForEachTest(dialect, async (opened) => {
    ({ store, database } = opened);
    await store.surveys.save(definition('staff-survey', 'Staff survey'));
    await store.surveys.save(definition('another', 'A survey of digital skills'));
  });

  const text = async (path: string, surveyId = 'staff-survey') => {
    const page = await store.publishedPages.page(surveyId, path);
    return page ? pageText(page) : undefined;
  };
  const storedRows = async (release?: number) => {
    let query = database.db.selectFrom('published_pages').select(['path', 'body', 'model']).where('survey_id', '=', 'staff-survey');
    if (release !== undefined) query = query.where('release', '=', release);
    return query.orderBy('path').execute();
  };

  it('stores a release’s pages gzipped and serves them back as kept, with the figures each page showed', async () => {
    expect(await store.publishedPages.page('staff-survey', '')).toBeUndefined();
    expect(await store.publishedPages.publish('staff-survey', 1, pages('release 1'), record('ada@example.gov.uk'), t0)).toBe('published');

    // Stored compressed: the page's body and its figures are gzip, as they are sent to a reader that accepts it.
    const rows = await storedRows();
    expect(rows.map((r) => r.path)).toEqual(['', 'open-data/aggregates.csv', 'organisations.json', 'organisations/county-a', 'organisations/district-b']);
    for (const row of rows) {
      expect(isGzip(row.body), row.path).toBe(true);
      if (row.model) expect(isGzip(row.model), row.path).toBe(true);
    }
    expect(rows.find((r) => r.path === 'open-data/aggregates.csv')!.model).toBeNull();

    const report = (await store.publishedPages.page('staff-survey', ''))!;
    expect(report.release).toBe(1);
    expect(report.contentType).toBe(html);
    expect(isGzip(report.gzipped)).toBe(true);
    expect(gunzipSync(report.gzipped).toString('utf8')).toBe('<p>report of release 1</p>');
    expect(pageText(report)).toBe('<p>report of release 1</p>');
    expect(await text('organisations/county-a')).toBe('<p>County A in release 1</p>');
    expect((await store.publishedPages.page('staff-survey', 'open-data/aggregates.csv'))?.contentType).toBe(csv);
    expect(await text('open-data/aggregates.csv')).toBe('question,percent\nready,61.5 (release 1)\n');

    // A path that is not a page, and another survey's pages, are not found.
    expect(await store.publishedPages.page('staff-survey', 'organisations/county-c')).toBeUndefined();
    expect(await store.publishedPages.page('staff-survey', 'organisations')).toBeUndefined();
    expect(await store.publishedPages.page('another', '')).toBeUndefined();

    expect(await store.publishedPages.model('staff-survey', 1, '')).toEqual({ questions: [{ id: 'ready', percent: 61.5 }], label: 'release 1' });
    expect(await store.publishedPages.model('staff-survey', 1, 'open-data/aggregates.csv')).toBeUndefined();
    expect(await store.publishedPages.model('staff-survey', 2, '')).toBeUndefined();
    expect(await store.publishedPages.releases('staff-survey')).toEqual([1]);
    expect(await store.publishedPages.releases('another')).toEqual([]);

    // The survey's publication record points at the release.
    expect(await store.publishedReports.get('staff-survey')).toEqual({
      surveyId: 'staff-survey',
      title: 'Staff survey',
      publishedAt: t0.toISOString(),
      publishedBy: 'ada@example.gov.uk',
      updatedAt: t0.toISOString(),
      responses: 235,
      release: 1,
    });
    expect(await store.publishedReports.html('staff-survey')).toBe('<p>report</p>');
    expect(await store.publishedReports.isPublished('another')).toBe(false);
  });

  it('stores a publication of many pages, more than go into one statement', async () => {
    const many = Array.from({ length: 123 }, (_, i) => compressPage({ path: `organisations/org-${i}`, contentType: html, body: `<p>Organisation ${i}</p>`, model: { i } }));
    await store.publishedPages.publish('staff-survey', 1, many, record(undefined), t0);
    expect(await storedRows()).toHaveLength(123);
    expect(await text('organisations/org-0')).toBe('<p>Organisation 0</p>');
    expect(await text('organisations/org-122')).toBe('<p>Organisation 122</p>');
    expect((await store.publishedPages.models('staff-survey', 1, 'organisations/')).size).toBe(123);
  });

  it('on a second publish of the same release, replaces its pages and keeps the first date and publisher', async () => {
    expect(await store.publishedPages.publish('staff-survey', 1, pages('first'), record('ada@example.gov.uk', 235, '<p>first</p>'), t0)).toBe('published');
    const again = pages('second').filter((p) => p.path !== 'organisations/district-b');
    expect(await store.publishedPages.publish('staff-survey', 1, again, record('bob@example.gov.uk', 240, '<p>second</p>'), t1)).toBe('updated');

    expect(await text('')).toBe('<p>report of second</p>');
    expect(await text('organisations/county-a')).toBe('<p>County A in second</p>');
    // A page the first made and the second did not is gone, not left over.
    expect(await store.publishedPages.page('staff-survey', 'organisations/district-b')).toBeUndefined();
    expect(await storedRows(1)).toHaveLength(again.length);
    expect(await store.publishedPages.model('staff-survey', 1, '')).toMatchObject({ label: 'second' });
    expect(await store.publishedPages.releases('staff-survey')).toEqual([1]);
    expect(await store.publishedReports.get('staff-survey')).toEqual({
      surveyId: 'staff-survey',
      title: 'Staff survey',
      publishedAt: t0.toISOString(),
      publishedBy: 'ada@example.gov.uk',
      updatedAt: t1.toISOString(),
      responses: 240,
      release: 1,
    });
    expect(await store.publishedReports.html('staff-survey')).toBe('<p>second</p>');
  });

  it('replaces a release’s pages in one transaction: a publish that fails leaves the pages and the record as they were', async () => {
    await store.publishedPages.publish('staff-survey', 1, pages('first'), record('ada@example.gov.uk'), t0);
    const before = await storedRows(1);
    const recordBefore = await store.publishedReports.get('staff-survey');
    // Two pages at one path: the insert fails on the table's key after the old pages were deleted.
    const broken = [...pages('second'), compressPage({ path: '', contentType: html, body: '<p>again</p>' })];
    await expect(store.publishedPages.publish('staff-survey', 1, broken, record('bob@example.gov.uk', 240), t1)).rejects.toThrow();

    expect(await storedRows(1)).toEqual(before);
    expect(await text('')).toBe('<p>report of first</p>');
    expect(await text('organisations/district-b')).toBe('<p>District B in first</p>');
    expect(await store.publishedReports.get('staff-survey')).toEqual(recordBefore);
  });

  it('publishing a new release keeps the pages of earlier ones, and show switches back to one already made', async () => {
    await store.publishedPages.publish('staff-survey', 1, pages('release 1'), record('ada@example.gov.uk', 235, '<p>one</p>'), t0);
    expect(await store.publishedPages.publish('staff-survey', 2, pages('release 2'), record('bob@example.gov.uk', 245, '<p>two</p>'), t1)).toBe('updated');
    expect((await store.publishedPages.page('staff-survey', ''))?.release).toBe(2);
    expect(await text('')).toBe('<p>report of release 2</p>');
    expect(await store.publishedPages.releases('staff-survey')).toEqual([2, 1]);
    // Release 1's figures stay, for a later release to compare with.
    expect(await store.publishedPages.model('staff-survey', 1, '')).toMatchObject({ label: 'release 1' });

    expect(await store.publishedPages.show('staff-survey', 1, record('carol@example.gov.uk', 235, '<p>one</p>'), t2)).toBe('updated');
    expect((await store.publishedPages.page('staff-survey', ''))?.release).toBe(1);
    expect(await text('')).toBe('<p>report of release 1</p>');
    expect(await text('organisations/county-a')).toBe('<p>County A in release 1</p>');
    expect(await store.publishedPages.releases('staff-survey')).toEqual([2, 1]);
    expect(await store.publishedReports.get('staff-survey')).toEqual({
      surveyId: 'staff-survey',
      title: 'Staff survey',
      publishedAt: t0.toISOString(),
      publishedBy: 'ada@example.gov.uk',
      updatedAt: t2.toISOString(),
      responses: 235,
      release: 1,
    });
    expect(await store.publishedReports.html('staff-survey')).toBe('<p>one</p>');
  });

  it('models gives the figures of every page of a release below a prefix, by path, and only those', async () => {
    await store.publishedPages.publish('staff-survey', 1, pages('release 1'), record(undefined), t0);
    await store.publishedPages.publish('staff-survey', 2, pages('release 2').slice(0, 2), record(undefined), t1);
    await store.publishedPages.publish('another', 1, pages('another survey'), record(undefined), t1);

    const organisations = await store.publishedPages.models<{ organisation: string; label: string }>('staff-survey', 1, 'organisations/');
    expect([...organisations.keys()].sort()).toEqual(['organisations/county-a', 'organisations/district-b']);
    expect(organisations.get('organisations/district-b')).toEqual({ organisation: 'district-b', label: 'release 1' });
    // Not organisations.json beside them, nor another release's or survey's pages.
    expect([...(await store.publishedPages.models('staff-survey', 2, 'organisations/')).keys()]).toEqual(['organisations/county-a']);
    expect((await store.publishedPages.models('staff-survey', 3, 'organisations/')).size).toBe(0);
    // Pages without figures are left out.
    expect((await store.publishedPages.models('staff-survey', 1, 'open-data/')).size).toBe(0);
    // The prefix is taken literally: a wildcard of SQL's LIKE in it matches only itself.
    expect((await store.publishedPages.models('staff-survey', 1, 'organisations/%')).size).toBe(0);
    expect((await store.publishedPages.models('staff-survey', 1, 'organisations/_ounty-a')).size).toBe(0);
  });

  it('unpublish takes the public pages down at once, and keeps every release’s pages', async () => {
    await store.publishedPages.publish('staff-survey', 1, pages('release 1'), record('ada@example.gov.uk'), t0);
    expect(await store.publishedReports.unpublish('staff-survey')).toBe(true);
    expect(await store.publishedReports.isPublished('staff-survey')).toBe(false);
    for (const path of ['', 'organisations/county-a', 'organisations.json', 'open-data/aggregates.csv']) expect(await store.publishedPages.page('staff-survey', path), path).toBeUndefined();
    expect(await store.publishedReports.unpublish('staff-survey')).toBe(false);
    // The release's pages are kept: showing it again makes a new publication of them.
    expect(await store.publishedPages.releases('staff-survey')).toEqual([1]);
    expect(await store.publishedPages.model('staff-survey', 1, '')).toMatchObject({ label: 'release 1' });
    expect(await store.publishedPages.show('staff-survey', 1, record('bob@example.gov.uk'), t1)).toBe('published');
    expect(await text('')).toBe('<p>report of release 1</p>');
    expect(await store.publishedReports.get('staff-survey')).toMatchObject({ publishedAt: t1.toISOString(), publishedBy: 'bob@example.gov.uk', release: 1 });
  });

  it('keeps one publication record when two releases are published at the same time, showing one of them whole', async () => {
    const outcomes = await Promise.all([
      store.publishedPages.publish('staff-survey', 1, pages('release 1'), record('ada@example.gov.uk'), t0),
      store.publishedPages.publish('staff-survey', 2, pages('release 2'), record('bob@example.gov.uk'), t0),
    ]);
    expect(outcomes).toContain('published');
    expect(await database.db.selectFrom('published_reports').select('survey_id').execute()).toHaveLength(1);
    const shown = (await store.publishedPages.page('staff-survey', ''))!.release;
    expect(await text('')).toBe(`<p>report of release ${shown}</p>`);
    expect(await text('organisations/county-a')).toBe(`<p>County A in release ${shown}</p>`);
    expect(await store.publishedPages.releases('staff-survey')).toEqual([2, 1]);
  });

  it('refuses pages of a survey that does not exist, and forgets a survey’s pages with the survey', async () => {
    await expect(store.publishedPages.publish('no-such-survey', 1, pages('x'), record(undefined), t0)).rejects.toThrow();
    await store.publishedPages.publish('staff-survey', 1, pages('x'), record(undefined), t0);
    await store.publishedPages.publish('another', 1, pages('y'), record(undefined), t0);
    await database.db.deleteFrom('surveys').where('id', '=', 'staff-survey').execute();
    expect(await storedRows()).toEqual([]);
    expect(await store.publishedPages.releases('staff-survey')).toEqual([]);
    expect(await text('', 'another')).toBe('<p>report of y</p>');
  });
});
