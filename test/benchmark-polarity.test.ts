import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganisationBenchmarkReport } from '../src/analysis/benchmarks/organisation-benchmarks.js';
import { runCapture } from './support/cli-capture.js';
import { textOf } from './support/html-text.js';
import { freshDatabase, type TestDatabase } from './support/test-databases.js';

/** The same scale twice, summed up by "Not at all prepared": once saying its first answer is the better end, once saying nothing. */
const scale = (id: string, better: string) => `
  - id: ${id}
    type: scale
    text: How prepared is your organisation (${id})?
    headline: not-at-all
    ${better}
    options:
      - { code: very, label: Very prepared }
      - { code: fairly, label: Fairly prepared }
      - { code: not-very, label: Not very prepared }
      - { code: not-at-all, label: Not at all prepared }
      - { code: dont-know, label: Don't know, nonSubstantive: true }`;
const definition = `
format: 1
id: prepared
title: Preparedness survey
questions:${scale('prepared', 'better: first')}${scale('plain', '')}
`;

/** Five organisations of 20 respondents: 'worst' says "Not at all prepared" most, 'best' "Very prepared" most. */
const answersOf: Record<string, string[]> = {
  worst: ['not-at-all', 'not-at-all', 'not-at-all', 'not-very', 'dont-know'],
  weak: ['not-very', 'not-at-all', 'fairly', 'not-very', 'very'],
  middle: ['fairly', 'not-very', 'very', 'not-at-all', 'fairly'],
  good: ['fairly', 'very', 'fairly', 'not-very', 'very'],
  best: ['very', 'very', 'very', 'fairly', 'dont-know'],
};
const register = ['id,name,type,nation', ...Object.keys(answersOf).map((id) => `${id},Org ${id},district-council,England`)].join('\n');
const responses = ['org,prepared,plain', ...Object.entries(answersOf).flatMap(([org, answers]) => Array.from({ length: 20 }, (_, i) => `${org},${answers[i % 5]},${answers[i % 5]}`))].join('\n');

let db: TestDatabase;
let dir: string;
const cli = (...args: string[]) => runCapture([...args, '--db', db.url]);
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(async () => {
  db = await freshDatabase('sqlite');
  dir = mkdtempSync(join(tmpdir(), 'canvass-polarity-'));
  for (const args of [
    ['survey', 'import', file('prepared.yaml', definition)],
    ['orgs', 'import', file('register.csv', register)],
    ['responses', 'import', 'prepared', file('responses.csv', responses), '--allow-duplicates'],
  ]) {
    const run = await cli(...args);
    expect(run.code, run.err).toBe(0);
  }
}, 60_000);
afterAll(async () => {
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function benchmark(org: string): Promise<OrganisationBenchmarkReport> {
  const run = await cli('benchmark', 'prepared', '--org', org, '--json');
  expect(run.code, run.err).toBe(0);
  return JSON.parse(run.out) as OrganisationBenchmarkReport;
}
const figures = (report: OrganisationBenchmarkReport, question: string) => Object.fromEntries(report.questions.find((q) => q.id === question)!.figures.map((f) => [f.code, { better: f.better, quartile: f.quartile }]));

describe('benchmark quartiles of a question that says which end is better', () => {
  it('put the organisation most often "Not at all prepared" in the worst quarter for that answer, and for "Very prepared"', async () => {
    expect(figures(await benchmark('worst'), 'prepared')).toEqual({
      very: { better: 'higher', quartile: 4 },
      fairly: { better: 'higher', quartile: 4 },
      'not-very': { better: 'lower', quartile: 1 },
      'not-at-all': { better: 'lower', quartile: 4 },
      'dont-know': { better: null, quartile: 1 },
    });
    expect(figures(await benchmark('best'), 'prepared')).toMatchObject({ very: { quartile: 1 }, 'not-at-all': { better: 'lower', quartile: 1 }, 'not-very': { better: 'lower', quartile: 1 } });
  });

  it('rank by percentage, as before, a question that does not say', async () => {
    expect(figures(await benchmark('worst'), 'plain')).toEqual({
      very: { better: null, quartile: 4 },
      fairly: { better: null, quartile: 4 },
      'not-very': { better: null, quartile: 1 },
      'not-at-all': { better: null, quartile: 1 },
      'dont-know': { better: null, quartile: 1 },
    });
  });

  it('are told in the benchmark report as the best or worst quarter, or the highest or lowest percentages where no end is better', async () => {
    const run = await cli('report', 'prepared', '--org', 'worst', '--out', join(dir, 'worst.html'));
    expect(run.code, run.err).toBe(0);
    const text = textOf(readFileSync(join(dir, 'worst.html'), 'utf8'));
    expect(text).toContain('60% of respondents at Org worst answered “Not at all prepared” when asked “How prepared is your organisation (prepared)?” (base: 20 respondents at Org worst), compared with 20% across its peer group');
    expect(text).toMatch(/\(prepared\)\?” \(base: 20 respondents at Org worst\), compared with [^.]*, placing it among the worst quarter of organisations/);
    expect(text).toMatch(/\(plain\)\?” \(base: 20 respondents at Org worst\), compared with [^.]*, placing it among the quarter of organisations with the highest percentages/);
    expect(text).toContain('Quartile 1 is the best quarter of organisations where the question says which end of its answers is better');
  });
});
