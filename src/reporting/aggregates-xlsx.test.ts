import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ChoiceQuestionResult } from '../analysis/results/results-model.js';
import { exportDefinition, exportResults, suppressionReason } from '../../test/support/export-fixtures.js';
import { aggregateTable } from './aggregate-table.js';
import { aggregatesToXlsx } from './aggregates-xlsx.js';

const workbook = new ExcelJS.Workbook();
await workbook.xlsx.load((await aggregatesToXlsx(exportResults, exportDefinition)) as never);
const sheet = workbook.getWorksheet('Aggregates')!;
const header = (sheet.getRow(1).values as unknown[]).slice(1);
const cellOf = (row: number, name: string) => sheet.getRow(row).getCell(header.indexOf(name) + 1);
const table = aggregateTable(exportResults, exportDefinition);

describe('aggregatesToXlsx', () => {
  it('has an Aggregates, a Codebook and an About sheet', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Aggregates', 'Codebook', 'About']);
  });

  it('writes the aggregate columns as a bold header row that stays frozen, then a row per figure', () => {
    expect(header).toEqual(table.columns.map((c) => c.name));
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.actualRowCount).toBe(table.rows.length + 1);
  });

  it('writes counts and bases as numbers, and percentages and intervals as spreadsheet percentages', () => {
    const chat = (exportResults.questions[0] as ChoiceQuestionResult).options[1]!;
    expect(cellOf(3, 'code').value).toBe('chat');
    expect(cellOf(3, 'count').value).toBe(chat.count);
    expect(cellOf(3, 'base').value).toBe(chat.base);
    expect(cellOf(3, 'percent').value).toBeCloseTo(chat.percent! / 100, 15);
    expect(cellOf(3, 'percent').numFmt).toBe('0.0%');
    expect(cellOf(3, 'ci_low').value).toBeCloseTo(chat.ci95![0] / 100, 15);
    expect(cellOf(3, 'ci_high').numFmt).toBe('0.0%');
    expect(cellOf(3, 'se').value).toBeCloseTo(chat.se!, 15);
    expect(cellOf(3, 'suppressed').value).toBe(false);
  });

  it('writes a mean and its interval as plain numbers, not percentages', () => {
    const row = table.rows.findIndex((r) => r.figure_type === 'mean') + 2;
    expect(cellOf(row, 'mean').value).toBe(12.25);
    expect(cellOf(row, 'ci_low').value).toBe(9.3);
    expect(cellOf(row, 'ci_low').numFmt).toBe('0.00');
    expect(cellOf(row, 'percent').value).toBeNull();
  });

  it('leaves a suppressed figure’s numbers empty and gives the reason', () => {
    const row = table.rows.findIndex((r) => r.group === 'Wales') + 2;
    expect(cellOf(row, 'group').value).toBe('Wales');
    for (const name of ['count', 'percent', 'se', 'ci_low', 'base', 'weighted_base']) expect(cellOf(row, name).value, name).toBeNull();
    expect(cellOf(row, 'suppressed').value).toBe(true);
    expect(cellOf(row, 'reason').value).toBe(suppressionReason);
  });

  it('neutralises a label starting with "=" so it stays text, in the aggregates and the codebook', () => {
    expect(cellOf(2, 'label').value).toBe('\'=HYPERLINK("http://example.com","Email")');
    expect(cellOf(2, 'label').type).toBe(ExcelJS.ValueType.String);
    const codebook = workbook.getWorksheet('Codebook')!;
    const labels = codebook.getColumn(6).values.slice(2);
    expect(labels[0]).toBe('\'=HYPERLINK("http://example.com","Email")');
  });

  it('lists every option and net with its label in the codebook', () => {
    const codebook = workbook.getWorksheet('Codebook')!;
    const rows = codebook.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1, 6));
    expect(rows.map((r) => `${r[0]}:${r[3]}:${r[4]}`)).toEqual([
      'tool:option:email',
      'tool:option:chat',
      'tool:option:dont-know',
      'agree:option:strongly-agree',
      'agree:option:agree',
      'agree:option:disagree',
      'agree:net:agreeing',
    ]);
  });

  it('says on the About sheet what the figures are: notice, filter, breakdown and disclosure rule', () => {
    const about = Object.fromEntries(workbook.getWorksheet('About')!.getSheetValues().slice(2).map((r) => [(r as unknown[])[1], (r as unknown[])[2]]));
    expect(about).toMatchObject({ Survey: 'demo', Notice: exportDefinition.notice, Filter: 'staff >= 1', Breakdown: 'org.nation' });
    expect(about['Disclosure control']).toMatch(/at least 10/);
  });
});
