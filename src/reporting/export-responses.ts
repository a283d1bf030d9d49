import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { questionTypeOf } from '../definition/question-types/registry.js';
import type { Answer, Answers, Definition } from '../definition/schema.js';
import { answersByPosition } from '../responses/answers-by-position.js';
import { neutraliseCell } from './csv-cell.js';
import { indentJson } from './indent-json.js';

export interface ExportableResponse {
  id: string;
  org: string;
  answers: Answers;
  submittedAt: string;
  wave?: string | null;
  /** The definition version it was answered under (stored responses always say; left out, the CSV cell is empty, which an import reads as the current version). */
  definitionVersion?: number;
}

/** A response as an export reads it from storage: its answers parsed, or the JSON text they are stored as. */
export type ExportRow = Omit<ExportableResponse, 'answers'> & { answers: Answers | string };

/** Pages of responses, as storage reads them or as one page of responses in memory. */
export type ExportPages = AsyncIterable<readonly ExportRow[]> | Iterable<readonly ExportRow[]>;

/**
 * A response's answers in questionnaire order, each question's at its position: from the stored
 * JSON text without building an object (see {@link answersByPosition}), or from parsed answers.
 * The array is reused from one response to the next, so use it before asking for the next.
 */
export function answersInQuestionOrder(definition: Definition): (answers: Answers | string) => ReadonlyArray<Answer | undefined> {
  const positions = new Map(definition.questions.map((q, i) => [q.id, i]));
  const values: Array<Answer | undefined> = new Array<Answer | undefined>(definition.questions.length);
  return (answers) => {
    if (typeof answers === 'string') answersByPosition(answers, positions, values);
    else definition.questions.forEach((q, i) => (values[i] = answers[q.id]));
    return values;
  };
}

/** The CSV export's header: response_id, org, submitted_at, wave, definition_version, then each question id in questionnaire order. */
function csvHeader(definition: Definition): string[] {
  return ['response_id', 'org', 'submitted_at', 'wave', 'definition_version', ...definition.questions.map((q) => q.id)];
}

/** Turns a response into its CSV cells; each question's type is looked up once, not per cell. */
function csvRecordOf(definition: Definition): (response: ExportRow) => string[] {
  const answersOf = answersInQuestionOrder(definition);
  const types = definition.questions.map((q) => questionTypeOf(q));
  return (r) => {
    const record = [neutraliseCell(r.id), neutraliseCell(r.org), r.submittedAt, neutraliseCell(r.wave ?? ''), r.definitionVersion === undefined ? '' : String(r.definitionVersion)];
    answersOf(r.answers).forEach((answer, i) => {
      const q = definition.questions[i]!;
      record.push(answer === undefined ? '' : typeof answer === 'number' ? String(answer) : neutraliseCell(types[i]!.toCell(q, answer)));
    });
    return record;
  };
}

/**
 * CSV text of records, each line ending in \n: Papa Parse's unparse (several times faster than
 * csv-stringify on a wide file: the raw export writes 30 million cells), quoting what needs it and
 * every neutralised cell (one starting with a single quote; see {@link neutraliseCell}).
 */
function csvLines(records: readonly string[][]): string {
  if (records.length === 0) return '';
  return `${Papa.unparse(records as string[][], { newline: '\n', quotes: (value: unknown) => typeof value === 'string' && value.startsWith("'") })}\n`;
}

/** Records stringified together into one piece of the CSV stream. */
const recordsPerPiece = 256;

/**
 * Raw responses as CSV: response_id, org, submitted_at, wave, definition_version (the version of
 * the definition each response was answered under), then a column per question in questionnaire
 * order (multi-select codes joined by ';'). Text cells are neutralised against formula injection.
 * The file imports back with `canvass responses import`, each row under its own version.
 */
export function responsesToCsv(definition: Definition, responses: readonly ExportableResponse[]): string {
  return csvLines([csvHeader(definition), ...responses.map(csvRecordOf(definition))]);
}

/**
 * The bytes of {@link responsesToCsv}, written as the pages of responses come, a few hundred
 * records at a time (the cells of a whole page, alive together, would outlive the young
 * generation and make the garbage collector copy them); a page is read only when the reader wants
 * more, so a file of any length is written in the memory of a page.
 */
export function responsesCsvStream(definition: Definition, pages: ExportPages): Readable {
  const recordOf = csvRecordOf(definition);
  async function* pieces(): AsyncGenerator<string> {
    yield csvLines([csvHeader(definition)]);
    // A failure to read a page ends the stream with that error rather than as if the CSV were complete.
    for await (const page of pages) {
      for (let from = 0; from < page.length; from += recordsPerPiece) yield csvLines(page.slice(from, from + recordsPerPiece).map(recordOf));
    }
  }
  return Readable.from(pieces(), { objectMode: false });
}

/** Raw responses as JSON: the survey id, then one object per response with its answers. */
export function responsesToJson(definition: Definition, responses: readonly ExportableResponse[]): string {
  return `${JSON.stringify({ survey: definition.id, notice: definition.notice ?? null, responses: responses.map(jsonEntryOf) }, null, 2)}\n`;
}

/**
 * The bytes of {@link responsesToJson}, written a page at a time: the opening, each response as
 * JSON.stringify lays out an element of the list, then the closing. Stored answers are laid out
 * from their text (see {@link indentJson}), not parsed.
 */
export function responsesJsonStream(definition: Definition, pages: ExportPages): Readable {
  async function* text(): AsyncGenerator<string> {
    const opening = `{\n  "survey": ${JSON.stringify(definition.id)},\n  "notice": ${JSON.stringify(definition.notice ?? null)},\n  "responses": [`;
    let first = true;
    for await (const page of pages) {
      if (page.length === 0) continue;
      yield `${first ? opening : ','}\n    ${page.map(jsonEntryText).join(',\n    ')}`;
      first = false;
    }
    yield first ? `${opening}]\n}\n` : '\n  ]\n}\n';
  }
  return Readable.from(text(), { objectMode: false });
}

function jsonEntryOf(r: ExportableResponse) {
  return { id: r.id, org: r.org, submittedAt: r.submittedAt, wave: r.wave ?? null, definitionVersion: r.definitionVersion ?? null, answers: r.answers };
}

/** {@link jsonEntryOf} as JSON.stringify(…, null, 2) writes it as an element of the list (two levels deep). */
function jsonEntryText(r: ExportRow): string {
  const answers = indentJson(typeof r.answers === 'string' ? r.answers : JSON.stringify(r.answers), 3);
  const field = (name: string, value: string) => `\n      ${JSON.stringify(name)}: ${value}`;
  return `{${field('id', JSON.stringify(r.id))},${field('org', JSON.stringify(r.org))},${field('submittedAt', JSON.stringify(r.submittedAt))},${field('wave', JSON.stringify(r.wave ?? null))},${field('definitionVersion', JSON.stringify(r.definitionVersion ?? null))},${field('answers', answers)}\n    }`;
}
