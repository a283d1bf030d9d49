import { stringify } from 'csv-stringify/sync';
import { languagesOf } from '../../definition/localise-definition.js';
import type { Definition } from '../../definition/schema.js';
import { CanvassError } from '../../errors/canvass-error.js';
import { csvQuoting, neutraliseCell } from '../../reporting/csv-cell.js';
import type { Contact } from '../../storage/contacts-repository.js';
import { inTransaction, type Store } from '../../storage/store.js';
import { recordAudit } from '../audit-log.js';
import { newSecretToken } from '../secret-token.js';
import { requireSurvey } from '../survey-lookup.js';

/**
 * A personal link: a single-use invitation bound to an organisation, whose token is kept (beside
 * its hash) only until it is used or revoked, so it can be sent, reminded and exported meanwhile.
 * The link records that it was used, never by which response (see README, "Fieldwork").
 */
export async function createPersonalLink(tx: Store, contact: Contact, now = new Date()): Promise<string> {
  const { token, hash } = newSecretToken();
  const invitation = await tx.invitations.create({ surveyId: contact.surveyId, orgId: contact.orgId, tokenHash: hash, maxUses: 1, linkToken: token }, now);
  await tx.contacts.setInvitation(contact.id, invitation.id);
  return token;
}

/** The address of a link (the web server's /i/TOKEN) under the site's public address; with a language, its pages open in it (?lang=). */
export function linkUrl(baseUrl: string, token: string, language?: string): string {
  const url = `${baseUrl.replace(/\/+$/, '')}/i/${encodeURIComponent(token)}`;
  return language === undefined ? url : `${url}?lang=${encodeURIComponent(language)}`;
}

/**
 * The survey language a contact's language tag asks for (`cy` or `cy-GB` in a survey given in
 * Welsh), for their link; undefined for the survey's default language, a language it is not given
 * in, or no tag: their link opens in the default.
 */
export function contactLinkLanguage(definition: Pick<Definition, 'languages'>, tag: string | undefined): string | undefined {
  const primary = tag?.split('-')[0]?.toLowerCase();
  const languages = languagesOf(definition);
  return primary !== undefined && languages.slice(1).includes(primary) ? primary : undefined;
}

/**
 * The public address links are made under: `--base-url`, else $CANVASS_PUBLIC_URL; an http(s)
 * address without query or fragment. A user error when there is none.
 */
export function publicBaseUrl(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const given = option ?? env.CANVASS_PUBLIC_URL;
  if (given === undefined || given.trim() === '') {
    throw new CanvassError('option.invalid', 'Links need the address people reach Canvass at: set CANVASS_PUBLIC_URL (e.g. https://survey.example.org) or give --base-url');
  }
  let url: URL;
  try {
    url = new URL(given.trim());
  } catch {
    throw new CanvassError('option.invalid', `'${given}' is not a web address; give one like https://survey.example.org`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new CanvassError('option.invalid', `'${given}' is not a web address links can start with; give one like https://survey.example.org`);
  }
  return url.toString().replace(/\/+$/, '');
}

/**
 * Makes `count` single-use links for an organisation to hand out itself (not tied to a contact),
 * returning their tokens; recorded in the audit log (the number, never the links).
 */
export async function createOrganisationLinks(store: Store, surveyId: string, orgId: string, count: number, actor: string, now = new Date()): Promise<string[]> {
  await requireSurvey(store, surveyId);
  if (!(await store.organisations.get(orgId))) throw new CanvassError('organisation.not-found', `There is no organisation '${orgId}' in the register`);
  if (!Number.isInteger(count) || count < 1 || count > 100_000) throw new CanvassError('option.invalid', '--count is a whole number of links from 1 to 100000');
  return inTransaction(store, async (tx) => {
    const tokens: string[] = [];
    for (let i = 0; i < count; i++) {
      const { token, hash } = newSecretToken();
      await tx.invitations.create({ surveyId, orgId, tokenHash: hash, maxUses: 1, linkToken: token }, now);
      tokens.push(token);
    }
    await recordAudit(tx, { actor, action: 'invitations.create', surveyId, details: { org: orgId, count, forContacts: false } });
    return tokens;
  });
}

/**
 * A CSV of a survey's unused links for a mail merge (optionally one organisation's): one row per
 * link with its organisation and, for a contact's, their name, email and role; text cells
 * neutralised against formula injection. Recorded in the audit log (how many, never the links).
 */
export async function exportLinksCsv(store: Store, surveyId: string, baseUrl: string, actor: string, options: { orgId?: string | undefined; now?: Date } = {}): Promise<{ csv: string; links: number }> {
  const definition = await requireSurvey(store, surveyId);
  const links = await store.invitations.links(surveyId, { orgId: options.orgId, ...(options.now ? { now: options.now } : {}) });
  const contacts = new Map((await store.contacts.list(surveyId, { orgId: options.orgId, role: 'respondent' })).flatMap((c) => (c.invitationId === undefined ? [] : [[c.invitationId, c] as const])));
  const orgNames = new Map((await store.organisations.list()).map((o) => [o.id, o.name]));
  const rows = links.map((link) => {
    const contact = contacts.get(link.invitationId);
    return [link.orgId, orgNames.get(link.orgId) ?? '', contact?.name ?? '', contact?.email ?? '', contact?.language ?? '', linkUrl(baseUrl, link.token, contactLinkLanguage(definition, contact?.language))].map(neutraliseCell);
  });
  const csv = stringify([['org', 'organisation', 'name', 'email', 'language', 'link'], ...rows], { record_delimiter: 'unix', ...csvQuoting });
  await recordAudit(store, { actor, action: 'invitations.export', surveyId, details: { links: links.length } });
  return { csv, links: links.length };
}
