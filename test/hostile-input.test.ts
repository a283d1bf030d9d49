import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCapture } from './support/cli-capture.js';
import { dialects, freshDatabase, postgresAvailable, type TestDatabase } from './support/test-databases.js';
import { miniDefinition as miniSurvey } from './support/mini-survey.js';

const miniDefinition = miniSurvey({ tools: false });
const register = 'id,name,type,nation,region,parent,headcount\norg-a,Org A,london-borough,England,London,,1200\n';

// Input a careless or hostile caller may send: refused as a user error (exit 1) that says what
// and where, on every database, never an internal error (exit 2) or text stored garbled.
describe.each(dialects)('the command line refuses hostile input (%s)', (dialect) => {
  let db: TestDatabase;
  let dir: string;
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const cli = (...args: string[]) => runCapture([...args, '--db', db.url]);
  const responsesTo = async (survey: string) => (JSON.parse((await cli('survey', 'list', '--json')).out) as Array<{ id: string; responses: number }>).find((s) => s.id === survey)?.responses;

  beforeEach(async (context) => {
    if (dialect === 'postgres' && !(await postgresAvailable())) context.skip();
    db = await freshDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), 'canvass-hostile-'));
  });
  afterEach(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a filter of 10,000 nested parentheses or nots, naming the limit and where it is passed', async () => {
    await cli('orgs', 'import', file('orgs.csv', register));
    await cli('survey', 'import', file('mini.yaml', miniDefinition));
    for (const filter of [`${'('.repeat(10_000)}colour = red${')'.repeat(10_000)}`, `${'not '.repeat(10_000)}colour = red`]) {
      const result = await cli('results', 'mini', '--filter', filter);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/more than 64 levels deep \(level 65 opens at column \d+\)/);
    }
  });

  it('refuses a showIf of 10,000 nested parentheses, naming the limit and the question', async () => {
    const definition = miniDefinition.replace('    required: false\n', `    required: false\n    showIf: "${'('.repeat(10_000)}colour = red${')'.repeat(10_000)}"\n`);
    const result = await cli('survey', 'import', file('deep.yaml', definition));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/questions\[1\] \(note\)\.showIf: the expression nests parentheses and 'not' more than 64 levels deep/);
  });

  it('refuses a YAML alias bomb, naming the limit', async () => {
    const lines = ['format: 1', 'id: mini', 'title: Mini', 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
    const result = await runCapture(['survey', 'validate', file('bomb.yaml', `${lines.join('\n')}\nquestions: *a9\n`)]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/repeat their anchors more than 100 times/);
  });

  it('refuses a NUL character in a register name, naming the row and column, and stores nothing', async () => {
    const result = await cli('orgs', 'import', file('orgs.csv', 'id,name,type,nation\norg-a,Org A,london-borough,England\norg-b,Org\u0000B,london-borough,England\n'));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/row 3, column name: the text holds a NUL character/);
    await cli('survey', 'import', file('mini.yaml', miniDefinition));
    expect((await cli('responses', 'import', 'mini', file('r.csv', 'org,colour\norg-a,red\n'))).err).toMatch(/'org-a' is not an organisation in the register/);
  });

  it('refuses a NUL character in a response CSV and in a definition, naming where it is', async () => {
    await cli('orgs', 'import', file('orgs.csv', register));
    await cli('survey', 'import', file('mini.yaml', miniDefinition));
    const csv = await cli('responses', 'import', 'mini', file('r.csv', 'org,colour,note\norg-a,red,fine\norg-a,blue,bad\u0000text\n'));
    expect(csv.code).toBe(1);
    expect(csv.err).toMatch(/row 3, column note: the text holds a NUL character/);
    expect(await responsesTo('mini')).toBe(0);
    const definition = await cli('survey', 'import', file('nul.yaml', miniDefinition.replace('title: Mini survey', 'title: "Mini\\0survey"')));
    expect(definition.code).toBe(1);
    expect(definition.err).toMatch(/title: the text holds a NUL character/);
  });

  it('refuses a CSV file that is not UTF-8 (a latin1 register), saying how to save it, and stores nothing', async () => {
    const latin1 = Buffer.from('id,name,type,nation\norg-a,Conseil général,london-borough,England\n', 'latin1');
    const result = await cli('orgs', 'import', file('orgs.csv', latin1));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/orgs\.csv is not UTF-8 \(line 2 has a byte that is not UTF-8\): save it as UTF-8 \(in Excel: CSV UTF-8\)/);
    await cli('survey', 'import', file('mini.yaml', miniDefinition));
    const responses = await cli('responses', 'import', 'mini', file('r.csv', Buffer.from('org,colour,note\norg-a,red,café\n', 'latin1')));
    expect(responses.code).toBe(1);
    expect(responses.err).toMatch(/r\.csv is not UTF-8/);
  });

  it('reads a UTF-8 file with a byte order mark, as Excel saves CSV UTF-8', async () => {
    const result = await cli('orgs', 'import', file('orgs.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id,name,type,nation\norg-a,Conseil général,london-borough,England\n', 'utf8')])));
    expect(result.code).toBe(0);
  });
});
