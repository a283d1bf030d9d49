import type { AuditDetail, AuditDetails, AuditEntry, AuditScope } from '../storage/audit-log-repository.js';
import type { Store } from '../storage/store.js';

/**
 * What each admin action keeps in the audit log beside who, when and which survey: counts, ids,
 * release numbers and file names — never answers, passwords or tokens (of an API token or an
 * invitation link only its id and name).
 */
export interface AuditDetailsByAction {
  'admin.sign-in': Record<string, never>;
  /** `knownAdmin`: whether the address typed is an admin's (the password is never kept). */
  'admin.sign-in-failed': { knownAdmin: boolean };
  /** `version`: the definition version stored (1). */
  'definition.create': { source: string; title: string; questions: number; version: number };
  /** The question ids the new definition added and removed. */
  'definition.update': {
    source: string;
    title: string;
    questions: number;
    added: string[];
    removed: string[];
    /** The version stored, and what else it changed against the one before: options as 'question:code', reworded questions and options. */
    version: number;
    optionsAdded: string[];
    optionsRemoved: string[];
    reworded: string[];
  };
  'register.import': { source: string; created: number; updated: number };
  'responses.import': { source: string; inserted: number; skipped: number; wave: string | null };
  'survey.seed': { organisations: number; responses: number; replaced: number };
  'release.create': { release: number; wave: string | null; responses: number; admitted: number; heldBack: number; note: string | null };
  'release.publish': { release: number; outcome: 'published' | 'updated'; pagesMade: number };
  'release.unpublish': { release: number | null };
  'responses.export': { format: string; responses: number };
  /** The ids withdrawn, why, and whether their answers were erased; never the answers. */
  'responses.withdraw': { ids: string[]; reason: string; erase: boolean; responses: number };
  'api-token.create': { tokenId: string; name: string; draftAccess: boolean };
  'api-token.revoke': { tokenId: string; name: string };
  'invitation.create': { invitationId: string; org: string; singleUse: boolean; expiresAt: string | null };
  'invitation.revoke': { invitationId: string; org: string };
  /** A closing date set (ISO 8601) or cleared (null) outside the definition. */
  'survey.closing': { closes: string | null };
  /** Contacts added from a file or the admin, removed; counts and ids, never addresses. */
  'contacts.import': { source: string; respondents: number; leads: number };
  'contacts.add': { contactId: string; org: string; role: string };
  'contacts.remove': { contactId: string; org: string; role: string };
  /** Personal links made (for contacts, or a number for an organisation to hand out) and exported; never the links. */
  'invitations.create': { org: string | null; count: number; forContacts: boolean };
  'invitations.export': { links: number };
  /** A run of invitations or reminders: how many went, failed and were left for a run that stopped. */
  'invitations.send': { kind: 'invitation' | 'reminder'; org: string | null; sent: number; failed: number; interrupted: number; transport: string };
}

export type AuditAction = keyof AuditDetailsByAction;

/** One admin action to record; `actor` as `AuditEntry` says (see adminActor, cliActor). */
export type AuditRecord = { [A in AuditAction]: { actor: string; action: A; surveyId?: string | undefined; details: AuditDetailsByAction[A] } }[AuditAction];

/**
 * Records an admin action: one insert. Pass the store the action ran in (a store from
 * `inTransaction`, where the action has a transaction) so the entry is kept exactly when the
 * action is.
 */
export async function recordAudit(store: Store, entry: AuditRecord): Promise<void> {
  await store.auditLog.record({ actor: entry.actor, action: entry.action, surveyId: entry.surveyId, details: entry.details as AuditDetails });
}

/** Entries shown on one page of the admin's audit log, and the most `canvass audit` prints unless told. */
export const auditPageSize = 50;

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
}

/** A page of the audit log, newest first: one survey's entries, or every entry. */
export async function readAuditLog(store: Store, scope: AuditScope, page: { limit: number; offset?: number }): Promise<AuditPage> {
  const [entries, total] = await Promise.all([store.auditLog.list(scope, page), store.auditLog.count(scope)]);
  return { entries, total };
}

/**
 * Who an address typed at a failed sign-in is recorded as: the address, when it looks like one;
 * anything else (someone may type their password in the wrong box) is not kept.
 */
export function signInActor(typed: string): string {
  const email = typed.trim().toLowerCase();
  return /^[^\s@]{1,64}@[^\s@]{1,189}$/.test(email) ? email : '(not an email address)';
}

/** Who, in words: an admin's address as it is, 'cli:ada' as "ada, on the command line", 'api:Reporting' as "the API token ‘Reporting’". */
export function describeActor(actor: string): string {
  if (actor.startsWith('cli:')) return `${actor.slice(4)}, on the command line`;
  if (actor.startsWith('api:')) return `the API token ‘${actor.slice(4)}’`;
  return actor;
}

const count = (n: AuditDetail | undefined, one: string, many = `${one}s`) => `${typeof n === 'number' ? n.toLocaleString('en-GB') : '?'} ${n === 1 ? one : many}`;
const text = (value: AuditDetail | undefined) => (typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : value === undefined || value === null ? '' : String(value));
const sentence = (...parts: Array<string | false | undefined>) => parts.filter((p): p is string => typeof p === 'string' && p !== '').join('; ');

/**
 * How each action reads in the audit log: what was done, and its details in words. The compiler
 * keeps it exhaustive; an action recorded by a later version reads as its code.
 */
const auditWords = {
  'admin.sign-in': { what: 'Signed in', details: () => '' },
  'admin.sign-in-failed': { what: 'Failed to sign in', details: (d) => (d.knownAdmin === true ? 'Wrong password for an admin’s address' : 'No admin has this address') },
  'definition.create': { what: 'Imported a new survey', details: (d) => sentence(`‘${text(d.title)}’, ${count(d.questions, 'question')}`, d.source !== undefined && `from ${text(d.source)}`) },
  'definition.update': {
    what: 'Changed the survey’s definition',
    details: (d) =>
      sentence(
        `‘${text(d.title)}’, ${count(d.questions, 'question')}`,
        Array.isArray(d.added) && d.added.length > 0 && `questions added: ${text(d.added)}`,
        Array.isArray(d.removed) && d.removed.length > 0 && `questions removed: ${text(d.removed)}`,
        Array.isArray(d.optionsAdded) && d.optionsAdded.length > 0 && `options added: ${text(d.optionsAdded)}`,
        Array.isArray(d.optionsRemoved) && d.optionsRemoved.length > 0 && `options removed: ${text(d.optionsRemoved)}`,
        Array.isArray(d.reworded) && d.reworded.length > 0 && `reworded: ${text(d.reworded)}`,
        typeof d.version === 'number' && `version ${d.version}`,
        d.source !== undefined && `from ${text(d.source)}`,
      ),
  },
  'register.import': { what: 'Imported organisations', details: (d) => sentence(`${count(d.created, 'new organisation')}, ${count(d.updated, 'updated organisation')}`, `from ${text(d.source)}`) },
  'responses.import': {
    what: 'Imported responses',
    details: (d) => sentence(`${count(d.inserted, 'response')} stored, ${count(d.skipped, 'skipped as already stored', 'skipped as already stored')}`, typeof d.wave === 'string' && `wave ${d.wave}`, `from ${text(d.source)}`),
  },
  'survey.seed': { what: 'Loaded the built-in survey', details: (d) => sentence(`${count(d.organisations, 'organisation')}, ${count(d.responses, 'example response')}`, typeof d.replaced === 'number' && d.replaced > 0 && `${count(d.replaced, 'earlier example response')} replaced`) },
  'release.create': {
    what: 'Released the data',
    details: (d) =>
      sentence(
        `Release ${text(d.release)}: ${count(d.responses, 'response')}`,
        typeof d.wave === 'string' && `wave ${d.wave}`,
        typeof d.release === 'number' && d.release > 1 && `${count(d.admitted, 'new response')} since the release before`,
        typeof d.heldBack === 'number' && d.heldBack > 0 && `${count(d.heldBack, 'response')} held back`,
        typeof d.note === 'string' && `note: ${d.note}`,
      ),
  },
  'release.publish': { what: 'Published a release', details: (d) => sentence(`Release ${text(d.release)}`, d.outcome === 'updated' ? 'in place of the release published before' : 'now public', typeof d.pagesMade === 'number' && d.pagesMade > 0 ? `${count(d.pagesMade, 'page')} made` : 'pages as first made') },
  'release.unpublish': { what: 'Unpublished the report', details: (d) => (typeof d.release === 'number' ? `Release ${d.release} is no longer public` : 'The report made before releases is no longer public') },
  'responses.export': { what: 'Downloaded raw responses', details: (d) => `${count(d.responses, 'response')} as ${text(d.format).toUpperCase()}` },
  'responses.withdraw': {
    what: 'Withdrew responses',
    details: (d) => sentence(`${count(d.responses, 'response')}${d.erase === true ? ', answers erased' : ''}`, `reason: ${text(d.reason)}`, `ids: ${text(d.ids)}`),
  },
  'api-token.create': { what: 'Created an API token', details: (d) => sentence(`‘${text(d.name)}’`, d.draftAccess === true ? 'reads releases and drafts of live data' : 'reads releases only', `id ${text(d.tokenId)}`) },
  'api-token.revoke': { what: 'Revoked an API token', details: (d) => sentence(`‘${text(d.name)}’`, `id ${text(d.tokenId)}`) },
  'invitation.create': {
    what: 'Created an invitation link',
    details: (d) => sentence(`For ${text(d.org)}`, d.singleUse === true ? 'single use' : 'any number of responses', typeof d.expiresAt === 'string' ? `expires ${d.expiresAt.slice(0, 10)}` : 'does not expire', `id ${text(d.invitationId)}`),
  },
  'invitation.revoke': { what: 'Revoked an invitation link', details: (d) => sentence(`For ${text(d.org)}`, `id ${text(d.invitationId)}`) },
  'survey.closing': { what: 'Set the closing date', details: (d) => (typeof d.closes === 'string' ? `Closes ${d.closes}` : 'Cleared: the definition’s closing date, if any, applies') },
  'contacts.import': { what: 'Imported contacts', details: (d) => sentence(`${count(d.respondents, 'respondent')}, ${count(d.leads, 'lead')}`, `from ${text(d.source)}`) },
  'contacts.add': { what: 'Added a contact', details: (d) => sentence(`A ${text(d.role)} for ${text(d.org)}`, `id ${text(d.contactId)}`) },
  'contacts.remove': { what: 'Removed a contact', details: (d) => sentence(`A ${text(d.role)} for ${text(d.org)}`, `id ${text(d.contactId)}`) },
  'invitations.create': { what: 'Made personal links', details: (d) => sentence(count(d.count, 'single-use link'), d.forContacts === true ? 'for contacts' : typeof d.org === 'string' ? `for ${d.org} to hand out` : false) },
  'invitations.export': { what: 'Exported personal links', details: (d) => count(d.links, 'link') },
  'invitations.send': {
    what: 'Sent fieldwork emails',
    details: (d) => sentence(`${count(d.sent, d.kind === 'reminder' ? 'reminder' : 'invitation')} sent`, typeof d.failed === 'number' && d.failed > 0 && `${d.failed} failed`, typeof d.interrupted === 'number' && d.interrupted > 0 && `${d.interrupted} left by a run that stopped`, typeof d.org === 'string' && `for ${d.org}`, `through ${text(d.transport)}`),
  },
} satisfies Record<AuditAction, { what: string; details: (details: AuditDetails) => string }>;

/** An entry in words: what was done ("Released the data") and its details ("Release 2: 245 responses; note: fieldwork closed"). */
export function describeAuditEntry(entry: Pick<AuditEntry, 'action' | 'details'>): { what: string; details: string } {
  const words = Object.hasOwn(auditWords, entry.action) ? auditWords[entry.action as AuditAction] : undefined;
  if (!words) return { what: entry.action, details: JSON.stringify(entry.details) };
  return { what: words.what, details: words.details(entry.details) };
}
