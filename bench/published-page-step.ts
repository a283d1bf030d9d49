import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/storage/open-database.js';
import { createStore } from '../src/storage/store.js';
import { buildWebApp } from '../src/web/app.js';
import { timeNodeProcess } from './child-process-timing.js';
import { step } from './progress-line.js';
import { megabytes, seconds, type ReportRow } from './report-table.js';

/** A published page as a reader waits for it: p95 of this many requests, under the goal. */
const requests = 200;
const pageGoalMs = 50;

/**
 * What a release costs and what a reader of its pages waits for, as a user meets them: `canvass
 * release` and `canvass publish` (the survey report, every organisation's benchmark page and the
 * open data, made once) as whole processes on the SQLite file the storage phase wrote, with their
 * peak memory; then the web server answering 200 requests for organisations' benchmark pages over
 * HTTP on loopback, one after another, as a browser asks (accepting gzip). The first request is
 * reported apart from the rest.
 */
export async function timePublishedPages(input: { surveyId: string; sqlitePath: string; scratch: string }, rows: ReportRow[]): Promise<void> {
  const { surveyId, sqlitePath, scratch } = input;
  const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
  const db = ['--db', `sqlite:${sqlitePath}`];
  step('Making release 1 of the national survey (canvass release, a whole process)');
  const released = await timeNodeProcess([cli, 'release', surveyId, '--note', 'bench', ...db], scratch, 'release');
  rows.push({ figure: 'canvass release (whole process)', value: seconds(released.ms), goal: '', status: 'info', detail: `${released.stdout.split('\n')[0]}; peak RSS ${rss(released.maxRssBytes)}` });
  step('Publishing release 1 (canvass publish, a whole process)');
  const published = await timeNodeProcess([cli, 'publish', surveyId, ...db], scratch, 'publish');
  rows.push({ figure: 'canvass publish (whole process)', value: seconds(published.ms), goal: '', status: 'info', detail: `${/\((\d+) pages/.exec(published.stdout)?.[1] ?? '?'} pages and files made once, through the release ledger; peak RSS ${rss(published.maxRssBytes)}` });

  const database = await openDatabase(`sqlite:${sqlitePath}`);
  const app = await buildWebApp({ store: createStore(database.db) });
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
    await database.close();
  }
}

const rss = (bytes: number | undefined) => (bytes === undefined ? 'not reported' : megabytes(bytes));
