import { loadavg } from 'node:os';
import type { BarChartInput, BenchmarkChartInput } from '../src/reporting/charts/chart-model.js';
import { ChartRenderer } from '../src/reporting/charts/chart-renderer.js';
import { formatTable, type ReportRow } from './report-table.js';
import { describeRuns, timeOnce, timeRuns } from './timing.js';

/**
 * Time to render report charts to SVG: the first chart of a shape (Vega-Lite compile, Vega parse,
 * render) against each further chart of that shape on the kept view (new data, re-run, render).
 * Per-organisation reports draw the same few shapes a thousand times, so the second figure is
 * the one that counts. `npm run bench:charts`; BENCH_CHART_BATCH charts per timed run (default 100).
 */

const batch = Number(process.env.BENCH_CHART_BATCH ?? 100);
const runs = 5;
const options = ['Strongly agree', 'Agree', 'Neither agree nor disagree', 'Disagree', 'Strongly disagree'];
const series = ['Your organisation', 'Peer group', 'Sector'];

function fiveBars(seed: number): BarChartInput {
  const bars = options.map((label, i) => {
    const value = (seed * 37 + i * 19) % 101;
    return { label, value, low: Math.max(0, value - 4), high: Math.min(100, value + 4) };
  });
  return { title: `Question ${seed}`, description: 'Percent of respondents.', unit: 'percent', bars };
}

function groupedBars(seed: number): BarChartInput {
  const bars = series.flatMap((group, g) => options.map((label, i) => ({ label, group, value: (seed * 31 + i * 17 + g * 7) % 101 })));
  return { title: `Question ${seed} compared`, description: 'Percent of respondents.', unit: 'percent', bars };
}

function overview(seed: number): BenchmarkChartInput {
  const rows = Array.from({ length: 60 }, (_, i) => {
    const median = ((seed * 7 + i * 11) % 61) + 20;
    return { label: `Question ${i + 1}: agree (net)`, value: (seed + i) % 9 === 0 ? null : (seed * 3 + i * 29) % 101, median, lower: median - 12, upper: median + 12 };
  });
  return { title: `Organisation ${seed} against the sector`, description: 'd', unit: 'percent', organisationLabel: `Organisation ${seed}`, rows };
}

async function timeShape(name: string, render: (renderer: ChartRenderer, seed: number) => Promise<string>): Promise<ReportRow[]> {
  const renderer = new ChartRenderer();
  const first = await timeOnce(() => render(renderer, 0));
  let seed = 1;
  const timed = await timeRuns(async () => {
    for (let i = 0; i < batch; i++) await render(renderer, seed++);
  }, runs);
  const per = (ms: number) => `${(ms / batch).toFixed(2)} ms`;
  return [
    { figure: `${name}: first chart (compile + render)`, value: `${first.ms.toFixed(1)} ms`, goal: '', status: 'info' },
    { figure: `${name}: each further chart`, value: per(timed.median), goal: '', status: 'info', detail: `${describeRuns(timed, per)} per chart, ${batch} charts a run` },
  ];
}

async function main(): Promise<void> {
  const load = loadavg()[0]!.toFixed(2);
  const rows = [
    ...(await timeShape('5 bars with intervals', (r, s) => r.barChart(fiveBars(s)))),
    ...(await timeShape('5 rows × 3 series', (r, s) => r.barChart(groupedBars(s)))),
    ...(await timeShape('Benchmark overview, 60 rows', (r, s) => r.benchmarkChart(overview(s)))),
  ];
  process.stdout.write(`\nChart rendering (Node ${process.version}; load average ${load} at the start, ${loadavg()[0]!.toFixed(2)} at the end)\n\n${formatTable(rows)}\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
