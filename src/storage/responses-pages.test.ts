import { describe, expect, it } from 'vitest';
import { storeForEachTest } from '../../test/support/store-each-test.js';
import { dialects } from '../../test/support/test-databases.js';
import type { Definition } from '../definition/schema.js';
import type { Store } from './store.js';

const definition = (id: string) =>
  ({
    format: 1,
    id,
    title: id,
    disclosure: { minBase: 10 },
    submissions: { open: true },
    questions: [{ id: 'q1', type: 'single', text: 'Q1?', required: true, base: 'answered', options: [{ code: 'a', label: 'A', nonSubstantive: false, exclusive: false }], nets: [] }],
  }) as unknown as Definition;

const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);

describe.each(dialects)('responses read a page at a time on %s', (dialect) => {
  let store: Store;

  storeForEachTest(dialect, async (opened) => {
    ({ store } = opened);
    await store.organisations.upsert([{ id: 'org-a', name: 'Org A', type: 'county-council', nation: 'England' }]);
    await store.surveys.save(definition('paged'));
    await store.surveys.save(definition('other'));
    // Interleaved with another survey's, so the pages skip rows that are not the survey's.
    for (const [i, id] of ids(10, 'p').entries()) {
      await store.responses.insertMany('paged', [{ id, org: 'org-a', answers: { q1: 'a' }, wave: i % 2 === 0 ? 'w1' : null }], 'import');
      await store.responses.insertMany('other', [{ id: `o-${id}`, org: 'org-a', answers: { q1: 'a' } }], 'import');
    }
  });

  const read = async (surveyId: string, pageSize: number) => {
    const { count, pages } = await store.responses.pagesInArrivalOrder(surveyId, { pageSize });
    const sizes: number[] = [];
    const rows: string[] = [];
    for await (const page of pages) {
      sizes.push(page.length);
      rows.push(...page.map((r) => r.id));
    }
    return { count, sizes, rows };
  };

  it('gives every response of the survey in arrival order, a page at a time, as list does', async () => {
    const listed = (await store.responses.list('paged')).map((r) => r.id);
    expect(await read('paged', 3)).toEqual({ count: 10, sizes: [3, 3, 3, 1], rows: listed });
    expect((await read('paged', 10)).sizes).toEqual([10]);
    expect((await read('paged', 100)).rows).toEqual(listed);
    const { pages } = await store.responses.pagesInArrivalOrder('paged', { pageSize: 4 });
    for await (const page of pages) {
      expect(page[0]).toMatchObject({ org: 'org-a', source: 'import', wave: 'w1' });
      expect(JSON.parse(page[0]!.answers)).toEqual({ q1: 'a' });
      break;
    }
  });

  it('leaves out withdrawn responses, a whole page of them too', async () => {
    await store.responses.withdraw('paged', ['p-01', 'p-03', 'p-04', 'p-05'], { by: 'admin@example.gov.uk', reason: 'asked to', erase: false });
    const listed = (await store.responses.list('paged')).map((r) => r.id);
    expect(listed).toEqual(['p-00', 'p-02', 'p-06', 'p-07', 'p-08', 'p-09']);
    const { count, sizes, rows } = await read('paged', 3);
    expect({ count, rows }).toEqual({ count: 6, rows: listed });
    expect(sizes.every((size) => size > 0 && size <= 3)).toBe(true);
  });

  it('stops at the last response stored when asked, and reads nothing for a survey without responses', async () => {
    const { count, pages } = await store.responses.pagesInArrivalOrder('paged', { pageSize: 3 });
    await store.responses.insertMany('paged', [{ id: 'late', org: 'org-a', answers: { q1: 'a' } }], 'import');
    const rows: string[] = [];
    for await (const page of pages) rows.push(...page.map((r) => r.id));
    expect(count).toBe(10);
    expect(rows).toEqual(ids(10, 'p'));
    await store.surveys.save(definition('empty'));
    expect(await read('empty', 3)).toEqual({ count: 0, sizes: [], rows: [] });
  });
});
