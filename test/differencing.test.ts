import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answeredMask, filterMask } from '../src/analysis/snapshot/filter-mask.js';
import type { QuestionResult, SurveyResults } from '../src/analysis/results/results-model.js';
import { buildSnapshot, columnOf } from '../src/analysis/snapshot/survey-snapshot.js';
import { parseExpression } from '../src/definition/expression/parse.js';
import { loadDefinitionText } from '../src/definition/load-definition.js';
import { isChoiceQuestion } from '../src/definition/schema.js';
import { MemoryDisclosureLedger } from '../src/disclosure/disclosure-ledger.js';
import { resultsFromSnapshot } from '../src/operations/survey-results.js';
import { parseRegisterCsv } from '../src/register/parse-register-csv.js';
import { generateResponses } from '../src/surveys/digital-gap-2017/generate-responses.js';

const loaded = loadDefinitionText(readFileSync(new URL('../src/surveys/digital-gap-2017/definition.yaml', import.meta.url), 'utf8'));
if (!loaded.ok) throw new Error('definition');
const definition = loaded.definition;
const register = parseRegisterCsv(readFileSync(new URL('../src/surveys/digital-gap-2017/organisations.csv', import.meta.url), 'utf8'));
if (!register.ok) throw new Error('register');
const orgs = new Map(register.organisations.map((o) => [o.id, o]));
const snapshot = buildSnapshot(definition, generateResponses(register.organisations.map((o) => o.id)).map((r) => ({ org: orgs.get(r.org)!, answers: r.answers })));
const minBase = definition.disclosure.minBase;

/** Every condition of the form the API accepts on one field and value. */
const conditions = [
  ...definition.questions.filter(isChoiceQuestion).flatMap((q) => q.options.map((o) => (q.type === 'multiple' ? `${q.id} includes ${o.code}` : `${q.id} = ${o.code}`))),
  ...[...new Set(register.organisations.map((o) => o.type))].map((t) => `org.type = ${t}`),
  ...[...new Set(register.organisations.map((o) => o.nation))].map((n) => `org.nation = '${n}'`),
];
const filters: Array<string | undefined> = [undefined, ...conditions, ...conditions.map((c) => `not (${c})`)];
for (let a = 0; a < conditions.length; a++) {
  for (let b = a + 1; b < conditions.length; b++) filters.push(`${conditions[a]} and ${conditions[b]}`, `${conditions[a]} or ${conditions[b]}`);
}
const breakdowns: Array<string | undefined> = [undefined, 'org.type', 'org.nation', 'org.region', ...definition.questions.filter((q) => q.type === 'single' || q.type === 'scale').map((q) => q.id)];

const words = Math.ceil(snapshot.n / 32);
function bits(mask: Uint8Array): Uint32Array {
  const set = new Uint32Array(words);
  for (let i = 0; i < mask.length; i++) if (mask[i]) set[i >>> 5]! |= 1 << (i & 31);
  return set;
}

/** Respondents in a question's base (everyone asked who answered: the built-in survey's rule). */
const answered = new Map(
  definition.questions.map((q) => {
    const column = columnOf(snapshot, q.id);
    const mask = new Uint8Array(snapshot.n);
    for (let i = 0; i < snapshot.n; i++) mask[i] = column.kind === 'choice' ? Number(column.codes[i]! >= 0) : column.kind === 'number' ? Number(!Number.isNaN(column.values[i]!)) : column.answered[i]!;
    return [q.id, mask] as const;
  }),
);

const groupMasks = new Map<string, Uint8Array>();
function groupMask(by: string, key: string): Uint8Array {
  const expression = `${by} = '${key}'`;
  let mask = groupMasks.get(expression);
  if (!mask) groupMasks.set(expression, (mask = key === 'not-stated' ? notStatedMask(by) : filterMask(snapshot, parseExpression(expression))));
  return mask.slice();
}

/** The group "Not stated" of a breakdown: respondents with no value for its field (of a question: asked it, and did not answer). */
function notStatedMask(by: string): Uint8Array {
  const stated = answeredMask(snapshot, by.startsWith('org.') ? { kind: 'org', attribute: by.slice(4) } : { kind: 'question', id: by });
  const showIf = definition.questions.find((q) => q.id === by)?.showIf;
  const asked = showIf ? filterMask(snapshot, parseExpression(showIf)) : undefined;
  return stated.map((v, i) => (v ? 0 : asked ? asked[i]! : 1));
}

/**
 * Checks one family of queries: publishes every figure of every query (in order, through the
 * disclosure ledger when one is given), then looks for two published figures of the same
 * question whose groups nest and differ by 1 to k − 1 respondents.
 */
function violations(queries: Array<{ filter: string | undefined; by: string | undefined }>, ledger?: MemoryDisclosureLedger): { count: number; violations: string[] } {
  const published = new Map<string, Map<string, { set: Uint32Array; size: number; where: string }>>(definition.questions.map((q) => [q.id, new Map()]));
  const record = (question: QuestionResult, domain: Uint8Array, where: string) => {
    if (question.suppressed || question.base === null || question.base === 0) return;
    const inBase = new Uint8Array(snapshot.n);
    const base = answered.get(question.id)!;
    let size = 0;
    for (let i = 0; i < snapshot.n; i++) size += inBase[i] = domain[i]! & base[i]!;
    expect(size, where).toBe(question.base);
    const set = bits(inBase);
    published.get(question.id)!.set(set.join(','), { set, size, where });
  };
  const domains = new Map<string | undefined, Uint8Array>();
  for (const { filter, by } of queries) {
    let domain = domains.get(filter);
    if (!domain) domains.set(filter, (domain = filterMask(snapshot, filter ? parseExpression(filter) : undefined)));
    // Disclosure control depends on bases, not on the design: one stratum keeps this fast.
    const results: SurveyResults = resultsFromSnapshot(definition, snapshot, { strata: 'none', ...(filter ? { filter } : {}), ...(by ? { by, compare: false } : {}) }, undefined, ledger);
    for (const q of results.questions) record(q, domain, `${filter ?? 'everyone'}`);
    for (const group of results.groups ?? []) {
      const mask = groupMask(by!, group.key);
      for (let i = 0; i < mask.length; i++) mask[i] = mask[i]! & domain[i]!;
      for (const q of group.questions) record(q, mask, `${filter ?? 'everyone'} by ${by} = ${group.key}`);
    }
  }
  const found: string[] = [];
  for (const [question, sets] of published) {
    const bySize = new Map<number, Array<{ set: Uint32Array; where: string }>>();
    for (const entry of sets.values()) bySize.set(entry.size, [...(bySize.get(entry.size) ?? []), entry]);
    for (const [size, smaller] of bySize) {
      for (let d = 1; d < minBase; d++) {
        for (const larger of bySize.get(size + d) ?? []) {
          for (const small of smaller) {
            if (small.set.every((word, w) => (word & ~larger.set[w]!) === 0)) found.push(`${question}: "${small.where}" (${size}) is inside "${larger.where}" (${size + d})`);
          }
        }
      }
    }
  }
  return { count: [...published.values()].reduce((n, m) => n + m.size, 0), violations: found };
}

const oneCondition = filters.filter((f) => f === undefined || !/ (and|or) /.test(f));
const twoConditions = filters.filter((f) => f !== undefined && / (and|or) /.test(f));

describe('disclosure control against differencing on the built-in survey', () => {
  it(`never publishes, across every filter of one condition and every breakdown (${oneCondition.length} × ${breakdowns.length} queries), two figures of a question whose groups differ by 1 to ${minBase - 1} respondents`, () => {
    const result = violations(oneCondition.flatMap((filter) => breakdowns.map((by) => ({ filter, by }))));
    expect(result.count).toBeGreaterThan(1000);
    expect(result.violations.length, result.violations.slice(0, 20).join('\n')).toBe(0);
  }, 300_000);

  it(`never publishes, across every filter of up to two conditions without a breakdown (${filters.length} queries), two such figures`, () => {
    const result = violations(filters.map((filter) => ({ filter, by: undefined })));
    expect(result.violations.length, result.violations.slice(0, 20).join('\n')).toBe(0);
  }, 300_000);

  // The per-query rules on their own, for one breakdown by an organisation attribute and one by a
  // question (every breakdown is covered through the ledger below; each of these takes ~10 s).
  it.each([['org.type'], ['approach']])(`never publishes, within each query of two conditions broken down by %s, two such figures, without a ledger`, (by) => {
    for (const filter of twoConditions) {
      const result = violations([{ filter: undefined, by: undefined }, { filter, by: undefined }, { filter, by }]);
      expect(result.violations.length, result.violations.slice(0, 20).join('\n')).toBe(0);
    }
  }, 300_000);

  it(`never publishes, across every filter of up to two conditions and every breakdown or none (${filters.length} × ${breakdowns.length} queries) published in sequence through one disclosure ledger, two such figures`, () => {
    const ledger = new MemoryDisclosureLedger(minBase);
    const result = violations(
      filters.flatMap((filter) => breakdowns.map((by) => ({ filter, by }))),
      ledger,
    );
    expect(result.count).toBe(ledger.size);
    expect(result.count).toBeGreaterThan(5000);
    expect(result.violations.length, result.violations.slice(0, 20).join('\n')).toBe(0);
  }, 900_000);

  it('publishes the same figures whether or not groups are compared with the rest', () => {
    for (const filter of [undefined, 'org.type = london-borough', 'approach = missing-opportunities or org.nation = Wales']) {
      for (const by of ['org.type', 'approach']) {
        const shown = (r: SurveyResults) => (r.groups ?? []).flatMap((g) => g.questions.map((q) => `${g.key}/${q.id}/${q.suppressed}/${q.base}`));
        const query = { ...(filter ? { filter } : {}), by };
        expect(shown(resultsFromSnapshot(definition, snapshot, { ...query, compare: false }))).toEqual(shown(resultsFromSnapshot(definition, snapshot, query)));
      }
    }
  });
});
