import type { SurveySnapshot } from '../src/analysis/snapshot/survey-snapshot.js';
import { SnapshotBuilder } from '../src/analysis/snapshot/survey-snapshot.js';
import type { Definition } from '../src/definition/schema.js';
import { resultsFromSnapshot } from '../src/operations/survey-results.js';
import type { Organisation } from '../src/register/organisation.js';
import { benchConfig } from './bench-config.js';
import { profile } from './cpu-profile.js';
import { duckDbByOrgType, loadDuckDb } from './duckdb-counts.js';
import { nationalDefinition } from './national-definition.js';
import { generateRegister } from './national-register.js';
import { answersOf, generateResponses, type GeneratedResponses } from './national-responses.js';
import { seconds } from './report-table.js';
import { seededRandom } from './seeded-random.js';
import { describeRuns, timeRuns, type Timed } from './timing.js';

/**
 * The cross-tab alone, without the storage phase: the national survey generated as `npm run
 * bench` makes it, its snapshot built straight from the generated answers, then the cross-tab
 * by organisation type (with comparisons, Rao–Scott tests and disclosure control, as
 * `canvass results --by org.type`) timed against DuckDB's GROUP BY of the same counts.
 * BENCH_CROSSTAB_BY picks another breakdown (org.region, or a question id); BENCH_PROFILE=1 adds
 * the hottest functions of one more run.
 */
async function main(): Promise<void> {
  const config = benchConfig();
  const by = process.env.BENCH_CROSSTAB_BY ?? 'org.type';
  const random = seededRandom(config.seed);
  const definition = nationalDefinition(config);
  const register = generateRegister(config.organisations, config.respondents, random);
  const generated = generateResponses(definition, register, config, random);
  const snapshot = snapshotOf(definition, register.organisations, generated);

  const duckdb = await loadDuckDb(definition, register.organisations, generated);
  try {
    const duck = await withCpuTime(() => timeRuns(() => duckDbByOrgType(duckdb, definition), config.runs));
    const crosstab = await withCpuTime(() => timeRuns(() => resultsFromSnapshot(definition, snapshot, { by }), config.runs));
    const lines = [
      `${generated.n.toLocaleString('en-GB')} respondents × ${definition.questions.length} questions, ${register.organisations.length} organisations`,
      `DuckDB counts by org type (GROUP BY): ${seconds(duck.median)} (${describeRuns(duck, seconds)}; CPU ${seconds(duck.cpuMs)} a run, all threads)`,
      `Canvass cross-tab by ${by} (${crosstab.last.groups?.length ?? 0} groups): ${seconds(crosstab.median)} (${describeRuns(crosstab, seconds)}; CPU ${seconds(crosstab.cpuMs)} a run)`,
      `Ratio Canvass / DuckDB: ${(crosstab.median / duck.median).toFixed(1)}× (CPU time: ${(crosstab.cpuMs / duck.cpuMs).toFixed(1)}×)`,
    ];
    if (config.profile === 'always') {
      const summary = await profile(() => resultsFromSnapshot(definition, snapshot, { by }), 'crosstab');
      lines.push(`Profile of one run (${seconds(summary.totalMs)}, ${summary.file}):`);
      for (const hot of summary.hottest.slice(0, 15)) lines.push(`  ${(100 * hot.share).toFixed(1).padStart(5)}%  ${seconds(hot.selfMs).padStart(7)}  ${hot.name} ${hot.where}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    duckdb.close();
  }
}

/** Timed runs with the process's CPU time per run (warm-up included), which a loaded machine disturbs less than wall time. */
async function withCpuTime<T>(timed: () => Promise<Timed<T>>): Promise<Timed<T> & { cpuMs: number }> {
  const before = process.cpuUsage();
  const result = await timed();
  const used = process.cpuUsage(before);
  return { ...result, cpuMs: (used.user + used.system) / 1000 / (result.runs.length + (result.warmUpOnly ? 0 : 1)) };
}

function snapshotOf(definition: Definition, organisations: readonly Organisation[], generated: GeneratedResponses): SurveySnapshot {
  const builder = new SnapshotBuilder(definition, generated.n);
  for (let i = 0; i < generated.n; i++) builder.add({ org: organisations[generated.orgOf[i]!]!, answers: answersOf(definition, generated, i) });
  return builder.finish();
}

main().catch((error: unknown) => {
  process.stderr.write(`crosstab bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
