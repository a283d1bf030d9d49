import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { loadDefinitionText } from '../definition/load-definition.js';
import type { Definition } from '../definition/schema.js';
import type { Organisation } from '../register/organisation.js';
import { parseResponsesCsv, type ResponsesCsvResult } from './parse-responses-csv.js';

const loaded = loadDefinitionText(readFileSync(new URL('../surveys/digital-gap-2017/definition.yaml', import.meta.url), 'utf8'));
if (!loaded.ok) throw new Error('the built-in definition does not load');
const digitalGap: Definition = loaded.definition;

const organisations: Organisation[] = [
  { id: 'kent-county-council', name: 'Kent County Council', type: 'county-council', nation: 'England' },
  { id: 'westminster-city-council', name: 'Westminster City Council', type: 'london-borough', nation: 'England' },
];
const register = new Map(organisations.map((o) => [o.id, o]));
const findOrg = (id: string) => register.get(id);

const questionColumns = digitalGap.questions.map((q) => q.id);
const header = ['response_id', 'org', 'submitted_at', ...questionColumns].join(',');

/** A valid row of the built-in survey in the `header` column order, with cells replaced as given. */
function row(cells: Partial<Record<string, string>> = {}): string {
  const defaults: Record<string, string> = {
    response_id: '',
    org: 'kent-county-council',
    submitted_at: '',
    role: 'digital-it',
    approach: 'major-barriers',
    strategy: 'no',
    strategy_stage: '',
    barriers: 'culture',
    gap_confidence: 'fairly-confident',
    gap_barriers: '',
    strategy_achievable: 'agree',
    automation_status: 'weighing-up',
    automation_uses: 'back-office',
    comments: '',
  };
  return ['response_id', 'org', 'submitted_at', ...questionColumns].map((c) => cells[c] ?? defaults[c]).join(',');
}

function parse(...lines: string[]): ResponsesCsvResult {
  return parseResponsesCsv(`${lines.join('\n')}\n`, digitalGap, findOrg);
}

function problemsOf(result: ResponsesCsvResult): Array<[string, string]> {
  if (result.ok) throw new Error(`expected problems, got ${result.responses.length} responses`);
  return result.problems.map((p) => [p.where, p.code]);
}

describe('parseResponsesCsv: a good file', () => {
  it('reads quoted cells, multi codes separated by ;, a BOM and CRLF line endings', () => {
    const text = [
      '\uFEFForg,role,approach,strategy,strategy_stage,barriers,gap_confidence,gap_barriers,strategy_achievable,automation_status,automation_uses,comments',
      'kent-county-council,senior-leader,fully-embracing,yes,under-way,skills;culture,not-very-confident,lack-of-budget; skills-gap,agree,implemented,customer-services;data-analysis,"Budget, mostly; and ""legacy"" systems"',
      '"westminster-city-council","operations",major-barriers,no,,none,very-confident,,disagree,not-considered,none,',
    ].join('\r\n');
    const result = parseResponsesCsv(`${text}\r\n`, digitalGap, findOrg);
    expect(result).toEqual({
      ok: true,
      responses: [
        {
          row: 2,
          org: 'kent-county-council',
          answers: {
            role: 'senior-leader',
            approach: 'fully-embracing',
            strategy: 'yes',
            strategy_stage: 'under-way',
            barriers: ['culture', 'skills'],
            gap_confidence: 'not-very-confident',
            gap_barriers: ['skills-gap', 'lack-of-budget'],
            strategy_achievable: 'agree',
            automation_status: 'implemented',
            automation_uses: ['customer-services', 'data-analysis'],
            comments: 'Budget, mostly; and "legacy" systems',
          },
        },
        {
          row: 3,
          org: 'westminster-city-council',
          answers: {
            role: 'operations',
            approach: 'major-barriers',
            strategy: 'no',
            barriers: ['none'],
            gap_confidence: 'very-confident',
            strategy_achievable: 'disagree',
            automation_status: 'not-considered',
            automation_uses: ['none'],
          },
        },
      ],
    });
  });

  it('keeps line breaks inside a quoted text cell', () => {
    const result = parse(header, row({ comments: '"First line\nsecond line"' }));
    expect(result.ok && result.responses[0]?.answers.comments).toBe('First line\nsecond line');
  });

  it('accepts columns in any order, and question columns that are absent for optional questions', () => {
    const result = parse('automation_uses,automation_status,strategy_achievable,gap_confidence,barriers,strategy,approach,role,org', 'none,implemented,agree,neutral,cost,no,fully-embracing,other,kent-county-council');
    expect(result.ok && result.responses).toEqual([
      {
        row: 2,
        org: 'kent-county-council',
        answers: { role: 'other', approach: 'fully-embracing', strategy: 'no', barriers: ['cost'], gap_confidence: 'neutral', strategy_achievable: 'agree', automation_status: 'implemented', automation_uses: ['none'] },
      },
    ]);
  });

  it('trims spaces around header names and cells', () => {
    const result = parse(header.replace('org', ' org '), row({ org: ' kent-county-council ', role: ' other ' }));
    expect(result.ok && result.responses[0]).toMatchObject({ org: 'kent-county-council', answers: { role: 'other' } });
  });

  it('skips blank lines', () => {
    const result = parse(header, row(), '', row({ org: 'westminster-city-council' }), '');
    expect(result.ok && result.responses.map((r) => r.org)).toEqual(['kent-county-council', 'westminster-city-council']);
  });

  it('reads a text cell neutralised on export (\'=1+1) back as the original text', () => {
    const result = parse(header, row({ comments: "'=1+1" }), row({ comments: "'@SUM(A1)" }), row({ comments: "'-5 stars" }));
    expect(result.ok && result.responses.map((r) => r.answers.comments)).toEqual(['=1+1', '@SUM(A1)', '-5 stars']);
  });

  it('keeps a leading quote that does not neutralise a formula', () => {
    const result = parse(header, row({ comments: "'Tis the season" }));
    expect(result.ok && result.responses[0]?.answers.comments).toBe("'Tis the season");
  });

  it('keeps response_id and submitted_at, writing the time as ISO 8601 in UTC', () => {
    const result = parse(
      header,
      row({ response_id: 'r-001', submitted_at: '2017-02-14T10:30:00Z' }),
      row({ response_id: 'import:2017.02_b', submitted_at: '2017-02-14T10:30:00+01:00' }),
      row({ response_id: 'R3', submitted_at: '2017-01-09' }),
      row(),
    );
    expect(result.ok && result.responses.map((r) => [r.id, r.submittedAt])).toEqual([
      ['r-001', '2017-02-14T10:30:00.000Z'],
      ['import:2017.02_b', '2017-02-14T09:30:00.000Z'],
      ['R3', '2017-01-09T00:00:00.000Z'],
      [undefined, undefined],
    ]);
    expect(result.ok && result.responses[3]).not.toHaveProperty('id');
    expect(result.ok && result.responses[3]).not.toHaveProperty('submittedAt');
  });
  it('accepts the usual ISO 8601 forms of submitted_at: space or T, seconds optional, fractions, offsets with or without a colon', () => {
    const values = ['2017-02-14 10:30:00Z', '2017-02-14T10:30Z', '2017-02-14T10:30:00.250Z', '2017-02-14T11:30:00+0100', '2017-02-14T05:30:00-05:00'];
    const result = parse(header, ...values.map((submitted_at) => row({ submitted_at })));
    expect(result.ok && result.responses.map((r) => r.submittedAt)).toEqual([
      '2017-02-14T10:30:00.000Z',
      '2017-02-14T10:30:00.000Z',
      '2017-02-14T10:30:00.250Z',
      '2017-02-14T10:30:00.000Z',
      '2017-02-14T10:30:00.000Z',
    ]);
  });
});

describe('parseResponsesCsv: the file as a whole', () => {
  it('rejects an empty file', () => {
    for (const text of ['', '\n', '\r\n\r\n']) {
      const result = parseResponsesCsv(text, digitalGap, findOrg);
      expect(result).toMatchObject({ ok: false, rows: 0 });
      expect(problemsOf(result)).toEqual([['file', 'empty']]);
    }
  });

  it('rejects a file with a header but no responses', () => {
    const result = parse(header);
    expect(result).toMatchObject({ ok: false, rows: 0 });
    expect(problemsOf(result)).toEqual([['file', 'empty']]);
    expect(!result.ok && result.problems[0]?.message).toContain('no responses');
  });

  it('rejects a column that is neither a question nor a response column, listing the columns it may have', () => {
    const result = parse(`${header},favourite_colour`, `${row()},blue`);
    expect(problemsOf(result)).toEqual([['row 1, column favourite_colour', 'unknown-column']]);
    expect(!result.ok && result.problems[0]?.expected).toBe(['response_id', 'org', 'submitted_at', 'wave', 'definition_version', ...questionColumns].join(', '));
  });

  it('rejects a column that appears twice', () => {
    expect(problemsOf(parse(`${header},role`, `${row()},other`))).toEqual([['row 1, column role', 'duplicate-column']]);
  });

  it('rejects a file without an org column', () => {
    const result = parse(questionColumns.join(','), row().split(',').slice(3).join(','));
    expect(problemsOf(result)).toEqual([['row 1', 'missing-column']]);
    expect(!result.ok && result.problems[0]?.expected).toBe('a column org with organisation ids');
  });

  it('reports every header problem together and counts the data rows', () => {
    const result = parse('role,colour,role', 'other,blue,other', 'other,red,other');
    expect(problemsOf(result)).toEqual([
      ['row 1, column colour', 'unknown-column'],
      ['row 1, column role', 'duplicate-column'],
      ['row 1', 'missing-column'],
    ]);
    expect(result).toMatchObject({ ok: false, rows: 2 });
  });

  it('rejects a file that is not valid CSV (an unclosed quote)', () => {
    const result = parse(header, row({ comments: '"never closed' }), row());
    expect(problemsOf(result)).toEqual([['file', 'csv-syntax']]);
    expect(!result.ok && result.problems[0]?.message).not.toBe('');
  });
});

describe('parseResponsesCsv: bad rows', () => {
  it('rejects a row with fewer or more cells than the header, and still checks the other rows', () => {
    const result = parse(header, row(), 'kent-county-council,digital-it', row({ role: 'chief-wizard' }), `${row()},extra`);
    expect(problemsOf(result)).toEqual([
      ['row 3', 'column-count'],
      ['row 4, column role', 'unknown-code'],
      ['row 5', 'column-count'],
    ]);
    expect(!result.ok && result.problems[0]?.expected).toBe('14 cells');
    expect(!result.ok && result.problems[0]?.message).toBe('the row has 2 cells but the header has 14');
  });

  it('reports every bad row with its spreadsheet row and column (header = row 1) and what was expected', () => {
    const result = parse(
      header,
      row(),
      row({ approach: 'sideways' }),
      row({ org: 'atlantis-council' }),
      row({ strategy: '' }),
      row({ barriers: 'none;culture' }),
      row(),
      row({ strategy: 'no', strategy_stage: 'under-way', gap_confidence: 'not-very-confident' }),
      row({ org: '' }),
    );
    expect(result).toMatchObject({ ok: false, rows: 8 });
    expect(problemsOf(result)).toEqual([
      ['row 3, column approach', 'unknown-code'],
      ['row 4, column org', 'unknown-org'],
      ['row 5, column strategy', 'required'],
      ['row 6, column barriers', 'exclusive-combined'],
      ['row 8, column strategy_stage', 'hidden-answered'],
      ['row 8, column gap_barriers', 'required'],
      ['row 9, column org', 'missing-org'],
    ]);
    for (const problem of result.ok ? [] : result.problems) expect(problem.expected, problem.where).toBeTruthy();
  });

  it('expects option codes separated by ; when a multiple-choice cell is missing', () => {
    const result = parse(header, row({ barriers: '' }));
    expect(problemsOf(result)).toEqual([['row 2, column barriers', 'required']]);
    expect(!result.ok && result.problems[0]?.expected).toMatch(/^option codes separated by ';' from culture, /);
  });

  it('rejects a response_id that is not an id', () => {
    for (const id of ['has space', '-leading-hyphen', 'x'.repeat(129), 'semi;colon']) {
      const result = parse(header, row({ response_id: id }));
      expect(problemsOf(result), id).toEqual([['row 2, column response_id', 'invalid-id']]);
    }
    expect(parse(header, row({ response_id: 'x'.repeat(128) })).ok).toBe(true);
  });

  it('rejects a response_id used by an earlier row, naming that row', () => {
    const result = parse(header, row({ response_id: 'r1' }), row({ response_id: 'r2' }), row({ response_id: 'r1' }), row({ response_id: 'r1' }));
    expect(problemsOf(result)).toEqual([
      ['row 4, column response_id', 'duplicate-id'],
      ['row 5, column response_id', 'duplicate-id'],
    ]);
    expect(!result.ok && result.problems.map((p) => p.message)).toEqual(["'r1' is already used in row 2", "'r1' is already used in row 2"]);
  });

  it('rejects a submitted_at that is not an ISO 8601 date and time', () => {
    for (const value of ['not a date', 'hello 1', '1', '2017-02-30', '2017-13-01', '2017-02-14T25:00:00Z', '14/02/2017']) {
      const result = parse(header, row({ submitted_at: value }));
      expect(problemsOf(result), value).toEqual([['row 2, column submitted_at', 'invalid-date']]);
      expect(!result.ok && result.problems[0]?.expected).toBe('ISO 8601, like 2017-02-14T10:30:00Z');
    }
  });

  it('reports a bad response_id and submitted_at even when the row has bad answers too', () => {
    const result = parse(header, row({ response_id: 'bad id', submitted_at: 'yesterday', role: 'chief-wizard' }), row({ response_id: 'r1', role: 'chief-wizard' }), row({ response_id: 'r1' }));
    expect(problemsOf(result)).toEqual([
      ['row 2, column role', 'unknown-code'],
      ['row 2, column response_id', 'invalid-id'],
      ['row 2, column submitted_at', 'invalid-date'],
      ['row 3, column role', 'unknown-code'],
      ['row 4, column response_id', 'duplicate-id'],
    ]);
  });
});

describe('parseResponsesCsv: blank rows', () => {
  it('numbers rows as a spreadsheet does, counting blank lines, and skips rows with no values', () => {
    const result = parse(header, row(), '', ',,,,,,,,,,,,,,', row({ role: 'astronaut' }));
    expect(problemsOf(result)).toEqual([['row 5, column role', 'unknown-code']]);
  });

  it('reads a file whose rows of empty cells (as spreadsheets save them) are left out', () => {
    const result = parse(header, row(), ',,,,,,,,,,,,,,');
    expect(result.ok && result.responses.map((r) => r.row)).toEqual([2]);
  });
});
