import { cpus, loadavg } from 'node:os';
import { version as duckDbVersion } from '@duckdb/node-api';
import type { BenchConfig } from './bench-config.js';
import type { ProfileSummary } from './cpu-profile.js';
import type { MemoryReport } from './memory-monitor.js';
import { formatTable, megabytes, seconds, type ReportRow } from './report-table.js';

export interface BenchReport {
  config: BenchConfig;
  respondents: number;
  organisations: number;
  questions: number;
  duckDbThreads: string;
  /** One-minute load averages when the bench started and ended: the machine is shared. */
  loadAverage: { start: number; end: number };
  rows: ReportRow[];
  notes: string[];
  memory: MemoryReport;
  profiles: Array<{ step: string; summary: ProfileSummary }>;
}

/** The report on stdout: the setting, the table of figures and goals, memory by phase, notes, profiles. */
export function printReport(report: BenchReport): void {
  const { config } = report;
  const count = (n: number) => n.toLocaleString('en-GB');
  const out: string[] = [
    '',
    `Canvass bench — ${count(report.respondents)} respondents, ${count(report.organisations)} organisations, ${report.questions} questions ` +
      `(${config.singleQuestions} single, ${config.multiQuestions} multi × ${config.multiOptions}, ${config.scaleQuestions} scales), ${100 * config.itemNonResponse}% item non-response, seed ${config.seed}`,
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, DuckDB ${duckDbVersion()} (${report.duckDbThreads} threads); ` +
      `medians of ${config.runs} runs after a warm-up; load average ${report.loadAverage.start.toFixed(1)} at the start, ${report.loadAverage.end.toFixed(1)} at the end`,
    '',
    formatTable(report.rows),
    '',
    'Memory by phase (RSS at the end of the phase / highest RSS so far):',
    ...report.memory.phases.map((p) => `  ${p.phase.padEnd(22)} ${megabytes(p.rssBytes).padStart(8)} / ${megabytes(p.maxRssSoFarBytes).padStart(8)}`),
  ];
  if (report.notes.length > 0) out.push('', ...report.notes.map((note) => `Note: ${note}`));
  for (const { step, summary } of report.profiles) {
    out.push('', `CPU profile of one ${step} run (${seconds(summary.totalMs)} sampled; ${summary.file}):`, '  Self time by file:');
    for (const f of summary.byFile.slice(0, 10)) out.push(`    ${(100 * f.share).toFixed(1).padStart(5)}%  ${seconds(f.selfMs).padStart(8)}  ${f.file}`);
    out.push('  Hottest functions (self time, TypeScript line where the function starts):');
    for (const h of summary.hottest.slice(0, 15)) out.push(`    ${(100 * h.share).toFixed(1).padStart(5)}%  ${seconds(h.selfMs).padStart(8)}  ${h.name}  ${h.where}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

export const currentLoadAverage = () => loadavg()[0] ?? 0;
