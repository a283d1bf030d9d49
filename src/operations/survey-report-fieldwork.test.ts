import { describe, expect, it } from 'vitest';
import { definitionOf } from '../../test/support/definitions.js';
import { storeForEachTest } from '../../test/support/store-each-test.js';
import { dialects } from '../../test/support/test-databases.js';
import type { Definition } from '../definition/schema.js';
import type { Store } from '../storage/store.js';
import { submissionDates } from '../storage/submission-dates.js';
import { surveyReport } from './survey-report.js';

const definition: Definition = {
  ...definitionOf([{ id: 'ready', type: 'single', text: 'Ready?', options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }] }]),
  id: 'dated',
  fieldwork: { start: '2024-03-01', end: '2024-03-31' },
};
/** 12 responses: 2 the day before fieldwork, 8 within it (its first and last moments too), 2 the day after; and one withdrawn after it. */
const times = ['2024-02-29T23:59:59.999Z', '2024-02-10T09:00:00.000Z', '2024-03-01T00:00:00.000Z', '2024-03-31T23:59:59.999Z', ...Array.from({ length: 6 }, (_, i) => `2024-03-1${i}T12:00:00.000Z`), '2024-04-01T00:00:00.000Z', '2024-05-02T08:00:00.000Z'];

describe.each(dialects)('responses submitted outside the stated fieldwork, on %s', (dialect) => {
  let store: Store;
  storeForEachTest(dialect, async (opened) => {
    ({ store } = opened);
    await store.organisations.upsert([{ id: 'org-a', name: 'Org A', type: 'county-council', nation: 'England' }]);
    await store.surveys.save(definition);
  });
  const insert = (submitted: readonly string[]) => store.responses.insertMany('dated', submitted.map((submittedAt, i) => ({ id: `r-${i}`, org: 'org-a', submittedAt, answers: { ready: i % 2 ? 'yes' : 'no' } })), 'import');

  it('are counted before and after its whole days (UTC), withdrawn responses left out', async () => {
    await insert([...times, '2024-06-01T00:00:00.000Z']);
    await store.responses.withdraw('dated', ['r-12'], { by: 'cli:test', reason: 'test', erase: false });
    expect(await submissionDates(store.db, 'dated', definition.fieldwork!)).toEqual({ responses: 12, before: 2, after: 2, first: '2024-02-10T09:00:00.000Z', last: '2024-05-02T08:00:00.000Z' });
  });

  it('make the report’s methodology warn, with how many and when', async () => {
    await insert(times);
    const report = await surveyReport(store, 'dated');
    expect(report.methodology.find((m) => m.key === 'Warning: fieldwork dates')?.value).toBe(
      '4 of 12 responses were submitted outside the stated fieldwork (1 March 2024 to 31 March 2024): 2 before it and 2 after it; responses are dated 10 February 2024 to 2 May 2024. Check the dates before relying on them.',
    );
  });

  it('leave the methodology without a warning when every response is within it', async () => {
    await insert(times.slice(2, 10));
    const report = await surveyReport(store, 'dated');
    expect(report.methodology.map((m) => m.key)).not.toContain('Warning: fieldwork dates');
    expect(report.fieldwork).toBe('1 March 2024 to 31 March 2024');
  });
});
