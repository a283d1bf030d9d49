import { buildBenchmarkReport } from '../reporting/benchmark-report.js';
import { drawReportCharts } from '../reporting/draw-report-charts.js';
import { renderReportHtml, type RenderOptions } from '../reporting/render-report-html.js';
import type { Store } from '../storage/store.js';
import { allOrganisationBenchmarks, type BenchmarkQuery } from './organisation-benchmark.js';
import { loadSnapshot } from './survey-results.js';

export interface BenchmarkReportPage {
  orgId: string;
  name: string;
  html: string;
}

/**
 * Every organisation's benchmark report as HTML, one at a time: the snapshot is read and the
 * benchmarks computed once, then each report is built, drawn and rendered and handed to `write`
 * before the next is made, so a thousand reports never sit in memory together.
 */
export async function allBenchmarkReports(
  store: Store,
  surveyId: string,
  query: BenchmarkQuery,
  render: RenderOptions,
  write: (page: BenchmarkReportPage, done: number, total: number) => Promise<void>,
): Promise<number> {
  const { definition, snapshot, wave } = await loadSnapshot(store, surveyId, query.wave);
  const register = new Map((await store.organisations.list()).map((o) => [o.id, o]));
  const all = allOrganisationBenchmarks(definition, snapshot, { ...query, ...(wave === undefined ? {} : { wave }) });
  const total = snapshot.orgs.length;
  let done = 0;
  for (const benchmark of all.reports()) {
    const org = register.get(benchmark.organisation.id);
    const view = buildBenchmarkReport(definition, benchmark, { responses: benchmark.respondents, headcount: org?.headcount ?? null });
    await drawReportCharts(view);
    done += 1;
    await write({ orgId: benchmark.organisation.id, name: benchmark.organisation.name, html: renderReportHtml(view, render) }, done, total);
  }
  return done;
}
