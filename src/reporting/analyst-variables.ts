import { questionTypeOf } from '../definition/question-types/registry.js';
import type { Answer, Definition, Option, Question } from '../definition/schema.js';
import { neutraliseCell } from './csv-cell.js';
import { answersInQuestionOrder, type ExportRow } from './export-responses.js';

/**
 * The variables of the data file that SPSS syntax and R scripts read (see spss-syntax.ts and
 * r-script.ts): one column per variable, numbers where statistics packages want numbers.
 *
 * - response_id, org, submitted_at, wave: strings; definition_version: the version of the
 *   definition the response was answered under (a question or option a later version added was
 *   offered only to respondents of that version on).
 * - single and scale: a number per option. Substantive options are 1, 2, 3… in questionnaire
 *   order; non-substantive ones ("Don't know") 97, 98, 99… (or from the option count + 1 on, if
 *   that is higher), declared missing values, as survey archives code them.
 * - multiple: one variable per option, 1 chosen, 0 not chosen; empty when the question was not answered.
 * - grid: one variable per statement (GRID_STATEMENT, labelled "[statement] question"), coded as a scale.
 * - number: the number. Any other type (text, a date as YYYY-MM-DD, any later one): its answer as the CSV export writes it.
 * - Unanswered: an empty cell (system-missing in SPSS, NA in R).
 */
export interface AnalystVariable {
  /** A name SPSS and R accept: letters, digits and _, starting with a letter, at most 64 bytes, not a reserved word, unique. */
  name: string;
  /** The question (for an option of a multiple-choice question, "[option] question") as a variable label. */
  label: string;
  kind: 'numeric' | 'string';
  /** nominal (categories), ordinal (a scale), scale (a measurement), as SPSS's VARIABLE LEVEL. */
  level: 'nominal' | 'ordinal' | 'scale';
  /** Decimal places shown: 0 for codes and whole numbers. */
  decimals: number;
  /** Labels of the codes of a coded variable, in questionnaire order. */
  values: Array<{ value: number; label: string }>;
  /** Codes that are missing values: non-substantive answers. */
  missing: number[];
}

/** 0/1 codes of an option of a multiple-choice question. */
const chosenLabels = [
  { value: 0, label: 'Not chosen' },
  { value: 1, label: 'Chosen' },
];

const spssReservedWords = new Set(['all', 'and', 'by', 'eq', 'ge', 'gt', 'le', 'lt', 'ne', 'not', 'or', 'to', 'with']);
/** COMMENT (or COMM, COMME…) starting a line is a comment to SPSS and PSPP even inside a command: no variable may be called that. */
const commentCommand = /^comm(?:e(?:n(?:t)?)?)?$/;
const maxNameLength = 64;

/** A name allocator: the wanted name made safe, shortened and numbered (_2, _3…) until it is unused (case-insensitively). */
function nameAllocator(): (wanted: string) => string {
  const taken = new Set<string>();
  return (wanted) => {
    let base = wanted.toLowerCase().replace(/[^a-z0-9_]+/g, '_');
    if (!/^[a-z]/.test(base)) base = `v_${base}`;
    base = base.slice(0, maxNameLength).replace(/_+$/, '') || 'v';
    let name = base;
    for (let n = 2; taken.has(name) || spssReservedWords.has(name) || commentCommand.test(name); n++) name = `${base.slice(0, maxNameLength - String(n).length - 1)}_${n}`;
    taken.add(name);
    return name;
  };
}

type CellWriter = (answer: Answer | undefined, cells: string[]) => void;

export interface AnalystLayout {
  variables: AnalystVariable[];
  /** The data file's cells of one response, in variable order; the array is the caller's to keep. */
  record: (response: ExportRow) => string[];
}

/** Text as a data cell: neutralised against spreadsheet formulas as every CSV export is, line breaks made spaces (SPSS reads a case per line). */
function textCell(text: string): string {
  return neutraliseCell(text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' '));
}

/** The variables of a questionnaire's analyst files, and how a response becomes a row of cells. */
export function analystLayout(definition: Definition): AnalystLayout {
  const allocate = nameAllocator();
  const variables: AnalystVariable[] = [];
  const stringVariable = (wanted: string, label: string) => variables.push({ name: allocate(wanted), label, kind: 'string', level: 'nominal', decimals: 0, values: [], missing: [] });
  stringVariable('response_id', 'Response id');
  stringVariable('org', 'Organisation id');
  stringVariable('submitted_at', 'Submitted at (UTC, ISO 8601)');
  stringVariable('wave', 'Wave');
  variables.push({ name: allocate('definition_version'), label: 'Definition version answered under', kind: 'numeric', level: 'ordinal', decimals: 0, values: [], missing: [] });
  const writers: CellWriter[] = definition.questions.map((q) => writerOf(q, allocate, variables));
  const answersOf = answersInQuestionOrder(definition);
  return {
    variables,
    record: (r) => {
      const cells = [textCell(r.id), textCell(r.org), r.submittedAt, textCell(r.wave ?? ''), r.definitionVersion === undefined ? '' : String(r.definitionVersion)];
      answersOf(r.answers).forEach((answer, i) => writers[i]!(answer, cells));
      return cells;
    },
  };
}

/** A coded variable of options (single, scale, a grid's statement): its codes by option code. */
function codedVariable(name: string, label: string, options: Option[], level: 'nominal' | 'ordinal', variables: AnalystVariable[]): Map<string, number> {
  const substantive = options.filter((o) => !o.nonSubstantive);
  const firstMissing = Math.max(97, options.length + 1);
  let nextMissing = firstMissing;
  let nextCode = 1;
  const codes = new Map(options.map((o) => [o.code, o.nonSubstantive ? nextMissing++ : nextCode++]));
  variables.push({
    name,
    label,
    kind: 'numeric',
    level,
    decimals: 0,
    values: options.map((o) => ({ value: codes.get(o.code)!, label: o.label })),
    missing: options.length > substantive.length ? [...codes.values()].filter((c) => c >= firstMissing) : [],
  });
  return codes;
}

function writerOf(q: Question, allocate: (wanted: string) => string, variables: AnalystVariable[]): CellWriter {
  if (q.type === 'single' || q.type === 'scale') {
    const codes = codedVariable(allocate(q.id), q.text, q.options, q.type === 'scale' ? 'ordinal' : 'nominal', variables);
    return (answer, cells) => void cells.push(typeof answer === 'string' && codes.has(answer) ? String(codes.get(answer)) : '');
  }
  if (q.type === 'grid') {
    // One ordinal variable per statement (GRID_STATEMENT), coded as a scale question is.
    const statements = q.statements.map((s) => [s.id, codedVariable(allocate(`${q.id}_${s.id}`), `[${s.text}] ${q.text}`, q.options, 'ordinal', variables)] as const);
    return (answer, cells) => {
      const given = typeof answer === 'object' && !Array.isArray(answer) ? answer : {};
      for (const [id, codes] of statements) {
        const code = Object.hasOwn(given, id) ? given[id] : undefined;
        cells.push(code !== undefined && codes.has(code) ? String(codes.get(code)) : '');
      }
    };
  }
  if (q.type === 'multiple') {
    for (const o of q.options) {
      variables.push({ name: allocate(`${q.id}_${o.code}`), label: `[${o.label}] ${q.text}`, kind: 'numeric', level: 'nominal', decimals: 0, values: chosenLabels, missing: [] });
    }
    return (answer, cells) => {
      const chosen = Array.isArray(answer) ? answer : undefined;
      for (const o of q.options) cells.push(chosen === undefined ? '' : chosen.includes(o.code) ? '1' : '0');
    };
  }
  if (q.type === 'number') {
    variables.push({ name: allocate(q.id), label: q.text, kind: 'numeric', level: 'scale', decimals: q.integer ? 0 : 4, values: [], missing: [] });
    return (answer, cells) => void cells.push(typeof answer === 'number' && Number.isFinite(answer) ? numberCell(answer) : '');
  }
  variables.push({ name: allocate(q.id), label: q.text, kind: 'string', level: 'nominal', decimals: 0, values: [], missing: [] });
  const type = questionTypeOf(q);
  return (answer, cells) => void cells.push(answer === undefined ? '' : textCell(typeof answer === 'string' ? answer : type.toCell(q, answer)));
}

/** A number as a data cell in plain decimal notation (statistics packages read 1e21 differently or not at all). */
function numberCell(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toLocaleString('en-GB', { useGrouping: false, maximumFractionDigits: 20 });
}
