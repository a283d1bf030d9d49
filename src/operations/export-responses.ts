import { responsesToCsv, responsesToJson } from '../reporting/export-responses.js';
import { CanvassError } from '../errors/canvass-error.js';
import type { Store } from '../storage/store.js';
import { requireSurvey } from './survey-lookup.js';

export const exportFormats = ['csv', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Raw responses of a survey (admins only) as CSV or JSON text. */
export async function exportResponses(store: Store, surveyId: string, format: string): Promise<{ text: string; count: number }> {
  if (!(exportFormats as readonly string[]).includes(format)) {
    throw new CanvassError('option.invalid', `"${format}" is not an export format: use ${exportFormats.join(' or ')}`);
  }
  const definition = await requireSurvey(store, surveyId);
  const responses = await store.responses.list(surveyId);
  const text = format === 'csv' ? responsesToCsv(definition, responses) : responsesToJson(definition, responses);
  return { text, count: responses.length };
}
