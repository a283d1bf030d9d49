import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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
 * peak memory; then `canvass serve` on that file, in a process of its own, answering 200 requests for organisations' benchmark pages over
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

  // The server as a user runs it: its own process, holding only what serving needs.
  step('Starting canvass serve on the file (a process of its own)');
  const server = spawn(process.execPath, [cli, 'serve', '--port', '0', ...db], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CANVASS_ADMIN_EMAIL: 'bench@example.org', CANVASS_ADMIN_PASSWORD: 'bench bench bench bench' } });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const at = /running at (http:\/\/[^\s]+)/.exec(out);
        if (at) resolve(at[1]!);
      });
      server.on('exit', (code) => reject(new Error(`canvass serve exited with ${code} before it listened: ${out.slice(0, 500)}`)));
    });
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
      detail: `median ${median.toFixed(1)} ms, first request ${first.toFixed(1)} ms; canvass serve in a process of its own, HTTP on loopback, sent gzipped (${(bytes / requests / 1024).toFixed(0)} kB a page unpacked)`,
    });
  } finally {
    server.kill();
  }
}

const rss = (bytes: number | undefined) => (bytes === undefined ? 'not reported' : megabytes(bytes));
