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
  questions: [{ id: 'q1', type: 'single', text: 'Q1?', required: true, base: 'answered', options: [{ code: 'a', label: 'A', nonSubstantive: false, exclusive: false }, { code: 'b', label: 'B', nonSubstantive: false, exclusive: false }], nets: [] }],
} as Definition;

const t0 = new Date('2026-03-01T12:00:00.000Z');
const later = (days: number) => new Date(t0.getTime() + days * 86_400_000);

describe.each(dialects)('web tables on %s', (dialect) => {
  let store: Store;

  storeForEachTest(dialect, async (opened) => {
    ({ store } = opened);
    await store.organisations.upsert([{ id: 'org-a', name: 'Org A', type: 'london-borough', nation: 'England' }]);
    await store.surveys.save(definition);
  });

  it('finds an admin by email whatever its case, and counts admins', async () => {
    expect(await store.adminUsers.count()).toBe(0);
    await store.adminUsers.create('Ada@Example.gov.uk', 'scrypt$hash');
    expect(await store.adminUsers.findByEmail('ada@example.GOV.uk')).toMatchObject({ email: 'ada@example.gov.uk', passwordHash: 'scrypt$hash' });
    expect(await store.adminUsers.count()).toBe(1);
    await expect(store.adminUsers.create('ada@example.gov.uk', 'other')).rejects.toThrow();
  });

  it('finds a session until it expires, and not after it is deleted', async () => {
    const user = await store.adminUsers.create('ada@example.gov.uk', 'h');
    await store.adminSessions.create('session-hash', user.id, later(1), t0);
    expect(await store.adminSessions.find('session-hash', t0)).toMatchObject({ userId: user.id, email: 'ada@example.gov.uk' });
    expect(await store.adminSessions.find('session-hash', later(2))).toBeUndefined();
    expect(await store.adminSessions.deleteExpired(later(2))).toBe(1);
    await store.adminSessions.create('another', user.id, later(1), t0);
    await store.adminSessions.delete('another');
    expect(await store.adminSessions.find('another', t0)).toBeUndefined();
  });

  it('counts responses against a single-use invitation once, and refuses the second', async () => {
    const invitation = await store.invitations.create({ surveyId: 'staff-survey', orgId: 'org-a', tokenHash: 'inv-hash', maxUses: 1 }, t0);
    expect(await store.invitations.findByTokenHash('inv-hash')).toMatchObject({ id: invitation.id, orgId: 'org-a', maxUses: 1, uses: 0, expiresAt: undefined });
    expect(await store.invitations.consume(invitation.id, t0)).toBe(true);
    expect(await store.invitations.consume(invitation.id, t0)).toBe(false);
    expect((await store.invitations.get(invitation.id))?.uses).toBe(1);
  });

  it('lets a multi-use invitation be used until it expires or is revoked', async () => {
    const invitation = await store.invitations.create({ surveyId: 'staff-survey', orgId: 'org-a', tokenHash: 'multi', expiresAt: later(7) }, t0);
    expect(await store.invitations.consume(invitation.id, later(1))).toBe(true);
    expect(await store.invitations.consume(invitation.id, later(2))).toBe(true);
    expect(await store.invitations.consume(invitation.id, later(8))).toBe(false);
    expect(await store.invitations.revoke(invitation.id, later(3))).toBe(true);
    expect(await store.invitations.revoke(invitation.id, later(3))).toBe(false);
    expect(await store.invitations.consume(invitation.id, later(4))).toBe(false);
    expect(await store.invitations.list('staff-survey')).toEqual([expect.objectContaining({ id: invitation.id, uses: 2, revokedAt: later(3).toISOString() })]);
  });

  it('keeps a draft’s answers and visits, finds it by token until it expires, and saves extend it', async () => {
    const draft = await store.drafts.create({ surveyId: 'staff-survey', tokenHash: 'draft-hash', orgId: 'org-a', expiresAt: later(30) }, t0);
    expect(await store.drafts.save(draft.id, { orgId: 'org-a', answers: { q1: 'b' }, visited: ['q1'] }, later(31), later(1))).toBe(true);
    expect(await store.drafts.find('staff-survey', 'draft-hash', later(30.5))).toMatchObject({ answers: { q1: 'b' }, visited: ['q1'], orgId: 'org-a', responseId: undefined });
    expect(await store.drafts.find('other-survey', 'draft-hash', later(1))).toBeUndefined();
    expect(await store.drafts.find('staff-survey', 'draft-hash', later(32))).toBeUndefined();
    expect(await store.drafts.deleteExpired(later(32))).toBe(1);
  });

  it('keeps the language a respondent chose with their draft, until the draft is sent', async () => {
    const draft = await store.drafts.create({ surveyId: 'staff-survey', tokenHash: 'lang-hash', orgId: 'org-a', language: 'cy', expiresAt: later(30) }, t0);
    expect((await store.drafts.find('staff-survey', 'lang-hash', t0))?.language).toBe('cy');
    expect(await store.drafts.setLanguage(draft.id, 'en', later(1))).toBe(true);
    expect((await store.drafts.get(draft.id))?.language).toBe('en');
    const plain = await store.drafts.create({ surveyId: 'staff-survey', tokenHash: 'plain-hash', expiresAt: later(30) }, t0);
    expect((await store.drafts.get(plain.id))?.language).toBeUndefined();
    expect(await store.drafts.claimSubmission(draft.id, later(2))).toBe(true);
    expect(await store.drafts.setLanguage(draft.id, 'cy', later(3))).toBe(false);
    expect((await store.drafts.get(draft.id))?.language).toBe('en');
  });

  it('lets only one of two submissions claim a draft, and then refuses to change it', async () => {
    const draft = await store.drafts.create({ surveyId: 'staff-survey', tokenHash: 'd', orgId: 'org-a', expiresAt: later(30) }, t0);
    const claims = await Promise.all([store.drafts.claimSubmission(draft.id, t0), store.drafts.claimSubmission(draft.id, t0)]);
    expect(claims.sort()).toEqual([false, true]);
    await store.drafts.recordResponse(draft.id, 'response-1');
    expect(await store.drafts.get(draft.id)).toMatchObject({ responseId: 'response-1', answers: {}, submittedAt: t0.toISOString() });
    expect(await store.drafts.save(draft.id, { orgId: 'org-a', answers: { q1: 'a' }, visited: ['q1'] }, later(30), t0)).toBe(false);
  });

  it('rolls back everything a transaction did when it throws', async () => {
    const draft = await store.drafts.create({ surveyId: 'staff-survey', tokenHash: 'd', orgId: 'org-a', expiresAt: later(30) }, t0);
    await expect(
      inTransaction(store, async (tx) => {
        await tx.drafts.claimSubmission(draft.id, t0);
        await tx.responses.insert('staff-survey', { org: 'org-a', answers: { q1: 'a' } }, 'web');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await store.drafts.get(draft.id))?.submittedAt).toBeUndefined();
    expect(await store.responses.count('staff-survey')).toBe(0);
  });

  it('uses an API token until it is revoked, noting when it was last used', async () => {
    const token = await store.apiTokens.create('Reporting', 'token-hash', undefined, t0);
    expect(await store.apiTokens.use('token-hash', later(1))).toMatchObject({ id: token.id, name: 'Reporting', lastUsedAt: later(1).toISOString() });
    expect(await store.apiTokens.use('wrong-hash', later(1))).toBeUndefined();
    expect(await store.apiTokens.revoke(token.id, later(2))).toBe(true);
    expect(await store.apiTokens.use('token-hash', later(3))).toBeUndefined();
    expect(await store.apiTokens.list()).toEqual([expect.objectContaining({ id: token.id, revokedAt: later(2).toISOString() })]);
  });

  it('counts responses per organisation and lists the latest first', async () => {
    await store.organisations.upsert([{ id: 'org-b', name: 'Org B', type: 'london-borough', nation: 'England' }]);
    for (const [org, answer] of [['org-a', 'a'], ['org-b', 'b'], ['org-a', 'b']] as const) await store.responses.insert('staff-survey', { org, answers: { q1: answer } }, 'web');
    expect(await store.responses.countByOrg('staff-survey')).toEqual(new Map([['org-a', 2], ['org-b', 1]]));
    expect((await store.responses.latest('staff-survey', 2)).map((r) => [r.org, r.answers.q1])).toEqual([['org-a', 'b'], ['org-b', 'b']]);
    expect(await store.organisations.get('org-b')).toMatchObject({ name: 'Org B' });
    expect(await store.organisations.get('nope')).toBeUndefined();
  });
});
