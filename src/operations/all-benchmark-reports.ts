import { buildBenchmarkReport } from '../reporting/benchmark-report.js';
import type { BenchmarkReportView } from '../reporting/report-model.js';
import type { Store } from '../storage/store.js';
import { allOrganisationBenchmarks, type BenchmarkQuery } from './organisation-benchmark.js';
import { draftData, loadSnapshot } from './survey-results.js';

/**
 * Every organisation's benchmark report (disclosure control applied), one at a time: the
 * snapshot is read and the benchmarks computed once, then each report is built and handed to
 * `each` — which draws and writes it, or queues it to be — before the next is made, so a
 * thousand reports never sit in memory together. Gives the number of reports.
 *
 * These are drafts of live data, like `canvass benchmark --org`: nothing is recorded in the
 * disclosure ledger. The benchmark reports readers see are those of a published release.
 */
export async function allBenchmarkReports(
  store: Store,
  surveyId: string,
  query: BenchmarkQuery,
  each: (report: BenchmarkReportView, done: number, total: number) => Promise<void>,
): Promise<number> {
  const { definition, snapshot, wave } = await loadSnapshot(store, surveyId, query.wave);
  const register = new Map((await store.organisations.list()).map((o) => [o.id, o]));
  const all = allOrganisationBenchmarks(definition, snapshot, { ...query, ...(wave === undefined ? {} : { wave }) });
  const total = snapshot.orgs.length;
  let done = 0;
  for (const benchmark of all.reports()) {
    const org = register.get(benchmark.organisation.id);
    done += 1;
    const view = buildBenchmarkReport(definition, benchmark, { responses: benchmark.respondents, headcount: org?.headcount ?? null });
    view.dataStatus = draftData.label;
    await each(view, done, total);
  }
  return done;
}
