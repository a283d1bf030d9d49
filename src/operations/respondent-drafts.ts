import type { Definition } from '../definition/schema.js';
import { CanvassError } from '../errors/canvass-error.js';
import type { Problem } from '../errors/catalogue.js';
import type { Draft } from '../storage/drafts-repository.js';
import { inTransaction, type Store } from '../storage/store.js';
import { invitationStatus, type InvitationStatus } from './invitations.js';
import type { JourneyState } from './respondent-journey.js';
import { openInvitation, sealInvitation } from './draft-invitation-seal.js';
import { hashSecretToken, newSecretToken } from './secret-token.js';
import { submitResponse } from './submit-response.js';

/** A saved draft is kept this long after it was last saved (save and return). */
export const draftDays = 30;

function expiry(now: Date): Date {
  return new Date(now.getTime() + draftDays * 86_400_000);
}

/**
 * Starts a draft; the token goes to the respondent (cookie and resume link), only its hash is kept,
 * and the invitation it came through only sealed with a key from that token.
 */
export async function startDraft(store: Store, surveyId: string, start: { orgId?: string | undefined; invitationId?: string | undefined; language?: string | undefined }, now = new Date()): Promise<{ draft: Draft; token: string }> {
  // Starting is rare next to answering, so clearing out expired drafts here keeps the table small.
  await store.drafts.deleteExpired(now);
  const { token, hash } = newSecretToken();
  const draft = await store.drafts.create({ surveyId, tokenHash: hash, orgId: start.orgId, invitationSealed: start.invitationId === undefined ? undefined : sealInvitation(token, start.invitationId), language: start.language, expiresAt: expiry(now) }, now);
  return { draft: { ...draft, invitationId: start.invitationId }, token };
}

/** The survey's draft of this token, its invitation opened with the token. */
export async function findDraft(store: Store, surveyId: string, token: string | undefined, now = new Date()): Promise<Draft | undefined> {
  if (!token) return undefined;
  const draft = await store.drafts.find(surveyId, hashSecretToken(token), now);
  return draft && { ...draft, invitationId: draft.invitationSealed === undefined ? undefined : openInvitation(token, draft.invitationSealed) };
}

/**
 * A draft follows the browser that holds it (its cookie), not its resume link: a link opened in
 * another browser moves the draft there under a new token (only its hash kept), so the link and
 * the browser that had the draft no longer open it, and two people never share one. Undefined
 * when the token opens no draft, or one already sent (its link has stopped working), or another
 * browser took it first.
 */
export async function moveDraft(store: Store, surveyId: string, token: string, now = new Date()): Promise<{ draft: Draft; token: string } | undefined> {
  const draft = await findDraft(store, surveyId, token, now);
  if (!draft || draft.submittedAt !== undefined) return undefined;
  const fresh = newSecretToken();
  const resealed = draft.invitationId === undefined ? undefined : sealInvitation(fresh.token, draft.invitationId);
  if (!(await store.drafts.replaceToken(draft.id, hashSecretToken(token), fresh.hash, now, resealed))) return undefined;
  return { draft, token: fresh.token };
}

/** Saves the answers so far, keeping the draft for another {@link draftDays} days. */
export function saveDraft(store: Store, draft: Draft, state: JourneyState & { orgId: string | undefined }, now = new Date()): Promise<boolean> {
  return store.drafts.save(draft.id, state, expiry(now), now);
}

export type DraftSubmission =
  | { status: 'submitted'; responseId: string; created: boolean }
  | { status: 'invalid'; problems: Problem[] }
  | { status: 'invitation-unusable'; invitation: InvitationStatus };

class InvitationUnusable extends Error {}

/**
 * Submits a draft as a response, exactly once. In one transaction: claim the draft (of two
 * racing submissions only one can), count the response against its invitation (refused when
 * the link is used up, expired or revoked), validate and store the response with the draft's
 * idempotency key, and link the draft to it. A second submission of the same draft — a double
 * click, a refresh, a replayed POST — stores nothing and returns the first response.
 */
export async function submitDraft(store: Store, definition: Definition, draft: Draft, now = new Date()): Promise<DraftSubmission> {
  if (draft.submittedAt !== undefined) return submittedAlready(store, draft.id);
  try {
    const outcome = await inTransaction(store, async (tx): Promise<DraftSubmission | undefined> => {
      if (!(await tx.drafts.claimSubmission(draft.id, now))) return undefined;
      if (draft.invitationId !== undefined && !(await tx.invitations.consume(draft.invitationId, now))) throw new InvitationUnusable();
      const { id, created } = await submitResponse(tx, definition.id, { org: draft.orgId, answers: draft.answers }, { source: 'web', idempotencyKey: `web-draft:${draft.id}`, client: 'web' });
      await tx.drafts.recordResponse(draft.id, id);
      return { status: 'submitted', responseId: id, created };
    });
    return outcome ?? (await submittedAlready(store, draft.id));
  } catch (error) {
    if (error instanceof CanvassError && error.code === 'response.invalid') return { status: 'invalid', problems: [...error.problems] };
    if (error instanceof InvitationUnusable) {
      const invitation = draft.invitationId === undefined ? undefined : await store.invitations.get(draft.invitationId);
      return { status: 'invitation-unusable', invitation: invitation ? invitationStatus(invitation, now) : 'revoked' };
    }
    throw error;
  }
}

async function submittedAlready(store: Store, draftId: string): Promise<DraftSubmission> {
  const responseId = (await store.drafts.get(draftId))?.responseId;
  if (responseId === undefined) throw new CanvassError('internal', `draft ${draftId} was claimed by a submission that left no response`);
  return { status: 'submitted', responseId, created: false };
}

/** A short reference a respondent can quote, from the response id (a UUID): `3F2A-9C1D`. */
export function responseReference(responseId: string): string {
  const hex = responseId.replace(/-/g, '').slice(0, 8).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4)}`;
}
