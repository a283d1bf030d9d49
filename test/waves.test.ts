import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChoiceQuestionResult, SurveyResults } from '../src/analysis/results/results-model.js';
import { runCapture } from './support/cli-capture.js';
import { freshDatabase, type TestDatabase } from './support/test-databases.js';

const definition = `
format: 1
id: staff-pulse
title: Staff pulse
waves:
  - { id: "2017", label: Spring 2017 }
  - { id: "2018", label: Spring 2018 }
questions:
  - id: confident
    type: single
    text: Are you confident?
    options:
      - { code: "yes", label: "Yes" }
      - { code: "no", label: "No" }
`;
const register = 'id,name,type,nation\norg-a,Org A,london-borough,England\norg-b,Org B,welsh-council,Wales\n';
/** 80 respondents a wave: 30% confident in 2017, 60% in 2018. */
const wave = (yes: number) => ['org,confident', ...Array.from({ length: 80 }, (_, i) => `${i % 2 ? 'org-a' : 'org-b'},${i < yes ? 'yes' : 'no'}`)].join('\n');

let db: TestDatabase;
let dir: string;
const cli = (...args: string[]) => runCapture([...args, '--db', db.url]);
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const yesOf = (r: SurveyResults) => (r.questions[0] as ChoiceQuestionResult).options[0]!;

beforeEach(async () => {
  db = await freshDatabase('sqlite');
  dir = mkdtempSync(join(tmpdir(), 'canvass-waves-'));
  await cli('orgs', 'import', file('orgs.csv', register));
  await cli('survey', 'import', file('pulse.yaml', definition));
  expect((await cli('responses', 'import', 'staff-pulse', file('2017.csv', wave(24)), '--wave', '2017', '--allow-duplicates')).code).toBe(0);
  expect((await cli('responses', 'import', 'staff-pulse', file('2018.csv', wave(48)), '--wave', '2018', '--allow-duplicates')).code).toBe(0);
});
afterEach(async () => {
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('waves', () => {
  it('shows the latest wave by default, and another when asked', async () => {
    const latest = JSON.parse((await cli('results', 'staff-pulse', '--json')).out) as SurveyResults;
    expect(latest.wave).toBe('2018');
    expect(yesOf(latest).percent).toBeCloseTo(60, 10);
    const first = JSON.parse((await cli('results', 'staff-pulse', '--json', '--wave', '2017')).out) as SurveyResults;
    expect(first.wave).toBe('2017');
    expect(first.respondents).toBe(80);
    expect(yesOf(first).percent).toBeCloseTo(30, 10);
  });

  it('gives the change since another wave with its significance', async () => {
    const result = await cli('results', 'staff-pulse', '--json', '--compare-wave', '2017');
    const compared = JSON.parse(result.out) as SurveyResults;
    expect(compared.compareWave).toBe('2017');
    const change = yesOf(compared).change!;
    expect(change).toMatchObject({ against: 'wave 2017', status: 'significant', previousPercent: expect.closeTo(30, 10) });
    if (change.status === 'not-tested') throw new Error('expected a test');
    expect(change.difference).toBeCloseTo(30, 10);
    const se = Math.sqrt((0.3 * 0.7) / 79 + (0.6 * 0.4) / 79);
    expect(change.z).toBeCloseTo(0.3 / se, 1);
    expect((await cli('results', 'staff-pulse', '--compare-wave', '2017')).out).toMatch(/change: \+30 pts \(significant\)/);
  });

  it('reports the latest wave with the change since the one before, significant or not, in sentences and tables', async () => {
    const out = join(dir, 'report.html');
    const run = await cli('report', 'staff-pulse', '--out', out);
    expect(run.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('60% of respondents answered “Yes” when asked “Are you confident?” (base: all 80 respondents); up 30 points since wave 2017, a significant difference (p &lt; 0.001).');
    expect(html).toContain('Change since 2017');
    expect(html).toMatch(/\+30 points \(significant\)/);
    const first = join(dir, 'first.html');
    expect((await cli('report', 'staff-pulse', '--wave', '2017', '--out', first)).code).toBe(0);
    expect(readFileSync(first, 'utf8')).not.toContain('since wave');
  });

  it('refuses a wave the survey does not have, naming its waves', async () => {
    const result = await cli('results', 'staff-pulse', '--wave', '2019');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/no wave '2019'. Its waves: 2017, 2018/);
    const importing = await cli('responses', 'import', 'staff-pulse', file('x.csv', 'org,confident,wave\norg-a,yes,2016\n'));
    expect(importing.code).toBe(1);
    expect(importing.err).toMatch(/row 2, column wave: '2016' is not a wave/);
  });

  it('exports each response with its wave', async () => {
    const csv = (await cli('responses', 'export', 'staff-pulse')).out;
    expect(csv.split('\n').filter((line) => line.includes(',2017,')).length).toBe(80);
  });
});
