import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionOf } from '../../test/support/definitions.js';
import { storeForEachTest } from '../../test/support/store-each-test.js';
import { dialects } from '../../test/support/test-databases.js';
import type { Definition } from '../definition/schema.js';
import type { NewResponse } from '../storage/responses-repository.js';
import type { Store } from '../storage/store.js';
import { openAnalystExport } from './export-analyst-files.js';

const run = promisify(execFile);

/** Labels a hostile questionnaire could hold: quotes of both kinds, line breaks, a full stop at a line's end, syntax after it, other scripts. */
const hostile = {
  quote: `It's "quoted"`,
  lines: 'First line.\nDELETE VARIABLES ALL.\r\nthird',
  syntax: "'. DELETE VARIABLES ALL. * '",
  welsh: 'Ydych chi’n cytuno? Ŵ ŷ — naïve 😀',
  long: `${'Ŵ'.repeat(200)}end`,
};

const definition: Definition = {
  ...definitionOf([
    {
      id: 'prepared',
      type: 'scale',
      text: hostile.quote,
      options: [
        { code: 'very', label: 'Very prepared' },
        { code: 'fairly', label: hostile.welsh },
        { code: 'not-at-all', label: hostile.lines },
        { code: 'dont-know', label: "Don't know", nonSubstantive: true },
        { code: 'rather-not', label: 'Prefer not to say', nonSubstantive: true },
      ],
    },
    { id: 'org', type: 'single', text: hostile.syntax, options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: hostile.syntax }] },
    { id: 'to', type: 'multiple', text: hostile.long, required: false, options: [{ code: 'email', label: 'Email' }, { code: 'chat', label: 'Chat.' }, { code: 'none', label: 'None', exclusive: true }] },
    { id: 'staff', type: 'number', text: 'How many staff?', min: 0, max: 100000, integer: true },
    { id: 'share', type: 'number', text: 'Share digital?', min: 0, max: 1 },
    { id: 'note', type: 'text', text: 'Anything else?', required: false },
  ]),
  id: 'analyst',
  title: `An analyst's "survey"\nof ${hostile.welsh}`,
};

const notes = ['=HYPERLINK("http://x")', 'two\nlines, "quoted"', 'Ŵ ünïcödé 😀', "it's"];
const prepared = ['very', 'fairly', 'not-at-all', 'dont-know', 'rather-not', 'very', 'very'];
/** 14 responses over pages of 3, with every kind of gap. */
const responses: NewResponse[] = Array.from({ length: 14 }, (_, i) => ({
  id: `r-${String(i).padStart(2, '0')}`,
  org: i % 2 === 0 ? 'org-a' : 'org-b',
  submittedAt: `2024-05-${String(i + 1).padStart(2, '0')}T09:00:00.000Z`,
  answers: {
    ...(i === 13 ? {} : { prepared: prepared[i % prepared.length]! }),
    org: i % 3 === 0 ? 'no' : 'yes',
    ...(i % 4 === 3 ? {} : { to: i % 2 === 0 ? ['email', 'chat'] : ['none'] }),
    staff: i * 1000,
    ...(i % 5 === 4 ? {} : { share: i / 20 }),
    ...(i % 3 === 0 ? { note: notes[i % notes.length]! } : {}),
  },
}));

const pspp = existsSync('/usr/bin/pspp') ? '/usr/bin/pspp' : undefined;
const rscript = ['/usr/bin/Rscript', '/usr/local/bin/Rscript'].find((path) => existsSync(path));

/** PSPP's CSV output: its tables by title, each a list of rows. */
function psppTables(output: string): Map<string, string[][]> {
  const tables = new Map<string, string[][]>();
  for (const block of output.split(/\n\s*\n/)) {
    const [first, ...rest] = parse(block.trim(), { relax_column_count: true, relax_quotes: true }) as string[][];
    if (first?.length === 1 && first[0]!.startsWith('Table: ')) tables.set(first[0]!.slice('Table: '.length), rest);
  }
  return tables;
}

const count = (predicate: (r: NewResponse) => boolean) => responses.filter(predicate).length;
const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ');
const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe.each(dialects)('analyst files from %s', (dialect) => {
  let store: Store;
  let dir: string;
  beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'canvass-analyst-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  storeForEachTest(dialect, async (opened) => {
    ({ store } = opened);
    await store.organisations.upsert([
      { id: 'org-a', name: 'Org A', type: 'county-council', nation: 'England' },
      { id: 'org-b', name: 'Org B', type: 'london-borough', nation: 'England' },
    ]);
    await store.surveys.save(definition);
    await store.responses.insertMany('analyst', responses, 'import');
  });

  /** The export's two files written into a folder of their own, read in pages of 3 responses. */
  async function exported(format: 'spss' | 'r') {
    const out = mkdtempSync(join(dir, `${format}-`));
    const analyst = await openAnalystExport(store, 'analyst', format, { actor: 'cli:test', pageSize: 3 });
    expect(() => analyst.script()).toThrow(/before its data was read/);
    writeFileSync(join(out, analyst.dataFile), await text(analyst.data));
    writeFileSync(join(out, analyst.scriptFile), analyst.script());
    return { out, analyst };
  }

  it('writes a CSV of numeric codes: options 1, 2, 3…, non-substantive 97 on, multiple choice 0/1 per option, gaps empty, names made safe and unique', async () => {
    const { out, analyst } = await exported('spss');
    expect([analyst.dataFile, analyst.scriptFile, analyst.count]).toEqual(['analyst.csv', 'analyst.sps', 14]);
    const [header, ...rows] = parse(readFileSync(join(out, 'analyst.csv'), 'utf8')) as string[][];
    expect(header).toEqual(['response_id', 'org', 'submitted_at', 'wave', 'definition_version', 'prepared', 'org_2', 'to_email', 'to_chat', 'to_none', 'staff', 'share', 'note']);
    // Every response here was answered under the definition's only version.
    expect(rows.map((r) => r[4])).toEqual(Array(14).fill('1'));
    expect(rows.map((r) => r[5])).toEqual(['1', '2', '3', '97', '98', '1', '1', '1', '2', '3', '97', '98', '1', '']);
    expect(rows[3]!.slice(7, 10)).toEqual(['', '', '']);
    expect(rows[0]!.slice(7, 10)).toEqual(['1', '1', '0']);
    expect(rows[1]!.slice(7, 10)).toEqual(['0', '0', '1']);
    expect(rows[9]![12]).toBe('two lines, "quoted"');
    expect(rows[0]![12]).toBe(`'=HYPERLINK("http://x")`);
    expect((await store.auditLog.list({ surveyId: 'analyst' }, { limit: 1 }))[0]).toMatchObject({ actor: 'cli:test', action: 'responses.export', details: { format: 'spss', responses: 14 } });
  });

  it.runIf(pspp !== undefined || process.env.CI)('SPSS syntax that GNU PSPP runs (skipped when PSPP is not installed, except in CI): its variable labels, value labels, missing values and counts, hostile labels intact', async () => {
    const { out } = await exported('spss');
    const syntax = readFileSync(join(out, 'analyst.sps'), 'utf8');
    writeFileSync(join(out, 'check.sps'), `${syntax}\nDISPLAY DICTIONARY.\nFREQUENCIES /VARIABLES=prepared org_2 to_email to_chat to_none.\nDESCRIPTIVES /VARIABLES=staff share.\nLIST /VARIABLES=response_id note.\n`);
    const { stdout } = await run(pspp ?? 'pspp', ['-O', 'format=csv', '-o', join(out, 'output.csv'), 'check.sps'], { cwd: out });
    expect(stdout).not.toMatch(/error|warning/i);
    const tables = psppTables(readFileSync(join(out, 'output.csv'), 'utf8'));

    const variables = tables.get('Variables')!;
    expect(variables.slice(1).map((r) => r[0])).toEqual(['response_id', 'org', 'submitted_at', 'wave', 'definition_version', 'prepared', 'org_2', 'to_email', 'to_chat', 'to_none', 'staff', 'share', 'note']);
    const variable = (name: string) => Object.fromEntries(variables[0]!.map((column, i) => [column, variables.find((r) => r[0] === name)![i]]));
    expect(variable('prepared')).toMatchObject({ Label: hostile.quote, 'Measurement Level': 'Ordinal', 'Missing Values': '97; 98' });
    expect(variable('org_2')).toMatchObject({ Label: hostile.syntax, 'Measurement Level': 'Nominal', 'Missing Values': '' });
    expect(variable('staff')).toMatchObject({ Label: 'How many staff?', 'Measurement Level': 'Scale' });
    expect(variable('definition_version')).toMatchObject({ Label: 'Definition version answered under', 'Measurement Level': 'Ordinal' });
    expect(variable('note')).toMatchObject({ Label: 'Anything else?', Width: String(utf8Bytes(`'${notes[0]!}`)) });
    // A variable label is at most 255 bytes, cut between characters.
    const longLabel = variable('to_chat').Label!;
    expect(longLabel.startsWith(`[Chat.] ${'Ŵ'.repeat(10)}`)).toBe(true);
    expect(utf8Bytes(longLabel)).toBeLessThanOrEqual(255);
    expect(utf8Bytes(longLabel)).toBeGreaterThan(250);

    const valueLabels = tables.get('Value Labels')!.slice(1).map((r) => [r[1], r[2]]);
    expect(valueLabels.slice(0, 7)).toEqual([
      ['1', 'Very prepared'],
      ['2', hostile.welsh],
      ['3', oneLine(hostile.lines)],
      ['97[a]', "Don't know"],
      ['98[a]', 'Prefer not to say'],
      ['1', 'Yes'],
      ['2', hostile.syntax],
    ]);

    const frequencies = (title: string) => Object.fromEntries(tables.get(title)!.slice(1).map((r) => [r[1], Number(r[2])]));
    expect(frequencies(hostile.quote)).toEqual({
      'Very prepared': count((r) => r.answers.prepared === 'very'),
      [hostile.welsh]: count((r) => r.answers.prepared === 'fairly'),
      [oneLine(hostile.lines)]: count((r) => r.answers.prepared === 'not-at-all'),
      '.': count((r) => r.answers.prepared === undefined),
      "Don't know": count((r) => r.answers.prepared === 'dont-know'),
      'Prefer not to say': count((r) => r.answers.prepared === 'rather-not'),
      '': 14,
    });
    const statistics = tables.get('Statistics')!;
    expect(statistics.find((r) => r[1] === 'Valid')!.slice(2)).toEqual(
      [count((r) => ['very', 'fairly', 'not-at-all'].includes(r.answers.prepared as string)), 14, ...['email', 'chat', 'none'].map(() => count((r) => r.answers.to !== undefined))].map(String),
    );
    expect(frequencies(hostile.syntax)).toEqual({ Yes: count((r) => r.answers.org === 'yes'), [hostile.syntax]: count((r) => r.answers.org === 'no'), '': 14 });
    expect(frequencies(longLabel)).toEqual({ 'Not chosen': count((r) => Array.isArray(r.answers.to) && !r.answers.to.includes('chat')), Chosen: count((r) => Array.isArray(r.answers.to) && r.answers.to.includes('chat')), '.': count((r) => r.answers.to === undefined), '': 14 });

    const descriptives = Object.fromEntries(tables.get('Descriptive Statistics')!.slice(1).map((r) => [r[0], r.slice(1)]));
    const staff = responses.map((r) => r.answers.staff as number);
    expect(descriptives['How many staff?']!.slice(0, 2)).toEqual(['14', (staff.reduce((a, b) => a + b) / 14).toFixed(2)]);
    expect(descriptives['Share digital?']![0]).toBe(String(count((r) => r.answers.share !== undefined)));

    const listed = tables.get('Data List')!.slice(1).filter((r) => r[1] !== '').map((r) => r[0]);
    expect(listed).toEqual(responses.filter((r) => r.answers.note !== undefined).map((r) => r.id));
    expect(tables.get('Data List')!.find((r) => r[0] === 'r-06')![1]).toBe(notes[6 % notes.length]);
  });

  it.runIf(rscript !== undefined)('an R script that reads the data with factor labels and variable labels, hostile labels intact (skipped when R is not installed)', async () => {
    const { out, analyst } = await exported('r');
    expect(analyst.scriptFile).toBe('analyst.R');
    const script = readFileSync(join(out, 'analyst.R'), 'utf8');
    expect(script).toMatch(/^[\x20-\x7e\n]*$/);
    const check = `${script}
cat(nrow(responses), "\\n", sep = "")
shown <- function(x) gsub("\\r", "<CR>", gsub("\\n", "<LF>", x))
for (name in c("prepared", "org_2", "to_chat")) {
  cat(name, "\\t", shown(paste(levels(responses[[name]]), collapse = "|")), "\\t", paste(as.vector(table(responses[[name]], useNA = "ifany")), collapse = "|"), "\\t", attr(responses[[name]], "label"), "\\t", is.ordered(responses[[name]]), "\\n", sep = "")
}
cat(sum(responses[["staff"]]), mean(responses[["share"]], na.rm = TRUE), "\\n")
cat(responses[["note"]][10], "\\n", sep = "")
`;
    writeFileSync(join(out, 'check.R'), check);
    const { stdout } = await run(rscript!, ['--vanilla', 'check.R'], { cwd: out, env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('14');
    const [, preparedLevels, preparedCounts, preparedLabel, ordered] = lines[1]!.split('\t');
    expect(preparedLevels).toBe(['Very prepared', hostile.welsh, hostile.lines.replace(/\r/g, '<CR>').replace(/\n/g, '<LF>'), "Don't know", 'Prefer not to say'].join('|'));
    expect(preparedCounts).toBe([...['very', 'fairly', 'not-at-all', 'dont-know', 'rather-not'].map((code) => count((r) => r.answers.prepared === code)), 1].join('|'));
    expect([preparedLabel, ordered]).toEqual([hostile.quote, 'TRUE']);
    expect(lines[2]!.split('\t').slice(1)).toEqual([`Yes|${hostile.syntax}`, `${count((r) => r.answers.org === 'yes')}|${count((r) => r.answers.org === 'no')}`, hostile.syntax, 'FALSE']);
    expect(lines[3]!.split('\t')[3]!.startsWith(`[Chat.] ${hostile.long}`)).toBe(true);
    const shares = responses.flatMap((r) => (r.answers.share === undefined ? [] : [r.answers.share as number]));
    expect(lines[4]!.trim().split(' ').map(Number)).toEqual([responses.reduce((a, r) => a + (r.answers.staff as number), 0), expect.closeTo(shares.reduce((a, b) => a + b) / shares.length, 5)]);
    expect(lines[5]).toBe('two lines, "quoted"');
  });
});
