import { describe, expect, it } from 'vitest';
import { storeForEachTest } from '../../test/support/store-each-test.js';
import { dialects } from '../../test/support/test-databases.js';
import type { Definition } from '../definition/schema.js';
import type { OpenDatabase } from './open-database.js';
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
const page = (text: string, responses = 235) => ({ html: `<p>${text}</p>`, responses });

describe.each(dialects)('published reports on %s', (dialect) => {
  let database: OpenDatabase;
  let store: Store;

  storeForEachTest(dialect, async (opened) => {
    ({ store, database } = opened);
    await store.surveys.save(definition('staff-survey', 'Staff survey'));
    await store.surveys.save(definition('another', 'A survey of digital skills'));
  });

  it('publishes a report with its page, and on publishing again replaces the page but keeps the first date and publisher', async () => {
    expect(await store.publishedReports.isPublished('staff-survey')).toBe(false);
    expect(await store.publishedReports.get('staff-survey')).toBeUndefined();
    expect(await store.publishedReports.html('staff-survey')).toBeUndefined();
    expect(await store.publishedReports.publish('staff-survey', 'ada@example.gov.uk', page('first'), t0)).toBe('published');
    expect(await store.publishedReports.html('staff-survey')).toBe('<p>first</p>');
    expect(await store.publishedReports.publish('staff-survey', 'bob@example.gov.uk', page('second', 240), t1)).toBe('updated');
    expect(await store.publishedReports.isPublished('staff-survey')).toBe(true);
    expect(await store.publishedReports.html('staff-survey')).toBe('<p>second</p>');
    expect(await store.publishedReports.get('staff-survey')).toEqual({
      surveyId: 'staff-survey',
      title: 'Staff survey',
      publishedAt: t0.toISOString(),
      publishedBy: 'ada@example.gov.uk',
      updatedAt: t1.toISOString(),
      responses: 240,
    });
    expect(await store.publishedReports.isPublished('another')).toBe(false);
  });

  it('keeps one record when two publish at the same time, with one of their pages', async () => {
    const outcomes = await Promise.all([store.publishedReports.publish('staff-survey', 'a', page('a'), t0), store.publishedReports.publish('staff-survey', 'b', page('b'), t0)]);
    expect(outcomes).toContain('published');
    expect(await database.db.selectFrom('published_reports').select('survey_id').execute()).toHaveLength(1);
    expect(['<p>a</p>', '<p>b</p>']).toContain(await store.publishedReports.html('staff-survey'));
  });

  it('unpublishes a public report, and says when there was nothing to unpublish', async () => {
    await store.publishedReports.publish('staff-survey', undefined, page('x'), t0);
    expect(await store.publishedReports.unpublish('staff-survey')).toBe(true);
    expect(await store.publishedReports.isPublished('staff-survey')).toBe(false);
    expect(await store.publishedReports.html('staff-survey')).toBeUndefined();
    expect(await store.publishedReports.unpublish('staff-survey')).toBe(false);
    expect(await store.publishedReports.publish('staff-survey', 'ada@example.gov.uk', page('y'), t1)).toBe('published');
    expect((await store.publishedReports.get('staff-survey'))?.publishedAt).toBe(t1.toISOString());
  });

  it('lists public reports by survey title, with a publisher only when one was recorded', async () => {
    await store.publishedReports.publish('staff-survey', undefined, page('x', 10), t0);
    await store.publishedReports.publish('another', 'ada@example.gov.uk', page('y', 20), t1);
    expect(await store.publishedReports.list()).toEqual([
      { surveyId: 'another', title: 'A survey of digital skills', publishedAt: t1.toISOString(), publishedBy: 'ada@example.gov.uk', updatedAt: t1.toISOString(), responses: 20 },
      { surveyId: 'staff-survey', title: 'Staff survey', publishedAt: t0.toISOString(), publishedBy: undefined, updatedAt: t0.toISOString(), responses: 10 },
    ]);
  });

  it('refuses to publish a survey that does not exist, and forgets a report with its survey', async () => {
    await expect(store.publishedReports.publish('no-such-survey', undefined, page('x'), t0)).rejects.toThrow();
    await store.publishedReports.publish('staff-survey', undefined, page('x'), t0);
    await database.db.deleteFrom('surveys').where('id', '=', 'staff-survey').execute();
    expect(await store.publishedReports.list()).toEqual([]);
    expect(await database.db.selectFrom('published_reports').selectAll().execute()).toEqual([]);
  });
});
