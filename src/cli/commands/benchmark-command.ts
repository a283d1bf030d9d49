import type { Command } from 'commander';
import type { BenchmarkFigure, OrganisationBenchmarkReport } from '../../analysis/benchmarks/organisation-benchmarks.js';
import type { Comparison, Estimate } from '../../analysis/results/results-model.js';
import { roundHalfUp } from '../../analysis/results/round-half-up.js';
import { offeredNote } from '../../reporting/offered-note.js';
import { organisationBenchmark, type BenchmarkQuery } from '../../operations/organisation-benchmark.js';
import type { CliIo } from '../cli-io.js';
import { addDesignOptions, designOptionsOf } from '../design-options.js';
import { dbOptionHelp, withStore } from '../with-store.js';

export function registerBenchmarkCommand(program: Command, io: CliIo): void {
  const command = program
    .command('benchmark')
    .argument('<survey>', 'survey id')
    .description("one organisation's figures against its peer group (organisations with the same value of the register's peerGroup attribute, type by default) and the sector, with the sector median and quartiles and significance against the rest");
  addDesignOptions(command)
    .requiredOption('--org <id>', 'the organisation: its id in the register, e.g. kent-county-council')
    .option('--wave <id>', 'the wave to benchmark, in a survey with waves (default: the latest)')
    .option('--json', 'print the benchmark as JSON (unrounded percentages, 0–100)')
    .option('--db <url>', dbOptionHelp)
    .action(async (surveyId: string, options: BenchmarkOptions) => {
      const query: BenchmarkQuery = { ...designOptionsOf(options), ...(options.wave === undefined ? {} : { wave: options.wave }) };
      await withStore(io, options.db, async (store) => {
        const report = await organisationBenchmark(store, surveyId, options.org, query);
        io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatBenchmarkTable(report));
      });
    });
}

interface BenchmarkOptions {
  org: string;
  db?: string;
  json?: boolean;
  weights?: string;
  strata?: string;
  fpc?: string;
  unit?: string;
  interval?: string;
  wave?: string;
}

const labelWidth = 40;
const columns = [
  ['organisation', 12],
  ['peer group', 11],
  ['sector', 8],
  ['median (IQR)', 16],
  ['quartile', 9],
  ['vs sector', 11],
  ['vs peers', 11],
] as const;

/** A benchmark as a readable terminal table: whole percentages, the sector median with quartiles, and significance marks. */
export function formatBenchmarkTable(report: OrganisationBenchmarkReport): string {
  const { organisation: org, peerGroup, sector } = report;
  const lines = [
    `${report.title}: benchmark of ${org.name}${report.wave ? ` · wave ${report.wave}` : ''}`,
    ...(report.notice ? [`Note: ${report.notice}`] : []),
    `${org.name} (${org.id}): ${plural(report.respondents, 'respondent')} · peer group ${peerGroup.label}: ${plural(peerGroup.organisations, 'organisation')}, ${plural(peerGroup.respondents, 'respondent')} · sector: ${plural(sector.organisations, 'organisation')}, ${plural(sector.respondents, 'respondent')} · unit: ${report.unit}`,
    `Design: weights ${report.design.weights}; strata ${report.design.strata}; clusters ${report.design.clusters}; FPC ${report.design.fpc}`,
    `95% intervals: ${report.intervalLabel}. Figures with a base under ${report.minBase} are suppressed.`,
    `Sector median and interquartile range of organisation scores (R quantile type 7), over organisations with a base of at least ${report.minBase}; quartile 1 is the best quarter where the question says which end is better, else the highest percentages.`,
    `vs sector / vs peers: difference in points from the rest of the sector / the rest of the peer group; * significant at 5%, n/t not tested (a base under 30), – withheld.`,
    '',
  ];
  for (const question of report.questions) {
    lines.push(`${question.id}: ${truncate(question.text, 90)}`);
    lines.push(`  ${'answer'.padEnd(labelWidth)} ${columns.map(([title, width]) => title.padStart(width)).join(' ')}`);
    for (const figure of question.figures) lines.push(row(figure, figure.kind === 'net' ? 'net: ' : ''));
    // Options (or nets) a later definition version added: their figures are over the respondents offered them.
    for (const since of [...new Set(question.figures.map((f) => f.offeredFrom).filter((v): v is number => v !== undefined))].sort((a, b) => a - b)) {
      const labels = question.figures.filter((f) => f.offeredFrom === since).map((f) => f.label);
      lines.push(`  (${labels.join(', ')}: ${offeredNote(since)}; ${labels.length === 1 ? 'its' : 'their'} figures, median and tests are over those respondents)`);
    }
    if (question.type === 'multiple') lines.push('  (more than one answer allowed: percentages may add up to more than 100)');
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

function row(figure: BenchmarkFigure, prefix: string): string {
  const median =
    figure.sectorMedian === null
      ? '–'
      : `${roundHalfUp(figure.sectorMedian)}%${figure.sectorQuartiles.lower === null || figure.sectorQuartiles.upper === null ? '' : ` (${roundHalfUp(figure.sectorQuartiles.lower)}–${roundHalfUp(figure.sectorQuartiles.upper)})`}`;
  const cells = [percent(figure.organisation), percent(figure.peerGroup), percent(figure.sector), median, figure.quartile === null ? '–' : String(figure.quartile), mark(figure.vsSector), mark(figure.vsPeerGroup)];
  return `  ${truncate(prefix + figure.label, labelWidth).padEnd(labelWidth)} ${cells.map((cell, c) => cell.padStart(columns[c]![1])).join(' ')}`.trimEnd();
}

function percent(estimate: Estimate): string {
  if (estimate.suppressed) return 'suppressed';
  return estimate.percent === null ? '–' : `${roundHalfUp(estimate.percent)}%`;
}

function mark(comparison: Comparison | null): string {
  if (comparison === null) return '–';
  if (comparison.status === 'not-tested') return 'n/t';
  const rounded = roundHalfUp(comparison.difference);
  return `${rounded > 0 ? '+' : ''}${rounded} pts${comparison.status === 'significant' ? '*' : ' '}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
