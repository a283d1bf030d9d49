import { CanvassError } from '../errors/canvass-error.js';
import type { ApiToken } from '../storage/api-tokens-repository.js';
import type { Store } from '../storage/store.js';
import { hashSecretToken, newSecretToken } from './secret-token.js';

/** Tokens start with this, so a leaked one is recognisable in logs and by secret scanners. */
export const apiTokenPrefix = 'canvass_';

/** Creates an API token; the token itself is returned once and only its hash kept. */
export async function createApiToken(store: Store, name: string, createdBy: string | undefined, now = new Date(), options: { draftAccess?: boolean } = {}): Promise<{ apiToken: ApiToken; token: string }> {
  const trimmed = name.trim();
  if (trimmed === '' || [...trimmed].length > 100) throw new CanvassError('option.invalid', 'An API token needs a name of at most 100 characters');
  const { token, hash } = newSecretToken(apiTokenPrefix);
  return { apiToken: await store.apiTokens.create(trimmed, hash, createdBy, now, options.draftAccess ?? false), token };
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
