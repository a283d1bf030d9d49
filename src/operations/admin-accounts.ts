import { randomBytes } from 'node:crypto';
import { CanvassError } from '../errors/canvass-error.js';
import type { AdminSession } from '../storage/admin-sessions-repository.js';
import { inTransaction, type Store } from '../storage/store.js';
import { recordAudit, signInActor } from './audit-log.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { hashSecretToken, newSecretToken } from './secret-token.js';

export const defaultAdminEmail = 'admin@canvass.localhost';
export const minimumPasswordLength = 12;
/** An admin session lasts a working day; signing in again is cheap. */
export const adminSessionHours = 12;

export type FirstAdmin =
  | { created: false }
  | { created: true; email: string; /** Set when the password was generated: shown once, never stored. */ generatedPassword?: string };

/**
 * Makes sure someone can sign in to /admin. On a database with no admin, creates one from
 * CANVASS_ADMIN_EMAIL and CANVASS_ADMIN_PASSWORD; without a password, generates one, which the
 * caller must show once: only its hash is kept.
 */
export async function ensureFirstAdmin(store: Store, env: NodeJS.ProcessEnv): Promise<FirstAdmin> {
  if ((await store.adminUsers.count()) > 0) return { created: false };
  const email = (env.CANVASS_ADMIN_EMAIL ?? defaultAdminEmail).trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new CanvassError('admin.setup', `CANVASS_ADMIN_EMAIL "${email}" is not an email address`);
  }
  const given = env.CANVASS_ADMIN_PASSWORD;
  if (given !== undefined && [...given].length < minimumPasswordLength) {
    throw new CanvassError('admin.setup', `CANVASS_ADMIN_PASSWORD is too short: use at least ${minimumPasswordLength} characters, or leave it unset for a generated password`);
  }
  const password = given ?? generatePassword();
  await store.adminUsers.create(email, await hashPassword(password));
  return given === undefined ? { created: true, email: email.toLowerCase(), generatedPassword: password } : { created: true, email: email.toLowerCase() };
}

/** 20 characters from an alphabet without look-alikes (no 0/O, 1/l/I): about 115 bits. */
function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(40);
  let password = '';
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 56).
  for (const byte of bytes) {
    if (byte < 224 && password.length < 20) password += alphabet[byte % alphabet.length];
  }
  return password.length === 20 ? password : generatePassword();
}

/** A hash that verifies nothing, so an unknown email costs as much time as a wrong password. */
let decoyHash: Promise<string> | undefined;

/**
 * Checks an email and password; on success starts a session and returns its token for the cookie.
 * Every attempt goes into the audit log — the address (when it looks like one), never the password.
 */
export async function signIn(store: Store, email: string, password: string, now = new Date()): Promise<{ token: string; expiresAt: Date } | undefined> {
  const user = await store.adminUsers.findByEmail(email);
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
  if (!user || !matches) {
    await recordAudit(store, { actor: signInActor(email), action: 'admin.sign-in-failed', details: { knownAdmin: user !== undefined } });
    return undefined;
  }
  const { token, hash } = newSecretToken();
  const expiresAt = new Date(now.getTime() + adminSessionHours * 3600_000);
  await store.adminSessions.deleteExpired(now);
  await inTransaction(store, async (tx) => {
    await tx.adminSessions.create(hash, user.id, expiresAt, now);
    await recordAudit(tx, { actor: user.email, action: 'admin.sign-in', details: {} });
  });
  return { token, expiresAt };
}

export function adminSession(store: Store, token: string | undefined, now = new Date()): Promise<AdminSession | undefined> {
  if (!token) return Promise.resolve(undefined);
  return store.adminSessions.find(hashSecretToken(token), now);
}

export async function signOut(store: Store, token: string | undefined): Promise<void> {
  if (token) await store.adminSessions.delete(hashSecretToken(token));
}
