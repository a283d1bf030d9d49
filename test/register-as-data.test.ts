import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrganisationBenchmarkReport } from '../src/analysis/benchmarks/organisation-benchmarks.js';
import type { ChoiceQuestionResult, SurveyResults } from '../src/analysis/results/results-model.js';
import { runCapture } from './support/cli-capture.js';
import { dialects, freshDatabase, postgresAvailable, type TestDatabase } from './support/test-databases.js';

/**
 * A survey of a body outside the UK, end to end through the command line: US school districts
 * with a register of their own (locale, state, enrolment and a size band computed from the
 * headcount), imported, broken down by its attributes, benchmarked by its own peer groups and
 * reported. Expected figures are counted here from the rows the test writes.
 */
const fixture = (name: string) => readFileSync(new URL(`./fixtures/us-school-districts/${name}`, import.meta.url), 'utf8');
const definitionYaml = fixture('definition.yaml');
const registerCsv = fixture('register.csv');
const survey = 'district-digital-2025';

interface District {
  id: string;
  locale: string;
  enrolment: number;
  headcount: number | undefined;
}
const districts: District[] = registerCsv
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [id, , locale, , enrolment, headcount] = line.split(',');
    return { id: id!, locale: locale!, enrolment: Number(enrolment), headcount: headcount === '' ? undefined : Number(headcount) };
  });
/** The bands the definition declares, written out: under 250, 250 to 999, 1,000 or more. */
const sizeOf = (d: District) => (d.headcount === undefined ? undefined : d.headcount < 250 ? 'small' : d.headcount < 1000 ? 'medium' : 'large');

interface Row {
  district: District;
  ready: 'yes' | 'partly' | 'no';
  tools: string[];
  centralIt?: 'yes' | 'no';
}
/** 6 to 15 respondents a district; city districts say yes more often; only large districts are asked about central IT. */
const rows: Row[] = districts.flatMap((district, i) =>
  Array.from({ length: 6 + ((i * 7) % 10) }, (_, k): Row => {
    const ready = district.locale === 'city' && k % 4 !== 3 ? 'yes' : (['yes', 'partly', 'no'] as const)[(i + k) % 3]!;
    const tools = [['email'], ['email', 'chat'], ['lms'], ['chat', 'lms']][(i + 2 * k) % 4]!;
    return { district, ready, tools, ...(sizeOf(district) === 'large' ? { centralIt: k % 3 === 0 ? 'no' : 'yes' } : {}) };
  }),
);
const responsesCsv = ['org,ready,tools,central_it', ...rows.map((r) => `${r.district.id},${r.ready},${r.tools.join(';')},${r.centralIt ?? ''}`)].join('\n');

const countWhere = (keep: (r: Row) => boolean) => rows.filter(keep).length;
const optionCount = (question: ChoiceQuestionResult | undefined, code: string) => question?.options.find((o) => o.code === code)?.count;
const question = (results: { questions: SurveyResults['questions'] }, id: string) => results.questions.find((q) => q.id === id) as ChoiceQuestionResult | undefined;

describe.each(dialects)('a survey of US school districts with a register of its own, on %s', (dialect) => {
  let db: TestDatabase;
  let dir: string;
  const cli = (...args: string[]) => runCapture([...args, '--db', db.url]);
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const json = async <T>(...args: string[]): Promise<T> => {
    const result = await cli(...args, '--json');
    expect(result.code, result.err).toBe(0);
    return JSON.parse(result.out) as T;
  };

  beforeEach(async (context) => {
    if (dialect === 'postgres' && !(await postgresAvailable())) context.skip();
    db = await freshDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), 'canvass-districts-'));
    const defined = await cli('survey', 'import', file('definition.yaml', definitionYaml));
    expect(defined.code, defined.err).toBe(0);
  });
  afterEach(async () => {
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function importAll(): Promise<void> {
    const register = await cli('orgs', 'import', file('register.csv', registerCsv), '--survey', survey);
    expect(register.code, register.err).toBe(0);
    expect(register.out).toMatch(/Imported 40 organisations.*40 new/);
    // Staff of one district often give the same answers: different people, so --allow-duplicates.
    const responses = await cli('responses', 'import', survey, file('responses.csv', responsesCsv), '--allow-duplicates');
    expect(responses.code, responses.err).toBe(0);
    expect(responses.out).toMatch(new RegExp(`Imported ${rows.length} responses`));
  }

  it('refuses a register that does not fit, with one line per problem however many rows repeat it, and stores nothing', async () => {
    // Every row with a locale written as a label and no state: two problems, not eighty.
    const bad = registerCsv.replace(/,(city|suburb|town|rural),[A-Za-z]+,/g, (_, locale: string) => `,${locale[0]!.toUpperCase()}${locale.slice(1)},,`);
    const result = await cli('orgs', 'import', file('bad.csv', bad), '--survey', survey);
    expect(result.code).toBe(1);
    const problems = result.err.split('\n').filter((line) => line.startsWith('  - '));
    expect(problems).toEqual([
      '  - rows 2–41, column locale: the locale (locale) must be one of city, suburb, town, rural',
      "  - rows 2–41, column state: 'state' is required",
    ]);
    // The UK's register columns are not this register's.
    const uk = await cli('orgs', 'import', file('uk.csv', 'id,name,type,nation\nkent,Kent,county-council,England\n'), '--survey', survey);
    expect(uk.err).toMatch(/row 1, column type: 'type' is not a register column/);
    expect(uk.err).toMatch(/the column 'locale' is missing/);
    // A size band is computed from the headcount, never given.
    const withBand = registerCsv.trim().split('\n').map((line, i) => `${line},${i === 0 ? 'size_band' : 'large'}`);
    const banded = await cli('orgs', 'import', file('banded.csv', withBand.join('\n')), '--survey', survey);
    expect(banded.err).toMatch(/'size_band' is computed from headcount \(bands\)/);
    expect((await cli('benchmark', survey, '--org', districts[0]!.id)).err).toMatch(/no organisation 'adams-city-sd' in the register/);
  });

  it('breaks results down by its own category and by size band (in band order), and filters on both and on a number', async () => {
    await importAll();
    const byLocale = await json<SurveyResults>('results', survey, '--by', 'org.locale');
    expect(byLocale.groups!.map((g) => [g.key, g.label, g.respondents])).toEqual(
      [
        ['city', 'City'],
        ['rural', 'Rural'],
        ['suburb', 'Suburb'],
        ['town', 'Town'],
      ].map(([key, label]) => [key, label, countWhere((r) => r.district.locale === key)]),
    );
    for (const group of byLocale.groups!) expect(optionCount(question(group, 'ready'), 'yes')).toBe(countWhere((r) => r.district.locale === group.key && r.ready === 'yes'));

    const bySize = await json<SurveyResults>('results', survey, '--by', 'org.size_band');
    expect(bySize.groups!.map((g) => [g.key, g.label, g.respondents])).toEqual([
      ['small', 'Fewer than 250 staff', countWhere((r) => sizeOf(r.district) === 'small')],
      ['medium', '250 to 999 staff', countWhere((r) => sizeOf(r.district) === 'medium')],
      ['large', '1,000 staff or more', countWhere((r) => sizeOf(r.district) === 'large')],
      // The district without a headcount has no band.
      ['not-stated', 'Not stated', countWhere((r) => sizeOf(r.district) === undefined)],
    ]);
    for (const group of bySize.groups!.slice(0, 3)) expect(optionCount(question(group, 'ready'), 'no')).toBe(countWhere((r) => sizeOf(r.district) === group.key && r.ready === 'no'));

    // The condition on the band decided who was asked: only large districts' staff answered.
    const everyone = await json<SurveyResults>('results', survey);
    expect(question(everyone, 'central_it')?.base).toBe(countWhere((r) => sizeOf(r.district) === 'large'));
    const large = await json<SurveyResults>('results', survey, '--filter', 'org.size_band = large and org.locale in (city, town)');
    expect(optionCount(question(large, 'ready'), 'yes')).toBe(countWhere((r) => sizeOf(r.district) === 'large' && ['city', 'town'].includes(r.district.locale) && r.ready === 'yes'));
    const enrolled = await json<SurveyResults>('results', survey, '--filter', 'org.enrolment >= 5000');
    expect(question(enrolled, 'ready')?.base).toBe(countWhere((r) => r.district.enrolment >= 5000));

    // A number is not a breakdown; the message says to declare bands of it.
    const number = await cli('results', survey, '--by', 'org.enrolment');
    expect(number.code).toBe(1);
    expect(number.err).toMatch(/org.enrolment is a number: declare bands of it/);
    // Nor is a code that is not the register's a filter.
    expect((await cli('results', survey, '--filter', 'org.locale = county-council')).err).toMatch(/'county-council' is not a code of org.locale \(expected city, suburb, town, rural\)/);
  });

  it('takes strata and raking margins from its own attributes', async () => {
    await importAll();
    const stratified = await json<SurveyResults>('results', survey, '--strata', 'org.locale');
    expect(stratified.design.strata).toContain('org.locale');
    // Raking to one margin is post-stratification: the raked share is the margins' mix of each locale's own share.
    const totals = { city: 100, suburb: 200, town: 300, rural: 400 };
    const margins = ['variable,category,total', ...Object.entries(totals).map(([locale, total]) => `org.locale,${locale},${total}`)].join('\n');
    const raked = await json<SurveyResults>('results', survey, '--rake', file('margins.csv', margins), '--strata', 'none');
    expect(raked.design.raking).toMatchObject({ margins: ['org.locale'], converged: true });
    const expected = Object.entries(totals).reduce((sum, [locale, total]) => sum + (total * countWhere((r) => r.district.locale === locale && r.ready === 'yes')) / countWhere((r) => r.district.locale === locale), 0) / 1000;
    expect(question(raked, 'ready')!.options.find((o) => o.code === 'yes')!.percent! / 100).toBeCloseTo(expected, 9);
  });

  it('benchmarks a district against its own peer group (its locale) and writes the survey and district reports', async () => {
    await importAll();
    const city = districts.filter((d) => d.locale === 'city').sort((a, b) => countWhere((r) => r.district === b) - countWhere((r) => r.district === a))[0]!;
    const report = await json<OrganisationBenchmarkReport>('benchmark', survey, '--org', city.id);
    expect(report.organisation).toMatchObject({ id: city.id, type: 'city', typeLabel: 'City' });
    expect(report.peerGroup).toEqual({ type: 'city', label: 'City', organisations: 10, respondents: countWhere((r) => r.district.locale === 'city') });
    expect(report.sector).toEqual({ organisations: 40, respondents: rows.length });

    const surveyHtml = join(dir, 'report.html');
    const written = await cli('report', survey, '--out', surveyHtml);
    expect(written.code, written.err).toBe(0);
    const html = readFileSync(surveyHtml, 'utf8');
    expect(html).toContain('Digital readiness in school districts 2025');
    expect(html).toContain(`${rows.length} respondents at 40 organisations`);
    const filtered = join(dir, 'large.html');
    expect((await cli('report', survey, '--filter', 'org.size_band = large', '--out', filtered)).code).toBe(0);
    expect(readFileSync(filtered, 'utf8')).toContain('1,000 staff or more');

    const districtHtml = join(dir, 'district.html');
    expect((await cli('report', survey, '--org', city.id, '--out', districtHtml)).code).toBe(0);
    const page = readFileSync(districtHtml, 'utf8');
    expect(page).toContain('Peer group');
    expect(page).toMatch(/City: 10 organisations/);
  });
});
