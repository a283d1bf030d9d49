import { CanvassError } from '../errors/canvass-error.js';
import type { Invitation } from '../storage/invitations-repository.js';
import { inTransaction, type Store } from '../storage/store.js';
import { recordAudit } from './audit-log.js';
import { hashSecretToken, newSecretToken } from './secret-token.js';
import { requireSurvey } from './survey-lookup.js';

export type InvitationStatus = 'usable' | 'used' | 'expired' | 'revoked';

export interface InvitationRequest {
  surveyId: string;
  orgId: string;
  singleUse: boolean;
  /** Whole days from now; undefined: the link does not expire. */
  expiresInDays?: number | undefined;
  /** The admin user's id, kept with the invitation. */
  createdBy?: string | undefined;
  /** Who creates it, for the audit log. */
  actor: string;
}

/**
 * Creates a per-organisation invitation; the token is returned once, for the link, and only its
 * hash kept. The audit log records its id and organisation (never the link) in the same transaction.
 */
export async function createInvitation(store: Store, request: InvitationRequest, now = new Date()): Promise<{ invitation: Invitation; token: string }> {
  await requireSurvey(store, request.surveyId);
  if (!(await store.organisations.get(request.orgId))) {
    throw new CanvassError('organisation.not-found', `There is no organisation '${request.orgId}' in the register`);
  }
  if (request.expiresInDays !== undefined && (!Number.isInteger(request.expiresInDays) || request.expiresInDays < 1 || request.expiresInDays > 366)) {
    throw new CanvassError('option.invalid', 'An invitation expires after a whole number of days from 1 to 366');
  }
  const { token, hash } = newSecretToken();
  const invitation = await inTransaction(store, async (tx) => {
    const created = await tx.invitations.create(
      {
        surveyId: request.surveyId,
        orgId: request.orgId,
        tokenHash: hash,
        maxUses: request.singleUse ? 1 : undefined,
        expiresAt: request.expiresInDays === undefined ? undefined : new Date(now.getTime() + request.expiresInDays * 86_400_000),
        createdBy: request.createdBy,
      },
      now,
    );
    const details = { invitationId: created.id, org: created.orgId, singleUse: created.maxUses === 1, expiresAt: created.expiresAt ?? null };
    await recordAudit(tx, { actor: request.actor, action: 'invitation.create', surveyId: created.surveyId, details });
    return created;
  });
  return { invitation, token };
}

/**
 * Revokes a survey's invitation link, recorded in the audit log for `actor`; one revoked already
 * is not recorded again. Undefined when the survey has no such invitation.
 */
export async function revokeInvitation(store: Store, surveyId: string, invitationId: string, actor: string, now = new Date()): Promise<'revoked' | 'already' | undefined> {
  return inTransaction(store, async (tx) => {
    const invitation = await tx.invitations.get(invitationId);
    if (!invitation || invitation.surveyId !== surveyId) return undefined;
    if (!(await tx.invitations.revoke(invitationId, now))) return 'already';
    await recordAudit(tx, { actor, action: 'invitation.revoke', surveyId, details: { invitationId, org: invitation.orgId } });
    return 'revoked';
  });
}

export function invitationStatus(invitation: Invitation, now = new Date()): InvitationStatus {
  if (invitation.revokedAt !== undefined) return 'revoked';
  if (invitation.expiresAt !== undefined && invitation.expiresAt <= now.toISOString()) return 'expired';
  if (invitation.maxUses !== undefined && invitation.uses >= invitation.maxUses) return 'used';
  return 'usable';
}

/** Looks up the invitation a link's token names. Reading never consumes it; only a submitted response does. */
export async function findInvitation(store: Store, token: string, now = new Date()): Promise<{ invitation: Invitation; status: InvitationStatus } | undefined> {
  const invitation = await store.invitations.findByTokenHash(hashSecretToken(token));
  return invitation ? { invitation, status: invitationStatus(invitation, now) } : undefined;
}
