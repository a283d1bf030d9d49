import { setTimeout as sleep } from 'node:timers/promises';
import { fillMessage, messageFor, type MessageKind, type MessagePlaceholder } from '../../definition/fieldwork-messages.js';
import type { Definition } from '../../definition/schema.js';
import { CanvassError } from '../../errors/canvass-error.js';
import type { ContactWithLink } from '../../storage/contacts-repository.js';
import type { Store } from '../../storage/store.js';
import { recordAudit } from '../audit-log.js';
import { requireSurvey } from '../survey-lookup.js';
import { MessageRefused, type MailTransport, type OutgoingEmail } from './mail-transport.js';
import { contactLinkLanguage, linkUrl } from './personal-links.js';
import { describeClosing, surveyClosesAt } from './survey-closing.js';

export interface SendRequest {
  surveyId: string;
  kind: MessageKind;
  /** Only this organisation's contacts. */
  orgId?: string | undefined;
  /** Say who would get what, and send nothing. */
  dryRun?: boolean;
  /** Send again to contacts a run that stopped left mid-send (their message may or may not have gone). */
  retryInterrupted?: boolean;
  /** A reminder goes to a contact not reminded within this many hours (default 24): a second run the same day sends none. */
  reminderIntervalHours?: number;
  /** The public address links start with. */
  baseUrl: string;
  actor: string;
  onProgress?: (done: number, total: number) => void;
  /** The clock (tests); pacing uses real time. */
  now?: () => Date;
}

export interface SendOutcome {
  kind: MessageKind;
  /** Contacts the run was for (sent, failed, or in a dry run, would be sent). */
  selected: number;
  sent: number;
  failed: Array<{ email: string; failure: string }>;
  /** Contacts left mid-send by a run that stopped, not sent to again (see `retryInterrupted`). */
  interrupted: number;
  /** In a dry run, the first message as it would go. */
  preview?: OutgoingEmail | undefined;
}

/**
 * Sends a survey's invitations, or reminders, to its respondent contacts through `transport`,
 * paced to the transport's rate, so that a run can stop at any point and be run again without
 * anyone getting anything twice: before each message the contact's intent is recorded (a claim
 * only one run can make), after it the outcome (sent, with the provider's id; or failed, with
 * why). A contact whose intent is still recorded was left by a run that stopped while sending —
 * its message may have gone — and is not sent to again unless `retryInterrupted`.
 *
 * - an invitation goes to each respondent whose link is unused and who has not been invited
 *   (a failed invitation is tried again);
 * - a reminder goes to each respondent invited whose link is still unused (never to someone
 *   whose link was used: that is how a response shows, and all that shows), and who has not
 *   been reminded within `reminderIntervalHours`.
 *
 * After the survey's closing date nothing is sent: a user error says it has closed.
 */
export async function sendFieldworkEmails(store: Store, transport: MailTransport | undefined, request: SendRequest): Promise<SendOutcome> {
  const now = request.now ?? (() => new Date());
  const definition = await requireSurvey(store, request.surveyId);
  if (request.orgId !== undefined && !(await store.organisations.get(request.orgId))) throw new CanvassError('organisation.not-found', `There is no organisation '${request.orgId}' in the register`);
  const closes = await surveyClosesAt(store, definition);
  if (closes !== undefined && closes.getTime() <= now().getTime()) {
    throw new CanvassError('survey.closed', `'${definition.id}' closed ${describeClosing(closes)}: no ${request.kind === 'reminder' ? 'reminders' : 'invitations'} are sent after the closing date (set another with canvass survey close)`);
  }
  const intervalHours = request.reminderIntervalHours ?? 24;
  if (!Number.isFinite(intervalHours) || intervalHours < 0) throw new CanvassError('option.invalid', 'The interval between reminders is a number of hours, 0 or more');

  let contacts = (await store.contacts.list(definition.id, { orgId: request.orgId, role: 'respondent' })).filter((c) => c.linkToken !== undefined);
  const leftMidSend = contacts.filter((c) => c.pendingKind !== undefined);
  if (request.retryInterrupted && !request.dryRun && leftMidSend.length > 0) {
    await store.contacts.clearPending(definition.id, leftMidSend.map((c) => c.id));
    contacts = (await store.contacts.list(definition.id, { orgId: request.orgId, role: 'respondent' })).filter((c) => c.linkToken !== undefined);
  }
  const cutoff = now().getTime() - intervalHours * 3_600_000;
  const due = contacts.filter((c) => {
    if (c.pendingKind !== undefined && !(request.dryRun && request.retryInterrupted)) return false;
    if (request.kind === 'invitation') return c.invitedAt === undefined;
    return c.invitedAt !== undefined && (c.lastRemindedAt === undefined || new Date(c.lastRemindedAt).getTime() <= cutoff);
  });
  const interrupted = request.retryInterrupted ? 0 : leftMidSend.length;
  const orgNames = new Map((await store.organisations.list()).map((o) => [o.id, o.name]));
  const compose = (contact: ContactWithLink): OutgoingEmail => composeEmail(definition, contact, request.kind, orgNames.get(contact.orgId) ?? contact.orgId, linkUrl(request.baseUrl, contact.linkToken!, contactLinkLanguage(definition, contact.language)), closes);

  if (request.dryRun) return { kind: request.kind, selected: due.length, sent: 0, failed: [], interrupted, preview: due[0] ? compose(due[0]) : undefined };
  if (!transport) throw new CanvassError('mail.not-configured', 'No way to send email is set up');

  const failed: SendOutcome['failed'] = [];
  let sent = 0;
  let done = 0;
  const spacing = 1000 / transport.ratePerSecond;
  let nextAt = 0;
  request.onProgress?.(0, due.length);
  try {
    for (const contact of due) {
      const wait = nextAt - performance.now();
      if (wait > 0) await sleep(wait);
      nextAt = performance.now() + spacing;
      // Another run took it, or sent it meanwhile, or the link was used meanwhile.
      if (!(await store.contacts.claim(contact.id, request.kind, now(), request.kind === 'reminder' ? new Date(cutoff) : undefined))) continue;
      const email = compose(contact);
      try {
        const { id } = await transport.send(email);
        await store.contacts.recordSent(contact.id, request.kind, id, now());
        sent++;
      } catch (error) {
        if (!(error instanceof MessageRefused)) {
          // Nothing went (the server refused the connection or the key): say so on the contact and stop.
          await store.contacts.recordFailure(contact.id, (error as Error).message);
          failed.push({ email: contact.email, failure: (error as Error).message });
          throw error;
        }
        await store.contacts.recordFailure(contact.id, error.message);
        failed.push({ email: contact.email, failure: error.message });
      }
      request.onProgress?.(++done, due.length);
    }
  } finally {
    await recordAudit(store, { actor: request.actor, action: 'invitations.send', surveyId: definition.id, details: { kind: request.kind, org: request.orgId ?? null, sent, failed: failed.length, interrupted, transport: transport.name } });
  }
  return { kind: request.kind, selected: due.length, sent, failed, interrupted };
}

/** A contact's invitation or reminder: the definition's texts in their language (else the defaults), placeholders filled. */
export function composeEmail(definition: Definition, contact: Pick<ContactWithLink, 'id' | 'email' | 'name' | 'language' | 'reminders'>, kind: MessageKind, organisation: string, link: string, closes: Date | undefined): OutgoingEmail {
  const message = messageFor(definition.messages, kind, contact.language);
  const values: Record<MessagePlaceholder, string> = { name: contact.name, organisation, survey: definition.title, link, 'closing date': describeClosing(closes) };
  // One line, whatever a register's names hold: a subject is a header.
  const subject = fillMessage(message.subject, values).replace(/\s+/g, ' ').trim();
  const body = fillMessage(message.body, values);
  return {
    to: contact.email,
    kind,
    subject,
    body,
    personalisation: { ...values, subject, body },
    reference: `${contact.id}:${kind}${kind === 'reminder' ? `:${contact.reminders + 1}` : ''}`,
  };
}
