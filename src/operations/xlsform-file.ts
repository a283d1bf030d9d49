import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Problem } from '../errors/catalogue.js';
import { CanvassError } from '../errors/canvass-error.js';
import type { XlsformSheet, XlsformSheetOut, XlsformWorkbook } from '../definition/xlsform/xlsform-sheets.js';

/**
 * Reading and writing XLSForm workbooks (.xlsx) with exceljs. A form is a small file, and one
 * from elsewhere may be hostile, so before exceljs (which unzips every part into memory) sees it:
 * the file is at most {@link maxXlsformBytes}; it is a zip (an .xls of Excel 97–2003 is named as
 * such); and every part is unzipped once as a stream, counting bytes, so that a zip bomb — a part
 * whose declared size lies — stops at {@link maxUnzippedBytes} instead of filling memory. Then
 * no sheet may have more than {@link maxRows} rows or {@link maxColumns} columns, a cell may not
 * hold a formula (its shown value is Excel's, not the form's) or a NUL.
 */
export const maxXlsformBytes = 10 * 1024 * 1024;
export const maxUnzippedBytes = 40 * 1024 * 1024;
export const maxRows = 20_000;
export const maxColumns = 500;

const unreadable = (source: string, why: string) => new CanvassError('definition.unreadable', `${source} cannot be read as an XLSForm: ${why}`);

/** Whether bytes look like an .xlsx (a zip) or an old .xls (an OLE compound file). */
export function isSpreadsheet(bytes: Uint8Array): boolean {
  return (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0);
}

export async function readXlsformWorkbook(bytes: Uint8Array, source: string): Promise<XlsformWorkbook> {
  if (bytes.length > maxXlsformBytes) throw unreadable(source, `the file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; an XLSForm is at most ${maxXlsformBytes / 1024 / 1024} MB`);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) throw unreadable(source, 'it is an .xls file (Excel 97–2003); save it as an Excel workbook (.xlsx)');
  if (!isSpreadsheet(bytes)) throw unreadable(source, 'it is not an Excel workbook (.xlsx)');
  await checkUnzippedSize(bytes, source);

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw unreadable(source, `it is not an Excel workbook (.xlsx) exceljs can read (${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'})`);
  }
  const problems: Problem[] = [];
  const sheets: XlsformWorkbook = new Map();
  workbook.eachSheet((worksheet) => {
    const sheet = readSheet(worksheet, problems);
    if (sheet && !sheets.has(sheet.name.toLowerCase())) sheets.set(sheet.name.toLowerCase(), sheet);
  });
  if (problems.length > 0) throw new CanvassError('definition.invalid', `${source} has cells Canvass cannot read (${problems.length} problem${problems.length === 1 ? '' : 's'})`, { problems });
  return sheets;
}

async function checkUnzippedSize(bytes: Uint8Array, source: string): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    throw unreadable(source, `it is not a readable zip file, as an .xlsx is (${error instanceof Error ? error.message : 'unknown error'})`);
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  if (entries.length > 10_000) throw unreadable(source, `it holds ${entries.length} parts, far more than a workbook has`);
  let total = 0;
  for (const entry of entries) {
    await new Promise<void>((resolve, reject) => {
      const stream = entry.nodeStream('nodebuffer');
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > maxUnzippedBytes) {
          stream.pause();
          stream.removeAllListeners('data');
          reject(unreadable(source, `it unzips to more than ${maxUnzippedBytes / 1024 / 1024} MB, far more than a form needs (a zip bomb?)`));
        }
      });
      stream.on('error', (error: Error) => reject(unreadable(source, `a part of it cannot be unzipped (${error.message})`)));
      stream.on('end', () => resolve());
    });
  }
}

function readSheet(worksheet: ExcelJS.Worksheet, problems: Problem[]): XlsformSheet | undefined {
  const name = worksheet.name;
  const rows: Array<{ row: number; cells: string[] }> = [];
  let tooBig = false;
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (tooBig) return;
    if (rowNumber > maxRows) {
      problems.push({ where: `sheet ${name}`, code: 'xlsform-too-large', message: `the sheet has rows past row ${maxRows}; an XLSForm has far fewer` });
      tooBig = true;
      return;
    }
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (tooBig) return;
      if (column > maxColumns) {
        problems.push({ where: `sheet ${name}`, code: 'xlsform-too-large', message: `the sheet has cells past column ${maxColumns}; an XLSForm has far fewer` });
        tooBig = true;
        return;
      }
      const where = `sheet ${name}, row ${rowNumber}, column ${column}`;
      const text = cellText(cell.value, where, problems);
      if (text.includes('\u0000')) problems.push({ where, code: 'nul-character', message: 'the cell holds a NUL character', expected: 'text without control characters' });
      while (cells.length < column - 1) cells.push('');
      cells[column - 1] = text;
    });
    rows.push({ row: rowNumber, cells });
  });
  if (tooBig) return undefined;
  const header = rows[0];
  if (!header) return { name, headers: [], rows: [] };
  return { name, headers: header.cells.map((c) => c.trim()), rows: rows.slice(1).filter((r) => r.row > header.row) };
}

function cellText(value: ExcelJS.CellValue, where: string, problems: Problem[]): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      problems.push({ where, code: 'xlsform-formula', message: 'the cell holds a formula; Canvass reads only values', expected: 'the value typed in (copy, then paste values)' });
      return '';
    }
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('error' in value) {
      problems.push({ where, code: 'xlsform-cell-error', message: `the cell shows an error (${String(value.error)})` });
      return '';
    }
    if ('text' in value) {
      const text: unknown = value.text;
      if (typeof text === 'string') return text;
      if (text && typeof text === 'object' && 'richText' in text && Array.isArray(text.richText)) return (text.richText as Array<{ text: string }>).map((r) => r.text).join('');
    }
  }
  problems.push({ where, code: 'xlsform-cell', message: 'the cell holds something other than text or a number' });
  return '';
}

/** An XLSForm workbook's bytes: each sheet's rows as text cells (never formulas). */
export async function writeXlsformWorkbook(sheets: XlsformSheetOut[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    for (const row of sheet.rows) worksheet.addRow(row);
    worksheet.getRow(1).font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
