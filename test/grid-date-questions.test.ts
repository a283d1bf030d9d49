import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AppendableSnapshot } from '../src/analysis/snapshot/appendable-snapshot.js';
import type { OrgAttributes } from '../src/analysis/snapshot/respondent-record.js';
import { decodeSnapshotChunk, encodeSnapshotChunk, snapshotLayout } from '../src/analysis/snapshot/snapshot-chunk.js';
import { buildSnapshot, type Column } from '../src/analysis/snapshot/survey-snapshot.js';
import { snapshotValues } from './support/snapshot-values.js';
import { formatResultsTable } from '../src/cli/results-table.js';
import { loadDefinitionText } from '../src/definition/load-definition.js';
import type { Organisation } from '../src/register/organisation.js';
import { validateResponse } from '../src/responses/validate-response.js';
import { openAnalystExport } from '../src/operations/export-analyst-files.js';
import { exportAggregates, exportOpenData } from '../src/operations/export-aggregates.js';
import { exportResponses } from '../src/operations/export-responses.js';
import { importDefinition } from '../src/operations/import-definition.js';
import { importResponsesCsv } from '../src/operations/import-responses.js';
import { benchmarkReport, surveyReport, surveyReportHtml } from '../src/operations/survey-report.js';
import { organisationBenchmark } from '../src/operations/organisation-benchmark.js';
import { renderReportHtml } from '../src/reporting/render-report-html.js';
import { surveyResults } from '../src/operations/survey-results.js';
import { submitResponse } from '../src/operations/submit-response.js';
import type { Answers } from '../src/definition/schema.js';
import type { ChoiceQuestionResult } from '../src/analysis/results/results-model.js';
import type { Store } from '../src/storage/store.js';
import { runCapture } from './support/cli-capture.js';
import { checkTabularDataPackage } from './support/frictionless-check.js';
import { storeForEachTest } from './support/store-each-test.js';
import { tempStore } from './support/temp-store.js';
import { testApp } from './support/web-client.js';
import { loadStaffPulse, staffPulseDefinition } from './support/staff-pulse.js';

function problemsOf(yaml: string): string[] {
  const result = loadDefinitionText(yaml);
  return result.ok ? [] : result.problems.map((p) => `${p.where}: ${p.code}: ${p.message}`);
}

describe('definitions of grid and date questions', () => {
  it('accepts the staff pulse survey', () => {
    expect(problemsOf(staffPulseDefinition)).toEqual([]);
  });

  it('names what to fix in a grid: a statement id used twice, a net naming no option, no statements', () => {
    const twice = staffPulseDefinition.replace('{ id: informed,', '{ id: valued,');
    expect(problemsOf(twice)).toEqual([expect.stringMatching(/^questions\[0\] \(team\)\.statements\[1\]: duplicate-statement: statement id 'valued' is used twice in grid 'team'/)]);
    const badNet = staffPulseDefinition.replace('options: [strongly-agree, agree]', 'options: [strongly-agree, agreed]');
    expect(problemsOf(badNet)).toEqual([expect.stringMatching(/nets\[0\] \(agreeing\): unknown-code: net 'agreeing' names 'agreed', which is not an option of 'team'/)]);
    const none = staffPulseDefinition.replace(/ {4}statements:\n(?: {6}- .*\n)+/, '    statements: []\n');
    expect(problemsOf(none).join('\n')).toMatch(/statements.*a grid needs at least one statement/);
  });

  it('lets a later question be asked on a statement of a grid (GRID.STATEMENT), and names what to fix in other conditions on grids and dates', () => {
    const why = (showIf: string) => `${staffPulseDefinition}  - id: why\n    type: text\n    text: What makes your workload hard to manage?\n    showIf: ${showIf}\n`;
    const loaded = loadDefinitionText(why('team.workload in (disagree, strongly-disagree)'));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const org = () => ({ id: 'pulse-a', name: 'Pulse Agency A' }) as Organisation;
    const answers = (workload: string, extra: Record<string, unknown> = {}) => ({ org: 'pulse-a', answers: { team: { valued: 'agree', informed: 'agree', workload }, started: '2024-01-02', ...extra } });
    expect(validateResponse(loaded.definition, answers('disagree', { why: 'Too many meetings' }), org)).toMatchObject({ ok: true });
    expect(validateResponse(loaded.definition, answers('agree', { why: 'Too many meetings' }), org)).toMatchObject({ ok: false, problems: [{ where: 'why', code: 'hidden-answered' }] });
    expect(problemsOf(why('team = agree'))).toEqual([expect.stringMatching(/showIf: grid-in-expression: 'team' is a grid: name one of its statements, like team\.valued/)]);
    expect(problemsOf(why('started = 2024-03'))).toEqual([expect.stringMatching(/showIf: date-in-condition: date question 'started' cannot be used in a question's condition/)]);
    expect(problemsOf(why('team.morale = agree'))).toEqual([expect.stringMatching(/unknown-question: 'team\.morale' is not a question in this survey/)]);
  });

  it('names what to fix in a date question: a bound that is no real date, min after max', () => {
    expect(problemsOf(staffPulseDefinition.replace('min: 1950-01-01', 'min: 2023-02-30')).join('\n')).toMatch(/questions\[1\] \(started\)\.min: not-a-date: min '2023-02-30' is not a real date/);
    expect(problemsOf(staffPulseDefinition.replace('min: 1950-01-01', 'min: 2027-01-01')).join('\n')).toMatch(/empty-range: min 2027-01-01 is after max 2026-12-31/);
  });
});

describe('the snapshot of grid and date questions', () => {
  const loaded = loadDefinitionText(staffPulseDefinition);
  if (!loaded.ok) throw new Error('the staff pulse survey does not load');
  const definition = loaded.definition;
  const answers: Answers[] = [
    { team: { valued: 'agree', informed: 'dont-know' }, started: '2024-03-05' },
    { team: { valued: 'strongly-disagree', informed: 'agree', workload: 'neither' } },
    { started: '2019-12-31', comment: 'Fine.' },
  ];

  it('gives a grid a choice column per statement and a date its months, whether built at once, appended, or copied through a stored chunk', () => {
    const org = { id: 'pulse-a', name: 'Pulse Agency A', attributes: {} } as unknown as OrgAttributes;
    const built = buildSnapshot(definition, answers.map((a) => ({ org, answers: a })));
    const column = (id: string) => built.columns.get(id) as Extract<Column, { kind: 'choice' }>;
    expect([...column('team.valued').codes]).toEqual([1, 4, -1]);
    expect([...column('team.informed').codes]).toEqual([5, 1, -1]);
    expect([...column('team.workload').codes]).toEqual([-1, 2, -1]);
    expect(column('started').question.options.map((o) => o.code)).toEqual(['2019-12', '2024-03']);
    expect([...column('started').codes]).toEqual([1, -1, 0]);
    const rows = new AppendableSnapshot(definition, 2);
    rows.appendResponses(answers.map((a, i) => ({ seq: i + 1, org: 'pulse-a', answers: JSON.stringify(a) })));
    const appended = rows.view(definition, [org]).snapshot;
    expect(snapshotValues(appended)).toEqual(snapshotValues(built));
    const copy = new AppendableSnapshot(definition);
    copy.appendChunk(decodeSnapshotChunk(encodeSnapshotChunk(rows.chunk(0, rows.size))));
    expect(snapshotValues(copy.view(definition, [org]).snapshot)).toEqual(snapshotValues(built));
  });

  it('stores a grid under a layout of its statements: adding one starts a new store', () => {
    const more = loadDefinitionText(staffPulseDefinition.replace('      - { id: workload, text: My workload is manageable }\n', '      - { id: workload, text: My workload is manageable }\n      - { id: tools, text: I have the tools I need }\n'));
    expect(more.ok && snapshotLayout(more.definition)).not.toBe(snapshotLayout(definition));
  });
});

describe('grid and date questions on the command line', () => {
  it('validates a definition naming what to fix, and prints results, a cross-tab by a statement and CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'canvass-grid-cli-'));
    const temp = await tempStore();
    try {
      const bad = join(dir, 'bad.yaml');
      writeFileSync(bad, staffPulseDefinition.replace('{ id: informed,', '{ id: valued,').replace('max: 2026-12-31', 'max: 2026-02-30'));
      const validated = await runCapture(['survey', 'validate', bad]);
      expect(validated.code).toBe(1);
      expect(validated.err).toContain("statement id 'valued' is used twice in grid 'team'");
      expect(validated.err).toContain("max '2026-02-30' is not a real date");
      await loadStaffPulse(temp.store);
      const db = ['--db', temp.url];
      const table = await runCapture(['results', 'staff-pulse', ...db]);
      expect(table.code).toBe(0);
      expect(table.out).toContain('team.workload: How much do you agree with each statement about your team: My workload is manageable (base 30)');
      expect(table.out).toContain('earliest 2024-01-01 · median 2024-02-11 · latest 2024-03-27 (counted by month)');
      const crosstab = await runCapture(['results', 'staff-pulse', '--by', 'team.informed', ...db]);
      expect(crosstab.code).toBe(0);
      expect(crosstab.out).toMatch(/team\.valued/);
      const csv = await runCapture(['results', 'staff-pulse', '--format', 'csv', ...db]);
      expect(csv.out).toMatch(/\nstaff-pulse,[^\n]*team\.valued,[^\n]*net,agreeing,Agree or strongly agree,10,/);
    } finally {
      await temp.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('grid and date questions through the JSON API', () => {
  it('lists a grid with its statements and a date with its bounds, stores a valid response and refuses an invalid one with 422 naming each problem', async () => {
    const { app, store, close } = await testApp({ seed: false, admin: false });
    try {
      await loadStaffPulse(store, { responses: false });
      const listed = (await app.inject('/api/v1/surveys')).json().surveys[0];
      expect(listed.questions.map((q: { id: string; type: string }) => `${q.id}:${q.type}`)).toEqual(['team:grid', 'started:date', 'comment:text']);
      expect(listed.questions[0].statements).toEqual([
        { id: 'valued', text: 'I feel valued by my team' },
        { id: 'informed', text: 'I am kept informed about changes' },
        { id: 'workload', text: 'My workload is manageable' },
      ]);
      expect(listed.questions[1]).toMatchObject({ min: '1950-01-01', max: '2026-12-31' });
      const post = (answers: unknown) => app.inject({ method: 'POST', url: '/api/v1/surveys/staff-pulse/responses', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ org: 'pulse-b', answers }) });
      const refused = await post({ team: { valued: 'agree', informed: 'agree' }, started: '1949-12-31' });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.problems).toMatchObject([
        { where: 'team.workload', code: 'required' },
        { where: 'started', code: 'date-too-early', message: 'Date must be the same as or after 1 January 1950' },
      ]);
      const stored = await post({ team: { valued: 'agree', informed: 'agree', workload: 'neither' }, started: '2001-09-30' });
      expect(stored.statusCode).toBe(201);
      expect((await store.responses.list('staff-pulse')).map((r) => r.answers)).toEqual([{ team: { valued: 'agree', informed: 'agree', workload: 'neither' }, started: '2001-09-30' }]);
    } finally {
      await close();
    }
  });
});

describe.each(['sqlite', 'postgres'] as const)('grid and date questions on %s', (dialect) => {
  let store: Store;
  storeForEachTest(dialect, async (opened) => {
    store = opened.store;
    await loadStaffPulse(store);
  });

  it('analyses each statement of a grid as a scale question with the grid nets, and a date by month with its earliest, median and latest', async () => {
    const results = await surveyResults(store, 'staff-pulse');
    expect(results.questions.map((q) => `${q.id}:${q.type}`)).toEqual(['team.valued:scale', 'team.informed:scale', 'team.workload:scale', 'started:date', 'comment:text']);
    const [valued, informed] = results.questions as ChoiceQuestionResult[];
    // Respondent i answers valued with the (i mod 6)th answer: 5 of each of 6 answers.
    expect(valued!.options.map((o) => o.count)).toEqual([5, 5, 5, 5, 5, 5]);
    expect(valued!.text).toBe('How much do you agree with each statement about your team: I feel valued by my team');
    expect(valued!.nets).toMatchObject([{ code: 'agreeing', count: 10, base: 30 }]);
    expect(valued!.nets[0]!.percent).toBeCloseTo((100 * 10) / 30, 9);
    // informed takes the (2i mod 6)th: strongly agree, neither, strongly disagree, 10 each.
    expect(informed!.options.map((o) => o.count)).toEqual([10, 0, 10, 0, 10, 0]);
    const started = results.questions[3] as ChoiceQuestionResult;
    // Respondent i started on 2024-(1 + i mod 3)-(1 + i).
    expect(started.options.map((o) => [o.code, o.label, o.count])).toEqual([
      ['2024-01', 'January 2024', 10],
      ['2024-02', 'February 2024', 10],
      ['2024-03', 'March 2024', 10],
    ]);
    expect(started.dates).toEqual({ earliest: '2024-01-01', latest: '2024-03-27', median: '2024-02-11', period: 'month' });
  });

  it('keeps a grid (a column per statement) and a date in the stored snapshot, rebuilt when a statement is added', async () => {
    const first = await surveyResults(store, 'staff-pulse');
    expect(await store.snapshotChunks.ranges({ surveyId: 'staff-pulse', wave: null })).toMatchObject([{ rows: 30 }]);
    const withStatement = staffPulseDefinition.replace('      - { id: workload, text: My workload is manageable }\n', '      - { id: workload, text: My workload is manageable }\n      - { id: tools, text: I have the tools I need }\n');
    const imported = await importDefinition(store, withStatement.replace('I am kept informed about changes', 'I am told about changes'), 'staff-pulse.yaml', 'cli:test');
    // A statement is a question of its own in the definition's versions.
    expect(imported).toMatchObject({ status: 'updated', version: 2, changes: { addedQuestions: ['team.tools'], rewordedQuestions: [{ question: 'team.informed', fields: ['text'] }] } });
    const rebuilt = await surveyResults(store, 'staff-pulse');
    expect(rebuilt.questions.map((q) => q.id)).toEqual(['team.valued', 'team.informed', 'team.workload', 'team.tools', 'started', 'comment']);
    expect(rebuilt.questions[0]).toEqual(first.questions[0]);
    // Asked only from version 2: none of version 1's respondents is in its base.
    expect(rebuilt.questions[3]).toMatchObject({ base: 0, offeredFrom: 2 });
    expect(rebuilt.questions[0]!.offeredFrom).toBeUndefined();
    for (let i = 0; i < 10; i++) {
      const tools = i < 4 ? 'disagree' : 'agree';
      await submitResponse(store, 'staff-pulse', { org: 'pulse-a', answers: { team: { valued: 'agree', informed: 'agree', workload: 'agree', tools }, started: '2025-01-01' } }, { source: 'api' });
    }
    const after = (await surveyResults(store, 'staff-pulse')).questions[3] as ChoiceQuestionResult;
    expect(after).toMatchObject({ base: 10, offeredFrom: 2 });
    expect(after.options.find((o) => o.code === 'disagree')).toMatchObject({ count: 4, percent: 40 });
  });

  it('filters and breaks down by a statement of a grid (GRID.STATEMENT)', async () => {
    const filtered = await surveyResults(store, 'staff-pulse', { filter: 'team.valued in (strongly-agree, agree)' });
    expect(filtered.respondents).toBe(10);
    const byStatement = await surveyResults(store, 'staff-pulse', { by: 'team.informed' });
    expect(byStatement.groups!.map((g) => [g.key, g.respondents]).filter(([, n]) => n !== 0)).toEqual([
      ['strongly-agree', 10],
      ['neither', 10],
      ['strongly-disagree', 10],
    ]);
    // A date filters by the month its answers are counted by.
    expect((await surveyResults(store, 'staff-pulse', { filter: 'started = 2024-03' })).respondents).toBe(10);
    await expect(surveyResults(store, 'staff-pulse', { filter: 'started = March' })).rejects.toMatchObject({ problems: [{ code: 'not-a-period' }] });
    await expect(surveyResults(store, 'staff-pulse', { filter: 'team.morale = agree' })).rejects.toMatchObject({ problems: [{ code: 'unknown-question', message: "'team.morale' is not a question in this survey" }] });
  });

  it('prints both in the results table, reports the grid in one chart with a bar per statement, and the dates in words', async () => {
    const table = formatResultsTable(await surveyResults(store, 'staff-pulse'));
    expect(table).toContain('team.valued: How much do you agree with each statement about your team: I feel valued by my team (base 30)');
    expect(table).toContain('earliest 2024-01-01 · median 2024-02-11 · latest 2024-03-27 (counted by month)');
    const report = await surveyReport(store, 'staff-pulse');
    const charts = report.sections.flatMap((s) => (s.chart ? [s.chart] : []));
    const grid = charts.find((c) => c.id === 'question-team-chart');
    expect(grid).toMatchObject({ kind: 'bars', title: 'How much do you agree with each statement about your team? (Agree or strongly agree)' });
    expect(grid && grid.kind === 'bars' ? grid.bars.map((b) => [b.label, b.value]) : []).toEqual([
      ['I feel valued by my team', 33],
      ['I am kept informed about changes', 33],
      ['My workload is manageable', 33],
    ]);
    // One chart for the grid, not one per statement; the date's months have theirs.
    expect(charts.map((c) => c.id)).toEqual(['question-team-chart', 'question-started-chart']);
    const filtered = await surveyReport(store, 'staff-pulse', { filter: 'team.valued in (agree, strongly-agree)' });
    expect(filtered.subtitle).toBe('Findings for those who answered “Agree” or “Strongly agree” to “How much do you agree with each statement about your team: I feel valued by my team”');
    const html = await surveyReportHtml(store, 'staff-pulse');
    expect(html).toContain('Answers to “When did you start in your current role?” ranged from 1 January 2024 to 27 March 2024; the median was 11 February 2024');
    expect(html).toContain('I am kept informed about changes');
  });

  it('exports a grid as statement=code pairs and a date as YYYY-MM-DD, which import back; aggregates name each statement', async () => {
    const { content } = await exportResponses(store, 'staff-pulse', 'csv', 'cli:test');
    const lines = String(content).trim().split('\n');
    const header = lines[0]!.split(',');
    expect(header.slice(-3)).toEqual(['team', 'started', 'comment']);
    const first = lines[1]!.split(',');
    expect(first[header.indexOf('team')]).toBe('valued=strongly-agree;informed=strongly-agree;workload=strongly-agree');
    expect(first[header.indexOf('started')]).toBe('2024-01-01');
    // The same rows again without their response ids: new responses with the same answers.
    const reimport = lines.map((line, i) => (i === 0 ? line : line.replace(/^[^,]*,/, ','))).join('\n');
    await importResponsesCsv(store, 'staff-pulse', `${reimport}\n`, 'again.csv', 'cli:test', undefined, { allowDuplicates: true });
    const twice = await surveyResults(store, 'staff-pulse');
    expect((twice.questions[0] as ChoiceQuestionResult).options.map((o) => o.count)).toEqual([10, 10, 10, 10, 10, 10]);
    expect((twice.questions[3] as ChoiceQuestionResult).dates).toMatchObject({ earliest: '2024-01-01', latest: '2024-03-27' });
    const aggregates = String((await exportAggregates(store, 'staff-pulse', {}, 'csv')).content);
    expect(aggregates).toMatch(/\nstaff-pulse,[^\n]*team\.workload,[^\n]*net,agreeing,/);
    expect(aggregates).toMatch(/\nstaff-pulse,[^\n]*started,[^\n]*option,2024-03,March 2024,20,/);
  });

  it('publishes open data for both that holds to its own schema: statements and periods in the code lists, statements in the codebook', async () => {
    const { files } = await exportOpenData(store, 'staff-pulse', {}, { created: new Date('2026-01-01T00:00:00Z') });
    expect(checkTabularDataPackage(JSON.parse(files['datapackage.json']), (path) => files[path as keyof typeof files])).toEqual([]);
    expect(files['codebook.csv']).toContain('team.valued,scale,How much do you agree with each statement about your team: I feel valued by my team,net,agreeing,Agree or strongly agree,,strongly-agree;agree');
    expect(files['aggregates.csv']).toMatch(/,started,[^\n]*option,2024-01,January 2024,/);
  });

  it('gives analysts one ordinal variable per statement, coded as a scale, and the date as text', async () => {
    const files = await openAnalystExport(store, 'staff-pulse', 'spss', { actor: 'cli:test' });
    const data = await text(files.data);
    const script = files.script();
    const [header, first] = data.trim().split('\n');
    // A variable called comment would be read by SPSS and PSPP as a COMMENT command.
    expect(header).toBe('response_id,org,submitted_at,wave,definition_version,team_valued,team_informed,team_workload,started,comment_2');
    expect(first!.split(',').slice(4)).toEqual(['1', '1', '1', '1', '2024-01-01', '']);
    expect(script).toContain("/team_valued '[I feel valued by my team] How much do you agree with each statement about your team?'");
    expect(script).toMatch(/MISSING VALUES\s+team_valued \(97\)\s+\/team_informed \(97\)\s+\/team_workload \(97\)/);
    expect(script).toMatch(/VARIABLE LEVEL\s+definition_version \(ORDINAL\)\s+\/team_valued \(ORDINAL\)/);
    expect(script).toMatch(/started A10\n/);
  });

  it.runIf(existsSync('/usr/bin/pspp') || process.env.CI)('has GNU PSPP read the grid statements as ordinal variables with their labels, missing values and counts (skipped without PSPP, except in CI)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'canvass-grid-pspp-'));
    try {
      const files = await openAnalystExport(store, 'staff-pulse', 'spss', { actor: 'cli:test' });
      writeFileSync(join(out, files.dataFile), await text(files.data));
      writeFileSync(join(out, 'check.sps'), `${files.script()}\nDISPLAY DICTIONARY.\nFREQUENCIES /VARIABLES=team_valued team_informed.\n`);
      const { stdout } = await promisify(execFile)('pspp', ['-O', 'format=csv', '-o', join(out, 'output.csv'), 'check.sps'], { cwd: out });
      expect(stdout).not.toMatch(/error|warning/i);
      const output = readFileSync(join(out, 'output.csv'), 'utf8');
      expect(output).toMatch(/team_valued,.*\[I feel valued by my team\] How much do you agree with each statement about your team\?.*Ordinal.*97/);
      // valued: 5 of each answer; "Don't know" (97) is a missing value.
      expect(output).toContain('Valid,Strongly agree,5,16.7%,20.0%,20.0%');
      expect(output).toContain("Missing,Don't know,5,16.7%,,");
      // informed: strongly agree, neither and strongly disagree, 10 each.
      expect(output).toMatch(/informed about changes[^\n]*\n[^\n]*\nValid,Strongly agree,10,33\.3%,33\.3%,33\.3%\n,Neither agree nor disagree,10,/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('benchmarks an organisation on each statement of a grid, not on a date, and exports raw responses to XLSX', async () => {
    const benchmark = await organisationBenchmark(store, 'staff-pulse', 'pulse-a');
    expect(benchmark.questions.map((q) => q.id)).toEqual(['team.valued', 'team.informed', 'team.workload']);
    const html = renderReportHtml(await benchmarkReport(store, 'staff-pulse', 'pulse-a'), { styles: { mode: 'inline' } });
    expect(html).toContain('I am kept informed about changes');
    const { content } = await exportResponses(store, 'staff-pulse', 'xlsx', 'cli:test');
    expect(Buffer.isBuffer(content) && content.length > 0).toBe(true);
  });

  it('takes a grid and a date through the API path, refusing an unreal date and a statement left out, storing nothing then', async () => {
    const valid = { org: 'pulse-a', answers: { team: { valued: 'agree', informed: 'neither', workload: 'dont-know' }, started: '2020-02-29' } };
    const stored = await submitResponse(store, 'staff-pulse', valid, { source: 'api' });
    expect(stored).toMatchObject({ created: true });
    const bad = { org: 'pulse-a', answers: { team: { valued: 'agree', informed: 'so-so' }, started: '2021-02-29' } };
    await expect(submitResponse(store, 'staff-pulse', bad, { source: 'api' })).rejects.toMatchObject({
      problems: [
        { where: 'team.informed', code: 'unknown-code' },
        { where: 'started', code: 'not-a-date', message: 'Date must be a real date' },
      ],
    });
    const results = await surveyResults(store, 'staff-pulse');
    expect(results.respondents).toBe(31);
    expect((results.questions[3] as ChoiceQuestionResult).dates?.earliest).toBe('2020-02-29');
    // Four distinct months: still counted by month.
    expect((results.questions[3] as ChoiceQuestionResult).options.map((o) => o.code)).toEqual(['2020-02', '2024-01', '2024-02', '2024-03']);
  });
});
