import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChoiceQuestionResult, SurveyResults } from '../src/analysis/results-model.js';
import { roundHalfUp } from '../src/analysis/round-half-up.js';
import { runCapture } from './support/cli-capture.js';
import { dialects, freshDatabase, postgresAvailable, type TestDatabase } from './support/test-databases.js';

/** The figures table of reference/digital-gap-2017.md: question, option or net, base, published percent. */
const notConfident = 'gap_confidence in (not-very-confident, not-at-all-confident)';
const published: Array<{ figure: string; question: string; code: string; base: number; percent: number; filter?: string }> = [
  { figure: 'missing out on key opportunities', question: 'approach', code: 'missing-opportunities', base: 235, percent: 38 },
  { figure: 'barriers prevent widening service availability', question: 'approach', code: 'major-barriers', base: 235, percent: 45 },
  { figure: 'all opportunities fully embraced', question: 'approach', code: 'fully-embracing', base: 235, percent: 13 },
  { figure: 'have a formal digital transformation strategy', question: 'strategy', code: 'yes', base: 235, percent: 61 },
  { figure: 'only just started implementing it', question: 'strategy_stage', code: 'just-started', base: 143, percent: 51 },
  { figure: 'barrier: cultural issues', question: 'barriers', code: 'culture', base: 235, percent: 58 },
  { figure: 'barrier: migrating data from legacy systems', question: 'barriers', code: 'legacy-data', base: 235, percent: 56 },
  { figure: 'barrier: lack of in-house skills', question: 'barriers', code: 'skills', base: 235, percent: 55 },
  { figure: 'barrier: initial cost of transformation', question: 'barriers', code: 'cost', base: 235, percent: 53 },
  { figure: 'confident the digital gap can be closed', question: 'gap_confidence', code: 'confident', base: 235, percent: 36 },
  { figure: 'not very confident', question: 'gap_confidence', code: 'not-very-confident', base: 235, percent: 24 },
  { figure: 'neutral', question: 'gap_confidence', code: 'neutral', base: 235, percent: 33 },
  { figure: 'not at all confident', question: 'gap_confidence', code: 'not-at-all-confident', base: 235, percent: 2 },
  { figure: 'among the not confident: skills gap', question: 'gap_barriers', code: 'skills-gap', base: 62, percent: 73, filter: notConfident },
  { figure: 'among the not confident: cultural resilience', question: 'gap_barriers', code: 'cultural-resilience', base: 62, percent: 65, filter: notConfident },
  { figure: 'among the not confident: lack of budget', question: 'gap_barriers', code: 'lack-of-budget', base: 62, percent: 63, filter: notConfident },
  { figure: 'among the not confident: other priorities', question: 'gap_barriers', code: 'other-priorities', base: 62, percent: 60, filter: notConfident },
  { figure: 'among the not confident: lack of guidance', question: 'gap_barriers', code: 'lack-of-guidance', base: 62, percent: 40, filter: notConfident },
  { figure: 'government strategy achievable: agree', question: 'strategy_achievable', code: 'agree-net', base: 235, percent: 38 },
  { figure: 'government strategy achievable: disagree', question: 'strategy_achievable', code: 'disagree-net', base: 235, percent: 17 },
  { figure: 'automation implemented', question: 'automation_status', code: 'implemented', base: 235, percent: 34 },
  { figure: 'automation strategy in place', question: 'automation_status', code: 'strategy', base: 235, percent: 18 },
  { figure: 'automation: weighing up the benefits', question: 'automation_status', code: 'weighing-up', base: 235, percent: 11 },
  { figure: 'automation next 12 months: customer services', question: 'automation_uses', code: 'customer-services', base: 235, percent: 61 },
  { figure: 'automation next 12 months: back office', question: 'automation_uses', code: 'back-office', base: 235, percent: 55 },
  { figure: 'automation next 12 months: data analysis', question: 'automation_uses', code: 'data-analysis', base: 235, percent: 33 },
];

const referenceFile = new URL('../../shared/reference/digital-gap-2017.md', import.meta.url);

describe('the published table in this test', () => {
  it.runIf(existsSync(referenceFile))('is the reference table, row for row', () => {
    const rows = readFileSync(referenceFile, 'utf8')
      .split('\n')
      .filter((line) => /^\| [a-z].* \| `[a-z_]+` \|/.test(line))
      .map((line) => line.split('|').map((cell) => cell.trim()))
      .map((cells) => ({ question: cells[2]!.replace(/`/g, ''), code: cells[3]!.replace(/^net /, '').replace(/`/g, ''), percent: Number(cells[5]) }));
    expect(rows.map((r) => [r.question, r.code, r.percent])).toEqual(published.map((p) => [p.question, p.code, p.percent]));
  });
});

const pgUp = await postgresAvailable();

describe.each(dialects)('canvass results digital-gap-2017 --json on %s', (dialect) => {
  let db: TestDatabase;
  let topline: SurveyResults;
  let filtered: SurveyResults;

  beforeAll(async () => {
    if (dialect === 'postgres' && !pgUp) return;
    db = await freshDatabase(dialect);
    expect((await runCapture(['seed', 'digital-gap-2017', '--db', db.url])).code).toBe(0);
    const all = await runCapture(['results', 'digital-gap-2017', '--json', '--db', db.url]);
    expect(all.code).toBe(0);
    topline = JSON.parse(all.out) as SurveyResults;
    const among = await runCapture(['results', 'digital-gap-2017', '--json', '--filter', notConfident, '--db', db.url]);
    expect(among.code).toBe(0);
    filtered = JSON.parse(among.out) as SurveyResults;
  });

  afterAll(async () => {
    await db?.drop();
  });

  it.skipIf(dialect === 'postgres' && !pgUp)('reports 235 respondents at 180 organisations, no filter, and says the data is reconstructed', () => {
    expect(topline).toMatchObject({ survey: 'digital-gap-2017', respondents: 235, organisations: 180, filter: null });
    expect(topline.notice).toMatch(/reconstructed from the published figures; not the original responses/i);
    expect(filtered).toMatchObject({ respondents: 62, filter: notConfident });
  });

  it.skipIf(dialect === 'postgres' && !pgUp).each(published)('reproduces "$figure": $question $code = $percent% of $base', ({ question, code, base, percent, filter }) => {
    const results = filter ? filtered : topline;
    const q = results.questions.find((x) => x.id === question) as ChoiceQuestionResult;
    expect(q.base).toBe(base);
    const figure = [...q.options, ...q.nets].find((f) => f.code === code)!;
    expect(roundHalfUp(figure.percent!)).toBe(percent);
    expect(figure.percent).toBeCloseTo((100 * figure.count!) / base, 10);
    expect(figure.ci95![0]).toBeLessThan(figure.percent!);
    expect(figure.ci95![1]).toBeGreaterThan(figure.percent!);
  });
});
