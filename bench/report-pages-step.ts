import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SurveySnapshot } from '../src/analysis/snapshot/survey-snapshot.js';
import type { Definition } from '../src/definition/schema.js';
import { MemoryDisclosureLedger } from '../src/disclosure/disclosure-ledger.js';
import { allOrganisationBenchmarks } from '../src/operations/organisation-benchmark.js';
import { buildBenchmarkReport } from '../src/reporting/benchmark-report.js';
import { reportStylesheet } from '../src/reporting/render-report-html.js';
import { reportPagePool } from '../src/reporting/report-page-pool.js';
import { progressLine } from './progress-line.js';

/**
 * What `canvass report SURVEY --all-orgs --out DIR` does once the snapshot is built: every
 * organisation's benchmark, checked against a disclosure ledger and recorded in it (in memory
 * here: the checks and the 60,000 groups a run holds, not the database's save), then each
 * organisation's report page (overview chart drawn with Vega-Lite, tables, findings) rendered and
 * written to a temporary folder on the worker pool. Gives the time, the number of pages and their
 * total size.
 */
export async function writeEveryBenchmarkReport(definition: Definition, snapshot: SurveySnapshot): Promise<{ ms: number; pages: number; bytes: number }> {
  const folder = mkdtempSync(join(tmpdir(), 'canvass-bench-reports-'));
  const progress = progressLine('Writing every benchmark report');
  try {
    const started = performance.now();
    mkdirSync(join(folder, 'assets'));
    writeFileSync(join(folder, 'assets', 'report.css'), reportStylesheet());
    const all = allOrganisationBenchmarks(definition, snapshot, {});
    const pool = reportPagePool();
    let done = 0;
    try {
      for (const benchmark of all.reports(new MemoryDisclosureLedger(definition.disclosure.minBase))) {
        const report = buildBenchmarkReport(definition, benchmark, { responses: benchmark.respondents, headcount: null });
        await pool.write({ report, render: { styles: { mode: 'linked', hrefs: ['assets/report.css'] } }, path: join(folder, `${benchmark.organisation.id}.html`) });
        progress.update(++done, snapshot.orgs.length);
      }
    } finally {
      await pool.close();
    }
    const ms = performance.now() - started;
    const files = readdirSync(folder, { withFileTypes: true }).filter((f) => f.isFile());
    const bytes = files.reduce((sum, f) => sum + statSync(join(folder, f.name)).size, 0);
    progress.done(`${files.length} pages`);
    return { ms, pages: files.length, bytes };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
