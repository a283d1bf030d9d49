import { ChartRenderer } from './charts/chart-renderer.js';
import type { AnyReport, ReportChart } from './report-model.js';

let renderer: ChartRenderer | undefined;

/**
 * Draws every chart of a report to SVG with Vega-Lite (filled in place), one after another on
 * a renderer kept for the process: each chart shape is compiled once, so the thousandth
 * benchmark report draws its overview on a view already built.
 */
export async function drawReportCharts(report: AnyReport): Promise<void> {
  renderer ??= new ChartRenderer();
  const charts: ReportChart[] = [...(report.kind === 'benchmark' && report.overview ? [report.overview] : []), ...report.sections.flatMap((s) => (s.chart ? [s.chart] : []))];
  for (const chart of charts) chart.svg = await draw(renderer, chart);
}

function draw(renderer: ChartRenderer, chart: ReportChart): Promise<string> {
  // The page's heading above the chart already says what it is; the title stays its accessible name.
  const about = { id: chart.id, title: chart.title, description: chart.description, unit: 'percent' as const, showTitle: false };
  if (chart.kind === 'bars') return renderer.barChart({ ...about, bars: chart.bars });
  return renderer.benchmarkChart({ ...about, rows: chart.rows, organisationLabel: chart.organisationLabel });
}
