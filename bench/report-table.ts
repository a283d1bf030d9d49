export type Status = 'pass' | 'FAIL' | 'info' | 'skipped';

export interface ReportRow {
  figure: string;
  value: string;
  goal: string;
  status: Status;
  /** How it was measured, or why it was not. */
  detail?: string;
}

/** Rows as an aligned plain-text table (fits a terminal and a pull-request comment). */
export function formatTable(rows: readonly ReportRow[]): string {
  const header = ['Figure', 'Measured', 'Goal', 'Result', 'Detail'];
  const cells = rows.map((r) => [r.figure, r.value, r.goal, r.status === 'info' ? '' : r.status, r.detail ?? '']);
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) => (c === 1 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), '-'.repeat(widths.reduce((a, b) => a + b + 2, -2)), ...cells.map(line)].join('\n');
}

export const seconds = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
export const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
export const perSecond = (count: number, ms: number) => `${Math.round(count / (ms / 1000)).toLocaleString('en-GB')} responses/s`;
