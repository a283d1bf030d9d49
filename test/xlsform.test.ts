import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeXlsformWorkbook } from '../src/operations/xlsform-file.js';
import { runCapture } from './support/cli-capture.js';
import { fixtureXlsx } from './support/xlsform-markdown.js';
import { dialects, freshDatabase, postgresAvailable, type TestDatabase } from './support/test-databases.js';

/**
 * XLSForm interchange through the command line, on SQLite and PostgreSQL: third-party forms
 * imported through the same path as a definition file (versions, change report), refused whole
 * with every unsupported row named, the built-in survey exported and imported back unchanged,
 * and hostile workbooks refused with nothing stored.
 */
describe.each(dialects)('XLSForm import and export on %s', (dialect) => {
  let db: TestDatabase;
  let dir: string;
  const run = (...args: string[]) => runCapture([...args, '--db', db.url]);
  const ok = async (...args: string[]) => {
    const result = await run(...args);
    expect(result.code, `${args.join(' ')}: ${result.err}`).toBe(0);
    return result.out;
  };
  const write = (name: string, bytes: Uint8Array | string) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  const surveys = async () => (JSON.parse(await ok('survey', 'list', '--json')) as Array<{ id: string }>).map((s) => s.id);
  const refused = async (path: string) => {
    const result = await run('survey', 'import', path);
    expect(result.code).toBe(1);
    expect(await surveys()).toEqual([]);
    return result.err;
  };

  beforeEach(async (context) => {
    if (dialect === 'postgres' && !(await postgresAvailable())) context.skip();
    db = await freshDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), 'canvass-xlsform-'));
  });
  afterEach(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("imports ODK's complex example as a new survey, listing what it left out, and its edited re-import as version 2", { timeout: 60_000 }, async () => {
    const path = write('health.xlsx', await fixtureXlsx('odk-conditional-complex.md'));
    const out = await ok('survey', 'import', path);
    expect(out).toContain(`Survey 'health' created in`);
    expect(out).toContain('6 questions (definition version 1)');
    expect(out).toContain(`Left out of ${path} (nothing that changes what is asked or what an answer means):\n`);
    expect(out).toContain('  - sheet survey, row 10: note after_health_note is left out: Canvass shows no text between questions\n');
    const validated = await runCapture(['survey', 'validate', path]);
    expect(validated.out).toContain(`${path} is valid: survey 'health' (format 1), 6 questions, 3 conditional`);

    // The same form with a question reworded and an option added goes through definition versions.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    workbook.getWorksheet('survey')!.getCell('C7').value = 'Diastolic pressure';
    workbook.getWorksheet('choices')!.addRow(['diabetes_types', 'gestational', 'Gestational']);
    await workbook.xlsx.writeFile(path);
    const update = await ok('survey', 'import', path);
    expect(update).toContain("Survey 'health' updated");
    expect(update).toContain('definition version 2');
    expect(update).toContain('  reworded questions: diastolic_bp (text)\n');
    expect(update).toContain('  added options: what_diabetes: gestational\n');
  });

  it('refuses a form with calculations whole, naming each row, and stores nothing', { timeout: 60_000 }, async () => {
    const err = await refused(write('tip.xlsx', await fixtureXlsx('odk-calculation.md')));
    expect(err).toContain('cannot be imported: 2 things in it Canvass cannot represent or check (nothing was stored)');
    expect(err).toContain('  - sheet survey, row 3: calculate is not supported: Canvass computes no answers\n');
    expect(err).toContain('  - sheet survey, row 4: calculate is not supported: Canvass computes no answers\n');
  });

  it('exports the built-in survey as an XLSForm that imports back as the same definition version', { timeout: 60_000 }, async () => {
    await ok('survey', 'import', 'src/surveys/digital-gap-2017/definition.yaml', '--register', 'src/surveys/digital-gap-2017/register.yaml');
    const out = join(dir, 'gap.xlsx');
    expect(await ok('survey', 'export', 'digital-gap-2017', '--format', 'xlsform', '--out', out)).toBe(`Wrote survey 'digital-gap-2017' (11 questions) as an XLSForm to ${out}\n`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['survey', 'choices', 'settings', 'canvass_nets', 'canvass_definition']);
    expect(workbook.getWorksheet('survey')!.getRow(5).values).toEqual(expect.arrayContaining(['select_one strategy_stage', "${strategy} = 'yes'", 'strategy = yes']));
    expect(await ok('survey', 'import', out)).toContain("Survey 'digital-gap-2017' unchanged in");
    expect((await run('survey', 'export', 'digital-gap-2017', '--format', 'csv', '--out', out)).err).toContain('--format csv is not a format');
  });

  it('imports a form with a Welsh column as a survey in English and Welsh, exports it back as label::Welsh (cy), and refuses a language column without a code', { timeout: 60_000 }, async () => {
    const path = write('library.xlsx', await fixtureXlsx('bilingual-welsh.md'));
    expect(await ok('survey', 'import', path)).toContain("Survey 'library-use' created in");
    const out = join(dir, 'library-out.xlsx');
    await ok('survey', 'export', 'library-use', '--format', 'xlsform', '--out', out);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const header = (workbook.getWorksheet('survey')!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['label', 'label::Welsh (cy)', 'hint::Welsh (cy)']));
    expect(workbook.getWorksheet('survey')!.getRow(2).getCell(header.indexOf('label::Welsh (cy)') + 1).value).toBe('Ydych chi wedi defnyddio llyfrgell yn y flwyddyn ddiwethaf?');
    expect((workbook.getWorksheet('settings')!.getRow(2).values as unknown[]).slice(1)).toEqual(['library-use', 'library_use', 'library_use', 'English (en)']);
    expect(await ok('survey', 'import', out)).toContain("Survey 'library-use' unchanged in");

    const klingon = new ExcelJS.Workbook();
    await klingon.xlsx.load((await fixtureXlsx('bilingual-welsh.md')) as unknown as ExcelJS.Buffer);
    klingon.getWorksheet('survey')!.getCell('D1').value = 'label::Klingon';
    const result = await run('survey', 'import', write('klingon.xlsx', Buffer.from(await klingon.xlsx.writeBuffer())));
    expect(result.code).toBe(1);
    expect(result.err).toContain("  - sheet survey, column label::Klingon: the language 'Klingon' has no code: write it as label::Klingon (xx) with its ISO 639 code in the parentheses (cy for Welsh)\n");
  });

  it('refuses hostile workbooks with a message naming the problem, storing nothing', { timeout: 60_000 }, async () => {
    expect(await refused(write('text.xlsx', 'type,name,label\ntext,a,A\n'))).toContain('cannot be read as an XLSForm: it is not an Excel workbook (.xlsx)');
    expect(await refused(write('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])))).toContain('it is an .xls file (Excel 97–2003); save it as an Excel workbook (.xlsx)');
    expect(await refused(write('broken.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100, 7)])))).toContain('it is not a readable zip file');

    // A zip bomb: 64 MB of one byte compresses to about 64 kB; its declared size is not trusted, the bytes are counted.
    const bomb = new JSZip();
    bomb.file('xl/worksheets/sheet1.xml', Buffer.alloc(64 * 1024 * 1024, 0x20));
    const bombBytes = await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    expect(bombBytes.length).toBeLessThan(1024 * 1024);
    expect(await refused(write('bomb.xlsx', bombBytes))).toContain('it unzips to more than 40 MB, far more than a form needs (a zip bomb?)');

    // A formula and a NUL character are named by their cells.
    const workbook = new ExcelJS.Workbook();
    const survey = workbook.addWorksheet('survey');
    survey.addRow(['type', 'name', 'label']);
    survey.addRow(['text', 'a', { formula: 'HYPERLINK("http://example.com","click")', result: 'click' }]);
    const err = await refused(write('cells.xlsx', Buffer.from(await workbook.xlsx.writeBuffer())));
    expect(err).toContain('  - sheet survey, row 2, column 3: the cell holds a formula; Canvass reads only values (expected the value typed in (copy, then paste values))\n');

    // XML cannot hold a NUL; a hostile file writes it as a character reference, which the XML reader refuses.
    survey.getCell('C2').value = 'A NUL_HERE?';
    const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    zip.file('xl/sharedStrings.xml', strings.replace('NUL_HERE', '&#0;'));
    expect(await refused(write('nul.xlsx', await zip.generateAsync({ type: 'nodebuffer' })))).toContain('cannot be read as an XLSForm: it is not an Excel workbook (.xlsx) exceljs can read (2:');

    // A sheet of more rows than any form has.
    const huge = [['type', 'name', 'label'], ...Array.from({ length: 20_001 }, (_, i) => ['text', `q${i}`, `Q${i}?`])];
    expect(await refused(write('huge.xlsx', await writeXlsformWorkbook([{ name: 'survey', rows: huge }])))).toContain('  - sheet survey: the sheet has rows past row 20000; an XLSForm has far fewer\n');
    expect(readFileSync(join(dir, 'huge.xlsx')).length).toBeGreaterThan(0);
  });
});
