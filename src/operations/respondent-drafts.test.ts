import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialects, freshDatabase, postgresAvailable } from '../../test/support/test-databases.js';
import { definitionSchema, type Definition } from '../definition/schema.js';
import { openDatabase } from '../storage/open-database.js';
import { createStore, type Store } from '../storage/store.js';
import { createInvitation } from './invitations.js';
import { findDraft, moveDraft, responseReference, saveDraft, startDraft, submitDraft } from './respondent-drafts.js';

const definition: Definition = definitionSchema.parse({
  format: 1,
  id: 'staff',
  title: 'Staff survey',
  questions: [
    { id: 'happy', type: 'single', text: 'Happy?', options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }] },
    { id: 'comments', type: 'text', text: 'Comments?', required: false },
  ],
});

const pgUp = await postgresAvailable();
let store: Store;
let close: (() => Promise<void>) | undefined;

// Several servers may share one PostgreSQL, so exactly-once sending is checked on both databases.
describe.each(dialects)('on %s', (dialect) => {
  beforeEach(async (context) => {
    if (dialect === 'postgres' && !pgUp) context.skip();
    const testDb = await freshDatabase(dialect);
    const database = await openDatabase(testDb.url);
    store = createStore(database.db);
    close = async () => {
      await database.close();
      await testDb.drop();
    };
    await store.organisations.upsert([{ id: 'org-a', name: 'Org A', type: 'london-borough', nation: 'England' }]);
    await store.surveys.save(definition);
  });
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  async function answeredDraft(options: { invitationId?: string } = {}) {
    const { draft, token } = await startDraft(store, 'staff', { orgId: 'org-a', ...options });
    await saveDraft(store, draft, { orgId: 'org-a', answers: { happy: 'yes' }, visited: ['happy', 'comments'] });
    return { draft: (await findDraft(store, 'staff', token))!, token };
  }

  describe('drafts', () => {
    it('are found by their token only, which is never stored', async () => {
      const { draft, token } = await startDraft(store, 'staff', { orgId: 'org-a' });
      expect(await findDraft(store, 'staff', token)).toMatchObject({ id: draft.id, orgId: 'org-a', answers: {} });
      expect(await findDraft(store, 'staff', `${token}x`)).toBeUndefined();
      expect(await findDraft(store, 'staff', undefined)).toBeUndefined();
      const row = await store.db.selectFrom('drafts').selectAll().executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain(token);
    });

    it('move to another browser under a new token, stored only as its hash; the old token then finds nothing', async () => {
      const { draft, token } = await answeredDraft();
      const moved = await moveDraft(store, 'staff', token);
      expect(moved?.draft).toMatchObject({ id: draft.id, answers: { happy: 'yes' } });
      expect(moved?.token).not.toBe(token);
      expect(await findDraft(store, 'staff', token)).toBeUndefined();
      expect(await findDraft(store, 'staff', moved!.token)).toMatchObject({ id: draft.id });
      const row = await store.db.selectFrom('drafts').selectAll().executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain(moved!.token);
      expect(await moveDraft(store, 'staff', token)).toBeUndefined();
    });

    it('do not move once sent', async () => {
      const { draft, token } = await answeredDraft();
      await submitDraft(store, definition, draft);
      expect(await moveDraft(store, 'staff', token)).toBeUndefined();
      expect(await findDraft(store, 'staff', token)).toMatchObject({ id: draft.id });
    });

    it('move to only one of two browsers opening the same link at once', async () => {
      const { token } = await answeredDraft();
      const [one, two] = await Promise.all([moveDraft(store, 'staff', token), moveDraft(store, 'staff', token)]);
      expect([one, two].filter((m) => m !== undefined)).toHaveLength(1);
    });

    it('are kept for 30 days from the last save', async () => {
      const { draft } = await startDraft(store, 'staff', {}, new Date('2026-01-01T00:00:00Z'));
      await saveDraft(store, draft, { orgId: undefined, answers: {}, visited: [] }, new Date('2026-01-20T00:00:00Z'));
      expect((await store.drafts.get(draft.id))?.expiresAt).toBe('2026-02-19T00:00:00.000Z');
    });
  });

  describe('submitDraft', () => {
    it('stores the draft as one response and links the draft to it', async () => {
      const { draft } = await answeredDraft();
      const outcome = await submitDraft(store, definition, draft);
      expect(outcome).toMatchObject({ status: 'submitted', created: true });
      const [response] = await store.responses.list('staff');
      expect(response).toMatchObject({ org: 'org-a', answers: { happy: 'yes' }, source: 'web' });
      expect(outcome.status === 'submitted' && outcome.responseId).toBe(response!.id);
      expect(await store.drafts.get(draft.id)).toMatchObject({ responseId: response!.id, answers: {} });
    });

    it('stores one response when the same draft is submitted twice at once (a double click)', async () => {
      const { draft } = await answeredDraft();
      const outcomes = await Promise.all([submitDraft(store, definition, draft), submitDraft(store, definition, draft), submitDraft(store, definition, draft)]);
      expect(await store.responses.count('staff')).toBe(1);
      const ids = new Set(outcomes.map((o) => (o.status === 'submitted' ? o.responseId : o.status)));
      expect(ids.size).toBe(1);
      expect(outcomes.filter((o) => o.status === 'submitted' && o.created)).toHaveLength(1);
    });

    it('stores nothing more when a submitted draft is submitted again later (a replayed post)', async () => {
      const { draft, token } = await answeredDraft();
      const first = await submitDraft(store, definition, draft);
      const again = await submitDraft(store, definition, (await findDraft(store, 'staff', token))!);
      expect(again).toEqual({ status: 'submitted', responseId: first.status === 'submitted' ? first.responseId : '', created: false });
      expect(await store.responses.count('staff')).toBe(1);
    });

    it('lists the problems and stores nothing when a required answer is missing, leaving the draft open', async () => {
      const { draft } = await startDraft(store, 'staff', { orgId: 'org-a' });
      const outcome = await submitDraft(store, definition, draft);
      expect(outcome).toEqual({ status: 'invalid', problems: [expect.objectContaining({ where: 'happy', code: 'required' })] });
      expect(await store.responses.count('staff')).toBe(0);
      expect((await store.drafts.get(draft.id))?.submittedAt).toBeUndefined();
    });

    it('counts the response against a single-use invitation and refuses a second draft of the same link', async () => {
      const { invitation } = await createInvitation(store, { surveyId: 'staff', orgId: 'org-a', singleUse: true, actor: 'cli:test' });
      const one = await answeredDraft({ invitationId: invitation.id });
      const two = await answeredDraft({ invitationId: invitation.id });
      expect(await submitDraft(store, definition, one.draft)).toMatchObject({ status: 'submitted' });
      expect(await submitDraft(store, definition, two.draft)).toEqual({ status: 'invitation-unusable', invitation: 'used' });
      expect(await store.responses.count('staff')).toBe(1);
      expect((await store.invitations.get(invitation.id))?.uses).toBe(1);
      // The refused draft stays open: nothing of it was kept.
      expect((await store.drafts.get(two.draft.id))?.submittedAt).toBeUndefined();
    });

    it('does not count a replayed submission against the invitation again', async () => {
      const { invitation } = await createInvitation(store, { surveyId: 'staff', orgId: 'org-a', singleUse: false, actor: 'cli:test' });
      const { draft } = await answeredDraft({ invitationId: invitation.id });
      await Promise.all([submitDraft(store, definition, draft), submitDraft(store, definition, draft)]);
      expect((await store.invitations.get(invitation.id))?.uses).toBe(1);
    });
  });

});

describe('responseReference', () => {
  it('is the first eight hex digits of the response id, in two groups', () => {
    expect(responseReference('3f2a9c1d-0000-4000-8000-000000000000')).toBe('3F2A-9C1D');
  });
});
