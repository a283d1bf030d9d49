import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { withEarlierQuestions } from '../definition/definition-changes.js';
import { responsesCsvStream, responsesJsonStream } from '../reporting/export-responses.js';
import { responsesXlsxStream } from '../reporting/export-responses-xlsx.js';
import { CanvassError } from '../errors/canvass-error.js';
import type { Store } from '../storage/store.js';
import { recordAudit } from './audit-log.js';
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

export interface ResponsesExport {
  /** How many responses the file holds (those stored when the export was opened). */
  count: number;
  /** The file's bytes, read from the database a page at a time as they are taken. */
  stream: Readable;
}

/**
 * Raw responses of a survey (admins only) as a stream of CSV, JSON or XLSX bytes, each response
 * with the definition version it was answered under, and a column for every question of every
 * version (those removed after the current ones), read page by
 * page in arrival order: nothing holds every response, so a survey of any size exports in about
 * the memory of a page (`pageSize` responses, 5,000 unless given). An unknown survey or format
 * fails here, before any byte is written. Personal-level data leaving: the audit log records
 * `actor`, the format and how many responses, before the first byte.
 */
export async function openResponsesExport(store: Store, surveyId: string, format: string, options: { actor: string; pageSize?: number }): Promise<ResponsesExport> {
  const checked = checkExportFormat(format);
  // Questions that earlier versions had and the current one does not keep their stored answers: their columns follow the current ones.
  const definition = withEarlierQuestions(await requireSurvey(store, surveyId), await store.surveys.allVersions(surveyId));
  const { count, pages } = await store.responses.pagesInArrivalOrder(surveyId, options);
  await recordAudit(store, { actor: options.actor, action: 'responses.export', surveyId, details: { format: checked, responses: count } });
  const stream = checked === 'csv' ? responsesCsvStream(definition, pages) : checked === 'json' ? responsesJsonStream(definition, pages) : responsesXlsxStream(definition, count, pages);
  return { count, stream };
}

/** The whole export in memory, as text (CSV, JSON) or a workbook: for small surveys and tests; files and downloads stream. */
export async function exportResponses(store: Store, surveyId: string, format: string, actor: string): Promise<{ content: string | Buffer; count: number }> {
  const { count, stream } = await openResponsesExport(store, surveyId, format, { actor });
  const bytes = await buffer(stream);
  return { content: binaryExportFormats.includes(format as ExportFormat) ? bytes : bytes.toString('utf8'), count };
}
