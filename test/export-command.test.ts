import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SurveyResults } from '../src/analysis/results/results-model.js';
import { runCapture } from './support/cli-capture.js';
import { checkTabularDataPackage } from './support/frictionless-check.js';
import { freshDatabase, type TestDatabase } from './support/test-databases.js';

const survey = 'digital-gap-2017';
let db: TestDatabase;
let dir: string;
const cli = (...args: string[]) => runCapture([...args, '--db', db.url]);
const readXlsx = async (path: string) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(path) as never);
  return workbook;
};

beforeAll(async () => {
  db = await freshDatabase('sqlite');
  dir = mkdtempSync(join(tmpdir(), 'canvass-export-'));
  expect((await cli('seed', survey)).code).toBe(0);
}, 60_000);

afterAll(async () => {
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('canvass export', () => {
  it('writes the figures of canvass results, one row per option and net, as CSV on standard output', async () => {
    const filter = 'gap_confidence in (not-very-confident, not-at-all-confident)';
    const exported = await cli('export', survey, '--filter', filter, '--by', 'org.nation');
    expect(exported.code, exported.err).toBe(0);
    const results = JSON.parse((await cli('results', survey, '--json', '--filter', filter, '--by', 'org.nation')).out) as SurveyResults;
    const [header, ...rows] = parse(exported.out) as string[][];
    const at = (row: string[], name: string) => row[header!.indexOf(name)]!;
    const figures = [{ key: 'all', questions: results.questions }, ...results.groups!].flatMap((g) =>
      g.questions.flatMap((q) => (q.type === 'text' || q.type === 'number' ? [] : [...q.options, ...q.nets].map((e) => ({ group: g.key, question: q.id, e })))),
    );
    expect(rows).toHaveLength(figures.length);
    rows.forEach((row, i) => {
      const { group, question, e } = figures[i]!;
      expect([at(row, 'group'), at(row, 'question_id'), at(row, 'code'), at(row, 'filter'), at(row, 'by')]).toEqual([group, question, e.code, filter, 'org.nation']);
      expect(at(row, 'percent')).toBe(e.percent === null ? '' : String(e.percent));
      expect(at(row, 'suppressed')).toBe(String(e.suppressed));
      expect(at(row, 'reason')).toBe(e.reason ?? '');
    });
    expect(rows.some((r) => at(r, 'suppressed') === 'true')).toBe(true);
  });

  it('writes an XLSX workbook when --out names a .xlsx file, with the same rows as the CSV', async () => {
    const out = join(dir, 'figures.xlsx');
    const result = await cli('export', survey, '--by', 'org.type', '--out', out);
    expect(result.code, result.err).toBe(0);
    expect(result.err).toMatch(/figures\.xlsx/);
    const csv = parse((await cli('export', survey, '--by', 'org.type')).out) as string[][];
    const sheet = (await readXlsx(out)).getWorksheet('Aggregates')!;
    expect(sheet.actualRowCount).toBe(csv.length);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(csv[0]);
  });

  it('refuses an --out file that is neither .csv nor .xlsx, an unknown licence, and --out with --open-data', async () => {
    const pdf = await cli('export', survey, '--out', join(dir, 'figures.pdf'));
    expect(pdf.code).toBe(1);
    expect(pdf.err).toMatch(/\.csv or \.xlsx/);
    const licence = await cli('export', survey, '--open-data', join(dir, 'x'), '--licence', 'MINE');
    expect(licence.code).toBe(1);
    expect(licence.err).toMatch(/OGL-UK-3\.0/);
    const both = await cli('export', survey, '--out', join(dir, 'a.csv'), '--open-data', join(dir, 'y'));
    expect(both.code).toBe(1);
  });
});

describe('canvass export --open-data', () => {
  let folder: string;
  let descriptor: { description: string; licenses: Array<{ name: string }>; resources: Array<{ name: string; schema: { fields: Array<{ name: string; constraints?: { enum?: string[] } }> } }> };

  beforeAll(async () => {
    folder = join(dir, 'open-data');
    const result = await cli('export', survey, '--open-data', folder, '--by', 'org.nation');
    expect(result.code, result.err).toBe(0);
    descriptor = JSON.parse(readFileSync(join(folder, 'datapackage.json'), 'utf8')) as typeof descriptor;
  });

  it('writes a Tabular Data Package that meets the specification, each CSV meeting its schema', () => {
    expect(checkTabularDataPackage(descriptor, (path) => readFileSync(join(folder, path), 'utf8'))).toEqual([]);
    expect(descriptor.licenses).toEqual([expect.objectContaining({ name: 'OGL-UK-3.0' })]);
  });

  it('says the built-in survey’s data is reconstructed from the published figures, not the original responses', () => {
    expect(descriptor.description).toMatch(/^Reconstructed from the published figures; not the original responses/);
  });

  it('lists in the codebook every option and net code used in the aggregates, with its label', () => {
    const codebook = parse(readFileSync(join(folder, 'codebook.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    const aggregates = parse(readFileSync(join(folder, 'aggregates.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    const labels = new Map(codebook.map((c) => [`${c.question_id}:${c.code}`, c.label]));
    for (const row of aggregates.filter((r) => r.code !== '')) expect(labels.get(`${row.question_id}:${row.code}`), `${row.question_id}:${row.code}`).toBe(row.label);
    const questionIds = descriptor.resources.find((r) => r.name === 'aggregates')!.schema.fields.find((f) => f.name === 'question_id')!.constraints!.enum!;
    expect(new Set(aggregates.map((r) => r.question_id))).toEqual(new Set(questionIds));
  });
});

describe('canvass responses export --format xlsx', () => {
  it('needs --out, since a workbook is a binary file', async () => {
    const result = await cli('responses', 'export', survey, '--format', 'xlsx');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/--out FILE\.xlsx/);
    expect(result.out).toBe('');
  });

  it('writes every response with the CSV export’s columns, and the codebook', async () => {
    const out = join(dir, 'responses.xlsx');
    const result = await cli('responses', 'export', survey, '--format', 'xlsx', '--out', out);
    expect(result.code, result.err).toBe(0);
    const csv = parse((await cli('responses', 'export', survey, '--format', 'csv')).out) as string[][];
    const workbook = await readXlsx(out);
    const sheet = workbook.getWorksheet('Responses')!;
    expect(sheet.actualRowCount).toBe(236);
    const cells = sheet.getSheetValues().slice(1).map((r) => csv[0]!.map((_c, i) => String((r as unknown[])[i + 1] ?? '')));
    expect(cells).toEqual(csv);
    expect(workbook.getWorksheet('Codebook')!.actualRowCount).toBeGreaterThan(40);
  });
});

describe('canvass responses export --format spss and r', () => {
  it('need --out, the folder for the data file and its script', async () => {
    const result = await cli('responses', 'export', survey, '--format', 'spss');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/--out FOLDER/);
  });

  it.runIf(existsSync('/usr/bin/pspp') || process.env.CI)('write SURVEY.csv and SURVEY.sps, which GNU PSPP reads into the counts canvass results gives (skipped when PSPP is not installed, except in CI)', async () => {
    const folder = join(dir, 'spss');
    const result = await cli('responses', 'export', survey, '--format', 'spss', '--out', folder);
    expect(result.code, result.err).toBe(0);
    expect(result.err).toBe(`Wrote 235 responses to ${join(folder, `${survey}.csv`)} and ${join(folder, `${survey}.sps`)}\n`);
    expect(readdirSync(folder).sort()).toEqual([`${survey}.csv`, `${survey}.sps`]);
    const syntax = readFileSync(join(folder, `${survey}.sps`), 'utf8');
    writeFileSync(join(folder, 'check.sps'), `${syntax}\nFREQUENCIES /VARIABLES=gap_confidence.\n`);
    const output = execFileSync('pspp', ['-O', 'format=csv', 'check.sps'], { cwd: folder, encoding: 'utf8' });
    const results = JSON.parse((await cli('results', survey, '--json')).out) as SurveyResults;
    const question = results.questions.find((q) => q.id === 'gap_confidence')!;
    const table = output.slice(output.lastIndexOf('Table: '));
    for (const option of question.type === 'scale' ? question.options : []) {
      expect(table, option.label).toContain(`,${option.label},${option.count},`);
    }
  });

  it('write SURVEY.csv and SURVEY.R with --format r', async () => {
    const folder = join(dir, 'r');
    const result = await cli('responses', 'export', survey, '--format', 'r', '--out', folder);
    expect(result.code, result.err).toBe(0);
    expect(readdirSync(folder).sort()).toEqual([`${survey}.R`, `${survey}.csv`]);
    expect(readFileSync(join(folder, `${survey}.R`), 'utf8')).toContain(`responses <- read.csv("${survey}.csv"`);
    expect(parse(readFileSync(join(folder, `${survey}.csv`), 'utf8'))).toHaveLength(236);
  });
});
