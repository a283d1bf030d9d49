import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, it, expect } from 'vitest';
import { loadDefinitionText } from '../definition/load-definition.js';
import type { Definition } from '../definition/schema.js';
import type { Organisation } from '../register/organisation.js';
import { parseResponsesCsv } from '../responses/parse-responses-csv.js';
import { responsesToCsv, responsesToJson, type ExportableResponse } from './export-responses.js';

function definitionFrom(text: string): Definition {
  const result = loadDefinitionText(text);
  if (!result.ok) throw new Error(`test definition is invalid: ${JSON.stringify(result.problems)}`);
  return result.definition;
}

const digitalGap = definitionFrom(readFileSync(new URL('../surveys/digital-gap-2017/definition.yaml', import.meta.url), 'utf8'));

const staffing = definitionFrom(
  JSON.stringify({
    format: 1,
    id: 'staffing',
    title: 'Staffing',
    questions: [
      { id: 'change', type: 'number', text: 'Change in digital staff since last year?', min: -1000, max: 1000 },
      { id: 'note', type: 'text', text: 'Anything else?', required: false },
    ],
  }),
);

const organisations: Organisation[] = [
  { id: 'kent-county-council', name: 'Kent County Council', type: 'county-council', nation: 'England' },
  { id: 'westminster-city-council', name: 'Westminster City Council', type: 'london-borough', nation: 'England' },
];
const register = new Map(organisations.map((o) => [o.id, o]));
const findOrg = (id: string) => register.get(id);

const responses: ExportableResponse[] = [
  {
    id: 'r-001',
    org: 'kent-county-council',
    submittedAt: '2017-01-10T09:15:00.000Z',
    definitionVersion: 1,
    answers: {
      role: 'digital-it',
      approach: 'major-barriers',
      strategy: 'yes',
      strategy_stage: 'under-way',
      barriers: ['culture', 'skills', 'cost'],
      gap_confidence: 'not-very-confident',
      gap_barriers: ['skills-gap', 'lack-of-budget'],
      strategy_achievable: 'agree',
      automation_status: 'weighing-up',
      automation_uses: ['back-office'],
      comments: '=HYPERLINK("x")',
    },
  },
  {
    id: 'r-002',
    org: 'westminster-city-council',
    submittedAt: '2017-02-03T16:00:00.000Z',
    answers: {
      role: 'operations',
      approach: 'dont-know',
      strategy: 'no',
      barriers: ['none'],
      gap_confidence: 'very-confident',
      strategy_achievable: 'strongly-disagree',
      automation_status: 'not-considered',
      automation_uses: ['none'],
      comments: 'Budget, mostly; and "legacy" systems\nacross two lines. -- and +more @here',
    },
  },
];

/** The CSV as rows of cells, read back with a plain CSV parser (no Canvass logic). */
function cellsOf(csv: string): string[][] {
  return parse(csv) as string[][];
}

describe('responsesToCsv', () => {
  it('writes the header response_id, org, submitted_at, wave, definition_version, then each question id in questionnaire order', () => {
    const [header] = cellsOf(responsesToCsv(digitalGap, responses));
    expect(header).toEqual([
      'response_id',
      'org',
      'submitted_at',
      'wave',
      'definition_version',
      'role',
      'approach',
      'strategy',
      'strategy_stage',
      'barriers',
      'gap_confidence',
      'gap_barriers',
      'strategy_achievable',
      'automation_status',
      'automation_uses',
      'comments',
    ]);
  });

  it('writes only a header when there are no responses', () => {
    expect(responsesToCsv(staffing, [])).toBe('response_id,org,submitted_at,wave,definition_version,change,note\n');
  });

  it('writes one row per response with multi-select codes joined by ; and unanswered questions empty', () => {
    const [, first, second] = cellsOf(responsesToCsv(digitalGap, responses));
    expect(first?.slice(0, 13)).toEqual(['r-001', 'kent-county-council', '2017-01-10T09:15:00.000Z', '', '1', 'digital-it', 'major-barriers', 'yes', 'under-way', 'culture;skills;cost', 'not-very-confident', 'skills-gap;lack-of-budget', 'agree']);
    // A response that does not say its version has an empty cell, which an import reads as the current version.
    expect(second?.slice(0, 12)).toEqual(['r-002', 'westminster-city-council', '2017-02-03T16:00:00.000Z', '', '', 'operations', 'dont-know', 'no', '', 'none', 'very-confident', '']);
  });

  it('neutralises a text answer that a spreadsheet would run as a formula', () => {
    const csv = responsesToCsv(digitalGap, responses);
    expect(cellsOf(csv)[1]?.at(-1)).toBe('\'=HYPERLINK("x")');
    expect(csv.split('\n')[1]?.endsWith(',"\'=HYPERLINK(""x"")"')).toBe(true);
  });

  it('neutralises a formula after a ; separator, which a spreadsheet splitting lines at ; would run, and quotes the cell', () => {
    const csv = responsesToCsv(staffing, [{ id: 'a', org: 'kent-county-council', submittedAt: '2017-01-10T09:15:00.000Z', answers: { change: 1, note: ';=1+1' } }]);
    expect(csv.split('\n')[1]).toBe(`a,kent-county-council,2017-01-10T09:15:00.000Z,,,1,"';'=1+1"`);
    const result = parseResponsesCsv(csv, staffing, findOrg);
    expect(result.ok && result.responses[0]?.answers).toEqual({ change: 1, note: ';=1+1' });
  });

  it('leaves text alone when formula characters are not at its start, quoting it as CSV needs', () => {
    expect(cellsOf(responsesToCsv(digitalGap, responses))[2]?.at(-1)).toBe('Budget, mostly; and "legacy" systems\nacross two lines. -- and +more @here');
  });

  it('writes numbers as numbers, so a negative number is not neutralised', () => {
    const csv = responsesToCsv(staffing, [
      { id: 'a', org: 'kent-county-council', submittedAt: '2017-01-10T09:15:00.000Z', answers: { change: -5, note: '-5 is a loss' } },
      { id: 'b', org: 'kent-county-council', submittedAt: '2017-01-10T09:15:00.000Z', answers: { change: 2.5 } },
    ]);
    expect(csv).toBe(['response_id,org,submitted_at,wave,definition_version,change,note', "a,kent-county-council,2017-01-10T09:15:00.000Z,,,-5,\"'-5 is a loss\"", 'b,kent-county-council,2017-01-10T09:15:00.000Z,,,2.5,', ''].join('\n'));
  });

  it('round-trips through parseResponsesCsv to the same ids, organisations, times, definition versions and answers', () => {
    const result = parseResponsesCsv(responsesToCsv(digitalGap, responses), digitalGap, findOrg, { current: 1, definitions: new Map([[1, digitalGap]]) });
    expect(result).toEqual({
      ok: true,
      responses: responses.map((r, i) => ({
        row: i + 2,
        id: r.id,
        org: r.org,
        submittedAt: r.submittedAt,
        ...(r.definitionVersion === undefined ? {} : { definitionVersion: r.definitionVersion }),
        answers: r.answers,
      })),
    });
  });

  it('round-trips text with spaces at either end (trimmed, as every import takes text), quotes, commas, line breaks and carriage returns', () => {
    const notes = ['  two spaces before', 'after  ', ' "quoted", then\r\nsplit ', '\ttab first', 'é, ü and 漢字', "'quote first", '"'];
    const rows: ExportableResponse[] = notes.map((note, i) => ({ id: `t${i}`, org: 'kent-county-council', submittedAt: '2017-01-10T09:15:00.000Z', answers: { change: i, note } }));
    const result = parseResponsesCsv(responsesToCsv(staffing, rows), staffing, findOrg);
    expect(result.ok && result.responses.map((r) => r.answers)).toEqual(notes.map((note, i) => ({ change: i, note: note.trim() })));
  });

  it('round-trips numbers, negative ones included, and neutralised text', () => {
    const numbers: ExportableResponse[] = [
      { id: 'a', org: 'kent-county-council', submittedAt: '2017-01-10T09:15:00.000Z', answers: { change: -5, note: '+1 for this' } },
      { id: 'b', org: 'westminster-city-council', submittedAt: '2017-01-11T09:15:00.000Z', answers: { change: 0.25 } },
      { id: 'c', org: 'kent-county-council', submittedAt: '2017-01-12T09:15:00.000Z', answers: { change: 1000, note: '@everyone' } },
    ];
    const result = parseResponsesCsv(responsesToCsv(staffing, numbers), staffing, findOrg);
    expect(result.ok && result.responses.map((r) => r.answers)).toEqual(numbers.map((r) => r.answers));
  });
});

describe('responsesToJson', () => {
  it('writes the survey id, its notice and each response with id, org, submittedAt, definitionVersion and answers', () => {
    const json = responsesToJson(digitalGap, responses);
    expect(json.endsWith('}\n')).toBe(true);
    expect(JSON.parse(json)).toEqual({
      survey: 'digital-gap-2017',
      notice: digitalGap.notice,
      responses: responses.map((r) => ({ id: r.id, org: r.org, submittedAt: r.submittedAt, wave: null, definitionVersion: r.definitionVersion ?? null, answers: r.answers })),
    });
    expect(digitalGap.notice).toMatch(/^Reconstructed/);
  });

  it('writes notice null for a survey without one, and text answers as they are (JSON needs no neutralising)', () => {
    const parsed = JSON.parse(responsesToJson(staffing, [{ id: 'a', org: 'kent-county-council', submittedAt: '2017-01-10T09:15:00.000Z', answers: { change: -5, note: '=1+1' } }])) as unknown;
    expect(parsed).toEqual({ survey: 'staffing', notice: null, responses: [{ id: 'a', org: 'kent-county-council', submittedAt: '2017-01-10T09:15:00.000Z', wave: null, definitionVersion: null, answers: { change: -5, note: '=1+1' } }] });
  });

  it('writes an empty list when there are no responses', () => {
    expect(JSON.parse(responsesToJson(staffing, []))).toEqual({ survey: 'staffing', notice: null, responses: [] });
  });
});
