import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDefinition } from '../src/operations/import-definition.js';
import { importRegister } from '../src/operations/import-register.js';
import { buildWebApp } from '../src/web/app.js';
import { runCapture } from './support/cli-capture.js';
import { staffPulseRegister } from './support/staff-pulse.js';
import { tempStore } from './support/temp-store.js';
import { WebClient } from './support/web-client.js';

const definition = readFileSync(join(process.cwd(), 'test', 'fixtures', 'bilingual-survey.yaml'), 'utf8');

describe('personal links in a contact’s language', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  let dir: string;

  beforeAll(async () => {
    temp = await tempStore();
    dir = mkdtempSync(join(tmpdir(), 'canvass-welsh-links-'));
    await importRegister(temp.store, staffPulseRegister, 'staff-pulse-register.csv', 'cli:test');
    await importDefinition(temp.store, definition, 'bilingual-survey.yaml', 'cli:test');
  });
  afterAll(async () => {
    await temp?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('open in Welsh for a contact whose language is Welsh, in the default language for the others', async () => {
    const contacts = ['org,email,name,role,language', 'pulse-a,megan@a.example,Megan,respondent,cy-GB', 'pulse-a,sam@a.example,Sam,respondent,en', 'pulse-b,alex@b.example,Alex,respondent,'].join('\n');
    writeFileSync(join(dir, 'contacts.csv'), contacts);
    expect((await runCapture(['contacts', 'import', 'bilingual-survey', join(dir, 'contacts.csv'), '--db', temp.url])).code).toBe(0);
    const exported = await runCapture(['invitations', 'export', 'bilingual-survey', '--out', join(dir, 'links.csv'), '--db', temp.url], { CANVASS_PUBLIC_URL: 'https://survey.example.org' });
    expect(exported.err).toBe('');
    const rows = readFileSync(join(dir, 'links.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const linkOf = (email: string) => rows.find((r) => r[3] === email)!.at(-1)!;
    expect(linkOf('megan@a.example')).toMatch(/^https:\/\/survey\.example\.org\/i\/[^?]+\?lang=cy$/);
    expect(linkOf('sam@a.example')).toMatch(/^https:\/\/survey\.example\.org\/i\/[^?]+$/);
    expect(linkOf('alex@b.example')).toMatch(/^https:\/\/survey\.example\.org\/i\/[^?]+$/);
    // Megan's link opens the start page in Welsh.
    const app = await buildWebApp({ store: temp.store });
    try {
      const page = await new WebClient(app).get(new URL(linkOf('megan@a.example')).pathname + new URL(linkOf('megan@a.example')).search);
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(/<html lang="cy"/);
      expect(page.body).toContain('Dechrau nawr');
    } finally {
      await app.close();
    }
  });
});
