import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCapture } from './support/cli-capture.js';
import { dialects, freshDatabase, postgresAvailable, type TestDatabase } from './support/test-databases.js';
import { miniDefinition, miniRegister } from './support/mini-survey.js';

const definition = miniDefinition();
const register = miniRegister;
/** Rows 2 to 4, all different. */
const threeRows = 'org,colour,tools,note\norg-a,red,email;chat,\norg-b,blue,none,\norg-a,blue,email,hello\n';

describe.each(dialects)('importing the same rows twice on %s', (dialect) => {
  let db: TestDatabase;
  let dir: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const cli = (...args: string[]) => runCapture([...args, '--db', db.url]);
  const stored = async () => {
    const list = await cli('survey', 'list', '--json');
    return (JSON.parse(list.out) as Array<{ id: string; responses: number }>).find((s) => s.id === 'mini')?.responses;
  };

  beforeEach(async (context) => {
    if (dialect === 'postgres' && !(await postgresAvailable())) context.skip();
    db = await freshDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), 'canvass-duplicates-'));
    expect((await cli('orgs', 'import', file('orgs.csv', register))).code).toBe(0);
    expect((await cli('survey', 'import', file('mini.yaml', definition))).code).toBe(0);
  });
  afterEach(async () => {
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a file imported a second time, naming its rows as a spreadsheet numbers them, and stores nothing', async () => {
    const path = file('r.csv', threeRows);
    expect((await cli('responses', 'import', 'mini', path)).out).toMatch(/Imported 3 responses/);
    const again = await cli('responses', 'import', 'mini', path);
    expect(again.code).toBe(1);
    expect(again.err).toContain(`Error: ${path} was not imported: 3 of 3 rows are already stored (rows 2, 3, 4); nothing was stored.`);
    expect(again.err).toContain('The usual cause is importing the same file again; if these rows are different people who gave identical answers, import with --allow-duplicates');
    expect(again.err).toContain('  - row 3: a response with the same organisation, wave and answers is already stored');
    expect(await stored()).toBe(3);
  });

  it('refuses the whole file when only some of its rows are stored, and says how many more it does not list', async () => {
    expect((await cli('responses', 'import', 'mini', file('r.csv', threeRows))).code).toBe(0);
    // 12 new rows, then the three stored ones in a new order and with codes written in another order: rows 14 to 16.
    const fresh = Array.from({ length: 12 }, (_, i) => `org-b,red,email,note ${i}`);
    const text = `org,colour,tools,note\n${fresh.join('\n')}\norg-a,blue,email, hello \norg-a,red,chat;email,\norg-b,blue,none,\n`;
    const result = await cli('responses', 'import', 'mini', file('more.csv', text));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/: 3 of 15 rows are already stored \(rows 14, 15, 16\); nothing was stored/);
    expect(await stored()).toBe(3);

    const many = Array.from({ length: 13 }, (_, i) => `org-b,red,email,again ${i}`);
    expect((await cli('responses', 'import', 'mini', file('many.csv', `org,colour,tools,note\n${many.join('\n')}\n`))).code).toBe(0);
    const twice = await cli('responses', 'import', 'mini', file('many-again.csv', `org,colour,tools,note\n${many.join('\n')}\n`));
    expect(twice.err).toMatch(/: 13 of 13 rows are already stored \(rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, … and 3 more\); nothing was stored/);
    expect(await stored()).toBe(16);
  });

  it('stores them anyway with --allow-duplicates, for different people who gave identical answers', async () => {
    const path = file('r.csv', threeRows);
    await cli('responses', 'import', 'mini', path);
    const again = await cli('responses', 'import', 'mini', path, '--allow-duplicates');
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/Imported 3 responses/);
    expect(await stored()).toBe(6);
    const repeated = await cli('responses', 'import', 'mini', file('twice.csv', 'org,colour,tools,note\norg-a,red,email,\norg-a,red,email,\n'), '--allow-duplicates');
    expect(repeated.code, repeated.err).toBe(0);
    expect(await stored()).toBe(8);
  });

  it('refuses a file that repeats a row of its own, naming both rows', async () => {
    const text = 'org,colour,tools,note\norg-a,red,email,\norg-b,blue,none,\norg-a,blue,chat,\norg-a,red,email,\norg-b,blue,none,\norg-b,blue,none,\n';
    const result = await cli('responses', 'import', 'mini', file('r.csv', text));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/: 3 of 6 rows repeat another row of the file \(row 5 repeats row 2, row 6 repeats row 3, row 7 repeats row 3\); nothing was stored/);
    expect(result.err).toContain('  - row 5: the same organisation, wave and answers as row 2');
    expect(await stored()).toBe(0);
  });

  it('counts a row without a response_id that says what a row with one says, wherever that row is, as the one with the id is stored', async () => {
    const text = 'response_id,org,colour,tools,note\n,org-a,red,email,\nr-1,org-a,red,email,\n,org-b,blue,none,\n';
    const result = await cli('responses', 'import', 'mini', file('r.csv', text));
    expect(result.err).toMatch(/: 1 of 3 rows repeats another row of the file \(row 2 repeats row 3\); nothing was stored/);
    expect(await stored()).toBe(0);
  });

  it('says both when a file has rows already stored and rows repeated in it', async () => {
    await cli('responses', 'import', 'mini', file('r.csv', threeRows));
    const text = 'org,colour,tools,note\norg-a,red,email;chat,\norg-b,red,chat,\norg-b,red,chat,\n';
    const result = await cli('responses', 'import', 'mini', file('mixed.csv', text));
    expect(result.err).toMatch(/: 1 of 3 rows is already stored \(row 2\), and 1 of 3 rows repeats another row of the file \(row 4 repeats row 3\); nothing was stored/);
    expect(await stored()).toBe(3);
  });

  it('skips rows of a re-imported export by their response_id, as before, instead of refusing them', async () => {
    await cli('responses', 'import', 'mini', file('r.csv', threeRows));
    const exported = file('export.csv', (await cli('responses', 'export', 'mini')).out);
    const again = await cli('responses', 'import', 'mini', exported);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/Imported 0 responses.*3 already there \(same response_id\) were skipped/);
    expect(await stored()).toBe(3);
  });

  it('imports an export whose rows give identical answers under different response_ids, as the ids say they are different responses', async () => {
    await cli('responses', 'import', 'mini', file('r.csv', 'org,colour,tools,note\norg-a,red,email,\norg-a,red,email,\n'), '--allow-duplicates');
    const exported = (await cli('responses', 'export', 'mini')).out;
    const other = await freshDatabase(dialect);
    try {
      const into = (...args: string[]) => runCapture([...args, '--db', other.url]);
      await into('orgs', 'import', file('orgs.csv', register));
      await into('survey', 'import', file('mini.yaml', definition));
      const imported = await into('responses', 'import', 'mini', file('export.csv', exported));
      expect(imported.code, imported.err).toBe(0);
      expect(imported.out).toMatch(/Imported 2 responses/);
      // The same rows without their ids are what is already stored.
      const withoutIds = await into('responses', 'import', 'mini', file('plain.csv', 'org,colour,tools,note\norg-a,red,email,\n'));
      expect(withoutIds.err).toMatch(/1 of 1 rows is already stored \(row 2\)/);
    } finally {
      await other.drop();
    }
  });
});

describe('canvass responses import --help', () => {
  it('says when to use --allow-duplicates', async () => {
    const help = await runCapture(['responses', 'import', '--help']);
    expect(help.out.replace(/\s+/g, ' ')).toMatch(/--allow-duplicates .*re-import of the same file is the usual cause.*different people genuinely gave identical answers/);
  });
});
