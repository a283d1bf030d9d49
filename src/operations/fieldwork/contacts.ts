import { CanvassError } from '../../errors/canvass-error.js';
import type { Contact, ContactRole, ContactWithLink } from '../../storage/contacts-repository.js';
import { inTransaction, type Store } from '../../storage/store.js';
import { recordAudit } from '../audit-log.js';
import { requireSurvey } from '../survey-lookup.js';
import { checkContactFields, parseContactsCsv } from './contacts-csv.js';
import { createPersonalLink } from './personal-links.js';

/**
 * Imports a contacts file all or nothing: the whole file is checked first and refused with every
 * problem named by row and column; a good file goes in one transaction, each respondent with
 * their own single-use link to the survey, bound to their organisation, and the audit log's entry.
 */
export async function importContacts(store: Store, surveyId: string, text: string, source: string, actor: string, now = new Date()): Promise<{ respondents: number; leads: number }> {
  await requireSurvey(store, surveyId);
  const orgs = new Set((await store.organisations.list()).map((o) => o.id));
  const parsed = parseContactsCsv(text, (id) => orgs.has(id), await store.contacts.emails(surveyId));
  if (!parsed.ok) {
    const badRows = new Set(parsed.problems.map((p) => /^row (\d+)/.exec(p.where)?.[1]).filter(Boolean)).size;
    const summary = badRows > 0 && parsed.rows > 0 ? `${badRows} of ${parsed.rows} rows have problems` : `${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'}`;
    throw new CanvassError('import.invalid', `${source} was not imported: ${summary}; nothing was stored`, { problems: parsed.problems });
  }
  return inTransaction(store, async (tx) => {
    const contacts = await tx.contacts.insertMany(parsed.contacts.map((c) => ({ surveyId, orgId: c.orgId, email: c.email, name: c.name, role: c.role, language: c.language })), now);
    for (const contact of contacts) if (contact.role === 'respondent') await createPersonalLink(tx, contact, now);
    const respondents = contacts.filter((c) => c.role === 'respondent').length;
    await recordAudit(tx, { actor, action: 'contacts.import', surveyId, details: { source, respondents, leads: contacts.length - respondents } });
    return { respondents, leads: contacts.length - respondents };
  });
}

export interface ContactForm {
  org: string;
  email: string;
  name: string;
  role: string;
  language: string;
}

/** Adds one contact (a respondent with their link), checked as a file row is; the problems name the form's fields. */
export async function addContact(store: Store, surveyId: string, form: ContactForm, actor: string, now = new Date()): Promise<Contact> {
  await requireSurvey(store, surveyId);
  const orgs = new Set((await store.organisations.list()).map((o) => o.id));
  const checked = checkContactFields(form, (column) => column, (id) => orgs.has(id));
  if (!checked.ok) throw new CanvassError('import.invalid', 'The contact was not added', { problems: checked.problems });
  const { contact } = checked;
  if (await store.contacts.findByEmail(surveyId, contact.role, contact.email)) {
    throw new CanvassError('import.invalid', 'The contact was not added', { problems: [{ where: 'email', code: 'already-stored', message: `${contact.email} is already a ${contact.role} of this survey`, expected: 'an address not yet added for this role' }] });
  }
  return inTransaction(store, async (tx) => {
    const [added] = await tx.contacts.insertMany([{ surveyId, ...contact }], now);
    if (added!.role === 'respondent') await createPersonalLink(tx, added!, now);
    await recordAudit(tx, { actor, action: 'contacts.add', surveyId, details: { contactId: added!.id, org: added!.orgId, role: added!.role } });
    return added!;
  });
}

/** Removes a contact and revokes their link (it stops working); undefined when the survey has no such contact. */
export async function removeContact(store: Store, surveyId: string, contactId: string, actor: string, now = new Date()): Promise<Contact | undefined> {
  return inTransaction(store, async (tx) => {
    const contact = await tx.contacts.get(surveyId, contactId);
    if (!contact) return undefined;
    if (contact.invitationId !== undefined) await tx.invitations.revoke(contact.invitationId, now);
    await tx.contacts.delete(surveyId, contactId);
    await recordAudit(tx, { actor, action: 'contacts.remove', surveyId, details: { contactId, org: contact.orgId, role: contact.role } });
    return contact;
  });
}

export async function listContacts(store: Store, surveyId: string, filter: { orgId?: string | undefined; role?: ContactRole | undefined } = {}): Promise<ContactWithLink[]> {
  await requireSurvey(store, surveyId);
  return store.contacts.list(surveyId, filter);
}

/** Where a contact stands, in words, for lists: "Invited", "Link used", "Failed: …". */
export function contactStatus(contact: ContactWithLink): string {
  if (contact.role === 'respondent' && contact.linkUsed) return 'Link used';
  if (contact.pendingKind !== undefined) return `Sending ${contact.pendingKind} (or stopped while sending)`;
  if (contact.deliveryState === 'failed') return `Failed: ${contact.deliveryFailure ?? 'no reason given'}`;
  if (contact.lastRemindedAt !== undefined) return `Reminded ${contact.reminders === 1 ? 'once' : `${contact.reminders} times`}`;
  if (contact.invitedAt !== undefined) return contact.linkOpened ? 'Invited, link opened' : 'Invited';
  return 'Not sent';
}
