import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDefinition } from '../src/operations/import-definition.js';
import { importRegister } from '../src/operations/import-register.js';
import { importResponsesCsv } from '../src/operations/import-responses.js';
import { surveyReport } from '../src/operations/survey-report.js';
import { buildWebApp } from '../src/web/app.js';
import { runCapture } from './support/cli-capture.js';
import { textOf } from './support/html-text.js';
import { staffPulseRegister } from './support/staff-pulse.js';
import { tempStore } from './support/temp-store.js';

const definition = readFileSync(join(process.cwd(), 'test', 'fixtures', 'bilingual-survey.yaml'), 'utf8');
const roles = ['digital-it', 'service', 'other'];
const confidence = ['very', 'fairly', 'not-very', 'not-at-all'];

/** 40 responses: respondent i has role roles[i % 3], a strategy when i % 4 is not 3 (under way when even), barriers culture and, when i % 5 = 0, cost; confidence[i % 4]; a team of 5 + i. */
function responses(): string {
  const rows = ['org,role,strategy,strategy_stage,barriers,confidence,team_size,team,started,comments'];
  for (let i = 0; i < 40; i++) {
    const strategy = i % 4 === 3 ? 'no' : 'yes';
    rows.push([i % 2 ? 'pulse-a' : 'pulse-b', roles[i % 3], strategy, strategy === 'yes' ? (i % 2 ? 'planning' : 'under-way') : '', i % 5 === 0 ? 'culture;cost' : 'culture', confidence[i % 4], 5 + i, `valued=${i % 2 ? 'agree' : 'disagree'};informed=agree`, `2024-0${1 + (i % 3)}-15`, ''].join(','));
  }
  return `${rows.join('\n')}\n`;
}

describe('canvass report SURVEY --language', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  let dir: string;
  let welsh: string;
  let english: string;

  beforeAll(async () => {
    temp = await tempStore();
    dir = mkdtempSync(join(tmpdir(), 'canvass-report-language-'));
    await importRegister(temp.store, staffPulseRegister, 'staff-pulse-register.csv', 'cli:test');
    await importDefinition(temp.store, definition, 'bilingual-survey.yaml', 'cli:test');
    await importResponsesCsv(temp.store, 'bilingual-survey', responses(), 'bilingual.csv', 'cli:test');
    for (const [language, file] of [['cy', 'cy.html'], [undefined, 'en.html']] as const) {
      const run = await runCapture(['report', 'bilingual-survey', '--out', join(dir, file), '--db', temp.url, ...(language ? ['--language', language] : [])]);
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
    }
    welsh = readFileSync(join(dir, 'cy.html'), 'utf8');
    english = readFileSync(join(dir, 'en.html'), 'utf8');
  }, 120_000);

  afterAll(async () => {
    await temp?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes the report in Welsh: the page in Welsh, the title, every question, option and net from the translations, the headings from the catalogue', () => {
    expect(welsh).toMatch(/<html lang="cy"/);
    const text = textOf(welsh);
    expect(text).toContain('Arolwg sgiliau digidol');
    for (const question of ['Pa un sy’n disgrifio eich rôl orau?', 'Oes gan eich sefydliad strategaeth ddigidol?', 'I ba raddau y mae’r strategaeth wedi’i rhoi ar waith?', 'Beth sy’n dal newid digidol yn ôl yn eich sefydliad?', 'Pa mor hyderus ydych chi fod gan eich sefydliad y sgiliau sydd eu hangen arno?', 'Tua faint o bobl sy’n gweithio yn eich tîm?']) {
      expect(text).toContain(question);
    }
    for (const label of ['Digidol neu TG', 'Ar y gweill', 'Diwylliant', 'Hyderus iawn', 'Ddim yn hyderus o gwbl', 'Hyderus', 'I ba raddau ydych chi’n cytuno â phob datganiad am eich tîm', 'Rwy’n cael gwybod am newidiadau', 'Pryd wnaethoch chi ddechrau yn eich rôl bresennol?']) expect(text).toContain(label);
    for (const heading of ['Prif ganfyddiadau', 'Canlyniadau fesul cwestiwn', 'Methodoleg', 'Ymatebwyr', 'Sefydliadau', 'Cyhoeddwyd gan Y tîm sgiliau digidol']) expect(text).toContain(heading);
    // The net's finding from the Welsh template: 20 of 40 very or fairly confident.
    expect(text).toContain('Mae 50% yn hyderus bod gan eu sefydliad y sgiliau sydd eu hangen arno');
    for (const english of ['Digital skills survey', 'Which best describes your role?', 'Well under way', 'Very confident', 'Key findings', 'Methodology']) expect(text).not.toContain(english);
  });

  it('labels the charts in Welsh', () => {
    const svgs = welsh.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBeGreaterThan(0);
    const charts = svgs.join('\n');
    for (const label of ['Hyderus iawn', 'Eithaf hyderus', 'Digidol neu TG', 'Rhywbeth arall']) expect(charts).toContain(label);
    expect(charts).not.toContain('Very confident');
  });

  it('writes Canvass’s own texts in Welsh too: sentences, bases, tables, chart descriptions and the methodology, with no English island', () => {
    // No element is marked English: everything generated comes from the Welsh catalogue (report-texts.ts).
    expect(welsh).not.toMatch(/lang="en"(?! hreflang)/);
    const text = textOf(welsh);
    // A generated sentence (role has no template in the definition) and its base.
    expect(text).toMatch(/Atebodd \d+% o’r ymatebwyr “Digidol neu TG” pan ofynnwyd “Pa un sy’n disgrifio eich rôl orau\?” \(sylfaen: yr holl ymatebwyr \(40\)\)\./);
    // A base of those asked, with its condition in Welsh.
    expect(text).toContain('yr ymatebwyr y gofynnwyd iddynt (30): y rhai a atebodd “Oes” i “Oes gan eich sefydliad strategaeth ddigidol?”');
    // The number question: its mean sentence and its table.
    expect(text).toMatch(/Cymedr yr atebion i “Tua faint o bobl sy’n gweithio yn eich tîm\?”: [\d.]+/);
    for (const words of ['Ystadegyn', 'Cymedr', 'Canolrif', 'Cyfwng 95%', 'Ateb', '% o’r ymatebwyr', 'Nifer', 'Un ateb gan bob ymatebydd.']) expect(text).toContain(words);
    expect(text).toContain('Canran yr ymatebwyr a roddodd bob ateb, gyda chyfyngau 95%. Mae’r un ffigurau yn y tabl isod.');
    // The methodology.
    for (const words of ['Nifer yr ymatebwyr: 40. Nifer y sefydliadau: 2.', 'Uned dadansoddi', 'Rheoli datgelu', 'Talgrynnu', 'Amcangyfrifon ar sail dyluniad (llinoleiddio Taylor)']) expect(text).toContain(words);
    for (const english of ['of respondents answered', 'Statistic', 'Percentage of respondents giving each answer', 'Design-based estimates', 'Unit of analysis', 'Disclosure control', 'wrote an answer']) expect(text).not.toContain(english);
    for (const item of welsh.match(/<li[^>]*>[^<]*<\/li>/g) ?? []) expect(item).not.toContain('(base:');
    expect(welsh).toMatch(/<li>Mae 50% yn hyderus/);
    expect(english).not.toContain('lang="en">');
    expect(textOf(english)).toContain('Design-based estimates (Taylor linearisation)');
    // A file report has no toggle: its other languages are other files.
    expect(welsh).not.toContain('<nav class="govuk-language-navigation');
  });

  it('reports the same figures in either language: answers are codes', async () => {
    const cy = await surveyReport(temp.store, 'bilingual-survey', { language: 'cy' });
    const en = await surveyReport(temp.store, 'bilingual-survey');
    const figures = (report: typeof cy) => report.sections.flatMap((s) => s.findings.map((f) => [s.id, f.code, f.percent, f.base]));
    expect(figures(cy)).toEqual(figures(en));
    expect(figures(cy).length).toBeGreaterThan(10);
    expect(en.title).toBe('Digital skills survey');
    expect(english).toMatch(/<html lang="en"/);
    expect(textOf(english)).toContain('Which best describes your role?');
  });

  it('publishes the report in each language: /reports/SURVEY?lang=cy, the default for any other code', async () => {
    expect((await runCapture(['release', 'bilingual-survey', '--db', temp.url])).code).toBe(0);
    const published = await runCapture(['publish', 'bilingual-survey', '--db', temp.url]);
    expect(published.err).toBe('');
    const app = await buildWebApp({ store: temp.store });
    try {
      const cy = await app.inject({ url: '/reports/bilingual-survey?lang=cy' });
      expect(cy.statusCode).toBe(200);
      expect(cy.body).toMatch(/<html lang="cy"/);
      expect(textOf(cy.body)).toContain('Pa mor hyderus ydych chi fod gan eich sefydliad y sgiliau sydd eu hangen arno?');
      expect(textOf(cy.body)).toContain('Mae 50% yn hyderus');
      // The GOV.UK language toggle between the published reports.
      expect(cy.body).toContain('aria-label="Dewis iaith"');
      expect(cy.body).toContain('href="?lang=en" rel="alternate" lang="en" hreflang="en">English');
      for (const url of ['/reports/bilingual-survey', '/reports/bilingual-survey?lang=fr', '/reports/bilingual-survey?lang=../organisations.json']) {
        const en = await app.inject({ url });
        expect(en.statusCode, url).toBe(200);
        expect(en.body, url).toMatch(/<html lang="en"/);
        expect(textOf(en.body), url).toContain('How confident are you that your organisation has the skills it needs?');
        expect(en.body, url).toContain('href="?lang=cy" rel="alternate" lang="cy" hreflang="cy">Cymraeg');
      }
    } finally {
      await app.close();
    }
  });

  it('refuses a language the survey is not given in, naming its languages, and writes nothing', async () => {
    const out = join(dir, 'fr.html');
    const run = await runCapture(['report', 'bilingual-survey', '--language', 'fr', '--out', out, '--db', temp.url]);
    expect(run.code).not.toBe(0);
    expect(run.err).toContain("Survey 'bilingual-survey' is not given in 'fr'; its languages are en, cy");
    expect(existsSync(out)).toBe(false);
    const org = await runCapture(['report', 'bilingual-survey', '--language', 'cy', '--org', 'pulse-a', '--out', out, '--db', temp.url]);
    expect(org.code).not.toBe(0);
    expect(org.err).toContain('--language is for the survey report');
  });
});
