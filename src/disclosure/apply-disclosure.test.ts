import { describe, expect, it } from 'vitest';
import type { SurveyResults } from '../analysis/results/results-model.js';
import type { RespondentRecord } from '../analysis/snapshot/respondent-record.js';
import type { RespondentSet } from '../analysis/respondent-sets/respondent-set.js';
import { computeResults, type ResultsOptions } from '../analysis/results/survey-results.js';
import { createDesign } from '../analysis/design/survey-design.js';
import { buildSnapshot } from '../analysis/snapshot/survey-snapshot.js';
import { parseExpression } from '../definition/expression/parse.js';
import { validateDefinition } from '../definition/load-definition.js';
import { applyDisclosure } from './apply-disclosure.js';
import { MemoryDisclosureLedger } from './disclosure-ledger.js';

const loaded = validateDefinition({
  format: 1,
  id: 'ledger',
  title: 'Ledger survey',
  questions: [
    { id: 'team', type: 'single', text: 'Team?', options: [{ code: 'a', label: 'A' }, { code: 'b', label: 'B' }, { code: 'c', label: 'C' }] },
    { id: 'remote', type: 'single', text: 'Remote?', options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }] },
  ],
});
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));

// Teams of 12, 15 and 18. Remote: all of team A and 4 of team B (16), so "remote = yes" is
// team A and 4 more: the two groups would give those 4 respondents' answers by subtraction.
const org = { id: 'org-a', type: 'london-borough', nation: 'England' };
const records: RespondentRecord[] = [
  ...Array.from({ length: 12 }, () => ({ org, answers: { team: 'a', remote: 'yes' } })),
  ...Array.from({ length: 15 }, (_, i) => ({ org, answers: { team: 'b', remote: i < 4 ? 'yes' : 'no' } })),
  ...Array.from({ length: 18 }, () => ({ org, answers: { team: 'c', remote: 'no' } })),
];
const snapshot = buildSnapshot(loaded.definition, records);
const k = 10;

function query(options: Partial<ResultsOptions>, ledger?: MemoryDisclosureLedger): SurveyResults {
  const { results, audit } = computeResults(snapshot, {
    design: createDesign({ n: snapshot.n }),
    designSummary: { weights: 'none', strata: 'none', clusters: 'none', fpc: 'none' },
    unit: 'respondents',
    interval: 'wilson',
    minBase: k,
    compare: false,
    baseSets: ledger !== undefined,
    ...options,
  });
  return applyDisclosure(results, audit, { minBase: k }, ledger);
}

const remote = { filter: { source: 'remote = yes', expression: parseExpression('remote = yes') } };
const byTeam: Partial<ResultsOptions> = { by: { kind: 'question', id: 'team' } };
const teamFigures = (r: SurveyResults) => r.groups!.map((g) => [g.key, g.questions.find((q) => q.id === 'remote')!.suppressed, g.questions.find((q) => q.id === 'remote')!.reason]);

describe('disclosure control with a ledger of earlier queries', () => {
  it('shows every figure of either query when each is asked on its own', () => {
    expect(query(remote).questions.every((q) => !q.suppressed && q.base === 16)).toBe(true);
    expect(teamFigures(query(byTeam))).toEqual([
      ['a', false, undefined],
      ['b', false, undefined],
      ['c', false, undefined],
    ]);
  });

  it('suppresses a group nested in a group published earlier by 1 to 9 respondents, then protects it by secondary suppression', () => {
    const ledger = new MemoryDisclosureLedger(k);
    query(remote, ledger);
    expect(ledger.size).toBe(2);
    const later = query(byTeam, ledger);
    const nestedReason = `it differs by fewer than ${k} respondents from a group published earlier (remote = yes), so their answers could be recovered by subtraction`;
    // Team A (12) is all inside "remote = yes" (16). Shown beside team C and everyone, team B
    // would give team A back as everyone − B − C: B goes too, C stays.
    expect(teamFigures(later)).toEqual([
      ['a', true, nestedReason],
      ['b', true, 'secondary suppression: it would reveal, by subtraction, a group suppressed for differing by a few respondents from one published earlier'],
      ['c', false, undefined],
    ]);
    expect(later.questions.every((q) => !q.suppressed)).toBe(true);
    // Recorded: everyone and team C, for both questions; not the suppressed teams.
    expect(ledger.size).toBe(2 + 2 * 2);
    expect(ledger.record({ questionId: 'remote', ...bits((i) => i >= 27), where: 'again' })).toBe(false);
    expect(ledger.record({ questionId: 'remote', ...bits((i) => i < 12), where: 'team a' })).toBe(true);
  });

  it('suppresses a figure for everyone that nests too closely, and with it every group', () => {
    const ledger = new MemoryDisclosureLedger(k);
    query(byTeam, ledger);
    const later = query({ ...remote, ...byTeam }, ledger);
    // Everyone in the filter is team A and 4 of team B: 16 around team A's 12.
    const reason = `it differs by fewer than ${k} respondents from a group published earlier (everyone, by team = a), so their answers could be recovered by subtraction`;
    expect(later.questions.map((q) => [q.id, q.suppressed, q.reason])).toEqual([
      ['team', true, reason],
      ['remote', true, reason],
    ]);
    // Team A within the filter is the very group published earlier, but would give everyone back with team B.
    expect(teamFigures(later)).toEqual([
      ['a', true, 'the figure for everyone is suppressed'],
      ['b', true, 'the figure for everyone is suppressed'],
    ]);
  });

  it('needs the base sets of the figures to check them', () => {
    const { results, audit } = computeResults(snapshot, { design: createDesign({ n: snapshot.n }), designSummary: { weights: 'none', strata: 'none', clusters: 'none', fpc: 'none' }, unit: 'respondents', interval: 'wilson', minBase: k });
    expect(audit.baseSets).toBeUndefined();
    expect(() => applyDisclosure(results, audit, { minBase: k }, new MemoryDisclosureLedger(k))).toThrow(/baseSets/);
  });
});

function bits(member: (row: number) => boolean): RespondentSet {
  const members = new Uint32Array(Math.ceil(snapshot.n / 32));
  let size = 0;
  for (let i = 0; i < snapshot.n; i++) {
    if (member(i)) {
      members[i >>> 5]! |= 1 << (i & 31);
      size++;
    }
  }
  return { form: 'bits', members, size, rows: snapshot.n };
}
