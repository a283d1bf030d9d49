import ExcelJS from 'exceljs';
import { neutraliseCell } from './csv-cell.js';
import type { Table, TableCell, TableColumn } from './table-columns.js';

/** A cell that needs its own number format (a percentage in one row, a mean in the next). */
export interface FormattedNumber {
  value: number;
  numFmt: string;
}

export type XlsxCell = TableCell | FormattedNumber;

export interface XlsxSheet {
  name: string;
  table: Table;
  /** Overrides a row's cells for the sheet, e.g. percentages as fractions formatted `0.0%`. */
  cellOf?: (row: Table['rows'][number], column: Table['columns'][number]) => XlsxCell;
}

/**
 * A workbook of tables, one sheet each: the header row bold and frozen so it stays in view,
 * numbers as numbers (with the column's format), booleans as TRUE/FALSE, missing values empty.
 * Text is neutralised as in the CSV files: exceljs writes strings as text, not formulas, but a
 * sheet saved again as CSV, or a cell edited and confirmed, would run them.
 */
export async function tablesToXlsx(sheets: readonly XlsxSheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Canvass';
  for (const sheet of sheets) {
    const { columns, rows } = sheet.table;
    const worksheet = workbook.addWorksheet(sheet.name, { views: sheetViews() });
    worksheet.columns = worksheetColumns(columns);
    worksheet.getRow(1).font = { bold: true };
    for (const row of rows) {
      const added = worksheet.addRow([]);
      columns.forEach((column, i) => setCell(added.getCell(i + 1), sheet.cellOf ? sheet.cellOf(row, column) : (row[column.name] ?? null)));
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A sheet's views: the header row frozen, so it stays in view. */
export function sheetViews(): Array<Partial<ExcelJS.WorksheetView>> {
  return [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
}

/** A sheet's columns: the header cell, its width and number format. */
export function worksheetColumns(columns: readonly TableColumn[]): Array<Partial<ExcelJS.Column>> {
  return columns.map((c) => ({
    header: c.name,
    key: c.name,
    width: c.width ?? Math.min(60, Math.max(10, c.name.length + 2)),
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
}

/** Writes a value into a cell: text neutralised, numbers as numbers (not a finite one: empty), null empty. */
export function setCell(cell: ExcelJS.Cell, value: XlsxCell): void {
  if (value === null) return;
  if (typeof value === 'object') {
    cell.value = value.value;
    cell.numFmt = value.numFmt;
  } else if (typeof value === 'string') cell.value = neutraliseCell(value);
  else if (typeof value === 'number') cell.value = Number.isFinite(value) ? value : null;
  else cell.value = value;
}

/** A sheet of statements about the data (survey, notice, filter, design) as two columns. */
export function aboutSheet(entries: ReadonlyArray<readonly [string, string | number | null]>): XlsxSheet {
  return {
    name: 'About',
    table: {
      columns: [
        { name: 'about', type: 'string', title: 'About', description: 'What is described', width: 28 },
        { name: 'value', type: 'string', title: 'Value', description: 'Its value', width: 100 },
      ],
      rows: entries.filter(([, value]) => value !== null && value !== '').map(([about, value]) => ({ about, value })),
    },
  };
}
