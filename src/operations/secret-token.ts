import { createHash, randomBytes } from 'node:crypto';

/**
 * Secrets handed to people — session cookies, resume links, invitation links, API tokens — are
 * 256 random bits. Only their SHA-256 is stored, so a copy of the database opens nothing; a
 * plain hash suffices (no salt or slow hash) because the secrets are random, not chosen.
 */
export function newSecretToken(prefix = ''): { token: string; hash: string } {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
