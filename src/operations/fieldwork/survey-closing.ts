import type { Definition } from '../../definition/schema.js';
import { CanvassError } from '../../errors/canvass-error.js';
import { inTransaction, type Store } from '../../storage/store.js';
import { recordAudit } from '../audit-log.js';
import { requireSurvey } from '../survey-lookup.js';

/**
 * When a survey stops taking responses through its form, its links and the API: the date set from
 * the command line or the admin, else the definition's `closes`; undefined while it has none.
 * (Imports of responses collected elsewhere are not fieldwork, and are not stopped.)
 */
export async function surveyClosesAt(store: Store, definition: Definition): Promise<Date | undefined> {
  const set = (await store.surveyClosing.get(definition.id)) ?? definition.closes;
  return set === undefined ? undefined : new Date(set);
}

export async function isSurveyClosed(store: Store, definition: Definition, now = new Date()): Promise<boolean> {
  const closes = await surveyClosesAt(store, definition);
  return closes !== undefined && closes.getTime() <= now.getTime();
}

/** Refuses, with the error the API gives, a response to a survey that has closed. */
export async function requireSurveyOpen(store: Store, definition: Definition, now = new Date()): Promise<void> {
  const closes = await surveyClosesAt(store, definition);
  if (closes !== undefined && closes.getTime() <= now.getTime()) {
    throw new CanvassError('survey.closed', `The survey '${definition.id}' closed ${describeClosing(closes)} and takes no more responses`);
  }
}

/** "16:00 UTC on 1 May 2026" (the time in UTC, so everyone reads the same instant). */
export function describeClosing(closes: Date | undefined): string {
  if (closes === undefined) return 'at the end of fieldwork';
  const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(closes);
  const time = closes.toISOString().slice(11, 16);
  return `at ${time} UTC on ${date}`;
}

/**
 * Parses a closing date given on the command line or in the admin: a date and time with its
 * offset (2026-05-01T17:00:00+01:00, …Z), or a date alone, which closes at the end of that day in UTC.
 */
export function parseClosing(text: string): Date {
  const trimmed = text.trim();
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const parsed = dateOnly ? new Date(`${trimmed}T00:00:00Z`) : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(trimmed) ? new Date(trimmed) : new Date(NaN);
  if (Number.isNaN(parsed.getTime()) || (dateOnly && parsed.toISOString().slice(0, 10) !== trimmed)) {
    throw new CanvassError('option.invalid', `'${text}' is not a closing date: give a date (2026-05-01, closing at the end of that day, UTC) or a date and time with its offset (2026-05-01T17:00:00+01:00)`);
  }
  return dateOnly ? new Date(parsed.getTime() + 86_400_000) : parsed;
}

/** Sets (or with undefined clears) the closing date that overrides the definition's; recorded in the audit log. */
export async function setSurveyClosing(store: Store, surveyId: string, closes: Date | undefined, actor: string): Promise<void> {
  await requireSurvey(store, surveyId);
  await inTransaction(store, async (tx) => {
    await tx.surveyClosing.set(surveyId, closes);
    await recordAudit(tx, { actor, action: 'survey.closing', surveyId, details: { closes: closes?.toISOString() ?? null } });
  });
}
