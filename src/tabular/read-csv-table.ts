import { parse } from 'csv-parse/sync';
import type { Problem } from '../errors/catalogue.js';
import { nulProblem } from '../errors/nul-characters.js';

export interface CsvTable {
  header: string[];
  /** Data rows with the row number a spreadsheet shows (the header is row 1); blank rows left out. */
  rows: Array<{ row: number; cells: string[] }>;
}

/**
 * Reads CSV text into a header and rows. Rows are numbered as a spreadsheet numbers them, so a
 * blank line still counts as a row; rows with nothing in any cell (as spreadsheets save them,
 * `,,,,`) are skipped. Ragged rows are kept for the caller to report per row. A cell holding a
 * NUL character is refused (the first one, named by row and column): no database stores one.
 */
export function readCsvTable(text: string): { ok: true; table: CsvTable } | { ok: false; problem: Problem } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: false, relax_column_count: true }) as string[][];
  } catch (error) {
    return { ok: false, problem: { where: 'file', code: 'csv-syntax', message: (error as Error).message } };
  }
  const header = records[0] ?? [];
  for (const [i, cells] of records.entries()) {
    const c = cells.findIndex((cell) => cell.includes('\u0000'));
    if (c >= 0) {
      const column = i > 0 && header[c] !== undefined && !header[c].includes('\u0000') && header[c].trim() !== '' ? header[c].trim() : `${c + 1}`;
      return { ok: false, problem: nulProblem(`row ${i + 1}, column ${column}`) };
    }
  }
  const numbered = records.map((cells, i) => ({ row: i + 1, cells })).filter(({ cells }) => cells.some((c) => c.trim() !== ''));
  const [first, ...rows] = numbered;
  if (!first) return { ok: false, problem: { where: 'file', code: 'empty', message: 'the file is empty', expected: 'a header row' } };
  if (first.row !== 1) return { ok: false, problem: { where: 'row 1', code: 'missing-header', message: 'the first row is empty', expected: 'the header row first' } };
  return { ok: true, table: { header: first.cells.map((h) => h.trim()), rows } };
}
