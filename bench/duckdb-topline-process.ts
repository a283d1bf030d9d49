import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Definition } from '../src/definition/schema.js';
import { duckDbTopline } from './duckdb-counts.js';

/**
 * DuckDB's side of the fresh-process comparison, run as a child process:
 * `node duckdb-topline-process.js FILE.duckdb QUESTIONS.json` opens the survey DuckDB persisted
 * (read only), runs the topline's GROUP BY counts (duckDbTopline) and prints them as JSON, as
 * `canvass results --json` prints its results. QUESTIONS.json holds the questions' ids, types and
 * option codes: the least a process needs to ask for the counts.
 */
async function main(): Promise<void> {
  const [file, questionsFile] = process.argv.slice(2);
  if (!file || !questionsFile) throw new Error('usage: duckdb-topline-process.js FILE.duckdb QUESTIONS.json');
  const questions = JSON.parse(readFileSync(questionsFile, 'utf8')) as Definition['questions'];
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const counts = await duckDbTopline({ connection, threads: '', close() {} }, { questions } as Definition);
    process.stdout.write(`${JSON.stringify(Object.fromEntries(counts))}\n`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
