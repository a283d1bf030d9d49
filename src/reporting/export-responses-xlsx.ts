import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { questionTypeOf } from '../definition/question-types/registry.js';
import type { Definition } from '../definition/schema.js';
import { codebookTable } from './codebook.js';
import { answersInQuestionOrder, type ExportableResponse, type ExportPages, type ExportRow } from './export-responses.js';
import type { TableCell, TableColumn, TableRow } from './table-columns.js';
import { aboutSheet } from './xlsx-table.js';
import { tablesToXlsxStream } from './xlsx-table-stream.js';

/**
 * The columns of the raw responses sheet: those of the CSV export (response_id, org,
 * submitted_at, wave, definition_version, then a column per question), numbers typed as numbers.
 */
function responsesColumns(definition: Definition): TableColumn[] {
  return [
    { name: 'response_id', type: 'string', title: 'Response id', description: 'The response', width: 38 },
    { name: 'org', type: 'string', title: 'Organisation', description: 'The id of the organisation in the register', width: 30 },
    { name: 'submitted_at', type: 'string', title: 'Submitted at', description: 'When it was sent (ISO 8601, UTC)', width: 26 },
    { name: 'wave', type: 'string', title: 'Wave', description: 'The wave of a repeated survey', width: 10 },
    { name: 'definition_version', type: 'number', title: 'Definition version', description: 'The version of the definition it was answered under', width: 12 },
    ...definition.questions.map((q): TableColumn => ({ name: q.id, type: q.type === 'number' ? 'number' : 'string', title: q.id, description: q.text, width: q.type === 'text' ? 50 : 22 })),
  ];
}

/** A response as a row with the CSV export's cells (multi-select codes joined by ';'), except that numbers stay numbers. */
function responseRowOf(definition: Definition): (response: ExportRow) => TableRow {
  const answersOf = answersInQuestionOrder(definition);
  const types = definition.questions.map((q) => questionTypeOf(q));
  return (r) => {
    const row: Record<string, TableCell> = { response_id: r.id, org: r.org, submitted_at: r.submittedAt, wave: r.wave ?? null, definition_version: r.definitionVersion ?? null };
    answersOf(r.answers).forEach((answer, i) => {
      const q = definition.questions[i]!;
      row[q.id] = answer === undefined ? null : typeof answer === 'number' ? answer : types[i]!.toCell(q, answer);
    });
    return row;
  };
}

/**
 * Raw responses (admins only) as an XLSX workbook: a Responses sheet with the CSV export's
 * columns, a Codebook sheet with every question's options and labels, and an About sheet with
 * the survey and its notice (the built-in survey's responses are reconstructed, not real). The
 * workbook is written as the pages of responses come, so memory holds about a page; `count` is
 * how many responses the pages hold, for the About sheet, which comes after them.
 */
export function responsesXlsxStream(definition: Definition, count: number, pages: ExportPages): Readable {
  const rowOf = responseRowOf(definition);
  async function* rows(): AsyncGenerator<TableRow[]> {
    for await (const page of pages) yield page.map(rowOf);
  }
  const codebook = codebookTable(definition, { nets: false });
  const about = aboutSheet([
    ['Survey', definition.id],
    ['Title', definition.title],
    ['Notice', definition.notice ?? null],
    ['Responses', count],
    ['Multi-select answers', "codes separated by ';' (see the Codebook sheet for their labels)"],
    ['Confidentiality', 'Raw responses are for admins only: do not publish them.'],
  ]);
  return tablesToXlsxStream([
    { name: 'Responses', columns: responsesColumns(definition), pages: rows() },
    { name: 'Codebook', columns: codebook.columns, pages: [codebook.rows] },
    { name: about.name, columns: about.table.columns, pages: [about.table.rows] },
  ]);
}

/** The workbook of {@link responsesXlsxStream} for responses already in memory, as one buffer. */
export function responsesToXlsx(definition: Definition, responses: readonly ExportableResponse[]): Promise<Buffer> {
  return buffer(responsesXlsxStream(definition, responses.length, [responses]));
}
