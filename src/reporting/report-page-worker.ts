import { renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { drawReportCharts } from './draw-report-charts.js';
import { renderReportHtml, type RenderOptions } from './render-report-html.js';
import type { AnyReport } from './report-model.js';

/** A report page to draw, render and write: what the pool posts to a worker. */
export interface PageJob {
  id: number;
  report: AnyReport;
  render: RenderOptions;
  /** Where to write the page; without one, the page comes back gzipped (to be stored). */
  path?: string;
}

/** Draws a report's charts and renders it, gzipped: a page to keep, as a publication does. */
export async function gzippedReportPage(job: Omit<PageJob, 'id' | 'path'>): Promise<Uint8Array> {
  await drawReportCharts(job.report);
  return gzipSync(renderReportHtml(job.report, job.render));
}

/** Draws a report's charts, renders it and writes it beside its target then renames it, so no half-written page is left. */
export async function writeReportPage(job: Omit<PageJob, 'id'> & { path: string }): Promise<void> {
  await drawReportCharts(job.report);
  const html = renderReportHtml(job.report, job.render);
  const temporary = join(dirname(job.path), `.${basename(job.path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  writeFileSync(temporary, html);
  renameSync(temporary, job.path);
}

parentPort?.on('message', (job: PageJob) => {
  const path = job.path;
  const work = path === undefined ? gzippedReportPage(job) : writeReportPage({ ...job, path }).then(() => undefined);
  work.then(
    (gzipped) => (gzipped ? parentPort!.postMessage({ id: job.id, gzipped }, [gzipped.buffer as ArrayBuffer]) : parentPort!.postMessage({ id: job.id })),
    (error: unknown) => parentPort!.postMessage({ id: job.id, error: (error as Error).stack ?? String(error) }),
  );
});
