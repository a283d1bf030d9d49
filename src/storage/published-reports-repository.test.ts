import { describe, expect, it } from 'vitest';
import { storeForEachTest } from '../../test/support/store-each-test.js';
import { dialects } from '../../test/support/test-databases.js';
import type { Definition } from '../definition/schema.js';
import type { OpenDatabase } from './open-database.js';
import { compressPage } from './published-pages-repository.js';
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

// Publishing goes through the pages repository (published-pages-repository.test.ts); these are
// the publication records it keeps, as the public list, the admin and unpublishing read them.
describe.each(dialects)('published reports on %s', (dialect) => {
  let database: OpenDatabase;
  let store: Store;

  storeForEachTest(dialect, async (opened) => {
    ({ store, database } = opened);
    await store.surveys.save(definition('staff-survey', 'Staff survey'));
    await store.surveys.save(definition('another', 'A survey of digital skills'));
  });

  const publish = (surveyId: string, release: number, publishedBy: string | undefined, responses: number, at: Date) =>
    store.publishedPages.publish(surveyId, release, [compressPage({ path: '', contentType: 'text/html; charset=utf-8', body: `<p>${surveyId} ${release}</p>` })], { publishedBy, responses, reportHtml: `<p>${surveyId} ${release}</p>` }, at);

  it('has no record of a survey that was never published', async () => {
    expect(await store.publishedReports.isPublished('staff-survey')).toBe(false);
    expect(await store.publishedReports.get('staff-survey')).toBeUndefined();
    expect(await store.publishedReports.html('staff-survey')).toBeUndefined();
    expect(await store.publishedReports.list()).toEqual([]);
  });

  it('still reads a report published before releases: its page kept in the record, with no release', async () => {
    await database.db
      .insertInto('published_reports')
      .values({ survey_id: 'staff-survey', published_at: t0.toISOString(), published_by: 'ada@example.gov.uk', updated_at: t1.toISOString(), responses: 235, html: '<p>made from live data</p>', release: null })
      .execute();
    expect(await store.publishedReports.isPublished('staff-survey')).toBe(true);
    expect(await store.publishedReports.html('staff-survey')).toBe('<p>made from live data</p>');
    expect(await store.publishedReports.get('staff-survey')).toEqual({
      surveyId: 'staff-survey',
      title: 'Staff survey',
      publishedAt: t0.toISOString(),
      publishedBy: 'ada@example.gov.uk',
      updatedAt: t1.toISOString(),
      responses: 235,
      release: null,
    });
    // Publishing a release replaces it, keeping its first date and publisher.
    expect(await publish('staff-survey', 1, 'bob@example.gov.uk', 240, t1)).toBe('updated');
    expect(await store.publishedReports.get('staff-survey')).toMatchObject({ publishedAt: t0.toISOString(), publishedBy: 'ada@example.gov.uk', responses: 240, release: 1 });
    expect(await store.publishedReports.html('staff-survey')).toBe('<p>staff-survey 1</p>');
  });

  it('unpublishes a public report, and says when there was nothing to unpublish; publishing again starts a new record', async () => {
    await publish('staff-survey', 1, undefined, 235, t0);
    expect(await store.publishedReports.unpublish('staff-survey')).toBe(true);
    expect(await store.publishedReports.isPublished('staff-survey')).toBe(false);
    expect(await store.publishedReports.get('staff-survey')).toBeUndefined();
    expect(await store.publishedReports.html('staff-survey')).toBeUndefined();
    expect(await store.publishedReports.unpublish('staff-survey')).toBe(false);
    expect(await publish('staff-survey', 2, 'ada@example.gov.uk', 245, t1)).toBe('published');
    expect(await store.publishedReports.get('staff-survey')).toMatchObject({ publishedAt: t1.toISOString(), publishedBy: 'ada@example.gov.uk', release: 2 });
  });

  it('lists public reports by survey title, with a publisher only when one was recorded', async () => {
    await publish('staff-survey', 1, undefined, 10, t0);
    await publish('another', 3, 'ada@example.gov.uk', 20, t1);
    expect(await store.publishedReports.list()).toEqual([
      { surveyId: 'another', title: 'A survey of digital skills', publishedAt: t1.toISOString(), publishedBy: 'ada@example.gov.uk', updatedAt: t1.toISOString(), responses: 20, release: 3 },
      { surveyId: 'staff-survey', title: 'Staff survey', publishedAt: t0.toISOString(), publishedBy: undefined, updatedAt: t0.toISOString(), responses: 10, release: 1 },
    ]);
    // The title is the survey's now: a new definition may rename it.
    await store.surveys.save(definition('staff-survey', 'Annual staff survey'));
    expect((await store.publishedReports.get('staff-survey'))?.title).toBe('Annual staff survey');
  });

  it('forgets a report with its survey', async () => {
    await publish('staff-survey', 1, undefined, 10, t0);
    await database.db.deleteFrom('surveys').where('id', '=', 'staff-survey').execute();
    expect(await store.publishedReports.list()).toEqual([]);
    expect(await database.db.selectFrom('published_reports').selectAll().execute()).toEqual([]);
  });
});
