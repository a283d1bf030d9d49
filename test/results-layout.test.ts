import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChoiceQuestionResult, SurveyResults } from '../src/analysis/results/results-model.js';
import { roundHalfUp } from '../src/analysis/results/round-half-up.js';
import { runCapture } from './support/cli-capture.js';
import { freshDatabase, type TestDatabase } from './support/test-databases.js';

const survey = 'digital-gap-2017';
let db: TestDatabase;
const cli = (...args: string[]) => runCapture([...args, '--db', db.url]);

beforeAll(async () => {
  db = await freshDatabase('sqlite');
  expect((await cli('seed', survey)).code).toBe(0);
}, 60_000);
afterAll(async () => {
  await db?.drop();
});

describe('canvass results --by', () => {
  it('prints a cross-tab per question, options by groups: the percentages and bases of --json, in a few lines rather than a block per group', async () => {
    const run = await cli('results', survey, '--by', 'org.type');
    expect(run.code, run.err).toBe(0);
    const results = JSON.parse((await cli('results', survey, '--by', 'org.type', '--json')).out) as SurveyResults;
    const lines = run.out.split('\n');
    expect(lines.length).toBeLessThan(results.questions.length * 12 + 12);
    expect(run.out).not.toContain('===');
    expect(run.out).toContain(`Groups: ${results.groups!.map((g) => `${g.label} (${g.respondents})`).join('; ')}`);
    const at = lines.findIndex((l) => l.startsWith('strategy: '));
    const cells = (label: string) => lines.slice(at).find((l) => l.startsWith(`  ${label} `))!.trim().slice(label.length).trim().split(/\s+/);
    const strategy = [results.questions, ...results.groups!.map((g) => g.questions)].map((qs) => qs.find((q) => q.id === 'strategy') as ChoiceQuestionResult);
    expect(cells('base')).toEqual(strategy.map((q) => (q.base === null ? '–' : String(q.base))));
    expect(cells('Yes')).toEqual(
      strategy.map((q) => {
        const yes = q.options.find((o) => o.code === 'yes')!;
        return yes.suppressed || yes.percent === null ? '–' : `${roundHalfUp(yes.percent)}%${yes.comparison?.status === 'significant' ? '*' : ''}`;
      }),
    );
  });

  it('leaves blank the groups of the question broken down by itself, whose figures are for everyone only', async () => {
    const run = await cli('results', survey, '--by', 'strategy');
    expect(run.code, run.err).toBe(0);
    const lines = run.out.split('\n');
    const yes = lines.slice(lines.findIndex((l) => l.startsWith('strategy: '))).find((l) => l.startsWith('  Yes '))!;
    expect(yes.trim().split(/\s+/)).toEqual(['Yes', '61%']);
    const stage = lines.slice(lines.findIndex((l) => l.startsWith('strategy_stage: '))).find((l) => l.startsWith('  base '))!;
    expect(stage.trim().split(/\s+/)).toEqual(['base', '143', '143', '0', '0']);
  });

  it('prints a block of every question per group with --layout blocks, as before', async () => {
    const run = await cli('results', survey, '--by', 'org.nation', '--layout', 'blocks');
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/=== org\.nation = England \(\d+ respondents\) ===/);
  });

  it('refuses a layout or format it does not know, naming the choices', async () => {
    expect((await cli('results', survey, '--by', 'org.nation', '--layout', 'grid')).err).toMatch(/--layout grid: use crosstab or blocks/);
    expect((await cli('results', survey, '--format', 'xml')).err).toMatch(/--format xml: use text, json or csv/);
  });
});

describe('canvass results --format csv', () => {
  it('prints a row per figure, the CSV canvass export writes', async () => {
    const run = await cli('results', survey, '--format', 'csv', '--by', 'org.nation');
    expect(run.code, run.err).toBe(0);
    expect(run.out.startsWith('survey,wave,unit,filter,by,group,')).toBe(true);
    expect(run.out).toBe((await cli('export', survey, '--by', 'org.nation')).out);
  });
});
