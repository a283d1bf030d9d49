import { readFileSync } from 'node:fs';
import type { XlsformSheetOut } from '../../src/definition/xlsform/xlsform-sheets.js';
import { writeXlsformWorkbook } from '../../src/operations/xlsform-file.js';

/**
 * A form in pyxform's markdown layout (`| survey |`, then `| | type | name | … |` rows) as
 * sheets: the first row under a sheet's line is its header.
 */
export function sheetsFromMarkdown(text: string): XlsformSheetOut[] {
  const sheets: XlsformSheetOut[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim().startsWith('|')) continue;
    const cells = line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
    if (cells[0] !== '') sheets.push({ name: cells[0]!.toLowerCase(), rows: [] });
    else sheets.at(-1)!.rows.push(cells.slice(1));
  }
  return sheets;
}

/** The .xlsx bytes of a fixture under test/fixtures/xlsform/. */
export async function fixtureXlsx(name: string): Promise<Buffer> {
  return writeXlsformWorkbook(sheetsFromMarkdown(readFileSync(new URL(`../fixtures/xlsform/${name}`, import.meta.url), 'utf8')));
}
