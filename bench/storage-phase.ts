import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SurveySnapshot } from '../src/analysis/snapshot/survey-snapshot.js';
import type { Definition } from '../src/definition/schema.js';
import { loadSnapshot } from '../src/operations/survey-results.js';
import { openDatabase, type OpenDatabase } from '../src/storage/open-database.js';
import { createStore } from '../src/storage/store.js';
import type { BenchConfig } from './bench-config.js';
import { checkSnapshot } from './check-snapshot.js';
import type { MemoryMonitor } from './memory-monitor.js';
import type { NationalRegister } from './national-register.js';
import type { GeneratedResponses } from './national-responses.js';
import { postgresScratchSchema } from './postgres-schema.js';
import { step } from './progress-line.js';
import { perSecond, seconds, type ReportRow } from './report-table.js';
import { storeSurvey, type StoreTarget } from './store-survey.js';
import { timeOnce } from './timing.js';

const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

export interface StoredSurvey {
  /** The snapshot built from SQLite, on which every analysis is timed. */
  snapshot: SurveySnapshot;
  /** The SQLite file, kept (closed) for the steps that run the CLI on it and catch up with new responses. */
  sqlitePath: string;
  /** A temporary folder beside it for those steps' files. */
  scratch: string;
  /** Removes the SQLite file and the scratch folder. */
  removeFiles(): void;
}

/**
 * Stores the survey in SQLite (a temporary file) and, when it answers, PostgreSQL (a scratch
 * schema, dropped afterwards), then builds the snapshot from each with `loadSnapshot` (which
 * also stores it, as chunks), one after the other, checking each against the generated data.
 */
export async function storeAndSnapshot(
  config: BenchConfig,
  survey: { definition: Definition; register: NationalRegister; generated: GeneratedResponses },
  report: { rows: ReportRow[]; notes: string[]; memory: MemoryMonitor },
): Promise<StoredSurvey> {
  const { definition, register, generated } = survey;
  const { rows, notes, memory } = report;
  const directory = mkdtempSync(join(tmpdir(), 'canvass-bench-'));
  const scratch = await postgresScratchSchema(config.postgresUrl);
  const opened: Array<{ label: string; database: OpenDatabase }> = [];
  const removeFiles = () => rmSync(directory, { recursive: true, force: true });
  let stored = false;
  try {
    opened.push({ label: 'SQLite', database: await openDatabase(`sqlite:${join(directory, 'bench.db')}`) });
    if ('unavailable' in scratch) {
      notes.push(`PostgreSQL skipped: ${scratch.unavailable}.`);
      rows.push({ figure: 'Load into PostgreSQL', value: '—', goal: '', status: 'skipped', detail: 'server did not answer' });
      rows.push({ figure: 'Snapshot from PostgreSQL (loadSnapshot)', value: '—', goal: '', status: 'skipped', detail: 'server did not answer' });
    } else opened.push({ label: 'PostgreSQL', database: await openDatabase(scratch.url) });
    const targets: StoreTarget[] = opened.map(({ label, database }) => ({ label, store: createStore(database.db) }));

    const load = await storeSurvey(targets, definition, register.organisations, generated, config.loadBatch);
    rows.push({
      figure: `Load into ${targets.map((t) => t.label).join(' + ')} (insertMany)`,
      value: seconds(load.totalMs),
      goal: '',
      status: 'info',
      detail: `${perSecond(generated.n, load.totalMs)}${targets.length > 1 ? ' each, side by side' : ''}; in insertMany: ${[...load.perTarget].map(([label, ms]) => `${label} ${seconds(ms)}`).join(', ')}`,
    });
    memory.mark('load');

    let snapshot: SurveySnapshot | undefined;
    for (const { label, store } of targets) {
      collectGarbage();
      step(`Building the snapshot from ${label} (loadSnapshot)`);
      const built = await timeOnce(() => loadSnapshot(store, definition.id));
      checkSnapshot(built.value.snapshot, generated, register.organisations, label);
      rows.push({ figure: `Snapshot from ${label} (loadSnapshot)`, value: seconds(built.ms), goal: '', status: 'info', detail: 'from every response, stored as chunks; checked against the generated data' });
      memory.mark(`snapshot ${label}`);
      snapshot ??= built.value.snapshot;
    }
    stored = true;
    return { snapshot: snapshot!, sqlitePath: join(directory, 'bench.db'), scratch: directory, removeFiles };
  } finally {
    for (const { database } of opened) await database.close();
    if (!stored) removeFiles();
    if (!('unavailable' in scratch)) {
      await scratch.drop();
      notes.push(`PostgreSQL schema ${scratch.schema} dropped.`);
    }
  }
}
