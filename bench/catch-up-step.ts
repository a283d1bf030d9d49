import type { Definition } from '../src/definition/schema.js';
import { loadSnapshot } from '../src/operations/survey-results.js';
import { openDatabase } from '../src/storage/open-database.js';
import type { NewResponse } from '../src/storage/responses-repository.js';
import { createStore, type Store } from '../src/storage/store.js';
import type { BenchConfig } from './bench-config.js';
import type { MemoryMonitor } from './memory-monitor.js';
import type { NationalRegister } from './national-register.js';
import { answersOf, type GeneratedResponses } from './national-responses.js';
import { step } from './progress-line.js';
import { seconds, type ReportRow } from './report-table.js';
import { median, timeOnce } from './timing.js';

/** DESIGN.md's persisted, incremental snapshot: a server holding it catches up in time proportional to what is new. */
export const catchUpGoals = { one: 50, tenThousand: 1000 } as const;

/**
 * A process that holds the snapshot in memory (as a running server does) catching up after new
 * responses arrive, on the SQLite file the storage phase wrote: `loadSnapshot` after 1 new response
 * (stored with `insert`, as the web form does) and after 10,000 (one `insertMany`), each time reading
 * only the new responses, appending them and storing them as a chunk. Only the load is timed, one
 * warm-up then `runs` times each; every load is checked to hold every response.
 */
export async function timeCatchUp(
  config: BenchConfig,
  survey: { definition: Definition; register: NationalRegister; generated: GeneratedResponses; sqlitePath: string },
  report: { rows: ReportRow[]; memory: MemoryMonitor },
): Promise<void> {
  const { definition, register, generated, sqlitePath } = survey;
  const { rows } = report;
  const database = await openDatabase(`sqlite:${sqlitePath}`);
  try {
    const store = createStore(database.db);
    step('Loading the stored snapshot into this process');
    const held = await timeOnce(() => loadSnapshot(store, definition.id));
    let expected = held.value.snapshot.n;
    rows.push({ figure: 'Stored snapshot loaded in-process (loadSnapshot)', value: seconds(held.ms), goal: '', status: 'info', detail: `${expected.toLocaleString('en-GB')} rows from ${await chunkCount(store, definition.id)} stored chunks` });
    report.memory.mark('stored snapshot');

    const unchanged: number[] = [];
    for (let r = 0; r <= config.runs; r++) unchanged.push((await timeOnce(() => loadSnapshot(store, definition.id))).ms);
    rows.push({ figure: 'Catch-up with nothing new', value: seconds(median(unchanged.slice(1))), goal: '', status: 'info', detail: `median of [${unchanged.slice(1).map(seconds).join(', ')}]; definition, register and one query for the newest sequence number` });

    let late = 0;
    const newResponses = (count: number): NewResponse[] =>
      Array.from({ length: count }, () => {
        const i = late++ % generated.n;
        return { id: `bench-late-${late}`, org: register.organisations[generated.orgOf[i]!]!.id, answers: answersOf(definition, generated, i) };
      });
    const catchUp = async (count: number): Promise<number> => {
      if (count === 1) await store.responses.insert(definition.id, newResponses(1)[0]!, 'web');
      else await store.responses.insertMany(definition.id, newResponses(count), 'import');
      const timed = await timeOnce(() => loadSnapshot(store, definition.id));
      expected += count;
      if (timed.value.snapshot.n !== expected) throw new Error(`after ${count} new responses the snapshot holds ${timed.value.snapshot.n} rows, not ${expected}`);
      return timed.ms;
    };
    for (const [count, goal, label] of [[1, catchUpGoals.one, '1 new response'], [10_000, catchUpGoals.tenThousand, '10,000 new responses']] as const) {
      step(`Timing the catch-up after ${label} (1 warm-up + ${config.runs} runs)`);
      const times: number[] = [];
      for (let r = 0; r <= config.runs; r++) times.push(await catchUp(count));
      const ms = median(times.slice(1));
      rows.push({
        figure: `Catch-up after ${label}`,
        value: seconds(ms),
        goal: `≤ ${seconds(goal)}`,
        status: ms <= goal ? 'pass' : 'FAIL',
        detail: `median of [${times.slice(1).map(seconds).join(', ')}]; reads, appends and stores only the new rows; ${await chunkCount(store, definition.id)} chunks stored after`,
      });
    }
    report.memory.mark('catch-up');
  } finally {
    await database.close();
  }
}

async function chunkCount(store: Store, surveyId: string): Promise<number> {
  return (await store.snapshotChunks.ranges({ surveyId, wave: null })).length;
}
