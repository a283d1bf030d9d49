import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SurveyResults } from '../src/analysis/results/results-model.js';
import type { Definition } from '../src/definition/schema.js';
import { openDatabase } from '../src/storage/open-database.js';
import type { BenchConfig } from './bench-config.js';
import { checkCounts } from './check-counts.js';
import { timeNodeProcess, type ChildRun } from './child-process-timing.js';
import { summariseProfileFile, type ProfileSummary } from './cpu-profile.js';
import type { DuckDbSurvey, ToplineCounts } from './duckdb-counts.js';
import { step } from './progress-line.js';
import { megabytes, seconds, type ReportRow } from './report-table.js';
import { median } from './timing.js';

/** DESIGN.md: a fresh `canvass results` process within 1.5× DuckDB's whole process for the same topline from its own file. */
export const freshProcessGoal = 1.5;

/**
 * What a user waits for: a fresh `canvass results SURVEY --json` process (the CLI as built, on
 * the SQLite file the storage phase wrote) against a fresh process that opens DuckDB's own file of
 * the same data and prints the topline's GROUP BY counts. The stored snapshot is dropped first, so
 * the first canvass process builds it from the responses (reported on its own); then one warm-up
 * each and `runs` timed runs, DuckDB and canvass alternating so drifting load hits both alike.
 * Canvass's counts are checked against DuckDB's. A miss is profiled (`--cpu-prof`).
 */
export async function timeFreshProcesses(
  config: BenchConfig,
  input: { definition: Definition; sqlitePath: string; duckdb: DuckDbSurvey; scratch: string },
  report: { rows: ReportRow[]; profiles: Array<{ step: string; summary: ProfileSummary }> },
): Promise<void> {
  const { definition, sqlitePath, duckdb, scratch } = input;
  const { rows } = report;
  step('Persisting the survey to a DuckDB file');
  const duckFile = join(scratch, 'national.duckdb');
  await duckdb.connection.run(`attach '${duckFile.replaceAll("'", "''")}' as disk`);
  await duckdb.connection.run('create table disk.responses as select * from responses');
  await duckdb.connection.run('detach disk');
  const questionsFile = join(scratch, 'questions.json');
  writeFileSync(questionsFile, JSON.stringify(definition.questions));

  const database = await openDatabase(`sqlite:${sqlitePath}`);
  try {
    await database.db.deleteFrom('snapshot_chunks').execute();
    await database.db.deleteFrom('snapshot_heads').execute();
  } finally {
    await database.close();
  }

  const canvass = [fileURLToPath(new URL('../src/cli/main.js', import.meta.url)), 'results', definition.id, '--json', '--db', `sqlite:${sqlitePath}`];
  const duck = [fileURLToPath(new URL('./duckdb-topline-process.js', import.meta.url)), duckFile, questionsFile];
  const check = (run: ChildRun, counts: ToplineCounts) => checkCounts(definition, JSON.parse(run.stdout) as SurveyResults, counts);

  step('Timing a fresh DuckDB process (warm-up)');
  const duckCounts = countsOf(await timeNodeProcess(duck, scratch, 'duckdb'));
  step('Timing the first fresh canvass results process (builds the stored snapshot)');
  const first = await timeNodeProcess(canvass, scratch, 'canvass-first');
  check(first, duckCounts);
  step('Timing a fresh canvass results process (warm-up)');
  check(await timeNodeProcess(canvass, scratch, 'canvass'), duckCounts);

  step(`Timing fresh processes, DuckDB and canvass results alternating (${config.runs} runs each)`);
  const duckRuns: ChildRun[] = [];
  const canvassRuns: ChildRun[] = [];
  for (let r = 0; r < config.runs; r++) {
    duckRuns.push(await timeNodeProcess(duck, scratch, 'duckdb'));
    canvassRuns.push(await timeNodeProcess(canvass, scratch, 'canvass'));
    check(canvassRuns.at(-1)!, duckCounts);
  }
  const duckMs = median(duckRuns.map((r) => r.ms));
  const canvassMs = median(canvassRuns.map((r) => r.ms));
  const ratio = canvassMs / duckMs;
  const runs = (list: ChildRun[]) => `median of [${list.map((r) => seconds(r.ms)).join(', ')}]`;
  const peak = (list: ChildRun[]) => {
    const bytes = Math.max(...list.map((r) => r.maxRssBytes ?? 0));
    return bytes > 0 ? `; peak RSS ${megabytes(bytes)}` : '';
  };
  rows.push({ figure: 'Fresh canvass results process, first run', value: seconds(first.ms), goal: '', status: 'info', detail: `builds the stored snapshot from every response${peak([first])}` });
  rows.push({ figure: 'Fresh DuckDB process, topline from its file', value: seconds(duckMs), goal: '', status: 'info', detail: `${runs(duckRuns)}; opens the file, GROUP BY counts, prints JSON${peak(duckRuns)}` });
  rows.push({ figure: 'Fresh canvass results --json process', value: seconds(canvassMs), goal: '', status: 'info', detail: `${runs(canvassRuns)}; from the stored snapshot; counts equal DuckDB's${peak(canvassRuns)}` });
  rows.push({ figure: 'Fresh process ratio Canvass / DuckDB', value: `${ratio.toFixed(1)}×`, goal: `≤ ${freshProcessGoal}×`, status: ratio <= freshProcessGoal ? 'pass' : 'FAIL' });
  if (config.profile === 'always' || (config.profile === 'on-miss' && ratio > freshProcessGoal)) {
    step('Profiling one fresh canvass results process (--cpu-prof)');
    const directory = join(tmpdir(), `canvass-bench-fresh-process-${process.pid}`);
    await timeNodeProcess(['--cpu-prof', `--cpu-prof-dir=${directory}`, ...canvass], scratch, 'canvass-profiled');
    const file = readdirSync(directory).find((f) => f.endsWith('.cpuprofile'));
    if (file) report.profiles.push({ step: 'fresh canvass results process', summary: summariseProfileFile(join(directory, file)) });
  }
}

function countsOf(run: ChildRun): ToplineCounts {
  return new Map(Object.entries(JSON.parse(run.stdout) as Record<string, number[]>));
}
