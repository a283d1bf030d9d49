import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';

/** When a survey's responses (of one wave, or all) were submitted, against a stretch of dates. */
export interface SubmissionDates {
  responses: number;
  /** Submitted before the first day, or after the last. */
  before: number;
  after: number;
  /** The first and last submission times (ISO 8601, UTC); null without responses. */
  first: string | null;
  last: string | null;
}

/**
 * Counts the responses (not withdrawn) of a survey, of `wave` when given, submitted before `start`
 * or after `end` (dates YYYY-MM-DD, whole days in UTC), with the first and last submission. Stored
 * times are ISO 8601 in UTC (imports normalise them), so they compare as text.
 */
export async function submissionDates(db: Kysely<Database>, surveyId: string, dates: { start: string; end: string }, wave?: string): Promise<SubmissionDates> {
  const from = `${dates.start}T00:00:00.000Z`;
  const until = `${nextDay(dates.end)}T00:00:00.000Z`;
  let query = db
    .selectFrom('responses')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('submitted_at', '<', from).then(1).else(0).end()).as('before'),
      eb.fn.sum<number>(eb.case().when('submitted_at', '>=', until).then(1).else(0).end()).as('after'),
      eb.fn.min('submitted_at').as('first'),
      eb.fn.max('submitted_at').as('last'),
    ])
    .where('survey_id', '=', surveyId)
    .where('withdrawn_at', 'is', null);
  if (wave !== undefined) query = query.where('wave', '=', wave);
  const row = await query.executeTakeFirstOrThrow();
  return { responses: Number(row.n), before: Number(row.before ?? 0), after: Number(row.after ?? 0), first: row.first ?? null, last: row.last ?? null };
}

function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00.000Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}
