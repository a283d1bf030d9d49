import { buildBenchmarkReport } from '../reporting/benchmark-report.js';
import type { BenchmarkReportView } from '../reporting/report-model.js';
import type { Store } from '../storage/store.js';
import { allOrganisationBenchmarks, type BenchmarkQuery } from './organisation-benchmark.js';
import { resolveDesign } from './resolve-design.js';
import { StoredDisclosureLedger } from './stored-disclosure-ledger.js';
import { loadSnapshot } from './survey-results.js';

/** Released groups stored together: a few organisations' worth (60 questions × 3 levels each at most). */
const saveEvery = 2000;

/**
 * Every organisation's benchmark report (disclosure control applied), one at a time: the
 * snapshot is read and the benchmarks computed once, then each report is built and handed to
 * `each` — which draws and writes it, or queues it to be — before the next is made, so a
 * thousand reports never sit in memory together. Gives the number of reports.
 *
 * The reports go through the survey's stored disclosure ledger as `canvass benchmark --org` does,
 * opened once for the whole run (the groups near the sizes of every organisation's, peer group's
 * and sector's bases): a figure nested within minBase − 1 respondents of a group published
 * earlier — or in an earlier organisation's report of this run — is withheld, and what the
 * reports release is recorded, a batch at a time as they are handed on.
 */
export async function allBenchmarkReports(
  store: Store,
  surveyId: string,
  query: BenchmarkQuery,
  each: (report: BenchmarkReportView, done: number, total: number) => Promise<void>,
): Promise<number> {
  const loaded = await loadSnapshot(store, surveyId, query.wave);
  const { definition, snapshot, wave } = loaded;
  const register = new Map((await store.organisations.list()).map((o) => [o.id, o]));
  const all = allOrganisationBenchmarks(definition, snapshot, { ...query, ...(wave === undefined ? {} : { wave }) });
  const ledger = await StoredDisclosureLedger.open(store, loaded, resolveDesign(snapshot, query).unit, all.baseSizes());
  const total = snapshot.orgs.length;
  let done = 0;
  for (const benchmark of all.reports(ledger)) {
    const org = register.get(benchmark.organisation.id);
    done += 1;
    if (ledger.unsaved >= saveEvery) await ledger.save();
    await each(buildBenchmarkReport(definition, benchmark, { responses: benchmark.respondents, headcount: org?.headcount ?? null }), done, total);
  }
  await ledger.save();
  return done;
}
