import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChoiceQuestionResult, NumberQuestionResult, SurveyResults } from '../src/analysis/results/results-model.js';
import { submitResponse } from '../src/operations/submit-response.js';
import type { AuditEntry } from '../src/storage/audit-log-repository.js';
import { openDatabase, type OpenDatabase } from '../src/storage/open-database.js';
import { createStore } from '../src/storage/store.js';
import { runCapture } from './support/cli-capture.js';
import { migratedUpTo } from './support/database-before-migration.js';
import { miniDefinition, miniRegister } from './support/mini-survey.js';
import { dialects, freshDatabase, postgresAvailable, type TestDatabase } from './support/test-databases.js';

/**
 * Definition versions end to end, on SQLite and PostgreSQL: a survey whose definition changes in
 * the middle of fieldwork (an option added to a single and to a multiple choice, a required
 * question added, a question reworded, one removed) keeps every version, reports the change,
 * records each response's version, and bases each new option and question only on the
 * respondents who were offered it.
 */
const version1 = miniDefinition();
const version2 = miniDefinition({ extra: '' })
  .replace('text: Favourite colour?', 'text: Which colour do you like best?')
  .replace('      - { code: blue, label: Blue }\n', '      - { code: blue, label: Blue }\n      - { code: green, label: Green }\n')
  .replace('      - { code: chat, label: Chat }\n', '      - { code: chat, label: Chat }\n      - { code: video, label: Video }\n')
  .replace(/ {2}- id: note\n(?: {4}.*\n)+/, '  - { id: team, type: number, text: How many people are in your team?, min: 1 }\n');

describe.each(dialects)('definition versions on %s', (dialect) => {
  const actor = `cli:${userInfo().username}`;
  let db: TestDatabase;
  let dir: string;
  let opened: OpenDatabase | undefined;
  const cli = async (...args: string[]) => {
    const result = await runCapture([...args, '--db', db.url]);
    expect(result.code, `${args.join(' ')}: ${result.err}`).toBe(0);
    return result.out;
  };
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const results = async (...args: string[]) => JSON.parse(await cli('results', 'mini', '--json', ...args)) as SurveyResults;
  const question = <T = ChoiceQuestionResult>(r: { questions: unknown[] }, id: string) => r.questions.find((q) => (q as { id: string }).id === id) as T;
  const option = (q: ChoiceQuestionResult, code: string) => q.options.find((o) => o.code === code)!;

  beforeEach(async (context) => {
    if (dialect === 'postgres' && !(await postgresAvailable())) context.skip();
    db = await freshDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), 'canvass-versions-'));
  });
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** 10 respondents of version 1, then version 2 imported, then 12 of version 2. */
  async function fieldworkAcrossTwoVersions(): Promise<string> {
    await cli('survey', 'import', file('v1.yaml', version1));
    await cli('orgs', 'import', file('orgs.csv', miniRegister));
    const first = Array.from({ length: 10 }, (_, i) => `${i % 2 === 0 ? 'org-a' : 'org-b'},${i < 6 ? 'red' : 'blue'},${i % 3 === 0 ? 'email;chat' : 'email'},note ${i}`);
    await cli('responses', 'import', 'mini', file('r1.csv', `org,colour,tools,note\n${first.join('\n')}\n`));
    const report = await cli('survey', 'import', file('v2.yaml', version2));
    const second = Array.from({ length: 12 }, (_, i) => `${i % 2 === 0 ? 'org-a' : 'org-b'},${i < 3 ? 'green' : i < 8 ? 'red' : 'blue'},${i < 9 ? 'video' : 'chat'},${i + 2}`);
    await cli('responses', 'import', 'mini', file('r2.csv', `org,colour,tools,team\n${second.join('\n')}\n`));
    return report;
  }

  it('adds a required question and options mid-fieldwork, prints the change and the new version, and keeps what was removed', { timeout: 120_000 }, async () => {
    const report = await fieldworkAcrossTwoVersions();
    // Before definition versions this was refused ("give the new version another survey id").
    expect(report).toContain("Survey 'mini' updated");
    expect(report).toContain('definition version 2');
    expect(report).toContain('  added questions: team\n');
    expect(report).toContain('  removed questions (their stored answers are kept): note\n');
    expect(report).toContain('  reworded questions: colour (text)\n');
    expect(report).toContain('  added options: colour: green, tools: video\n');

    opened = await openDatabase(db.url);
    const rows = await opened.db.selectFrom('responses').select(['answers', 'definition_version']).orderBy('submitted_at').execute();
    expect(rows.map((r) => Number(r.definition_version)).sort()).toEqual([...Array(10).fill(1), ...Array(12).fill(2)]);
    // The removed question's answers stay stored.
    expect(rows.filter((r) => 'note' in (JSON.parse(r.answers) as object))).toHaveLength(10);

    // Importing the same file again stores no new version.
    expect(await cli('survey', 'import', file('v2-again.yaml', version2))).toContain("Survey 'mini' unchanged");
    const history = await cli('survey', 'history', 'mini');
    const lines = history.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^version 1 +\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}  ${actor}  first version$`));
    expect(lines[1]).toMatch(new RegExp(`^version 2 +\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}  ${actor}  1 question added, 1 question removed, 1 question reworded, 2 options added$`));
    const json = JSON.parse(await cli('survey', 'history', 'mini', '--json')) as Array<{ version: number; createdBy: string; changes: { addedOptions: unknown[] } | null }>;
    expect(json.map((v) => [v.version, v.createdBy, v.changes?.addedOptions.length ?? null])).toEqual([[1, actor, null], [2, actor, 2]]);

    const audit = (JSON.parse(await cli('audit', 'mini', '--json')) as { entries: AuditEntry[] }).entries.filter((e) => e.action.startsWith('definition.'));
    expect(audit.map((e) => [e.action, e.actor, e.details.version])).toEqual([['definition.update', actor, 2], ['definition.create', actor, 1]]);
    expect(audit[0]!.details).toMatchObject({ added: ['team'], removed: ['note'], optionsAdded: ['colour:green', 'tools:video'], optionsRemoved: [], reworded: ['colour'] });
  });

  it('bases an option added in version 2 and a question added in version 2 only on the respondents offered them', { timeout: 120_000 }, async () => {
    await fieldworkAcrossTwoVersions();
    const r = await results();
    const colour = question(r, 'colour');
    expect(colour.base).toBe(22);
    expect([option(colour, 'red').count, option(colour, 'red').base]).toEqual([11, 22]);
    // Version 1's ten respondents never saw 'green': 3 of the 12 offered it chose it (25%), not 3 of 22.
    expect(option(colour, 'green')).toMatchObject({ count: 3, base: 12, offeredFrom: 2 });
    expect(option(colour, 'green').percent).toBeCloseTo(25, 9);
    const tools = question(r, 'tools');
    expect(tools.base).toBe(22);
    expect(option(tools, 'video')).toMatchObject({ count: 9, base: 12, offeredFrom: 2 });
    expect(option(tools, 'email')).toMatchObject({ count: 10, base: 22 });
    expect(option(tools, 'email').offeredFrom).toBeUndefined();
    const team = question<NumberQuestionResult>(r, 'team');
    expect(team).toMatchObject({ base: 12, offeredFrom: 2, min: 2, max: 13 });

    // In a breakdown each group's option has its own base too; under the minimum base (10) it is
    // suppressed while the question's other figures, on a base of 11, are shown.
    const byType = await results('--by', 'org.type');
    const london = byType.groups!.find((g) => g.key === 'london-borough')!;
    expect(question(london, 'colour').base).toBe(11);
    expect(option(question(london, 'colour'), 'red')).toMatchObject({ count: 5, base: 11 });
    expect(option(question(london, 'colour'), 'green')).toMatchObject({ suppressed: true, count: null, offeredFrom: 2, reason: 'fewer than 10 respondents were offered it (from definition version 2)' });

    // So does an organisation's benchmark: green's sector figure is over the 12 offered it.
    const benchmark = JSON.parse(await cli('benchmark', 'mini', '--org', 'org-a', '--json')) as { questions: Array<{ id: string; figures: Array<{ code: string; offeredFrom?: number; sector: { base: number | null; count: number | null } }> }> };
    const green = benchmark.questions.find((q) => q.id === 'colour')!.figures.find((f) => f.code === 'green')!;
    expect(green).toMatchObject({ offeredFrom: 2, sector: { base: 12, count: 3 } });
    expect(await cli('benchmark', 'mini', '--org', 'org-a')).toContain('  (Green: asked of respondents from definition version 2 on; its figures, median and tests are over those respondents)');
    await cli('report', 'mini', '--org', 'org-a', '--out', join(dir, 'org-a.html'));
    expect(readFileSync(join(dir, 'org-a.html'), 'utf8')).toContain('Green (asked of respondents from definition version 2 on)');

    // The results table says from which version a figure's respondents were asked.
    const table = await cli('results', 'mini');
    expect(table).toContain('team: How many people are in your team? (base 12; asked of respondents from definition version 2 on)');
    expect(table).toMatch(/Green +3 +25% .*\(base 12, asked of respondents from definition version 2 on\)/);
    // And so does the report, beside the question and in the option's row.
    await cli('report', 'mini', '--out', join(dir, 'report.html'));
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('This question was asked of respondents from definition version 2 on.');
    expect(html).toContain('Green (base 12, asked of respondents from definition version 2 on)');
  });

  it('records the version current when a response is sent, or the one an imported row names', { timeout: 120_000 }, async () => {
    await fieldworkAcrossTwoVersions();
    opened = await openDatabase(db.url);
    const store = createStore(opened.db);
    const sent = await submitResponse(store, 'mini', { org: 'org-a', answers: { colour: 'green', tools: ['video'], team: 4 } }, { source: 'api' });
    const stored = await opened.db.selectFrom('responses').select('definition_version').where('id', '=', sent.id).executeTakeFirstOrThrow();
    expect(Number(stored.definition_version)).toBe(2);

    // A row of version 1 (with the question version 2 removed) imports under version 1; a version the survey never had is refused.
    await cli('responses', 'import', 'mini', file('old.csv', 'org,colour,tools,note,definition_version\norg-b,blue,chat,late paper form,1\n'));
    const late = await opened.db.selectFrom('responses').select(['answers', 'definition_version']).where('answers', 'like', '%late paper form%').executeTakeFirstOrThrow();
    expect(Number(late.definition_version)).toBe(1);
    const refused = await runCapture(['responses', 'import', 'mini', file('bad.csv', 'org,colour,tools,definition_version\norg-b,blue,chat,3\norg-a,green,email,1\n'), '--db', db.url]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('the survey has no definition version 3');
    expect(refused.err).toContain("'green' is not an option");
  });

  it('exports each response with its definition version and the removed question, and the CSV imports into a new database under the same versions', { timeout: 120_000 }, async () => {
    await fieldworkAcrossTwoVersions();
    const csvPath = join(dir, 'export.csv');
    await cli('responses', 'export', 'mini', '--format', 'csv', '--out', csvPath);
    const csv = readFileSync(csvPath, 'utf8');
    // The removed question's column follows the current ones: version 1's answers to it leave with the rest.
    expect(csv.split('\n')[0]).toBe('response_id,org,submitted_at,wave,definition_version,colour,tools,team,note');
    const exportedRows = csv.trim().split('\n').slice(1);
    expect(exportedRows.map((row) => row.split(',')[4]).sort()).toEqual([...Array(10).fill('1'), ...Array(12).fill('2')]);
    expect(exportedRows.filter((row) => /,note \d$/.test(row))).toHaveLength(10);
    const json = JSON.parse(await cli('responses', 'export', 'mini', '--format', 'json')) as { responses: Array<{ id: string; definitionVersion: number }> };
    expect(json.responses.map((r) => r.definitionVersion).sort()).toEqual([...Array(10).fill(1), ...Array(12).fill(2)]);

    const versionsOf = async (url: string) => {
      const database = await openDatabase(url);
      try {
        const rows = await database.db.selectFrom('responses').select(['id', 'answers', 'definition_version']).execute();
        return new Map(rows.map((r) => [r.id, { version: Number(r.definition_version), answers: JSON.parse(r.answers) as unknown }]));
      } finally {
        await database.close();
      }
    };
    const before = await versionsOf(db.url);
    const other = await freshDatabase(dialect);
    try {
      const into = async (...args: string[]) => {
        const result = await runCapture([...args, '--db', other.url]);
        expect(result.code, `${args.join(' ')}: ${result.err}`).toBe(0);
        return result.out;
      };
      // The new database learns the same two versions, then takes the file: each row under the version it names.
      await into('survey', 'import', file('v1-again.yaml', version1));
      await into('survey', 'import', file('v2-again.yaml', version2));
      await into('orgs', 'import', file('orgs-again.csv', miniRegister));
      await into('responses', 'import', 'mini', csvPath);
      const after = await versionsOf(other.url);
      expect(after).toEqual(before);
      // So the offered bases come out the same: green over version 2's twelve, not all 22.
      const again = JSON.parse(await into('results', 'mini', '--json')) as SurveyResults;
      expect(option(question(again, 'colour'), 'green')).toMatchObject({ count: 3, base: 12, offeredFrom: 2 });
      expect(again.questions).toEqual((await results()).questions);
    } finally {
      await other.drop();
    }
  });

  it('keeps the groups of an option added in version 2 in the release ledger apart, withholding its figure where it would give a respondent away', { timeout: 120_000 }, async () => {
    await cli('survey', 'import', file('v1.yaml', version1));
    // London boroughs lie inside the London region, and so does org-b.
    await cli('orgs', 'import', file('orgs.csv', 'id,name,type,nation,region\norg-a,Org A,london-borough,England,London\norg-b,Org B,county,England,London\norg-c,Org C,county,England,South\n'));
    const first = ['org-a', 'org-b', 'org-c'].flatMap((org) => Array.from({ length: 20 }, (_, i) => `${org},${i % 3 === 0 ? 'blue' : 'red'},email,note ${i}`));
    await cli('responses', 'import', 'mini', file('r1.csv', `org,colour,tools,note\n${first.join('\n')}\n`));
    await cli('survey', 'import', file('v2.yaml', version2));
    const second = ([['org-a', 19], ['org-b', 1], ['org-c', 20]] as const).flatMap(([org, n]) => Array.from({ length: n }, (_, i) => `${org},${i % 2 === 0 ? 'green' : 'red'},video,${i + 1}`));
    await cli('responses', 'import', 'mini', file('r2.csv', `org,colour,tools,team\n${second.join('\n')}\n`));
    await cli('release', 'mini');
    const released = async (filter: string) => question(JSON.parse(await cli('results', 'mini', '--release', 'latest', '--filter', filter, '--json')) as SurveyResults, 'colour');

    const london = await released('org.region = London');
    expect(option(london, 'green')).toMatchObject({ base: 20, offeredFrom: 2, suppressed: false });
    // The boroughs' 19 offered green are the London region's 20 less org-b's one: withheld; the question's other figures (39 against 60) stay.
    const boroughs = await released('org.type = london-borough');
    expect(option(boroughs, 'green')).toMatchObject({ suppressed: true, count: null, offeredFrom: 2 });
    expect(option(boroughs, 'green').reason).toContain('from a group published earlier (org.region = London)');
    expect(option(boroughs, 'red')).toMatchObject({ suppressed: false, base: 39 });

    opened = await openDatabase(db.url);
    const keys = await opened.db.selectFrom('disclosure_ledger').select('question_id').distinct().execute();
    expect(keys.map((k) => k.question_id).sort()).toEqual(expect.arrayContaining(['colour', 'colour@2', 'tools', 'tools@2']));
  });

  it('makes the definition stored before it version 1, by whoever the audit log says stored it, and every response stored before it version 1', { timeout: 120_000 }, async () => {
    const old = await migratedUpTo(db.url, '0012');
    const at = '2017-01-10T09:00:00.000Z';
    const definition = JSON.stringify({ format: 1, id: 'old', title: 'Old', disclosure: { minBase: 10 }, submissions: { open: true }, questions: [{ id: 'q', type: 'single', text: 'Q?', required: true, base: 'answered', options: [{ code: 'a', label: 'A', nonSubstantive: false, exclusive: false }, { code: 'b', label: 'B', nonSubstantive: false, exclusive: false }], nets: [] }] });
    await sql`insert into surveys (id, title, format, definition, created_at, updated_at) values ('old', 'Old', 1, ${definition}, ${at}, ${at})`.execute(old);
    await sql`insert into organisations (id, name, type, nation) values ('org-a', 'Org A', 'council', 'England')`.execute(old);
    for (const id of ['r1', 'r2']) await sql`insert into responses (id, survey_id, org_id, answers, source, submitted_at) values (${id}, 'old', 'org-a', '{"q":"a"}', 'import', ${at})`.execute(old);
    await sql`insert into audit_log (at, actor, action, survey_id, details) values (${at}, 'admin@example.org', 'definition.create', 'old', '{}')`.execute(old);
    await old.destroy();

    opened = await openDatabase(db.url);
    const store = createStore(opened.db);
    expect(await store.surveys.history('old')).toEqual([{ version: 1, createdAt: at, createdBy: 'admin@example.org', changes: null }]);
    expect(await store.surveys.introductions('old')).toEqual({ version: 1, introductions: { questions: { q: 1 }, options: { q: { a: 1, b: 1 } } } });
    const versions = await opened.db.selectFrom('responses').select('definition_version').execute();
    expect(versions.map((r) => Number(r.definition_version))).toEqual([1, 1]);
    // The next definition stored is version 2.
    const next = { ...(JSON.parse(definition) as { questions: Array<{ options: unknown[] }> }) };
    next.questions[0]!.options.push({ code: 'c', label: 'C', nonSubstantive: false, exclusive: false });
    expect(await store.surveys.store(next as never, { actor: 'cli:test' })).toMatchObject({ status: 'updated', version: 2 });
  });
});
