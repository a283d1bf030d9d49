import type { SurveyResults } from '../analysis/results/results-model.js';
import type { Definition } from '../definition/schema.js';
import { aggregateTable } from './aggregate-table.js';
import { codebookTable } from './codebook.js';
import { aboutResults } from './results-about.js';
import type { TableColumn, TableRow } from './table-columns.js';
import { aboutSheet, tablesToXlsx, type XlsxCell } from './xlsx-table.js';

/** Columns that hold a percentage (0–100) of a base, for an option or net. */
const percentColumns = new Set(['percent', 'ci_low', 'ci_high', 'change_previous_percent']);
/** Columns in percentage points, or in a mean's units: a plain number, not a share. */
const pointColumns = new Set(['se', 'comparison_difference', 'change_difference', 'mean']);

/**
 * The aggregates as an XLSX workbook: the tidy table of {@link aggregateTable} with numbers as
 * numbers (percentages as spreadsheet percentages, so 61.2 is stored as 0.612 and shown as
 * 61.2%; a mean and its interval as plain numbers), the codebook, and an About sheet saying
 * what the figures are (filter, breakdown, unit, design, interval, disclosure rule, notice).
 */
export function aggregatesToXlsx(results: SurveyResults, definition: Definition): Promise<Buffer> {
  return tablesToXlsx([
    { name: 'Aggregates', table: aggregateTable(results, definition), cellOf: aggregateCell },
    { name: 'Codebook', table: codebookTable(definition, { nets: true }) },
    aboutSheet(aboutResults(results)),
  ]);
}

function aggregateCell(row: TableRow, column: TableColumn): XlsxCell {
  const value = row[column.name] ?? null;
  if (typeof value !== 'number') return value;
  const isMean = row.figure_type === 'mean';
  if (percentColumns.has(column.name) && !isMean) return { value: value / 100, numFmt: '0.0%' };
  if (percentColumns.has(column.name) || pointColumns.has(column.name)) return { value, numFmt: isMean ? '0.00' : '0.0' };
  return value;
}
