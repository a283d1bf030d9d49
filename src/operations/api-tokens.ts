import { CanvassError } from '../errors/canvass-error.js';
import type { ApiToken } from '../storage/api-tokens-repository.js';
import { inTransaction, type Store } from '../storage/store.js';
import { recordAudit } from './audit-log.js';
import { hashSecretToken, newSecretToken } from './secret-token.js';

/** Tokens start with this, so a leaked one is recognisable in logs and by secret scanners. */
export const apiTokenPrefix = 'canvass_';

export interface ApiTokenRequest {
  name: string;
  /** Who creates it, for the audit log. */
  actor: string;
  /** The admin user's id, kept with the token. */
  createdBy?: string | undefined;
  /** May read drafts of live data as well as releases. */
  draftAccess?: boolean;
}

/**
 * Creates an API token; the token itself is returned once and only its hash kept. The audit log
 * records its id and name (never the token) in the same transaction.
 */
export async function createApiToken(store: Store, request: ApiTokenRequest, now = new Date()): Promise<{ apiToken: ApiToken; token: string }> {
  const trimmed = request.name.trim();
  if (trimmed === '' || [...trimmed].length > 100) throw new CanvassError('option.invalid', 'An API token needs a name of at most 100 characters');
  const { token, hash } = newSecretToken(apiTokenPrefix);
  const apiToken = await inTransaction(store, async (tx) => {
    const created = await tx.apiTokens.create(trimmed, hash, request.createdBy, now, request.draftAccess ?? false);
    await recordAudit(tx, { actor: request.actor, action: 'api-token.create', details: { tokenId: created.id, name: created.name, draftAccess: created.draftAccess } });
    return created;
  });
  return { apiToken, token };
}

/**
 * Revokes an API token, recorded in the audit log for `actor`; 'revoked' already is not recorded
 * again. Undefined when there is no such token.
 */
export async function revokeApiToken(store: Store, tokenId: string, actor: string, now = new Date()): Promise<'revoked' | 'already' | undefined> {
  return inTransaction(store, async (tx) => {
    const apiToken = await tx.apiTokens.get(tokenId);
    if (!apiToken) return undefined;
    if (!(await tx.apiTokens.revoke(tokenId, now))) return 'already';
    await recordAudit(tx, { actor, action: 'api-token.revoke', details: { tokenId, name: apiToken.name } });
    return 'revoked';
  });
}

/**
 * The credentials of an `Authorization: Bearer …` header, however it is spelt: the scheme is
 * case-insensitive (RFC 7235 §2.1) and any whitespace may surround it. Undefined for any other
 * scheme or shape.
 */
export function bearerCredentials(authorization: string | undefined): string | undefined {
  return /^\s*bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}

/** The API token an `Authorization: Bearer …` header carries, if it is one that is not revoked. */
export async function authenticateApiToken(store: Store, authorization: string | undefined, now = new Date()): Promise<ApiToken | undefined> {
  const credentials = bearerCredentials(authorization);
  if (!credentials?.startsWith(apiTokenPrefix)) return undefined;
  return store.apiTokens.use(hashSecretToken(credentials), now);
}
