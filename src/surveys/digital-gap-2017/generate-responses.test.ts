import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDefinitionText } from '../../definition/load-definition.js';
import { isChoiceQuestion } from '../../definition/schema.js';
import { parseRegisterCsv } from '../../register/parse-register-csv.js';
import { validateResponse } from '../../responses/validate-response.js';
import { generateResponses } from './generate-responses.js';

const loaded = loadDefinitionText(readFileSync(new URL('./definition.yaml', import.meta.url), 'utf8'));
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const definition = loaded.definition;
const register = parseRegisterCsv(readFileSync(new URL('./organisations.csv', import.meta.url), 'utf8'));
if (!register.ok) throw new Error(JSON.stringify(register.problems));
const orgs = new Map(register.organisations.map((o) => [o.id, o]));
const responses = generateResponses(register.organisations.map((o) => o.id));

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const share = (list: typeof responses, test: (a: (typeof responses)[number]['answers']) => boolean) => list.filter((r) => test(r.answers)).length / list.length;

describe('the digital-gap-2017 example responses', () => {
  it('are 235 responses from the 180 organisations of the register', () => {
    expect(register.organisations).toHaveLength(180);
    expect(responses).toHaveLength(235);
    expect(new Set(responses.map((r) => r.org)).size).toBe(180);
  });

  it('spread 1 to 4 respondents per organisation: 140 ones, 30 twos, 5 threes, 5 fours', () => {
    const perOrg = new Map<string, number>();
    for (const r of responses) perOrg.set(r.org, (perOrg.get(r.org) ?? 0) + 1);
    const histogram = new Map<number, number>();
    for (const n of perOrg.values()) histogram.set(n, (histogram.get(n) ?? 0) + 1);
    expect(Object.fromEntries(histogram)).toEqual({ 1: 140, 2: 30, 3: 5, 4: 5 });
  });

  it('are the same on every run', () => {
    expect(generateResponses(register.organisations.map((o) => o.id))).toEqual(responses);
  });

  it('change with the seed', () => {
    expect(generateResponses(register.organisations.map((o) => o.id), 1)).not.toEqual(responses);
  });

  it('are each valid against the definition', () => {
    for (const r of responses) {
      const result = validateResponse(definition, { org: r.org, answers: r.answers }, (id) => orgs.get(id));
      expect(result.ok, `${r.id}: ${JSON.stringify(!result.ok && result.problems)}`).toBe(true);
    }
  });

  it('use every option of every choice question at least once', () => {
    for (const question of definition.questions.filter(isChoiceQuestion)) {
      for (const option of question.options) {
        const used = responses.some((r) => {
          const answer = r.answers[question.id];
          return Array.isArray(answer) ? answer.includes(option.code) : answer === option.code;
        });
        expect(used, `${question.id} ${option.code}`).toBe(true);
      }
    }
  });

  it('include a few free-text comments', () => {
    const comments = responses.filter((r) => typeof r.answers.comments === 'string');
    expect(comments.length).toBeGreaterThanOrEqual(3);
    expect(comments.length).toBeLessThan(30);
  });

  it('correlate plausibly: those missing opportunities cite more barriers than those fully embracing digital', () => {
    const barriersOf = (code: string) => mean(responses.filter((r) => r.answers.approach === code).map((r) => (r.answers.barriers as string[]).filter((b) => b !== 'none').length));
    expect(barriersOf('missing-opportunities')).toBeGreaterThan(barriersOf('fully-embracing') + 0.5);
  });

  it('correlate plausibly: those with automation implemented are more often confident', () => {
    const confident = (a: Record<string, unknown>) => a.gap_confidence === 'very-confident' || a.gap_confidence === 'fairly-confident';
    const implemented = responses.filter((r) => r.answers.automation_status === 'implemented');
    const notConsidered = responses.filter((r) => r.answers.automation_status === 'not-considered');
    expect(share(implemented, confident)).toBeGreaterThan(share(notConsidered, confident) + 0.1);
  });

  it('fall within the 2017 fieldwork', () => {
    for (const r of responses) {
      expect(r.submittedAt >= '2017-01-09' && r.submittedAt <= '2017-02-25').toBe(true);
    }
  });
});
