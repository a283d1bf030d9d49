import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialects, freshDatabase, postgresAvailable, type TestDatabase } from '../../test/support/test-databases.js';
import type { Definition } from '../definition/schema.js';
import { openDatabase, type OpenDatabase } from './open-database.js';
import { createStore, type Store } from './store.js';

const pgUp = await postgresAvailable();

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

describe.each(dialects)('published reports on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: OpenDatabase;
  let store: Store;

  beforeEach(async (context) => {
    if (dialect === 'postgres' && !pgUp) context.skip();
    testDb = await freshDatabase(dialect);
    database = await openDatabase(testDb.url);
    store = createStore(database.db);
    await store.surveys.save(definition('staff-survey', 'Staff survey'));
    await store.surveys.save(definition('another', 'A survey of digital skills'));
  });

  afterEach(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('publishes a report once, keeping the first date and publisher when it is published again', async () => {
    expect(await store.publishedReports.isPublished('staff-survey')).toBe(false);
    expect(await store.publishedReports.get('staff-survey')).toBeUndefined();
    expect(await store.publishedReports.publish('staff-survey', 'ada@example.gov.uk', t0)).toBe('published');
    expect(await store.publishedReports.publish('staff-survey', 'bob@example.gov.uk', t1)).toBe('already-published');
    expect(await store.publishedReports.isPublished('staff-survey')).toBe(true);
    expect(await store.publishedReports.get('staff-survey')).toEqual({ surveyId: 'staff-survey', title: 'Staff survey', publishedAt: t0.toISOString(), publishedBy: 'ada@example.gov.uk' });
    expect(await store.publishedReports.isPublished('another')).toBe(false);
  });

  it('lets only one of two publishes at the same time create the record', async () => {
    const outcomes = await Promise.all([store.publishedReports.publish('staff-survey', 'a', t0), store.publishedReports.publish('staff-survey', 'b', t0)]);
    expect(outcomes.sort()).toEqual(['already-published', 'published']);
  });

  it('unpublishes a public report, and says when there was nothing to unpublish', async () => {
    await store.publishedReports.publish('staff-survey', undefined, t0);
    expect(await store.publishedReports.unpublish('staff-survey')).toBe(true);
    expect(await store.publishedReports.isPublished('staff-survey')).toBe(false);
    expect(await store.publishedReports.unpublish('staff-survey')).toBe(false);
    expect(await store.publishedReports.publish('staff-survey', 'ada@example.gov.uk', t1)).toBe('published');
    expect((await store.publishedReports.get('staff-survey'))?.publishedAt).toBe(t1.toISOString());
  });

  it('lists public reports by survey title, with a publisher only when one was recorded', async () => {
    await store.publishedReports.publish('staff-survey', undefined, t0);
    await store.publishedReports.publish('another', 'ada@example.gov.uk', t1);
    expect(await store.publishedReports.list()).toEqual([
      { surveyId: 'another', title: 'A survey of digital skills', publishedAt: t1.toISOString(), publishedBy: 'ada@example.gov.uk' },
      { surveyId: 'staff-survey', title: 'Staff survey', publishedAt: t0.toISOString(), publishedBy: undefined },
    ]);
  });

  it('refuses to publish a survey that does not exist, and forgets a report with its survey', async () => {
    await expect(store.publishedReports.publish('no-such-survey', undefined, t0)).rejects.toThrow();
    await store.publishedReports.publish('staff-survey', undefined, t0);
    await database.db.deleteFrom('surveys').where('id', '=', 'staff-survey').execute();
    expect(await store.publishedReports.list()).toEqual([]);
    expect(await database.db.selectFrom('published_reports').selectAll().execute()).toEqual([]);
  });
});
