/**
 * An XLSForm as plain data, apart from the spreadsheet file it came in (read and written in
 * operations/xlsform-file.ts): each sheet's header cells and its rows, every cell as text.
 * `row` is the spreadsheet's own row number (the header is row 1), so that a problem can say
 * "sheet survey, row 7" and the user finds it in Excel.
 */
export interface XlsformSheet {
  /** The sheet's name as written in the workbook. */
  name: string;
  /** The header row's cells, trimmed, in column order; an empty string for an empty header cell. */
  headers: string[];
  rows: XlsformRow[];
}

export interface XlsformRow {
  row: number;
  /** Cell text by column index (as `headers`); empty cells are empty strings. */
  cells: string[];
}

/** The workbook's sheets by name, lower-cased (XLSForm's `survey`, `choices`, `settings`). */
export type XlsformWorkbook = Map<string, XlsformSheet>;

/** A sheet to write: its name and its rows of text, the header first. */
export interface XlsformSheetOut {
  name: string;
  rows: string[][];
}

/** Where something is in a workbook, as a person would look for it. */
export function at(sheet: string, row: number): string {
  return `sheet ${sheet}, row ${row}`;
}
