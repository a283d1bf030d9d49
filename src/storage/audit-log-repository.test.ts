import { describe, expect, it } from 'vitest';
import { storeForEachTest } from '../../test/support/store-each-test.js';
import { dialects } from '../../test/support/test-databases.js';
import { inTransaction, type Store } from './store.js';

const t0 = new Date('2026-03-01T12:00:00.000Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe.each(dialects)('the audit log on %s', (dialect) => {
  let store: Store;

  storeForEachTest(dialect, async (opened) => {
    ({ store } = opened);
  });

  it('reads entries back newest first, with their details as recorded', async () => {
    await store.auditLog.record({ actor: 'lead@example.gov.uk', action: 'admin.sign-in' }, at(0));
    await store.auditLog.record({ actor: 'cli:ada', action: 'release.create', surveyId: 'staff', details: { release: 2, responses: 245, heldBack: [3, 7], note: null } }, at(1));
    expect(await store.auditLog.list({ all: true }, { limit: 10 })).toEqual([
      { id: expect.any(Number), at: at(1).toISOString(), actor: 'cli:ada', action: 'release.create', surveyId: 'staff', details: { release: 2, responses: 245, heldBack: [3, 7], note: null } },
      { id: expect.any(Number), at: at(0).toISOString(), actor: 'lead@example.gov.uk', action: 'admin.sign-in', surveyId: null, details: {} },
    ]);
  });

  it('reads one survey’s entries, or every entry with those about no survey, a page at a time', async () => {
    for (let i = 0; i < 5; i++) await store.auditLog.record({ actor: 'cli:ada', action: 'responses.import', surveyId: i % 2 === 0 ? 'staff' : 'other', details: { inserted: i } });
    await store.auditLog.record({ actor: 'cli:ada', action: 'register.import', details: { created: 3 } });
    expect(await store.auditLog.count({ surveyId: 'staff' })).toBe(3);
    expect(await store.auditLog.count({ all: true })).toBe(6);
    expect((await store.auditLog.list({ surveyId: 'staff' }, { limit: 2 })).map((e) => e.details.inserted)).toEqual([4, 2]);
    expect((await store.auditLog.list({ surveyId: 'staff' }, { limit: 2, offset: 2 })).map((e) => e.details.inserted)).toEqual([0]);
    expect((await store.auditLog.list({ all: true }, { limit: 3 })).map((e) => e.action)).toEqual(['register.import', 'responses.import', 'responses.import']);
  });

  it('keeps an entry with the write it records or loses both: repositories join the transaction they are made over', async () => {
    const organisation = { id: 'org-a', name: 'Org A', type: 'london-borough', nation: 'England' } as const;
    await expect(
      inTransaction(store, async (tx) => {
        await tx.organisations.upsert([organisation]);
        await tx.auditLog.record({ actor: 'cli:ada', action: 'register.import', details: { created: 1 } });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await store.organisations.list()).toEqual([]);
    expect(await store.auditLog.count({ all: true })).toBe(0);
    await inTransaction(store, async (tx) => {
      await tx.organisations.upsert([organisation]);
      await tx.auditLog.record({ actor: 'cli:ada', action: 'register.import', details: { created: 1 } });
    });
    expect(await store.organisations.list()).toHaveLength(1);
    expect(await store.auditLog.count({ all: true })).toBe(1);
  });
});
