import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCapture } from './support/cli-capture.js';
import { miniDefinition } from './support/mini-survey.js';
import { freshDatabase, type TestDatabase } from './support/test-databases.js';

const register = 'id,name,type,nation,region,parent,headcount\norg-a,Org A,london-borough,England,London,,40\norg-b,Org B,welsh-council,Wales,Wales,,50\n';
const env = { CANVASS_PUBLIC_URL: 'https://survey.example.org/' };

let db: TestDatabase;
let dir: string;
const file = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const cli = (...args: string[]) => runCapture([...args, '--db', db.url], env);
const contactCount = async () => (JSON.parse((await cli('contacts', 'list', 'mini', '--json')).out) as unknown[]).length;

beforeEach(async () => {
  db = await freshDatabase('sqlite');
  dir = mkdtempSync(join(tmpdir(), 'canvass-contacts-'));
  await cli('survey', 'import', file('mini.yaml', miniDefinition()));
  await cli('orgs', 'import', file('orgs.csv', register));
});
afterEach(async () => {
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('canvass contacts import', () => {
  it('refuses a file with any bad row, naming each problem by row and column, and stores nothing', async () => {
    const csv = [
      'org,email,name,role,language',
      'org-a,ann@example.org,Ann,respondent,en',
      'org-x,bob@example.org,Bob,respondent,',
      'org-a,not an email,Cat,respondent,',
      'org-a,"dan@example.org\r\nBcc: all@example.org",Dan,respondent,',
      'org-b,ann@EXAMPLE.org,Ann again,respondent,',
      'org-b,eve@example.org,,boss,english!',
      'org-b,ann@example.org,Ann,lead,',
    ].join('\n');
    const result = await cli('contacts', 'import', 'mini', file('bad.csv', csv));
    expect(result.code).toBe(1);
    expect(result.err).toContain('bad.csv was not imported: 5 of 7 rows have problems; nothing was stored');
    expect(result.err).toMatch(/row 3, column org: 'org-x' is not an organisation in the register/);
    expect(result.err).toMatch(/row 4, column email: 'not an email' is not an email address/);
    expect(result.err).toContain("row 5, column email: 'dan@example.org\\u000d\\u000aBcc: all@example.org' is not an email address");
    expect(result.err).toMatch(/row 6, column email: ann@example.org is a respondent in row 2 already/);
    expect(result.err).toMatch(/row 7, column name: the name is missing/);
    expect(result.err).toMatch(/row 7, column role: 'boss' is not a role/);
    expect(result.err).toMatch(/row 7, column language: 'english!' is not a language tag/);
    expect(await contactCount()).toBe(0);
  });

  it('refuses NUL characters, text that is not UTF-8, unknown or missing columns, and addresses already stored', async () => {
    const nul = await cli('contacts', 'import', 'mini', file('nul.csv', 'org,email,name,role\norg-a,ann@example.org,A\u0000nn,respondent\n'));
    expect(nul.code).toBe(1);
    expect(nul.err).toMatch(/row 2, column name/);
    const latin1 = await cli('contacts', 'import', 'mini', file('latin1.csv', Buffer.concat([Buffer.from('org,email,name,role\norg-a,ann@example.org,Ren'), Buffer.from([0xe9]), Buffer.from(',respondent\n')])));
    expect(latin1).toMatchObject({ code: 1, err: expect.stringContaining('is not UTF-8 (line 2') });
    const columns = await cli('contacts', 'import', 'mini', file('cols.csv', 'org,email,nom,role,phone\norg-a,ann@example.org,Ann,respondent,1\n'));
    expect(columns.err).toMatch(/row 1, column nom: 'nom' is not a column of a contacts file/);
    expect(columns.err).toMatch(/row 1: the 'name' column is missing/);
    expect(await contactCount()).toBe(0);
    expect((await cli('contacts', 'import', 'mini', file('one.csv', 'org,email,name,role\norg-a,ann@example.org,Ann,respondent\n'))).code).toBe(0);
    const again = await cli('contacts', 'import', 'mini', file('again.csv', 'org,email,name,role\norg-b,bob@example.org,Bob,respondent\norg-a,ANN@example.org,Ann,respondent\n'));
    expect(again.err).toMatch(/row 3, column email: ann@example.org is already a respondent of this survey/);
    expect(await contactCount()).toBe(1);
    expect((await cli('contacts', 'import', 'nope', file('x.csv', 'org,email,name,role\n'))).err).toContain("There is no survey 'nope'");
  });
});

describe('canvass invitations create and export', () => {
  it('makes single-use links for an organisation, and exports unused links with formula-like cells neutralised', async () => {
    await cli('contacts', 'import', 'mini', file('c.csv', 'org,email,name,role\norg-a,ann@example.org,"=HYPERLINK(""http://evil.example"")",respondent\norg-b,lead@example.org,Lee,lead\n'));
    const created = await cli('invitations', 'create', 'mini', '--org', 'org-b', '--count', '3');
    expect(created.code).toBe(0);
    const links = created.out.trim().split('\n');
    expect(links).toHaveLength(3);
    for (const link of links) expect(link).toMatch(/^https:\/\/survey\.example\.org\/i\/[A-Za-z0-9_-]{43}$/);
    const exported = await cli('invitations', 'export', 'mini');
    const lines = exported.out.trim().split('\n');
    expect(lines[0]).toBe('org,organisation,name,email,language,link');
    expect(lines).toHaveLength(5);
    const ann = lines.find((l) => l.includes('ann@example.org'))!;
    expect(ann).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    for (const link of links) expect(exported.out).toContain(link);
    expect(exported.out).not.toContain('lead@example.org');
    const onlyB = await cli('invitations', 'export', 'mini', '--org', 'org-b');
    expect(onlyB.out.trim().split('\n')).toHaveLength(4);
    const out = join(dir, 'links.csv');
    expect(await cli('invitations', 'export', 'mini', '--out', out)).toMatchObject({ code: 0, out: `Wrote 4 links to ${out}\n` });
  });

  it('refuses a bad count, an unknown organisation and a missing public address', async () => {
    expect((await cli('invitations', 'create', 'mini', '--org', 'org-b', '--count', '0')).err).toContain('--count is a whole number of links from 1 to 100000');
    expect((await cli('invitations', 'create', 'mini', '--org', 'org-b', '--count', 'ten')).err).toContain('--count is a whole number');
    expect((await cli('invitations', 'create', 'mini', '--org', 'org-z', '--count', '1')).err).toContain("There is no organisation 'org-z'");
    const noUrl = await runCapture(['invitations', 'export', 'mini', '--db', db.url], {});
    expect(noUrl).toMatchObject({ code: 1, err: expect.stringContaining('set CANVASS_PUBLIC_URL') });
    expect((await cli('invitations', 'export', 'mini', '--base-url', 'javascript:alert(1)')).err).toContain('is not a web address links can start with');
    const noTransport = await runCapture(['invitations', 'send', 'mini', '--db', db.url], env);
    expect(noTransport).toMatchObject({ code: 1, err: expect.stringContaining('No way to send email is set up: set CANVASS_SMTP_URL') });
  });
});

describe('fieldwork texts in the definition', () => {
  it('refuses an unknown placeholder, a body without ((link)) and a closing date without its offset, naming where', async () => {
    const bad = miniDefinition().replace(
      'questions:',
      `closes: 2026-05-01 17:00
messages:
  invitation:
    subject: Hello ((nmae))
    body: Dear ((name)), please answer.
  languages:
    cy:
      reminder:
        subject: Nodyn atgoffa
        body: "((link)) ((closing date)) ((org))"
questions:`,
    );
    const result = await runCapture(['survey', 'validate', file('bad.yaml', bad)]);
    expect(result.code).toBe(1);
    expect(result.err + result.out).toMatch(/messages\.invitation\.subject.*\(\(nmae\)\) is not a placeholder/);
    expect(result.err + result.out).toMatch(/messages\.invitation\.body.*must hold \(\(link\)\)/);
    expect(result.err + result.out).toMatch(/messages\.languages\.cy\.reminder\.body.*\(\(org\)\) is not a placeholder/);
    expect(result.err + result.out).toMatch(/closes.*a date and time with its offset/);
  });

  it('sends the definition’s own texts in the contact’s language', async () => {
    const worded = miniDefinition().replace(
      'questions:',
      `closes: 2099-05-01T17:00:00+01:00
messages:
  invitation:
    subject: ((organisation)) — your view on ((survey))
    body: "Hello ((name)). Answer by ((closing date)): ((link))"
  languages:
    cy:
      invitation:
        subject: Eich barn
        body: "Helo ((name)): ((link))"
questions:`,
    );
    expect((await cli('survey', 'import', file('worded.yaml', worded))).code).toBe(0);
    await cli('contacts', 'import', 'mini', file('c.csv', 'org,email,name,role,language\norg-b,cy@example.org,Cai,respondent,cy\n'));
    const dry = await cli('invitations', 'send', 'mini', '--dry-run');
    expect(dry.out).toContain('Subject: Eich barn');
    expect(dry.out).toMatch(/Helo Cai: https:\/\/survey\.example\.org\/i\/\S+/);
    await cli('contacts', 'import', 'mini', file('d.csv', 'org,email,name,role\norg-a,ann@example.org,Ann,respondent\n'));
    const both = await cli('invitations', 'send', 'mini', '--dry-run', '--org', 'org-a');
    expect(both.out).toContain('Subject: Org A — your view on Mini survey');
    expect(both.out).toContain('Hello Ann. Answer by at 16:00 UTC on 1 May 2099: https://survey.example.org/i/');
  });
});
