import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { TableColumn, TableRow } from './table-columns.js';
import { setCell, sheetViews, worksheetColumns } from './xlsx-table.js';

export interface StreamedXlsxSheet {
  name: string;
  columns: readonly TableColumn[];
  /** The rows, a page at a time: a page is asked for only when the workbook has room for it. */
  pages: AsyncIterable<readonly TableRow[]> | Iterable<readonly TableRow[]>;
}

/**
 * The workbook of {@link tablesToXlsx} (header bold and frozen, widths, numbers as numbers, text
 * neutralised), written as its rows come with exceljs's streaming writer: each row is committed
 * to the zip as it is added, and text is written into its cell rather than into a table of shared
 * strings that would grow with every distinct response id. Between pages it waits until the
 * reader has taken what was written, so memory holds about a page whatever the number of rows.
 */
export function tablesToXlsxStream(sheets: readonly StreamedXlsxSheet[]): Readable {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Canvass';
  /** Until the reader has taken what was written, or gone. */
  const drained = async () => {
    if (!output.writableNeedDrain || output.destroyed) return;
    await new Promise((resolve) => {
      output.once('drain', resolve);
      output.once('close', resolve);
    });
  };
  const roomFor = async (worksheet: object) => {
    const handedOn = sheetBacklog(worksheet);
    for (;;) {
      await drained();
      if (output.destroyed || handedOn() === 0) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const write = async () => {
    for (const sheet of sheets) {
      const worksheet = workbook.addWorksheet(sheet.name, { views: sheetViews() });
      worksheet.columns = worksheetColumns(sheet.columns);
      worksheet.getRow(1).font = { bold: true };
      for await (const page of sheet.pages) {
        for (const row of page) {
          const added = worksheet.addRow([]);
          sheet.columns.forEach((column, i) => setCell(added.getCell(i + 1), row[column.name] ?? null));
          added.commit();
        }
        await roomFor(worksheet);
        if (output.destroyed) return;
      }
      worksheet.commit();
    }
    await workbook.commit();
  };
  write().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return output;
}

/**
 * How much of a sheet's XML waits to be compressed. exceljs's sheet stream (a StreamBuf) hands
 * its XML to the zip without waiting, and zlib compresses on the thread pool, a chunk a turn of
 * the event loop: a sheet written in one go piles up uncompressed (2 GB for 500,000 responses of
 * 60 questions). The pile sits in the stream between the two (exceljs 4's `pipes` of the sheet
 * stream, archiver's readable-stream PassThrough): these are internals, so without them this
 * says 0 and the writer only waits for its reader, as it would for a stream that kept to the rules.
 */
function sheetBacklog(worksheet: object): () => number {
  type Buffered = { _writableState?: { length?: number }; _readableState?: { length?: number } };
  const handedTo = (worksheet as { stream?: { pipes?: Buffered[] } }).stream?.pipes?.[0];
  return () => (handedTo?._writableState?.length ?? 0) + (handedTo?._readableState?.length ?? 0);
}
