import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { loadRegisterSchemaText } from '../definition/load-register-schema.js';
import type { RegisterSchema } from '../definition/schema.js';
import { parseRegisterCsv, type RegisterResult } from './parse-register-csv.js';

const builtInRegister = readFileSync(new URL('../surveys/digital-gap-2017/organisations.csv', import.meta.url), 'utf8');
const ukSchemaRead = loadRegisterSchemaText(readFileSync(new URL('../surveys/digital-gap-2017/register.yaml', import.meta.url), 'utf8'));
if (!ukSchemaRead.ok) throw new Error(JSON.stringify(ukSchemaRead.problems));
/** The built-in survey's register schema: the UK's organisation types and nations, as data. */
const uk: RegisterSchema = ukSchemaRead.register;

const header = 'id,name,type,nation,region,parent,headcount';
const kent = 'kent-county-council,Kent County Council,county-council,England,South East,,';
const camden = 'camden,London Borough of Camden,london-borough,England,London,,3000';

function parse(...lines: string[]): RegisterResult {
  return parseRegisterCsv(`${lines.join('\n')}\n`, uk);
}

function problemsOf(result: RegisterResult): Array<[string, string]> {
  if (result.ok) throw new Error(`expected problems, got ${result.organisations.length} organisations`);
  return result.problems.map((p) => [p.where, p.code]);
}

describe('parseRegisterCsv: the built-in register', () => {
  const result = parseRegisterCsv(builtInRegister, uk);
  const organisations = result.ok ? result.organisations : [];

  it('parses to 180 organisations with unique ids', () => {
    expect(result.ok).toBe(true);
    expect(organisations).toHaveLength(180);
    expect(new Set(organisations.map((o) => o.id)).size).toBe(180);
  });

  it('reads quoted names with commas, and leaves empty cells out', () => {
    expect(organisations.find((o) => o.id === 'department-for-business-energy-and-industrial-strategy')).toEqual({
      id: 'department-for-business-energy-and-industrial-strategy',
      name: 'Department for Business, Energy & Industrial Strategy',
      type: 'ministerial-department',
      nation: 'UK',
    });
    expect(organisations.find((o) => o.id === 'kent-county-council')).toEqual({ id: 'kent-county-council', name: 'Kent County Council', type: 'county-council', nation: 'England', region: 'South East' });
  });

  it('has every parent in the register', () => {
    const ids = new Set(organisations.map((o) => o.id));
    const withParent = organisations.filter((o) => o.parent !== undefined);
    expect(withParent.length).toBeGreaterThan(0);
    expect(withParent.filter((o) => !ids.has(o.parent ?? ''))).toEqual([]);
  });
});

describe('parseRegisterCsv: good files', () => {
  it('reads a headcount as a number and a parent in the same file', () => {
    const result = parse(header, camden, 'camden-digital,Camden Digital,other-public-body,England,London,camden,45');
    expect(result).toEqual({
      ok: true,
      organisations: [
        { id: 'camden', name: 'London Borough of Camden', type: 'london-borough', nation: 'England', region: 'London', headcount: 3000 },
        { id: 'camden-digital', name: 'Camden Digital', type: 'other-public-body', nation: 'England', region: 'London', parent: 'camden', headcount: 45 },
      ],
      columns: header.split(','),
    });
  });

  it('accepts a header of the required columns only, in any order, with a BOM and CRLF', () => {
    const result = parseRegisterCsv('\uFEFFnation,type,name,id\r\nWales,welsh-council,Cardiff Council,cardiff-council\r\n', uk);
    expect(result).toEqual({ ok: true, organisations: [{ id: 'cardiff-council', name: 'Cardiff Council', type: 'welsh-council', nation: 'Wales' }], columns: ['nation', 'type', 'name', 'id'] });
  });

  it('trims cells', () => {
    const result = parse(header, ' kent-county-council , Kent County Council ,county-council, England ,,,');
    expect(result.ok && result.organisations[0]).toEqual({ id: 'kent-county-council', name: 'Kent County Council', type: 'county-council', nation: 'England' });
  });

  it('accepts a parent that is not in the file but among the known ids', () => {
    const text = `${header}\nkent-libraries,Kent Libraries,other-public-body,England,South East,kent-county-council,\n`;
    expect(parseRegisterCsv(text, uk).ok).toBe(false);
    const result = parseRegisterCsv(text, uk, new Set(['kent-county-council']));
    expect(result.ok && result.organisations.map((o) => o.parent)).toEqual(['kent-county-council']);
  });
});

describe('parseRegisterCsv: rejections', () => {
  it('rejects a NUL character in a cell, which PostgreSQL cannot store, naming its row and column', () => {
    expect(problemsOf(parse(header, kent, 'camden,London Borough\u0000of Camden,london-borough,England,London,,3000'))).toEqual([['row 3, column name', 'nul-character']]);
    expect(problemsOf(parse('id,na\u0000me,type,nation', kent))).toEqual([['row 1, column 2', 'nul-character']]);
  });

  it('rejects an empty file', () => {
    for (const text of ['', '\n\n']) {
      const result = parseRegisterCsv(text, uk);
      expect(problemsOf(result)).toEqual([['file', 'empty']]);
      expect(!result.ok && result.problems[0]?.expected).toBe(`a header row: ${header}`);
    }
  });

  it('rejects a file with a header but no organisations', () => {
    expect(problemsOf(parse(header))).toEqual([['file', 'empty']]);
  });

  it('rejects a column that is not a register column', () => {
    const result = parse(`${header},website`, `${kent},https://kent.gov.uk`);
    expect(problemsOf(result)).toEqual([['row 1, column website', 'unknown-column']]);
    expect(!result.ok && result.problems[0]?.expected).toBe('id, name, type, nation, region, parent, headcount (declare other attributes in the register schema)');
  });

  it('rejects a header without a required column, naming it', () => {
    const result = parse('id,name,type', 'kent-county-council,Kent County Council,county-council');
    expect(problemsOf(result)).toEqual([['row 1', 'missing-column']]);
    expect(!result.ok && result.problems[0]?.message).toBe("the column 'nation' is missing");
  });

  it('reports every header problem together', () => {
    expect(problemsOf(parse('code,name,kind', 'a,b,c'))).toEqual([
      ['row 1, column code', 'unknown-column'],
      ['row 1, column kind', 'unknown-column'],
      ['row 1', 'missing-column'],
      ['row 1', 'missing-column'],
      ['row 1', 'missing-column'],
    ]);
  });

  it("rejects a type that is not one of the register's codes, listing them", () => {
    const result = parse(header, 'kent-county-council,Kent County Council,shire,England,,,');
    expect(problemsOf(result)).toEqual([['row 2, column type', 'invalid']]);
    expect(!result.ok && result.problems[0]?.message).toContain('county-council, district-council');
  });

  it("rejects a nation that is not one of the built-in register's nations", () => {
    const result = parse(header, 'kent-county-council,Kent County Council,county-council,France,,,');
    expect(problemsOf(result)).toEqual([['row 2, column nation', 'invalid']]);
    expect(!result.ok && result.problems[0]?.message).toBe('the nation (nation) must be one of England, Scotland, Wales, Northern Ireland, UK');
  });

  it('rejects an id that is not kebab-case', () => {
    for (const id of ['Kent-County-Council', 'kent county council', 'kent--council', '-kent', 'kent_cc']) {
      const result = parse(header, `${id},Kent County Council,county-council,England,,,`);
      expect(problemsOf(result), id).toEqual([['row 2, column id', 'invalid']]);
      expect(!result.ok && result.problems[0]?.expected).toBe('a kebab-case id');
    }
  });

  it('rejects a row without a required value, saying it is required', () => {
    const result = parse(header, 'kent-county-council,,county-council,England,,,');
    expect(problemsOf(result)).toEqual([['row 2, column name', 'invalid']]);
    expect(!result.ok && result.problems[0]?.message).toBe("'name' is required");
  });

  it('rejects an id used by an earlier row, naming that row', () => {
    const result = parse(header, kent, camden, kent.replace('Kent County Council', 'Kent CC'));
    expect(problemsOf(result)).toEqual([['row 4, column id', 'duplicate-id']]);
    expect(!result.ok && result.problems[0]?.message).toBe("'kent-county-council' is already used in row 2");
  });

  it('rejects a parent that is neither in the file nor known', () => {
    const result = parse(header, kent, 'kent-libraries,Kent Libraries,other-public-body,England,,kent-council,');
    expect(problemsOf(result)).toEqual([['row 3, column parent', 'unknown-parent']]);
    expect(!result.ok && result.problems[0]?.message).toContain("'kent-council'");
  });

  it('rejects an organisation that is its own parent', () => {
    expect(problemsOf(parse(header, 'kent-county-council,Kent County Council,county-council,England,,kent-county-council,'))).toEqual([['row 2, column parent', 'own-parent']]);
  });

  it.each(['0', '-3', '12.5', '1e3', 'many'])('rejects a headcount of %s: it must be a positive whole number', (headcount) => {
    const result = parse(header, `${kent}${headcount}`);
    expect(problemsOf(result)).toEqual([['row 2, column headcount', 'invalid']]);
    expect(!result.ok && result.problems[0]?.expected).toBe('a positive whole number, or empty');
  });

  it('reports all bad rows together, each with its row number, and several problems of one row', () => {
    const result = parse(
      header,
      kent,
      'Bad Id,Bad,county-council,England,,,',
      camden,
      'welsh-office,Welsh Office,ministry,Cymru,,,',
      'kent-county-council,Kent again,county-council,England,,,',
      'kent-archives,Kent Archives,other-public-body,England,,kent-cc,0',
      'kent-history,Kent History,other-public-body,England,,nowhere,',
    );
    expect(problemsOf(result)).toEqual([
      ['row 3, column id', 'invalid'],
      ['row 5, column type', 'invalid'],
      ['row 5, column nation', 'invalid'],
      ['row 6, column id', 'duplicate-id'],
      ['row 7, column headcount', 'invalid'],
      ['row 8, column parent', 'unknown-parent'],
    ]);
  });

  it('rejects a row with fewer or more cells than the header, and still checks the other rows', () => {
    const result = parse(header, 'kent-county-council,Kent County Council,county-council', camden, `${kent},,extra`, 'x,X,shire,England,,,');
    expect(problemsOf(result)).toEqual([
      ['row 2', 'column-count'],
      ['row 4', 'column-count'],
      ['row 5, column type', 'invalid'],
    ]);
    expect(!result.ok && result.problems[0]?.message).toBe('the row has 3 cells but the header has 7');
    expect(!result.ok && result.problems[0]?.expected).toBe('7 cells');
  });

  it('rejects a file that is not valid CSV', () => {
    expect(problemsOf(parse(header, 'kent-county-council,"Kent County Council,county-council,England,,,'))).toEqual([['file', 'csv-syntax']]);
  });
});

describe('parseRegisterCsv: columns and parents', () => {
  it('refuses a column given twice', () => {
    expect(problemsOf(parse('id,name,type,nation,name', 'a,A,county-council,England,B'))).toContainEqual(['row 1, column name', 'duplicate-column']);
  });

  it('refuses parents that loop back to the organisation', () => {
    const result = parse('id,name,type,nation,parent', 'a,A,executive-agency,UK,b', 'b,B,executive-agency,UK,a', 'c,C,executive-agency,UK,a');
    expect(problemsOf(result)).toEqual([
      ['row 2, column parent', 'parent-cycle'],
      ['row 3, column parent', 'parent-cycle'],
    ]);
  });

  it('numbers rows as a spreadsheet does, counting blank lines, and skips rows with no values', () => {
    expect(problemsOf(parse(header, kent, '', ',,,,,,', 'x,X,parish,England,,,'))).toEqual([['row 5, column type', 'invalid']]);
  });
});

/** A register of US school districts: nothing of the UK's, a number and bands of it, a peer group of its own. */
const districts: RegisterSchema = {
  peerGroup: 'locale',
  attributes: [
    { id: 'locale', label: 'Locale', type: 'category', required: true, options: [{ code: 'city', label: 'City' }, { code: 'suburb', label: 'Suburb' }, { code: 'rural', label: 'Rural' }] },
    { id: 'state', label: 'State', type: 'text', required: true },
    { id: 'enrolment', label: 'Enrolment', type: 'number', required: false, integer: true, min: 0 },
    { id: 'size_band', label: 'Size', type: 'bands', of: 'headcount', bands: [{ code: 'small', label: 'Under 250 staff' }, { code: 'medium', label: '250 to 999 staff', from: 250 }, { code: 'large', label: '1,000 staff or more', from: 1000 }] },
  ],
};

describe('parseRegisterCsv: a register schema of its own', () => {
  const districtHeader = 'id,name,locale,state,enrolment,headcount';

  it("reads the register's own columns: categories, text and numbers as numbers", () => {
    const result = parseRegisterCsv(`${districtHeader}\nspringfield-usd,Springfield Unified,city,Oregon,41200,5200\nshelby-valley,Shelby Valley,rural,Kentucky,,\n`, districts);
    expect(result.ok && result.organisations).toEqual([
      { id: 'springfield-usd', name: 'Springfield Unified', locale: 'city', state: 'Oregon', enrolment: 41200, headcount: 5200 },
      { id: 'shelby-valley', name: 'Shelby Valley', locale: 'rural', state: 'Kentucky' },
    ]);
  });

  it("refuses the UK's columns and values in a register that does not declare them", () => {
    const result = parseRegisterCsv(`${header}\n${kent}\n`, districts);
    expect(problemsOf(result)).toEqual([
      ['row 1, column type', 'unknown-column'],
      ['row 1, column nation', 'unknown-column'],
      ['row 1, column region', 'unknown-column'],
      ['row 1', 'missing-column'],
      ['row 1', 'missing-column'],
    ]);
  });

  it('refuses a band given as a column: it is computed from its number', () => {
    const result = parseRegisterCsv(`${districtHeader},size_band\nspringfield-usd,Springfield Unified,city,Oregon,41200,5200,large\n`, districts);
    expect(problemsOf(result)).toEqual([['row 1, column size_band', 'computed-column']]);
    expect(!result.ok && result.problems[0]?.message).toBe("'size_band' is computed from headcount (bands); it is not given in the register");
  });

  it('refuses a number attribute that is not a number or out of its range', () => {
    const result = parseRegisterCsv(`${districtHeader}\na,A,city,Ohio,many,\nb,B,city,Ohio,-4,\nc,C,city,Ohio,12.5,\n`, districts);
    // Not a number, below the minimum, not whole: one message says what each row needs, so the three are one problem.
    expect(problemsOf(result)).toEqual([['rows 2–4, column enrolment', 'invalid']]);
    expect(!result.ok && result.problems[0]?.message).toBe('enrolment must be a whole number of at least 0');
  });

  it('groups a problem repeated over rows: forty districts with a locale not in the register give one problem, not forty', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `district-${i + 1},District ${i + 1},town,Texas,,`);
    const result = parseRegisterCsv([districtHeader, ...rows, 'springfield-usd,Springfield Unified,city,,,'].join('\n'), districts);
    expect(!result.ok && result.problems).toEqual([
      { where: 'rows 2–41, column locale', code: 'invalid', message: 'the locale (locale) must be one of city, suburb, rural' },
      { where: 'row 42, column state', code: 'invalid', message: "'state' is required" },
    ]);
  });
});

describe('parseRegisterCsv: without a register schema', () => {
  it('keeps every column named like an attribute as text, so a register can be imported before its survey', () => {
    const result = parseRegisterCsv('id,name,locale,size_band,headcount\nspringfield-usd,Springfield Unified,city,large,5200\n');
    expect(result.ok && result.organisations).toEqual([{ id: 'springfield-usd', name: 'Springfield Unified', locale: 'city', size_band: 'large', headcount: 5200 }]);
  });

  it('refuses a column not named like an attribute id, and a name that every object has', () => {
    const result = parseRegisterCsv('id,name,Web Site\na,A,x\n');
    expect(problemsOf(result)).toEqual([['row 1, column Web Site', 'unknown-column']]);
  });
});
