import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrganisationBenchmarkReport } from '../src/analysis/benchmarks/organisation-benchmarks.js';
import type { ChoiceQuestionResult, SurveyResults } from '../src/analysis/results/results-model.js';
import { compareEstimates } from '../src/analysis/results/survey-results.js';
import { runCapture } from './support/cli-capture.js';
import { freshDatabase, type TestDatabase } from './support/test-databases.js';
import { readinessDefinition as definition, readinessRegister as register, readinessResponsesCsv as responsesCsv, readinessSizes as sizes } from './support/readiness-survey.js';

let db: TestDatabase;
let dir: string;
const cli = (...args: string[]) => runCapture([...args, '--db', db.url]);
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeEach(async () => {
  db = await freshDatabase('sqlite');
  dir = mkdtempSync(join(tmpdir(), 'canvass-benchmark-'));
});
afterEach(async () => {
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('canvass benchmark on the built-in survey', () => {
  beforeEach(async () => {
    expect((await cli('seed', 'digital-gap-2017')).code).toBe(0);
  });

  it('suppresses every figure of an organisation with 1 to 4 respondents and shows the sector’s', async () => {
    const result = await cli('benchmark', 'digital-gap-2017', '--org', 'kent-county-council', '--json');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as OrganisationBenchmarkReport;
    expect(report).toMatchObject({
      survey: 'digital-gap-2017',
      organisation: { id: 'kent-county-council', name: 'Kent County Council', type: 'county-council', typeLabel: 'County council' },
      peerGroup: { type: 'county-council', label: 'County council' },
      unit: 'respondents',
      minBase: 10,
    });
    expect(report.respondents).toBeGreaterThanOrEqual(1);
    expect(report.respondents).toBeLessThanOrEqual(4);
    expect(report.sector.respondents).toBe(235);
    const figures = report.questions.flatMap((q) => q.figures);
    expect(figures.length).toBeGreaterThan(20);
    for (const figure of figures) {
      expect(figure.organisation).toMatchObject({ suppressed: true, count: null, percent: null, ci95: null, base: null, reason: expect.stringMatching(/fewer than 10 respondents in the organisation/) });
      expect(figure.quartile).toBeNull();
      expect(figure.vsSector).toBeNull();
      expect(figure.vsPeerGroup).toBeNull();
      expect(figure.sector.suppressed).toBe(false);
      expect(figure.sector.percent).toEqual(expect.any(Number));
      expect(figure.quantileType).toBe(7);
      // No organisation of this survey reaches the minimum base, so none is scored.
      expect(figure.scoredOrganisations).toBe(0);
      expect(figure.sectorMedian).toBeNull();
    }
  });

  it('prints a table that says which figures are suppressed', async () => {
    const result = await cli('benchmark', 'digital-gap-2017', '--org', 'kent-county-council');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/benchmark of Kent County Council/);
    expect(result.out).toMatch(/organisation +peer group +sector +median \(IQR\)/);
    expect(result.out).toMatch(/suppressed/);
    expect(result.out).toMatch(/R quantile type 7/);
  });

  it('exits 1 for an organisation that is not in the register, suggesting ids and saying where ids come from', async () => {
    const result = await cli('benchmark', 'digital-gap-2017', '--org', 'kent-council');
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/no organisation 'kent-council' in the register/);
    expect(result.err).toMatch(/Did you mean 'kent-county-council'/);
    expect(result.err).toMatch(/id column of the register CSV/);
  });

  it('exits 1 for an organisation of the register without responses to the survey', async () => {
    await cli('orgs', 'import', file('orgs.csv', 'id,name,type,nation,region,parent,headcount\nnew-borough,New Borough,london-borough,England,London,,\n'));
    const result = await cli('benchmark', 'digital-gap-2017', '--org', 'new-borough');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/New Borough \('new-borough'\) is in the register but has no responses to 'digital-gap-2017'/);
  });

  it('exits 1 for an unknown survey, a missing --org or a bad design option', async () => {
    expect((await cli('benchmark', 'no-such-survey', '--org', 'kent-county-council')).err).toMatch(/no survey 'no-such-survey'/);
    const missing = await cli('benchmark', 'digital-gap-2017');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/--org/);
    const bad = await cli('benchmark', 'digital-gap-2017', '--org', 'kent-county-council', '--interval', 'magic');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/not an interval method/);
  });
});


describe('canvass benchmark of an organisation with at least 30 respondents', () => {
  beforeEach(async () => {
    expect((await cli('survey', 'import', file('ready.yaml', definition))).code).toBe(0);
    expect((await cli('orgs', 'import', file('orgs.csv', register))).code).toBe(0);
    expect((await cli('responses', 'import', 'ready', file('r.csv', responsesCsv()), '--allow-duplicates')).code).toBe(0);
  });

  const benchmark = async (org: string) => {
    const result = await cli('benchmark', 'ready', '--org', org, '--json');
    expect(result.err).toBe('');
    return JSON.parse(result.out) as OrganisationBenchmarkReport;
  };
  const filtered = async (filter: string) => {
    const result = await cli('results', 'ready', '--filter', filter, '--json');
    expect(result.err).toBe('');
    return (JSON.parse(result.out) as SurveyResults).questions[0] as ChoiceQuestionResult;
  };

  it('tests it against the rest of the sector and of its peer group, as the results of those filters compare', async () => {
    const report = await benchmark('big-a');
    expect(report.respondents).toBe(40);
    expect(report.peerGroup).toEqual({ type: 'county-council', label: 'County council', organisations: 2, respondents: 75 });
    expect(report.sector).toEqual({ organisations: 4, respondents: 117 });
    expect(report.design.fpc).toBe('org.headcount');
    const own = await filtered('org.id = big-a');
    const restOfSector = await filtered('org.id != big-a');
    const restOfPeers = await filtered('org.type = county-council and org.id != big-a');
    const ready = report.questions.find((q) => q.id === 'ready')!;
    ready.figures.forEach((figure, k) => {
      const mine = k < 3 ? own.options[k]! : own.nets[k - 3]!;
      expect(figure.organisation.suppressed).toBe(false);
      expect(figure.organisation.percent).toBeCloseTo(mine.percent!, 9);
      expect(figure.organisation.se).toBeCloseTo(mine.se!, 9);
      expect(figure.organisation.ci95![0]).toBeCloseTo(mine.ci95![0], 9);
      for (const [comparison, rest, against] of [
        [figure.vsSector, restOfSector, 'rest of the sector'],
        [figure.vsPeerGroup, restOfPeers, 'rest of the peer group'],
      ] as const) {
        const expected = compareEstimates(k < 3 ? rest.options[k]! : rest.nets[k - 3]!, mine, against);
        expect(comparison!.status).toBe(expected.status);
        expect(comparison!.against).toBe(against);
        if (comparison!.status === 'not-tested' || expected.status === 'not-tested') throw new Error('expected a test');
        expect(comparison!.difference).toBeCloseTo(expected.difference, 9);
        expect(comparison!.z).toBeCloseTo(expected.z, 9);
        expect(comparison!.pValue).toBeCloseTo(expected.pValue, 9);
      }
    });
    expect(ready.figures[0]!.vsSector).toMatchObject({ status: 'significant' });
    expect((ready.figures[0]!.vsSector as { difference: number }).difference).toBeGreaterThan(30);
  });

  it('puts the sector median and quartiles over the scored organisations and ranks the organisation by them', async () => {
    const reports = await Promise.all(Object.keys(sizes).map(benchmark));
    const yes = reports.map((r) => r.questions[0]!.figures[0]!);
    const percents = yes.map((f) => f.organisation.percent!).sort((a, b) => a - b);
    // Four organisations, type 7: the median is halfway between the middle two.
    expect(yes[0]!.scoredOrganisations).toBe(4);
    expect(yes[0]!.sectorMedian).toBeCloseTo((percents[1]! + percents[2]!) / 2, 9);
    expect(yes[0]!.sectorQuartiles.lower).toBeCloseTo(percents[0]! + 0.75 * (percents[1]! - percents[0]!), 9);
    expect(yes[0]!.quartile).toBe(1);
  });

  it('does not test an organisation under 30 respondents, and says so apart from not significant', async () => {
    const report = await benchmark('small-d');
    const figure = report.questions[0]!.figures[0]!;
    expect(figure.organisation.suppressed).toBe(false);
    expect(figure.vsSector).toEqual({ against: 'rest of the sector', status: 'not-tested', reason: 'base of 12 is under 30' });
  });

  it('marks significant differences in the table', async () => {
    const result = await cli('benchmark', 'ready', '--org', 'big-a');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^ {2}Yes +88% +\d+% +\d+% .*\+\d+ pts\*/m);
    expect(result.out).toMatch(/net: At least partly/);
  });
});

describe('canvass benchmark of a survey with waves', () => {
  it('benchmarks the latest wave by default and another with --wave, naming it', async () => {
    const withWaves = definition.replace('questions:', 'waves:\n  - { id: w2023, label: "2023" }\n  - { id: w2024, label: "2024" }\nquestions:');
    expect((await cli('survey', 'import', file('ready.yaml', withWaves))).code).toBe(0);
    expect((await cli('orgs', 'import', file('orgs.csv', register))).code).toBe(0);
    const rows = ['org,ready,tools,wave', ...Array.from({ length: 12 }, () => 'big-a,yes,email,w2023'), ...Array.from({ length: 15 }, () => 'big-a,no,chat,w2024'), 'big-b,yes,wiki,w2024'];
    expect((await cli('responses', 'import', 'ready', file('r.csv', `${rows.join('\n')}\n`), '--allow-duplicates')).code).toBe(0);
    const latest = JSON.parse((await cli('benchmark', 'ready', '--org', 'big-a', '--json')).out) as OrganisationBenchmarkReport;
    expect(latest).toMatchObject({ wave: 'w2024', respondents: 15, sector: { organisations: 2, respondents: 16 } });
    const earlier = JSON.parse((await cli('benchmark', 'ready', '--org', 'big-a', '--wave', 'w2023', '--json')).out) as OrganisationBenchmarkReport;
    expect(earlier).toMatchObject({ wave: 'w2023', respondents: 12 });
    expect(earlier.questions[0]!.figures[0]!.organisation.percent).toBe(100);
    const absent = await cli('benchmark', 'ready', '--org', 'big-b', '--wave', 'w2023');
    expect(absent.code).toBe(1);
    expect(absent.err).toMatch(/no responses to 'ready' in wave w2023/);
  });
});
