import { questionTypeOf } from '../definition/question-types/registry.js';
import type { Definition } from '../definition/schema.js';
import { codebookTable } from './codebook.js';
import type { ExportableResponse } from './export-responses.js';
import type { Table, TableColumn } from './table-columns.js';
import { aboutSheet, tablesToXlsx } from './xlsx-table.js';

/**
 * Raw responses as a table with the columns and cells of the CSV export (response_id, org,
 * submitted_at, wave, then a column per question; multi-select codes joined by ';'), except that
 * numbers stay numbers.
 */
export function responsesTable(definition: Definition, responses: readonly ExportableResponse[]): Table {
  const columns: TableColumn[] = [
    { name: 'response_id', type: 'string', title: 'Response id', description: 'The response', width: 38 },
    { name: 'org', type: 'string', title: 'Organisation', description: 'The id of the organisation in the register', width: 30 },
    { name: 'submitted_at', type: 'string', title: 'Submitted at', description: 'When it was sent (ISO 8601, UTC)', width: 26 },
    { name: 'wave', type: 'string', title: 'Wave', description: 'The wave of a repeated survey', width: 10 },
    ...definition.questions.map((q): TableColumn => ({ name: q.id, type: q.type === 'number' ? 'number' : 'string', title: q.id, description: q.text, width: q.type === 'text' ? 50 : 22 })),
  ];
  const rows = responses.map((r) => ({
    response_id: r.id,
    org: r.org,
    submitted_at: r.submittedAt,
    wave: r.wave ?? null,
    ...Object.fromEntries(
      definition.questions.map((q) => {
        const answer = r.answers[q.id];
        if (answer === undefined) return [q.id, null];
        return [q.id, typeof answer === 'number' ? answer : questionTypeOf(q).toCell(q, answer)];
      }),
    ),
  }));
  return { columns, rows };
}

/**
 * Raw responses (admins only) as an XLSX workbook: a Responses sheet with the CSV export's
 * columns, a Codebook sheet with every question's options and labels, and an About sheet with
 * the survey and its notice (the built-in survey's responses are reconstructed, not real).
 */
export function responsesToXlsx(definition: Definition, responses: readonly ExportableResponse[]): Promise<Buffer> {
  return tablesToXlsx([
    { name: 'Responses', table: responsesTable(definition, responses) },
    { name: 'Codebook', table: codebookTable(definition, { nets: false }) },
    aboutSheet([
      ['Survey', definition.id],
      ['Title', definition.title],
      ['Notice', definition.notice ?? null],
      ['Responses', responses.length],
      ['Multi-select answers', "codes separated by ';' (see the Codebook sheet for their labels)"],
      ['Confidentiality', 'Raw responses are for admins only: do not publish them.'],
    ]),
  ]);
}
