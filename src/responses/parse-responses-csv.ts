import type { Problem } from '../errors/catalogue.js';
import { questionTypeOf } from '../definition/question-types/registry.js';
import type { Definition } from '../definition/schema.js';
import type { Organisation } from '../register/organisation.js';
import { readCsvTable } from '../tabular/read-csv-table.js';
import { validateResponse, type ValidResponse } from './validate-response.js';

/** Columns a response CSV may have besides one per question: `org` (required), and those an export writes. */
export const responseMetaColumns = ['response_id', 'org', 'submitted_at', 'wave', 'definition_version'] as const;

export interface ImportedResponse extends ValidResponse {
  /** 1-based spreadsheet row (the header is row 1). */
  row: number;
  id?: string;
  submittedAt?: string;
  wave?: string;
  /** The definition version the row was answered under, when the file says. */
  definitionVersion?: number;
}

/** A survey's stored definition versions, for files whose rows say which version they were answered under. */
export interface DefinitionVersions {
  current: number;
  definitions: ReadonlyMap<number, Definition>;
}

export type ResponsesCsvResult = { ok: true; responses: ImportedResponse[] } | { ok: false; problems: Problem[]; rows: number };

const idPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/**
 * Reads and validates a whole response CSV before anything is stored: a column per question id,
 * multi-select codes separated by ';', an `org` column, optionally `response_id` and
 * `submitted_at` and `wave` (as exports write them), and `definition_version`: a row that gives
 * one is validated against that stored version of the definition (`versions`), any other against
 * `definition`, the current one. Every bad row is reported with its row number, column, problem and
 * what was expected.
 */
export function parseResponsesCsv(text: string, definition: Definition, findOrg: (id: string) => Organisation | undefined, versions?: DefinitionVersions): ResponsesCsvResult {
  const read = readCsvTable(text);
  if (!read.ok) return { ok: false, rows: 0, problems: [read.problem.code === 'empty' ? { ...read.problem, expected: 'a header row with org and question ids' } : read.problem] };
  const columns = read.table.header;
  const body = read.table.rows;
  const questions = new Map(definition.questions.map((q) => [q.id, q]));
  // A question of an earlier version may have a column of its own; rows of other versions leave it empty.
  if (columns.includes('definition_version')) for (const d of versions?.definitions.values() ?? []) for (const q of d.questions) if (!questions.has(q.id)) questions.set(q.id, q);
  const problems: Problem[] = [];
  const seenColumns = new Set<string>();
  columns.forEach((column) => {
    if (seenColumns.has(column)) problems.push({ where: `row 1, column ${column}`, code: 'duplicate-column', message: `the column '${column}' appears twice` });
    seenColumns.add(column);
    if (!questions.has(column) && !(responseMetaColumns as readonly string[]).includes(column)) {
      problems.push({ where: `row 1, column ${column}`, code: 'unknown-column', message: `'${column}' is neither a question of '${definition.id}' nor one of ${responseMetaColumns.join(', ')}`, expected: [...responseMetaColumns, ...questions.keys()].join(', ') });
    }
  });
  if (!columns.includes('org')) problems.push({ where: 'row 1', code: 'missing-column', message: "the 'org' column is missing", expected: 'a column org with organisation ids' });
  if (problems.length > 0) return { ok: false, rows: body.length, problems };
  if (body.length === 0) return { ok: false, rows: 0, problems: [{ where: 'file', code: 'empty', message: 'the file has a header but no responses' }] };

  const responses: ImportedResponse[] = [];
  const seenIds = new Map<string, number>();
  body.forEach(({ row, cells }) => {
    const cell = (column: string) => (cells[columns.indexOf(column)] ?? '').trim();
    const rowWhere = (column: string) => `row ${row}, column ${column}`;
    if (cells.length !== columns.length) {
      problems.push({ where: `row ${row}`, code: 'column-count', message: `the row has ${cells.length} cells but the header has ${columns.length}`, expected: `${columns.length} cells` });
      return;
    }
    const version = rowVersion(cell('definition_version'), versions);
    if (typeof version === 'string') {
      problems.push({ where: rowWhere('definition_version'), code: 'unknown-definition-version', message: version, expected: `a version from 1 to ${versions?.current ?? 1}, or an empty cell for the current one` });
      return;
    }
    const rowDefinition = version === undefined ? definition : versions!.definitions.get(version)!;
    const rowQuestions = new Map(rowDefinition.questions.map((q) => [q.id, q]));
    const answers: Record<string, unknown> = {};
    const outside: string[] = [];
    for (const column of columns) {
      const question = rowQuestions.get(column);
      if (question) answers[column] = questionTypeOf(question).fromCell(question, cells[columns.indexOf(column)] ?? '');
      else if (questions.has(column) && (cells[columns.indexOf(column)] ?? '').trim() !== '') outside.push(column);
    }
    const result = validateResponse(rowDefinition, { org: cell('org'), answers }, findOrg, { where: rowWhere });
    const rowProblems = result.ok ? [] : [...result.problems];
    for (const column of outside) rowProblems.push({ where: rowWhere(column), code: 'not-in-version', message: `'${column}' is not a question of definition version ${version ?? versions?.current ?? 1}`, expected: 'an empty cell' });
    const imported: Partial<ImportedResponse> = { row };
    if (version !== undefined) imported.definitionVersion = version;
    if (columns.includes('response_id') && cell('response_id') !== '') {
      const id = cell('response_id');
      if (!idPattern.test(id)) rowProblems.push({ where: rowWhere('response_id'), code: 'invalid-id', message: `'${id}' is not a response id`, expected: 'letters, digits and - _ . : (at most 128)' });
      else if (seenIds.has(id)) rowProblems.push({ where: rowWhere('response_id'), code: 'duplicate-id', message: `'${id}' is already used in row ${seenIds.get(id)}`, expected: 'a unique id per row' });
      else seenIds.set(id, row);
      imported.id = id;
    }
    if (columns.includes('wave') && cell('wave') !== '') {
      const wave = cell('wave');
      const waves = (definition.waves ?? []).map((w) => w.id);
      if (!waves.includes(wave)) rowProblems.push({ where: rowWhere('wave'), code: 'unknown-wave', message: waves.length ? `'${wave}' is not a wave of '${definition.id}'` : `survey '${definition.id}' has no waves`, expected: waves.length ? `one of ${waves.join(', ')}` : 'an empty cell' });
      else imported.wave = wave;
    }
    if (columns.includes('submitted_at') && cell('submitted_at') !== '') {
      const value = cell('submitted_at');
      const time = parseIsoDateTime(value);
      if (time === undefined) rowProblems.push({ where: rowWhere('submitted_at'), code: 'invalid-date', message: `'${value}' is not a date and time`, expected: 'ISO 8601, like 2017-02-14T10:30:00Z' });
      else imported.submittedAt = new Date(time).toISOString();
    }
    if (!result.ok || rowProblems.length > 0) {
      problems.push(...rowProblems);
      return;
    }
    responses.push({ ...result.response, ...imported, row });
  });
  return problems.length > 0 ? { ok: false, rows: body.length, problems } : { ok: true, responses };
}

/** The row's definition version: undefined for the current one (no cell), a number, or why it is not one. */
function rowVersion(value: string, versions: DefinitionVersions | undefined): number | string | undefined {
  if (value === '') return undefined;
  const version = /^[1-9][0-9]{0,8}$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isNaN(version)) return `'${value}' is not a definition version`;
  if (!versions?.definitions.has(version)) return `the survey has no definition version ${version}`;
  return version;
}

const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Milliseconds since the epoch of an ISO 8601 date or date and time, or undefined. `Date.parse`
 * alone is not enough: it also reads '1' or 'hello 1' as 2001 and rolls 2017-02-30 into March.
 */
function parseIsoDateTime(value: string): number | undefined {
  const match = isoDateTime.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part)));
  const calendar = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() + 1 !== month || calendar.getUTCDate() !== day) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}
