import { CanvassError } from '../../errors/canvass-error.js';
import type { LeadIdentity } from '../../storage/lead-access-repository.js';
import type { Store } from '../../storage/store.js';
import { hashSecretToken, newSecretToken } from '../secret-token.js';
import { requireSurvey } from '../survey-lookup.js';
import { MessageRefused, type OutgoingEmail } from './mail-transport.js';

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
    if (await sendSignInLink(store, lead, { ...options, now, minutes: signInLinkMinutes })) sent++;
  }
  return sent;
}

/** Links the survey team sends (`canvass leads send`) may be read hours later: they work once, within this many hours. */
export const sentLinkHours = 72;

/**
 * Emails every lead of a survey (or of one organisation) a sign-in link that works once within
 * {@link sentLinkHours} hours: for the start of fieldwork. A lead who had
 * {@link signInLinksPerQuarterHour} links in the last quarter hour is skipped; a message the
 * transport refuses is counted as failed and the rest go on.
 */
export async function sendSurveyLeadLinks(
  store: Store,
  surveyId: string,
  options: { orgId?: string | undefined; baseUrl: string; send: (email: OutgoingEmail) => Promise<unknown>; now?: Date },
): Promise<{ sent: number; skipped: number; failed: Array<{ email: string; failure: string }> }> {
  const definition = await requireSurvey(store, surveyId);
  if (options.orgId !== undefined && !(await store.organisations.get(options.orgId))) throw new CanvassError('organisation.not-found', `There is no organisation '${options.orgId}' in the register`);
  const leads = await store.contacts.list(definition.id, { orgId: options.orgId, role: 'lead' });
  const outcome = { sent: 0, skipped: 0, failed: [] as Array<{ email: string; failure: string }> };
  for (const lead of leads) {
    try {
      if (await sendSignInLink(store, { contactId: lead.id, surveyId: lead.surveyId, orgId: lead.orgId, email: lead.email, name: lead.name }, { ...options, now: options.now ?? new Date(), minutes: sentLinkHours * 60 })) outcome.sent++;
      else outcome.skipped++;
    } catch (error) {
      if (!(error instanceof MessageRefused)) throw error;
      outcome.failed.push({ email: lead.email, failure: error.message });
    }
  }
  return outcome;
}

/** One lead's link, unless they have had enough lately: true when it went. */
async function sendSignInLink(store: Store, lead: LeadIdentity, options: { baseUrl: string; send: (email: OutgoingEmail) => Promise<unknown>; now: Date; minutes: number }): Promise<boolean> {
  const { now } = options;
  if ((await store.leadAccess.signInTokensSince(lead.contactId, new Date(now.getTime() - 15 * 60_000))) >= signInLinksPerQuarterHour) return false;
  const definition = await store.surveys.get(lead.surveyId);
  if (!definition) return false;
  const organisation = (await store.organisations.get(lead.orgId))?.name ?? lead.orgId;
  const { token, hash } = newSecretToken();
  await store.leadAccess.createSignInToken(hash, lead.contactId, new Date(now.getTime() + options.minutes * 60_000), now);
  await options.send(signInEmail(lead, definition.title, organisation, options.baseUrl, token, options.minutes));
  return true;
}

/** The sign-in email: one line of subject, the link, how long it works, and what to do if it was not asked for. */
export function signInEmail(lead: Pick<LeadIdentity, 'contactId' | 'email' | 'name'>, survey: string, organisation: string, baseUrl: string, token: string, minutes = signInLinkMinutes): OutgoingEmail {
  const link = leadSignInUrl(baseUrl, token);
  const subject = `Sign in to follow ${survey}`.replace(/\s+/g, ' ').trim();
  const body = [
    `Dear ${lead.name},`,
    '',
    `Use this link to see how ${organisation} is doing in ${survey}:`,
    link,
    '',
    `The link works once, for ${minutes % 60 === 0 && minutes >= 120 ? `${minutes / 60} hours` : `${minutes} minutes`}. If you did not ask to sign in, you can ignore this email; you can ask for a new link at any time at ${baseUrl.replace(/\/+$/, '')}/lead/sign-in.`,
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
