import { buffer } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { definitionOf } from '../../test/support/definitions.js';
import { storeForEachTest } from '../../test/support/store-each-test.js';
import { dialects } from '../../test/support/test-databases.js';
import type { Definition } from '../definition/schema.js';
import { responsesToCsv, responsesToJson } from '../reporting/export-responses.js';
import { responsesToXlsx } from '../reporting/export-responses-xlsx.js';
import type { NewResponse } from '../storage/responses-repository.js';
import type { Store } from '../storage/store.js';
import { exportFormats, openResponsesExport } from './export-responses.js';

const definition: Definition = {
  ...definitionOf([
    { id: 'role', type: 'single', text: 'Your role?', options: [{ code: 'digital', label: 'Digital' }, { code: 'other', label: 'Other' }] },
    { id: 'tools', type: 'multiple', text: 'Which tools?', options: [{ code: 'email', label: 'Email' }, { code: 'chat', label: 'Chat' }, { code: 'none', label: 'None', exclusive: true }] },
    { id: 'change', type: 'number', text: 'Change in staff?', min: -1000, max: 1000 },
    { id: 'note', type: 'text', text: 'Anything else?', required: false },
  ]),
  id: 'paged',
  notice: 'Made up for a test.',
};

const notes = ['=HYPERLINK("http://x")', ';=1+1', 'two\nlines, "quoted"', '\'@already', 'ünïcödé ✓ 😀', 'back\\slash', '-5 is a loss', 'plain'];
/** 11 responses: more than three pages of 3, with formulas, quotes, line breaks, other scripts, gaps and two waves. */
const responses: NewResponse[] = Array.from({ length: 11 }, (_, i) => ({
  id: `r-${String(i).padStart(2, '0')}`,
  org: i % 2 === 0 ? 'org-a' : '+org-b',
  submittedAt: `2024-05-${String(i + 1).padStart(2, '0')}T09:00:00.000Z`,
  wave: i < 6 ? '2023' : '2024',
  answers: {
    ...(i % 4 === 3 ? {} : { role: i % 3 === 0 ? 'other' : 'digital' }),
    ...(i % 5 === 4 ? {} : { tools: i % 2 === 0 ? ['email', 'chat'] : ['none'] }),
    ...(i % 3 === 2 ? {} : { change: i - 5.5 }),
    ...(i % 2 === 0 ? { note: notes[i % notes.length]! } : {}),
  },
}));

const workbookRows = async (bytes: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  return workbook.worksheets.map((sheet) => ({ name: sheet.name, rows: sheet.getSheetValues().slice(1) }));
};

describe.each(dialects)('responses export streamed from %s', (dialect) => {
  let store: Store;

  storeForEachTest(dialect, async (opened) => {
    ({ store } = opened);
    await store.organisations.upsert([
      { id: 'org-a', name: 'Org A', type: 'county-council', nation: 'England' },
      { id: '+org-b', name: 'Org B', type: 'london-borough', nation: 'England' },
    ]);
    await store.surveys.save(definition);
    await store.responses.insertMany('paged', responses, 'import');
  });

  it('writes across pages of 3 exactly the bytes of the whole-text CSV and JSON of the same responses', async () => {
    const stored = await store.responses.list('paged');
    expect(stored).toHaveLength(11);
    const csv = await openResponsesExport(store, 'paged', 'csv', { actor: 'cli:test', pageSize: 3 });
    expect(csv.count).toBe(11);
    // Every response stored here was answered under the definition's only version, 1.
    const exported = stored.map((r) => ({ ...r, definitionVersion: 1 }));
    expect((await buffer(csv.stream)).toString('utf8')).toBe(responsesToCsv(definition, exported));
    const json = await openResponsesExport(store, 'paged', 'json', { actor: 'cli:test', pageSize: 3 });
    expect((await buffer(json.stream)).toString('utf8')).toBe(responsesToJson(definition, exported));
  });

  it('writes across pages of 3 a workbook with the cells of the one made from the responses in memory', async () => {
    const xlsx = await openResponsesExport(store, 'paged', 'xlsx', { actor: 'cli:test', pageSize: 3 });
    const streamed = await workbookRows(await buffer(xlsx.stream));
    expect(streamed.map((s) => s.name)).toEqual(['Responses', 'Codebook', 'About']);
    expect(streamed[0]!.rows).toHaveLength(12);
    const csv = parse((await buffer((await openResponsesExport(store, 'paged', 'csv', { actor: 'cli:test' })).stream)).toString('utf8')) as string[][];
    expect(streamed[0]!.rows.map((row) => csv[0]!.map((_name, i) => String((row as unknown[])[i + 1] ?? '')))).toEqual(csv);
    expect(streamed).toEqual(await workbookRows(await responsesToXlsx(definition, (await store.responses.list('paged')).map((r) => ({ ...r, definitionVersion: 1 })))));
  });

  it('gives the same bytes whatever the page size, one response a page or all in one', async () => {
    for (const format of exportFormats.filter((f) => f !== 'xlsx')) {
      const texts = await Promise.all([1, 11, 5000].map(async (pageSize) => (await buffer((await openResponsesExport(store, 'paged', format, { actor: 'cli:test', pageSize })).stream)).toString('utf8')));
      expect(new Set(texts).size, format).toBe(1);
    }
  });

  it('leaves out responses that arrive after the export was opened, so its count stays right', async () => {
    const csv = await openResponsesExport(store, 'paged', 'csv', { actor: 'cli:test', pageSize: 3 });
    await store.responses.insert('paged', { org: 'org-a', answers: { role: 'digital' } }, 'web');
    const rows = (await buffer(csv.stream)).toString('utf8').trimEnd().split('\n');
    expect(csv.count).toBe(11);
    expect(rows.filter((row) => /^r-\d\d,/.test(row))).toHaveLength(11);
    expect(rows.some((row) => row.includes(',org-a,') && !row.startsWith('r-'))).toBe(false);
  });

  it('writes only the header, an empty list or an empty sheet for a survey without responses', async () => {
    await store.surveys.save({ ...definition, id: 'empty' });
    expect((await buffer((await openResponsesExport(store, 'empty', 'csv', { actor: 'cli:test' })).stream)).toString('utf8')).toBe(responsesToCsv({ ...definition, id: 'empty' }, []));
    expect((await buffer((await openResponsesExport(store, 'empty', 'json', { actor: 'cli:test' })).stream)).toString('utf8')).toBe(responsesToJson({ ...definition, id: 'empty' }, []));
    expect((await workbookRows(await buffer((await openResponsesExport(store, 'empty', 'xlsx', { actor: 'cli:test' })).stream)))[0]!.rows).toHaveLength(1);
  });
});

describe('responses export streamed', () => {
  it('ends the stream with the error when reading a page fails midway, never as if the file were complete', async () => {
    const failure = new Error('the database went away');
    async function* pages() {
      yield [{ id: 'r-1', org: 'org-a', submittedAt: '2024-05-01T09:00:00.000Z', wave: null, source: 'web', answers: '{"role":"digital"}' }];
      throw failure;
    }
    const responsesRepository = { pagesInArrivalOrder: vi.fn(() => Promise.resolve({ count: 2, pages: pages() })) };
    const auditLog = { record: vi.fn(() => Promise.resolve()) };
    const store = { surveys: { get: () => Promise.resolve(definition), allVersions: () => Promise.resolve(new Map([[1, definition]])) }, responses: responsesRepository, auditLog } as unknown as Store;
    for (const format of exportFormats) {
      const { stream } = await openResponsesExport(store, 'paged', format, { actor: 'cli:test' });
      await expect(buffer(stream), format).rejects.toBe(failure);
    }
    // Recorded when the export was opened, before the first byte: a download that fails midway has still begun.
    expect(auditLog.record).toHaveBeenCalledTimes(exportFormats.length);
    expect(auditLog.record).toHaveBeenCalledWith({ actor: 'cli:test', action: 'responses.export', surveyId: 'paged', details: { format: 'xlsx', responses: 2 } });
  });

  it('refuses an unknown survey or format before writing anything', async () => {
    const store = { surveys: { get: () => Promise.resolve(undefined), list: () => Promise.resolve([]) } } as unknown as Store;
    await expect(openResponsesExport(store, 'nope', 'csv', { actor: 'cli:test' })).rejects.toThrow(/no survey 'nope'/);
    await expect(openResponsesExport(store, 'nope', 'xml', { actor: 'cli:test' })).rejects.toThrow(/use csv, json or xlsx/);
  });
});
