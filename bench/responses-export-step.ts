import { createReadStream, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Definition } from '../src/definition/schema.js';
import { timeNodeProcess } from './child-process-timing.js';
import { step } from './progress-line.js';
import { megabytes, seconds, type ReportRow } from './report-table.js';

/** DESIGN.md: exports streamed, 500,000 rows in 15 s, under 400 MB. */
const exportGoalMs = 15_000;
const exportMemoryGoalBytes = 400 * 2 ** 20;

/**
 * `canvass responses export SURVEY --format csv --out FILE` as a fresh process (the CLI as built,
 * on the SQLite file the storage phase wrote), as an admin runs it: its whole time and its peak
 * RSS. The file's lines are counted against the respondents (the national survey has no text
 * question, so a row is a line).
 */
export async function timeResponsesExport(input: { definition: Definition; respondents: number; sqlitePath: string; scratch: string }, rows: ReportRow[]): Promise<void> {
  const { definition, respondents, sqlitePath, scratch } = input;
  step('Timing canvass responses export --format csv as a fresh process');
  const out = join(scratch, 'responses-export.csv');
  const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
  try {
    const run = await timeNodeProcess([cli, 'responses', 'export', definition.id, '--format', 'csv', '--out', out, '--db', `sqlite:${sqlitePath}`], scratch, 'responses-export');
    const lines = await countLines(out);
    if (lines !== respondents + 1) throw new Error(`the export has ${lines} lines for ${respondents} respondents and a header`);
    const peak = run.maxRssBytes ?? Number.NaN;
    const rowsLabel = respondents.toLocaleString('en-GB');
    rows.push({ figure: `Responses export of ${rowsLabel} rows as CSV (fresh process)`, value: seconds(run.ms), goal: `≤ ${seconds(exportGoalMs)}`, status: run.ms <= exportGoalMs ? 'pass' : 'FAIL', detail: `${megabytes(statSync(out).size)} file, a line per respondent` });
    rows.push({ figure: 'Responses export peak RSS', value: megabytes(peak), goal: `≤ ${megabytes(exportMemoryGoalBytes)}`, status: peak <= exportMemoryGoalBytes ? 'pass' : 'FAIL', detail: 'whole process (resourceUsage.maxRSS)' });
  } finally {
    rmSync(out, { force: true });
  }
}

async function countLines(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
  }
  return lines;
}
