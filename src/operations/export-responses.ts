import { responsesToCsv, responsesToJson } from '../reporting/export-responses.js';
import { responsesToXlsx } from '../reporting/export-responses-xlsx.js';
import { CanvassError } from '../errors/canvass-error.js';
import type { Store } from '../storage/store.js';
import { requireSurvey } from './survey-lookup.js';

export const exportFormats = ['csv', 'json', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Formats that are binary files, not text to print. */
export const binaryExportFormats: readonly ExportFormat[] = ['xlsx'];

export const exportMediaTypes = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const satisfies Record<ExportFormat, string>;

export function checkExportFormat(format: string, allowed: readonly ExportFormat[] = exportFormats): ExportFormat {
  if (!(allowed as readonly string[]).includes(format)) {
    throw new CanvassError('option.invalid', `"${format}" is not an export format: use ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}`);
  }
  return format as ExportFormat;
}

/** Raw responses of a survey (admins only) as CSV or JSON text, or an XLSX workbook. */
export async function exportResponses(store: Store, surveyId: string, format: string): Promise<{ content: string | Buffer; count: number }> {
  const checked = checkExportFormat(format);
  const definition = await requireSurvey(store, surveyId);
  const responses = await store.responses.list(surveyId);
  const content = checked === 'csv' ? responsesToCsv(definition, responses) : checked === 'json' ? responsesToJson(definition, responses) : await responsesToXlsx(definition, responses);
  return { content, count: responses.length };
}
