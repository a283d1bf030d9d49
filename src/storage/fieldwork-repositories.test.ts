import { describe, expect, it } from 'vitest';
import { storeForEachTest } from '../../test/support/store-each-test.js';
import { dialects } from '../../test/support/test-databases.js';
import type { Definition } from '../definition/schema.js';
import { inTransaction, type Store } from './store.js';

const definition = {
  format: 1,
  id: 'staff-survey',
  title: 'Staff survey',
  disclosure: { minBase: 10 },
  submissions: { open: true },
  questions: [{ id: 'q1', type: 'single', text: 'Q1?', required: true, base: 'answered', options: [{ code: 'a', label: 'A', nonSubstantive: false, exclusive: false }], nets: [] }],
} as Definition;

const t0 = new Date('2026-03-01T12:00:00.000Z');
const later = (hours: number) => new Date(t0.getTime() + hours * 3_600_000);

describe.each(dialects)('fieldwork tables on %s', (dialect) => {
  let store: Store;

  storeForEachTest(dialect, async (opened) => {
    ({ store } = opened);
    await store.organisations.upsert([
      { id: 'org-a', name: 'Org A', type: 'district-council', nation: 'England' },
      { id: 'org-b', name: 'Org B', type: 'district-council', nation: 'England' },
    ]);
    await store.surveys.save(definition);
  });

  it('keeps contacts lower-cased, unique per survey and role, and lists them by organisation', async () => {
    await store.contacts.insertMany(
      [
        { surveyId: 'staff-survey', orgId: 'org-b', email: 'Bea@Example.org', name: 'Bea', role: 'respondent', language: 'cy' },
        { surveyId: 'staff-survey', orgId: 'org-a', email: 'ann@example.org', name: 'Ann', role: 'respondent' },
        { surveyId: 'staff-survey', orgId: 'org-a', email: 'ann@example.org', name: 'Ann', role: 'lead' },
      ],
      t0,
    );
    const listed = await store.contacts.list('staff-survey');
    expect(listed.map((c) => [c.orgId, c.role, c.email])).toEqual([
      ['org-a', 'lead', 'ann@example.org'],
      ['org-a', 'respondent', 'ann@example.org'],
      ['org-b', 'respondent', 'bea@example.org'],
    ]);
    expect(listed[2]).toMatchObject({ language: 'cy', deliveryState: 'not-sent', linkUsed: false, linkOpened: false, reminders: 0 });
    expect(await store.contacts.findByEmail('staff-survey', 'respondent', 'BEA@example.org')).toMatchObject({ name: 'Bea' });
    expect((await store.contacts.emails('staff-survey')).has('respondent\u0000bea@example.org')).toBe(true);
    await expect(store.contacts.insertMany([{ surveyId: 'staff-survey', orgId: 'org-a', email: 'ANN@example.org', name: 'Again', role: 'lead' }])).rejects.toThrow();
    expect(await store.contacts.list('staff-survey', { orgId: 'org-a', role: 'respondent' })).toHaveLength(1);
  });

  it('stores nothing of a batch of contacts when one of them fails, inside a transaction', async () => {
    await expect(
      inTransaction(store, (tx) =>
        tx.contacts.insertMany([
          { surveyId: 'staff-survey', orgId: 'org-a', email: 'one@example.org', name: 'One', role: 'respondent' },
          { surveyId: 'staff-survey', orgId: 'no-such-org', email: 'two@example.org', name: 'Two', role: 'respondent' },
        ]),
      ),
    ).rejects.toThrow();
    expect(await store.contacts.count('staff-survey')).toBe(0);
  });

  it('records the intent to send before sending: one claim wins, and the outcome clears it', async () => {
    const [contact] = await store.contacts.insertMany([{ surveyId: 'staff-survey', orgId: 'org-a', email: 'ann@example.org', name: 'Ann', role: 'respondent' }], t0);
    expect(await store.contacts.claim(contact!.id, 'invitation', t0)).toBe(true);
    expect(await store.contacts.claim(contact!.id, 'invitation', t0)).toBe(false);
    expect(await store.contacts.get('staff-survey', contact!.id)).toMatchObject({ deliveryState: 'sending', pendingKind: 'invitation', pendingAt: t0.toISOString() });
    await store.contacts.recordSent(contact!.id, 'invitation', '<id@x>', later(1));
    expect(await store.contacts.get('staff-survey', contact!.id)).toMatchObject({ deliveryState: 'sent', pendingKind: undefined, invitedAt: later(1).toISOString(), lastSentAt: later(1).toISOString(), deliveryReference: '<id@x>', reminders: 0 });
    expect(await store.contacts.claim(contact!.id, 'reminder', later(2))).toBe(true);
    await store.contacts.recordFailure(contact!.id, '550 mailbox unavailable');
    expect(await store.contacts.get('staff-survey', contact!.id)).toMatchObject({ deliveryState: 'failed', deliveryFailure: '550 mailbox unavailable', pendingKind: undefined, reminders: 0 });
    expect(await store.contacts.claim(contact!.id, 'reminder', later(3))).toBe(true);
    await store.contacts.recordSent(contact!.id, 'reminder', undefined, later(3));
    expect(await store.contacts.get('staff-survey', contact!.id)).toMatchObject({ deliveryState: 'sent', deliveryFailure: undefined, lastRemindedAt: later(3).toISOString(), invitedAt: later(1).toISOString(), reminders: 1 });
    // Not due again: an invitation sent, a reminder since the cutoff.
    expect(await store.contacts.claim(contact!.id, 'invitation', later(4))).toBe(false);
    expect(await store.contacts.claim(contact!.id, 'reminder', later(4), later(2))).toBe(false);
    expect(await store.contacts.claim(contact!.id, 'reminder', later(4), later(3))).toBe(true);
    expect(await store.contacts.clearPending('staff-survey')).toBe(1);
    expect(await store.contacts.get('staff-survey', contact!.id)).toMatchObject({ deliveryState: 'failed', pendingKind: undefined });
  });

  it('keeps a personal link token only while the link is unused, and counts opened and used links per organisation', async () => {
    const [ann, bea, lead] = await store.contacts.insertMany(
      [
        { surveyId: 'staff-survey', orgId: 'org-a', email: 'ann@example.org', name: 'Ann', role: 'respondent' },
        { surveyId: 'staff-survey', orgId: 'org-a', email: 'bea@example.org', name: 'Bea', role: 'respondent' },
        { surveyId: 'staff-survey', orgId: 'org-a', email: 'lead@example.org', name: 'Lee', role: 'lead' },
      ],
      t0,
    );
    const annLink = await store.invitations.create({ surveyId: 'staff-survey', orgId: 'org-a', tokenHash: 'h-ann', maxUses: 1, linkToken: 'tok-ann' }, t0);
    const beaLink = await store.invitations.create({ surveyId: 'staff-survey', orgId: 'org-a', tokenHash: 'h-bea', maxUses: 1, linkToken: 'tok-bea' }, t0);
    await store.contacts.setInvitation(ann!.id, annLink.id);
    await store.contacts.setInvitation(bea!.id, beaLink.id);
    expect((await store.invitations.links('staff-survey')).map((l) => l.token).sort()).toEqual(['tok-ann', 'tok-bea']);
    await store.invitations.markOpened(annLink.id);
    await store.invitations.markOpened(annLink.id);
    expect(await store.invitations.consume(annLink.id, later(1))).toBe(true);
    expect((await store.invitations.get(annLink.id))?.opened).toBe(true);
    expect((await store.invitations.links('staff-survey')).map((l) => l.token)).toEqual(['tok-bea']);
    const listed = await store.contacts.list('staff-survey', { role: 'respondent' });
    expect(listed.map((c) => [c.name, c.linkToken, c.linkOpened, c.linkUsed])).toEqual([
      ['Ann', undefined, true, true],
      ['Bea', 'tok-bea', false, false],
    ]);
    await store.contacts.claim(bea!.id, 'invitation', t0);
    await store.contacts.recordFailure(bea!.id, 'refused');
    await store.contacts.claim(ann!.id, 'reminder', t0);
    await store.contacts.recordSent(ann!.id, 'reminder', undefined, later(5));
    expect(await store.contacts.progress('staff-survey')).toEqual([{ orgId: 'org-a', respondents: 2, leads: 1, invited: 0, opened: 1, responded: 1, failed: 1, lastRemindedAt: later(5).toISOString() }]);
    // A used link's contact is never claimed for a message again.
    expect(await store.contacts.claim(ann!.id, 'reminder', later(6))).toBe(false);
    expect(await store.invitations.revoke(beaLink.id, later(1))).toBe(true);
    expect(await store.contacts.claim(bea!.id, 'invitation', later(6))).toBe(false);
    expect(await store.invitations.links('staff-survey')).toEqual([]);
    expect(lead!.invitationId).toBeUndefined();
  });

  it('lets a lead sign-in link work once and only before it expires, and finds the session only until it expires', async () => {
    const [lead, respondent] = await store.contacts.insertMany(
      [
        { surveyId: 'staff-survey', orgId: 'org-b', email: 'lead@example.org', name: 'Lee', role: 'lead' },
        { surveyId: 'staff-survey', orgId: 'org-b', email: 'res@example.org', name: 'Res', role: 'respondent' },
      ],
      t0,
    );
    await store.leadAccess.createSignInToken('sign-in-hash', lead!.id, later(1), t0);
    await store.leadAccess.createSignInToken('late-hash', lead!.id, later(1), t0);
    await store.leadAccess.createSignInToken('respondent-hash', respondent!.id, later(1), t0);
    expect(await store.leadAccess.consumeSignInToken('late-hash', later(2))).toBeUndefined();
    expect(await store.leadAccess.consumeSignInToken('respondent-hash', t0)).toBeUndefined();
    expect(await store.leadAccess.consumeSignInToken('sign-in-hash', t0)).toEqual({ contactId: lead!.id, surveyId: 'staff-survey', orgId: 'org-b', email: 'lead@example.org', name: 'Lee' });
    expect(await store.leadAccess.consumeSignInToken('sign-in-hash', t0)).toBeUndefined();
    await store.leadAccess.createSession('session-hash', lead!.id, later(8), t0);
    expect(await store.leadAccess.findSession('session-hash', later(7))).toMatchObject({ orgId: 'org-b' });
    expect(await store.leadAccess.findSession('session-hash', later(8))).toBeUndefined();
    expect(await store.leadAccess.deleteExpired(later(9))).toBe(4);
    await store.leadAccess.createSession('s2', lead!.id, later(8), t0);
    await store.contacts.delete('staff-survey', lead!.id);
    expect(await store.leadAccess.findSession('s2', t0)).toBeUndefined();
  });

  it('keeps a closing date set outside the definition, and clears it', async () => {
    expect(await store.surveyClosing.get('staff-survey')).toBeUndefined();
    expect(await store.surveyClosing.set('staff-survey', later(24))).toBe(true);
    expect(await store.surveyClosing.get('staff-survey')).toBe(later(24).toISOString());
    expect(await store.surveyClosing.set('no-such-survey', later(24))).toBe(false);
    await store.surveyClosing.set('staff-survey', undefined);
    expect(await store.surveyClosing.get('staff-survey')).toBeUndefined();
  });
});
