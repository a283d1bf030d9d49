import { describe, expect, it } from 'vitest';
import { storeForEachTest } from '../../test/support/store-each-test.js';
import { dialects } from '../../test/support/test-databases.js';
import type { Definition } from '../definition/schema.js';
import type { Store } from './store.js';

const survey = (id: string) =>
  ({
    format: 1,
    id,
    title: `Survey ${id}`,
    disclosure: { minBase: 10 },
    submissions: { open: true },
    questions: [{ id: 'q1', type: 'single', text: 'Q1?', required: true, base: 'answered', options: [{ code: 'a', label: 'A', nonSubstantive: false, exclusive: false }], nets: [] }],
  }) as Definition;

const t0 = new Date('2026-03-01T12:00:00.000Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

describe.each(dialects)('lead sign-in lookups on %s', (dialect) => {
  let store: Store;

  storeForEachTest(dialect, async (opened) => {
    ({ store } = opened);
    await store.organisations.upsert([
      { id: 'org-a', name: 'Org A' },
      { id: 'org-b', name: 'Org B' },
    ]);
    await store.surveys.save(survey('one'));
    await store.surveys.save(survey('two'));
  });

  it('finds every survey’s lead with an address, in any case, and never a respondent', async () => {
    await store.contacts.insertMany([
      { surveyId: 'one', orgId: 'org-a', email: 'Ann@Example.org', name: 'Ann', role: 'lead' },
      { surveyId: 'two', orgId: 'org-b', email: 'ann@example.org', name: 'Ann B', role: 'lead' },
      { surveyId: 'one', orgId: 'org-b', email: 'bea@example.org', name: 'Bea', role: 'respondent' },
    ]);
    expect((await store.leadAccess.leadsByEmail(' ANN@example.org ')).map((l) => [l.surveyId, l.orgId, l.name])).toEqual([
      ['one', 'org-a', 'Ann'],
      ['two', 'org-b', 'Ann B'],
    ]);
    expect(await store.leadAccess.leadsByEmail('bea@example.org')).toEqual([]);
  });

  it('says whether a link is still usable without using it, and counts a lead’s links since a time', async () => {
    const [lead] = await store.contacts.insertMany([{ surveyId: 'one', orgId: 'org-a', email: 'ann@example.org', name: 'Ann', role: 'lead' }]);
    await store.leadAccess.createSignInToken('h1', lead!.id, minutes(30), t0);
    await store.leadAccess.createSignInToken('h2', lead!.id, minutes(40), minutes(10));
    expect(await store.leadAccess.signInTokensSince(lead!.id, minutes(-1))).toBe(2);
    expect(await store.leadAccess.signInTokensSince(lead!.id, minutes(5))).toBe(1);
    expect(await store.leadAccess.signInTokenUsable('h1', minutes(1))).toBe(true);
    expect(await store.leadAccess.signInTokenUsable('h1', minutes(1))).toBe(true);
    expect(await store.leadAccess.signInTokenUsable('h1', minutes(30))).toBe(false);
    expect(await store.leadAccess.consumeSignInToken('h2', minutes(11))).toMatchObject({ surveyId: 'one', orgId: 'org-a' });
    expect(await store.leadAccess.signInTokenUsable('h2', minutes(12))).toBe(false);
    expect(await store.leadAccess.signInTokenUsable('unknown', minutes(1))).toBe(false);
  });
});
