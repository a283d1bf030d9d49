import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { definitionOf } from '../../test/support/definitions.js';
import { responsesToCsv, type ExportableResponse } from './export-responses.js';
import { responsesToXlsx } from './export-responses-xlsx.js';

const definition = {
  ...definitionOf([
    {
      id: 'tools',
      type: 'multiple',
      text: 'Which tools do you use?',
      options: [
        { code: 'email', label: 'Email' },
        { code: 'chat', label: '@channel chat' },
        { code: 'none', label: 'None of these', exclusive: true },
      ],
    },
    { id: 'change', type: 'number', text: 'Change in digital staff since last year?', min: -1000, max: 1000 },
    { id: 'note', type: 'text', text: 'Anything else?', required: false },
  ]),
  notice: 'Made up for a test.',
};

const responses: ExportableResponse[] = [
  { id: 'r-1', org: 'org-a', submittedAt: '2017-01-10T09:15:00.000Z', wave: '2017', definitionVersion: 2, answers: { tools: ['email', 'chat'], change: -5, note: '=HYPERLINK("http://example.com")' } },
  { id: 'r-2', org: 'org-b', submittedAt: '2017-01-11T10:00:00.000Z', wave: null, answers: { tools: ['none'], change: 2.5 } },
  { id: 'r-3', org: 'org-a', submittedAt: '2017-01-12T11:00:00.000Z', answers: { note: 'plain, with a comma' } },
];

const workbook = new ExcelJS.Workbook();
await workbook.xlsx.load((await responsesToXlsx(definition, responses)) as never);
const sheet = workbook.getWorksheet('Responses')!;
const rowsOf = (worksheet: ExcelJS.Worksheet) => worksheet.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));

describe('responsesToXlsx', () => {
  it('has a Responses sheet, a Codebook sheet and an About sheet with the notice', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Responses', 'Codebook', 'About']);
    expect(rowsOf(workbook.getWorksheet('About')!)).toContainEqual(['Notice', 'Made up for a test.']);
  });

  it('has the CSV export’s columns and cells, with numbers as numbers', () => {
    const csv = parse(responsesToCsv(definition, responses)) as string[][];
    const cells = rowsOf(sheet).map((row) => csv[0]!.map((_name, i) => row[i] ?? ''));
    expect(cells.map((row) => row.map(String))).toEqual(csv);
    expect(sheet.getCell('E2').value).toBe(2);
    expect(sheet.getCell('E2').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('G2').value).toBe(-5);
    expect(sheet.getCell('G2').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('G3').value).toBe(2.5);
  });

  it('neutralises a text answer starting with "=" as the CSV does, so it stays text', () => {
    expect(sheet.getCell('H2').value).toBe('\'=HYPERLINK("http://example.com")');
    expect(sheet.getCell('H2').type).toBe(ExcelJS.ValueType.String);
  });

  it('makes the header row bold and keeps it in view', () => {
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('lists each question’s options with their labels in the codebook, neutralised, and no nets', () => {
    const codebook = workbook.getWorksheet('Codebook')!;
    expect(codebook.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(rowsOf(codebook).map((r) => r.slice(0, 6))).toEqual([
      ['question_id', 'question_type', 'question_text', 'kind', 'code', 'label'],
      ['tools', 'multiple', 'Which tools do you use?', 'option', 'email', 'Email'],
      ['tools', 'multiple', 'Which tools do you use?', 'option', 'chat', "'@channel chat"],
      ['tools', 'multiple', 'Which tools do you use?', 'option', 'none', 'None of these'],
    ]);
  });
});
