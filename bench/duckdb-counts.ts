import { BOOLEAN, DuckDBDataChunk, DuckDBInstance, INTEGER, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { Definition } from '../src/definition/schema.js';
import type { Organisation } from '../src/register/organisation.js';
import type { GeneratedResponses } from './national-responses.js';
import { progressLine } from './progress-line.js';

/**
 * The same responses in an in-memory DuckDB table, one row per respondent: the organisation
 * and its type (as integers), one integer column per single-choice and scale question (the
 * option index, NULL when not answered) and one boolean column per multi-select option (NULL
 * when the question was not answered). Loaded through an appender, a data chunk at a time.
 */
export interface DuckDbSurvey {
  connection: DuckDBConnection;
  threads: string;
  close(): void;
}

/** Counts per question: option index → respondents, as DuckDB gives them. */
export type ToplineCounts = Map<string, number[]>;

const column = (id: string) => `"${id}"`;
const optionColumn = (id: string, k: number) => `"${id}_${k + 1}"`;

export async function loadDuckDb(definition: Definition, organisations: readonly Organisation[], generated: GeneratedResponses): Promise<DuckDbSurvey> {
  const progress = progressLine('Loading DuckDB');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const threads = String((await connection.runAndReadAll(`select current_setting('threads')`)).getRows()[0]![0]);

  // The appender is fast only without NULLs (node-api sets validity bits with BigInt arithmetic),
  // so a staging table holds −1 for "not answered" and an answered flag per multi-select; one
  // CREATE TABLE … AS SELECT then turns those into NULLs.
  const typeIndex = new Map([...new Set(organisations.map((o) => o.type))].map((t, k) => [t, k]));
  const orgType = Int32Array.from(organisations, (o) => typeIndex.get(o.type)!);
  const staged: Array<{ name: string; type: DuckDBType; fill: (values: DuckDBValue[], from: number) => void; select: string }> = [
    { name: 'org', type: INTEGER, fill: (values, from) => fillInts(values, from, (i) => generated.orgOf[i]!), select: 'org' },
    { name: 'org_type', type: INTEGER, fill: (values, from) => fillInts(values, from, (i) => orgType[generated.orgOf[i]!]!), select: 'org_type' },
  ];
  for (const question of definition.questions) {
    if (question.type === 'single' || question.type === 'scale') {
      const codes = generated.choice.get(question.id)!;
      const name = column(question.id);
      staged.push({ name, type: INTEGER, fill: (values, from) => fillInts(values, from, (i) => codes[i]!), select: `nullif(${name}, -1) as ${name}` });
    } else if (question.type === 'multiple') {
      const bits = generated.multi.get(question.id)!;
      const answered = column(`${question.id}_answered`);
      staged.push({ name: answered, type: BOOLEAN, fill: (values, from) => fillBooleans(values, from, (i) => bits[i] !== 0), select: '' });
      question.options.forEach((_, k) => {
        const name = optionColumn(question.id, k);
        staged.push({ name, type: BOOLEAN, fill: (values, from) => fillBooleans(values, from, (i) => ((bits[i]! >> k) & 1) === 1), select: `case when ${answered} then ${name} end as ${name}` });
      });
    }
  }
  await connection.run(`create table staged (${staged.map((c) => `${c.name} ${c.type.toString()}`).join(', ')})`);
  const appender = await connection.createAppender('staged');
  const types = staged.map((c) => c.type);
  const chunkRows = 2048;
  for (let from = 0; from < generated.n; from += chunkRows) {
    const rows = Math.min(chunkRows, generated.n - from);
    const chunk = DuckDBDataChunk.create(types, rows);
    const values = new Array<DuckDBValue>(rows);
    staged.forEach((c, index) => {
      c.fill(values, from);
      chunk.setColumnValues(index, values);
    });
    appender.appendDataChunk(chunk);
    if ((from / chunkRows) % 20 === 0) progress.update(from + rows, generated.n);
  }
  appender.closeSync();
  const selected = staged.filter((c) => c.select !== '');
  await connection.run(`create table responses as select ${selected.map((c) => c.select).join(', ')} from staged`);
  await connection.run('drop table staged');
  progress.done(`${generated.n.toLocaleString('en-GB')} rows × ${selected.length} columns`);
  return {
    connection,
    threads,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

function fillInts(values: DuckDBValue[], from: number, value: (i: number) => number): void {
  for (let r = 0; r < values.length; r++) values[r] = value(from + r);
}

function fillBooleans(values: DuckDBValue[], from: number, value: (i: number) => boolean): void {
  for (let r = 0; r < values.length; r++) values[r] = value(from + r);
}

/**
 * What a topline needs without any statistics: for each single-choice and scale question
 * `SELECT q, count(*) … GROUP BY q`, for each multi-select the number who answered and a sum
 * per option; every result read back into JavaScript.
 */
export async function duckDbTopline(survey: DuckDbSurvey, definition: Definition): Promise<ToplineCounts> {
  const counts: ToplineCounts = new Map();
  for (const question of definition.questions) {
    if (question.type === 'single' || question.type === 'scale') {
      const rows = (await survey.connection.runAndReadAll(`select ${column(question.id)} as code, count(*) as n from responses group by ${column(question.id)}`)).getRows();
      const perOption = question.options.map(() => 0);
      for (const [code, n] of rows) if (code !== null) perOption[Number(code)] = Number(n);
      counts.set(question.id, perOption);
    } else if (question.type === 'multiple') {
      const sums = question.options.map((_, k) => `sum(${optionColumn(question.id, k)}::integer)`);
      const row = (await survey.connection.runAndReadAll(`select count(${optionColumn(question.id, 0)}) as answered, ${sums.join(', ')} from responses`)).getRows()[0]!;
      counts.set(question.id, row.slice(1).map((v) => Number(v ?? 0)));
    }
  }
  return counts;
}

/** The same counts by organisation type (`GROUP BY org_type, q`), for comparison with the cross-tab. */
export async function duckDbByOrgType(survey: DuckDbSurvey, definition: Definition): Promise<number> {
  let cells = 0;
  for (const question of definition.questions) {
    if (question.type === 'single' || question.type === 'scale') {
      cells += (await survey.connection.runAndReadAll(`select org_type, ${column(question.id)} as code, count(*) as n from responses group by all`)).getRows().length;
    } else if (question.type === 'multiple') {
      const sums = question.options.map((_, k) => `sum(${optionColumn(question.id, k)}::integer)`);
      cells += (await survey.connection.runAndReadAll(`select org_type, count(${optionColumn(question.id, 0)}) as answered, ${sums.join(', ')} from responses group by org_type`)).getRows().length;
    }
  }
  return cells;
}
