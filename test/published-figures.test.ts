import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChoiceQuestionResult, SurveyResults } from '../src/analysis/results/results-model.js';
import { roundHalfUp } from '../src/analysis/results/round-half-up.js';
import { runCapture } from './support/cli-capture.js';
import { notConfident, published } from './support/published-figures.js';
import { dialects, freshDatabase, postgresAvailable, type TestDatabase } from './support/test-databases.js';


const referenceFile = new URL('./fixtures/digital-gap-2017.md', import.meta.url);

describe('the published table in this test', () => {
  it('is the reference table, row for row', () => {
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
