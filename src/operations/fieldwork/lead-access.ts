import type { LeadIdentity } from '../../storage/lead-access-repository.js';
import type { Store } from '../../storage/store.js';
import { hashSecretToken, newSecretToken } from '../secret-token.js';
import type { OutgoingEmail } from './mail-transport.js';

/** A sign-in link works once, for this long after it was sent. */
export const signInLinkMinutes = 30;
/** A lead's session lasts a working day. */
export const leadSessionHours = 8;
/** At most this many links to one lead in a quarter of an hour: an address typed again and again cannot flood their inbox. */
export const signInLinksPerQuarterHour = 3;

/** The address of a sign-in link under the site's public address. */
export function leadSignInUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/lead/sign-in/${encodeURIComponent(token)}`;
}

/**
 * Emails a sign-in link to each survey's lead with this address (usually one), unless it has had
 * {@link signInLinksPerQuarterHour} already. Only the link's hash is stored. Says nothing about
 * whether the address is a lead's: the caller gives everyone the same answer. Resolves with how
 * many emails went (for the command line and tests; a web page must not show it).
 */
export async function sendLeadSignInLinks(store: Store, email: string, options: { baseUrl: string; send: (email: OutgoingEmail) => Promise<unknown>; now?: Date }): Promise<number> {
  const now = options.now ?? new Date();
  const address = email.trim().toLowerCase();
  if (address === '' || address.length > 254) return 0;
  let sent = 0;
  for (const lead of await store.leadAccess.leadsByEmail(address)) {
    if ((await store.leadAccess.signInTokensSince(lead.contactId, new Date(now.getTime() - 15 * 60_000))) >= signInLinksPerQuarterHour) continue;
    const definition = await store.surveys.get(lead.surveyId);
    if (!definition) continue;
    const organisation = (await store.organisations.get(lead.orgId))?.name ?? lead.orgId;
    const { token, hash } = newSecretToken();
    await store.leadAccess.createSignInToken(hash, lead.contactId, new Date(now.getTime() + signInLinkMinutes * 60_000), now);
    await options.send(signInEmail(lead, definition.title, organisation, leadSignInUrl(options.baseUrl, token)));
    sent++;
  }
  return sent;
}

/** The sign-in email: one line of subject, the link, how long it works, and what to do if it was not asked for. */
export function signInEmail(lead: Pick<LeadIdentity, 'contactId' | 'email' | 'name'>, survey: string, organisation: string, link: string): OutgoingEmail {
  const subject = `Sign in to follow ${survey}`.replace(/\s+/g, ' ').trim();
  const body = [
    `Dear ${lead.name},`,
    '',
    `Use this link to see how ${organisation} is doing in ${survey}:`,
    link,
    '',
    `The link works once, for ${signInLinkMinutes} minutes. If you did not ask to sign in, you can ignore this email.`,
  ].join('\n');
  return { to: lead.email, kind: 'sign-in', subject, body, personalisation: { subject, body, name: lead.name, organisation, survey, link }, reference: `${lead.contactId}:sign-in` };
}

/** Whether a sign-in link can still be used (it is not consumed). */
export function signInLinkUsable(store: Store, token: string, now = new Date()): Promise<boolean> {
  return store.leadAccess.signInTokenUsable(hashSecretToken(token), now);
}

/**
 * Uses a sign-in link, once, and starts a session: the session token for the cookie (its hash is
 * stored) and the lead. Undefined for a link unknown, used, expired, or no longer a lead's.
 */
export async function signInLead(store: Store, token: string, now = new Date()): Promise<{ token: string; expiresAt: Date; lead: LeadIdentity } | undefined> {
  const lead = await store.leadAccess.consumeSignInToken(hashSecretToken(token), now);
  if (!lead) return undefined;
  const session = newSecretToken();
  const expiresAt = new Date(now.getTime() + leadSessionHours * 3_600_000);
  await store.leadAccess.createSession(session.hash, lead.contactId, expiresAt, now);
  return { token: session.token, expiresAt, lead };
}

/** The lead a session cookie belongs to, if it is a live session of a contact still a lead. */
export async function leadSession(store: Store, token: string | undefined, now = new Date()): Promise<LeadIdentity | undefined> {
  if (typeof token !== 'string' || token === '' || token.length > 200) return undefined;
  return store.leadAccess.findSession(hashSecretToken(token), now);
}

export async function signOutLead(store: Store, token: string | undefined): Promise<void> {
  if (typeof token === 'string' && token !== '' && token.length <= 200) await store.leadAccess.deleteSession(hashSecretToken(token));
}
