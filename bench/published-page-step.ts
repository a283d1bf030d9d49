import type { AddressInfo } from 'node:net';
import { publishRelease } from '../src/operations/publish-release.js';
import { createRelease } from '../src/operations/releases.js';
import type { Store } from '../src/storage/store.js';
import { buildWebApp } from '../src/web/app.js';
import { publicationRender } from '../src/web/reports/publication-render.js';
import { progressLine, step } from './progress-line.js';
import { seconds, type ReportRow } from './report-table.js';

/** A published page as a reader waits for it: p95 of this many requests, under the goal. */
const requests = 200;
const pageGoalMs = 50;

/**
 * What a release costs and what a reader of its pages waits for: `canvass release`, then
 * `canvass publish` (the survey report, every organisation's benchmark page and the open data,
 * made once), then the web server answering 200 requests for organisations' benchmark pages over
 * HTTP on loopback, one after another, as a browser asks (accepting gzip). The first request is
 * reported apart from the rest.
 */
export async function timePublishedPages(store: Store, surveyId: string, rows: ReportRow[]): Promise<void> {
  step('Making release 1 of the national survey (canvass release)');
  let started = performance.now();
  const made = await createRelease(store, surveyId, { note: 'bench' });
  rows.push({ figure: 'Release (canvass release)', value: seconds(performance.now() - started), goal: '', status: 'info', detail: `${made.release.responses.toLocaleString('en-GB')} responses frozen` });

  const progress = progressLine('Publishing release 1 (canvass publish)');
  started = performance.now();
  const published = await publishRelease(store, surveyId, { render: publicationRender(surveyId), onProgress: progress.update });
  const publishMs = performance.now() - started;
  progress.done(`${published.pagesMade} pages and files`);
  rows.push({ figure: 'Publish a release (canvass publish)', value: seconds(publishMs), goal: '', status: 'info', detail: `${published.pagesMade} pages and files made once, through the release ledger` });

  const app = await buildWebApp({ store, rateLimits: { signIn: { max: 1000, timeWindow: 60_000 } } });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const ids = [...(await (await fetch(`${base}/reports/${surveyId}/organisations`)).text()).matchAll(/href="\/reports\/[^/]+\/organisations\/([^"]+)"/g)].map((m) => m[1]!);
    if (ids.length === 0) throw new Error('the published list of organisations has no links');
    step(`Timing ${requests} requests for published benchmark pages over HTTP`);
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < requests; i++) {
      const id = ids[(i * 7919) % ids.length]!;
      const t0 = performance.now();
      const response = await fetch(`${base}/reports/${surveyId}/organisations/${id}`, { headers: { 'accept-encoding': 'gzip' } });
      const body = await response.arrayBuffer();
      times.push(performance.now() - t0);
      if (response.status !== 200) throw new Error(`GET a published benchmark page gave ${response.status}`);
      bytes += body.byteLength;
    }
    const first = times[0]!;
    const rest = times.slice(1).sort((a, b) => a - b);
    const p95 = rest[Math.ceil(0.95 * rest.length) - 1]!;
    const median = rest[Math.floor(rest.length / 2)]!;
    rows.push({
      figure: `Published benchmark page, p95 of ${requests - 1} requests`,
      value: `${p95.toFixed(1)} ms`,
      goal: `≤ ${pageGoalMs} ms`,
      status: p95 <= pageGoalMs ? 'pass' : 'FAIL',
      detail: `median ${median.toFixed(1)} ms, first request ${first.toFixed(1)} ms; HTTP on loopback, ${(bytes / requests / 1024).toFixed(0)} kB a page as sent (gzip)`,
    });
  } finally {
    await app.close();
  }
}
