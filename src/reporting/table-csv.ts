import { stringify } from 'csv-stringify/sync';
import { csvQuoting, neutraliseCell } from './csv-cell.js';
import type { Table, TableCell } from './table-columns.js';

/**
 * A table as CSV: a header of column names, then one line per row. Text is neutralised against
 * formula injection, numbers are written in full (unrounded: rounding is for display), booleans
 * as true/false and missing values as empty cells, which is what the open-data package declares
 * (`missingValues: [""]`).
 */
export function tableToCsv(table: Table): string {
  const header = table.columns.map((c) => c.name);
  const rows = table.rows.map((row) => table.columns.map((c) => csvCell(row[c.name] ?? null)));
  return stringify([header, ...rows], { record_delimiter: 'unix', ...csvQuoting });
}

function csvCell(value: TableCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return neutraliseCell(value);
}
