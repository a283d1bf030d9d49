/**
 * A table as Canvass exports it: named, typed columns and rows of plain cells. One description
 * serves the CSV, the XLSX sheet and the Frictionless Table Schema of the open-data package, so
 * a file and the descriptor that documents it cannot drift apart.
 */
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean';

export interface TableColumn {
  /** The header cell and the Table Schema field name: lower-case, words joined by _. */
  name: string;
  type: ColumnType;
  title: string;
  /** What the column holds, in a sentence a reader of the open data can follow. */
  description: string;
  /** The only values the column may hold (a code list), when it has one. */
  enum?: readonly string[];
  /** Every row has a value (Table Schema `constraints.required`). */
  required?: boolean;
  /** Spreadsheet number format for the XLSX sheet, e.g. `0.0%`. */
  numFmt?: string;
  /** Column width in characters in the XLSX sheet. */
  width?: number;
}

/** null is an empty cell: the value is missing or suppressed. */
export type TableCell = string | number | boolean | null;

export type TableRow = Readonly<Record<string, TableCell>>;

export interface Table {
  columns: readonly TableColumn[];
  rows: readonly TableRow[];
}
