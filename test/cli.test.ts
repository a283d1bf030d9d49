import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SurveyResults } from '../src/analysis/results/results-model.js';
import { runCapture } from './support/cli-capture.js';
import { freshDatabase, type TestDatabase } from './support/test-databases.js';
import { miniDefinition as miniSurvey, miniRegister } from './support/mini-survey.js';

let db: TestDatabase;
let dir: string;
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const cli = (...args: string[]) => runCapture([...args, '--db', db.url]);
const count = async (survey: string) => {
  const list = await cli('survey', 'list', '--json');
  return (JSON.parse(list.out) as Array<{ id: string; responses: number }>).find((s) => s.id === survey)?.responses;
};

const miniDefinition = miniSurvey();
const register = miniRegister;

beforeEach(async () => {
  db = await freshDatabase('sqlite');
  dir = mkdtempSync(join(tmpdir(), 'canvass-cli-'));
});
afterEach(async () => {
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('canvass CLI', () => {
  it('prints help for every command and exits 0', async () => {
    for (const args of [['--help'], ['demo', '--help'], ['survey', 'validate', '--help'], ['survey', 'import', '--help'], ['survey', 'list', '--help'], ['orgs', 'import', '--help'], ['responses', 'import', '--help'], ['responses', 'export', '--help'], ['seed', '--help'], ['results', '--help'], ['export', '--help'], ['serve', '--help']]) {
      const result = await runCapture(args);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.out, args.join(' ')).toMatch(/Usage: canvass/);
    }
    expect((await runCapture(['results', '--help'])).out).toMatch(/--db <url>/);
  });

  it('exits 1 with a message for an unknown command or a missing argument', async () => {
    const unknown = await runCapture(['frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/unknown command/);
    const missing = await runCapture(['results']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/missing required argument 'survey'/);
  });

  it('exits 1 naming the surveys there are when a survey does not exist', async () => {
    await cli('seed', 'digital-gap-2017');
    const result = await cli('results', 'no-such-survey');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/no survey 'no-such-survey'.*digital-gap-2017/);
  });

  it('exits 1 for a database address it does not know', async () => {
    const result = await runCapture(['survey', 'list', '--db', 'mysql://localhost/x']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/sqlite:PATH/);
  });

  it('uses CANVASS_DB when --db is not given', async () => {
    await runCapture(['seed', 'digital-gap-2017'], { CANVASS_DB: db.url });
    expect(await count('digital-gap-2017')).toBe(235);
  });

  it('seeds the built-in survey twice and keeps one copy', async () => {
    const first = await cli('seed', 'digital-gap-2017');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/180 organisations, 235 responses/);
    const second = await cli('seed', 'digital-gap-2017');
    expect(second.out).toMatch(/replacing the 235 seeded before/);
    expect(await count('digital-gap-2017')).toBe(235);
  });

  it('refuses to seed a survey that is not built in', async () => {
    const result = await cli('seed', 'nope');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Built-in surveys: digital-gap-2017/);
  });

  it('prints a readable table that says the data is reconstructed', async () => {
    await cli('seed', 'digital-gap-2017');
    const result = await cli('results', 'digital-gap-2017');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Reconstructed from the published figures/);
    expect(result.out).toMatch(/We are missing out on key opportunities to embrace digital\s+89\s+38%/);
    expect(result.out).toMatch(/net: Confident \(very or fairly\)\s+85\s+36%/);
  });

  it('breaks results down by organisation type and by a question', async () => {
    await cli('seed', 'digital-gap-2017');
    const byType = JSON.parse((await cli('results', 'digital-gap-2017', '--by', 'org.type', '--json')).out) as SurveyResults;
    expect(byType.by).toBe('org.type');
    expect(byType.groups!.reduce((s, g) => s + g.respondents, 0)).toBe(235);
    expect(byType.groups!.find((g) => g.key === 'london-borough')?.label).toBe('London borough');
    const byStrategy = JSON.parse((await cli('results', 'digital-gap-2017', '--by', 'strategy', '--json')).out) as SurveyResults;
    expect(byStrategy.groups!.map((g) => [g.key, g.respondents])).toEqual([['yes', 143], ['no', 80], ['dont-know', 12]]);
    // The breakdown question is not broken down by itself: its figures for everyone only, untested.
    expect(byStrategy.groups!.every((g) => g.questions.every((q) => q.id !== 'strategy'))).toBe(true);
    expect(byStrategy.questions.find((q) => q.id === 'strategy')).toMatchObject({ base: 235, suppressed: false });
    expect(byStrategy.questions.find((q) => q.id === 'strategy')).not.toHaveProperty('test');
    const [everyone, ...groupSections] = (await cli('results', 'digital-gap-2017', '--by', 'strategy', '--layout', 'blocks')).out.split('\n=== ');
    expect(everyone).toMatch(/\nstrategy: /);
    expect(groupSections).toHaveLength(3);
    for (const section of groupSections) expect(section).not.toMatch(/\nstrategy: /);
    // Organisations without a region (departments, agencies) are a group of their own, last.
    const byRegion = JSON.parse((await cli('results', 'digital-gap-2017', '--by', 'org.region', '--json')).out) as SurveyResults;
    expect(byRegion.groups!.reduce((s, g) => s + g.respondents, 0)).toBe(235);
    expect(byRegion.groups!.at(-1)).toMatchObject({ key: 'not-stated', label: 'Not stated' });
  });

  it('refuses a filter or breakdown that does not fit the survey, naming what to fix', async () => {
    await cli('seed', 'digital-gap-2017');
    const badFilter = await cli('results', 'digital-gap-2017', '--filter', 'approach = maybe');
    expect(badFilter.code).toBe(1);
    expect(badFilter.err).toMatch(/'maybe' is not an option of 'approach'/);
    const syntax = await cli('results', 'digital-gap-2017', '--filter', 'approach =');
    expect(syntax.code).toBe(1);
    expect(syntax.err).toMatch(/expected a value/);
    const badBy = await cli('results', 'digital-gap-2017', '--by', 'barriers');
    expect(badBy.code).toBe(1);
    expect(badBy.err).toMatch(/single-choice or scale/);
  });

  it('validates a definition without storing it, and lists every problem of a bad one', async () => {
    const good = await runCapture(['survey', 'validate', file('mini.yaml', miniDefinition)]);
    expect(good.code).toBe(0);
    expect(good.out).toMatch(/is valid: survey 'mini'/);
    const bad = await runCapture(['survey', 'validate', file('bad.yaml', miniDefinition.replace('code: blue', 'code: red').replace('exclusive: true', 'exclusive: true }\n      - { code: email, label: Again'))]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/2 problems/);
    expect(bad.err).toMatch(/questions\[0\] \(colour\)\.options\[1\].*'red' is used twice/);
    expect(bad.err).toMatch(/questions\[1\] \(tools\)\.options\[3\].*'email' is used twice/);
  });

  it('exits 1 naming a file that does not exist', async () => {
    const result = await runCapture(['survey', 'validate', join(dir, 'missing.yaml')]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/missing\.yaml does not exist/);
  });

  it('refuses a bad definition at import and stores nothing', async () => {
    const result = await cli('survey', 'import', file('bad.yaml', miniDefinition.replace('type: multiple', 'type: checkbox')));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/'checkbox' is not a question type/);
    expect(JSON.parse((await cli('survey', 'list', '--json')).out)).toEqual([]);
  });

  it('stores a definition that changes an option code as the next version, a removal and an addition, keeping the stored answers', async () => {
    await cli('orgs', 'import', file('orgs.csv', register));
    await cli('survey', 'import', file('mini.yaml', miniDefinition));
    await cli('responses', 'import', 'mini', file('r.csv', 'org,colour,tools\norg-a,blue,email\n'));
    const result = await cli('survey', 'import', file('mini2.yaml', miniDefinition.replace('{ code: blue, label: Blue }', '{ code: green, label: Green }')));
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('definition version 2');
    expect(result.out).toContain('removed options (their stored answers are kept): colour: blue');
    expect(result.out).toContain('added options: colour: green');
    const results = JSON.parse((await cli('results', 'mini', '--json')).out) as SurveyResults;
    const colour = results.questions[0] as { options: Array<{ code: string; base: number | null; offeredFrom?: number }> };
    expect(colour.options.map((o) => [o.code, o.offeredFrom ?? 1])).toEqual([['red', 1], ['green', 2]]);
    const exported = (await cli('responses', 'export', 'mini', '--format', 'json')).out;
    expect(exported).toContain('blue');
  });

  it('imports a register, then refuses a bad one listing every bad row and storing nothing', async () => {
    expect((await cli('orgs', 'import', file('orgs.csv', register))).out).toMatch(/Imported 2 organisations.*2 new/);
    // Checked against a register schema of its own: its types and nations are data.
    const schema = file('register.yaml', 'attributes:\n  - { id: type, label: Type, type: category, required: true, options: [{ code: county-council, label: County council }, { code: welsh-council, label: Welsh council }] }\n  - { id: nation, label: Nation, type: category, required: true, options: [{ code: England, label: England }, { code: Wales, label: Wales }] }\n');
    const bad = await cli('orgs', 'import', file('bad.csv', 'id,name,type,nation\norg-c,Org C,county-council,England\norg-d,Org D,parish,England\nBad Id,Org E,welsh-council,Mars\n'), '--schema', schema);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/row 3, column type/);
    expect(bad.err).toMatch(/row 4, column id/);
    expect(bad.err).toMatch(/row 4, column nation/);
    await cli('survey', 'import', file('mini.yaml', miniDefinition));
    const attempt = await cli('responses', 'import', 'mini', file('r.csv', 'org,colour,tools\norg-c,red,email\n'));
    expect(attempt.err).toMatch(/'org-c' is not an organisation in the register/);
  });

  it('refuses a response CSV with bad rows, listing each with row, column and what was expected, and stores nothing', async () => {
    await cli('orgs', 'import', file('orgs.csv', register));
    await cli('survey', 'import', file('mini.yaml', miniDefinition));
    const csv = ['org,colour,tools,note', 'org-a,red,email;chat,fine', 'org-z,red,email,', 'org-b,purple,none;chat,', 'org-b,,email,', 'org-a,blue,chat,ok'].join('\n');
    const result = await cli('responses', 'import', 'mini', file('r.csv', csv));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/3 of 5 rows have problems; nothing was stored/);
    expect(result.err).toMatch(/row 3, column org: 'org-z' is not an organisation in the register/);
    expect(result.err).toMatch(/row 4, column colour: 'purple' is not an option of 'colour' \(expected one of red, blue\)/);
    expect(result.err).toMatch(/row 4, column tools: 'none' cannot be combined/);
    expect(result.err).toMatch(/row 5, column colour: 'colour' must be answered/);
    expect(await count('mini')).toBe(0);
  });

  it('groups a problem that repeats over rows of a response CSV into one line, "rows 2–41"', async () => {
    await cli('orgs', 'import', file('orgs.csv', register));
    await cli('survey', 'import', file('mini.yaml', miniDefinition));
    const rows = Array.from({ length: 40 }, (_, i) => (i === 20 ? 'org-a,red,email,' : `org-a,purple,${i % 2 === 0 ? 'none;chat' : 'chat'},`));
    const result = await cli('responses', 'import', 'mini', file('r.csv', ['org,colour,tools,note', ...rows].join('\n')));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/39 of 40 rows have problems; nothing was stored/);
    expect(result.err.split('\n').filter((line) => line.startsWith('  - '))).toEqual([
      "  - rows 2–21, 23–41, column colour: 'purple' is not an option of 'colour' (expected one of red, blue)",
      expect.stringMatching(/^ {2}- rows 2, 4, 6, .*, 20, 24, 26, .*, 40, column tools: 'none' cannot be combined/),
    ]);
    expect(await count('mini')).toBe(0);
  });

  it('imports a good response CSV in one go and reports how many', async () => {
    await cli('orgs', 'import', file('orgs.csv', register));
    await cli('survey', 'import', file('mini.yaml', miniDefinition));
    const result = await cli('responses', 'import', 'mini', file('r.csv', 'org,colour,tools\norg-a,red,email;chat\norg-b,blue,none\n'));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Imported 2 responses into 'mini'/);
    expect(await count('mini')).toBe(2);
  });

  it('exports raw responses as CSV with formula-like text neutralised, and as JSON', async () => {
    await cli('orgs', 'import', file('orgs.csv', register));
    await cli('survey', 'import', file('mini.yaml', miniDefinition));
    await cli('responses', 'import', 'mini', file('r.csv', 'org,colour,tools,note\norg-a,red,email;chat,"=HYPERLINK(""http://x"")"\norg-b,blue,none,@SUM(1)\n'));
    const csv = await cli('responses', 'export', 'mini', '--format', 'csv');
    expect(csv.code).toBe(0);
    expect(csv.out.split('\n')[0]).toBe('response_id,org,submitted_at,wave,definition_version,colour,tools,note');
    expect(csv.out).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv.out).toContain("'@SUM(1)");
    expect(csv.out).toContain('email;chat');
    const out = join(dir, 'export.json');
    const json = await cli('responses', 'export', 'mini', '--format', 'json', '--out', out);
    expect(json.err).toMatch(/Wrote 2 responses/);
    const parsed = JSON.parse(readFileSync(out, 'utf8')) as { survey: string; responses: Array<{ answers: Record<string, unknown> }> };
    expect(parsed.survey).toBe('mini');
    expect(parsed.responses.map((r) => r.answers.note)).toEqual(['=HYPERLINK("http://x")', '@SUM(1)']);
    const badFormat = await cli('responses', 'export', 'mini', '--format', 'xml');
    expect(badFormat.code).toBe(1);
    expect(badFormat.err).toMatch(/use csv, json or xlsx/);
  });

  it('re-imports its own CSV export into an empty database with identical results, and adds nothing when imported twice', async () => {
    await cli('seed', 'digital-gap-2017');
    const exported = (await cli('responses', 'export', 'digital-gap-2017')).out;
    const before = (await cli('results', 'digital-gap-2017', '--json', '--by', 'org.type')).out;
    const other = await freshDatabase('sqlite');
    try {
      const definition = readFileSync(new URL('../src/surveys/digital-gap-2017/definition.yaml', import.meta.url), 'utf8');
      const orgs = readFileSync(new URL('../src/surveys/digital-gap-2017/organisations.csv', import.meta.url), 'utf8');
      expect((await runCapture(['orgs', 'import', file('orgs.csv', orgs), '--db', other.url])).code).toBe(0);
      const registerSchema = readFileSync(new URL('../src/surveys/digital-gap-2017/register.yaml', import.meta.url), 'utf8');
      expect((await runCapture(['survey', 'import', file('dg.yaml', definition), '--register', file('register.yaml', registerSchema), '--db', other.url])).code).toBe(0);
      const imported = await runCapture(['responses', 'import', 'digital-gap-2017', file('export.csv', exported), '--db', other.url]);
      expect(imported.out).toMatch(/Imported 235 responses/);
      expect((await runCapture(['results', 'digital-gap-2017', '--json', '--by', 'org.type', '--db', other.url])).out).toBe(before);
      const again = await runCapture(['responses', 'import', 'digital-gap-2017', file('export.csv', exported), '--db', other.url]);
      expect(again.out).toMatch(/Imported 0 responses.*235 already there/);
    } finally {
      await other.drop();
    }
  });
});

describe('canvass CLI internal errors', () => {
  it('exits 2 and says the fault is in Canvass, not the input, when something breaks inside', async () => {
    const { runCli } = await import('../src/cli/program.js');
    let err = '';
    const code = await runCli(['survey', 'list', '--db', db.url], {
      out: () => {
        throw new Error('stdout closed');
      },
      err: (t) => void (err += t),
      interactive: false,
      env: {},
    });
    expect(code).toBe(2);
    expect(err).toMatch(/Internal error: stdout closed/);
    expect(err).toMatch(/fault in Canvass, not in your input/);
  });
});
