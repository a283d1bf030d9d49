import { describe, expect, it } from 'vitest';
import type { NumberQuestionResult, QuestionResult } from '../analysis/results/results-model.js';
import type { RespondentRecord } from '../analysis/snapshot/respondent-record.js';
import { computeResults, type ResultsOptions } from '../analysis/results/survey-results.js';
import { createDesign } from '../analysis/design/survey-design.js';
import { buildSnapshot } from '../analysis/snapshot/survey-snapshot.js';
import { validateDefinition } from '../definition/load-definition.js';
import { applyDisclosure, mergeSmallBins } from './apply-disclosure.js';

const loaded = validateDefinition({
  format: 1,
  id: 'numbers',
  title: 'Numbers survey',
  questions: [
    { id: 'team', type: 'single', text: 'Team?', options: [{ code: 'a', label: 'A' }, { code: 'b', label: 'B' }, { code: 'c', label: 'C' }] },
    { id: 'staff', type: 'number', text: 'How many staff?', integer: true, min: 0 },
  ],
});
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));

// 60 answers: most between 1 and 40, a few far out (the largest bodies), so the outer ranges are small.
const staff = (i: number) => (i < 54 ? 1 + ((i * 7) % 40) : [120, 180, 260, 410, 650, 990][i - 54]!);
const org = { id: 'org-a', type: 'london-borough', nation: 'England' };
const records: RespondentRecord[] = Array.from({ length: 63 }, (_, i) => ({ org, answers: { team: i < 30 ? 'a' : i < 55 ? 'b' : 'c', ...(i < 60 ? { staff: staff(i) } : {}) } }));
const snapshot = buildSnapshot(loaded.definition, records);
const k = 10;

function query(options: Partial<ResultsOptions>, withholdExtremes = false) {
  const { results, audit } = computeResults(snapshot, {
    design: createDesign({ n: snapshot.n }),
    designSummary: { weights: 'none', strata: 'none', clusters: 'none', fpc: 'none' },
    unit: 'respondents',
    interval: 'wilson',
    minBase: k,
    compare: false,
    ...options,
  });
  return { raw: results, disclosed: applyDisclosure(results, audit, { minBase: k, withholdExtremes }) };
}

const staffOf = (questions: readonly QuestionResult[]) => questions.find((q) => q.id === 'staff') as NumberQuestionResult;
/** Respondents (by row) whose answer is in [from, to): counted from the records, not the snapshot. */
const countFromRows = (rows: number[], from: number, to: number) => rows.filter((i) => i < 60 && staff(i) >= from && staff(i) < to).length;
const all = Array.from({ length: 63 }, (_, i) => i);

describe('disclosure control of a number question’s distribution', () => {
  it('analyses ranges with a small count, and merges each with a neighbour until every range holds none or at least the minimum base', () => {
    const { raw, disclosed } = query({});
    const before = staffOf(raw.questions).distribution!;
    expect(before.bins.some((b) => b.count > 0 && b.count < k)).toBe(true);
    const after = staffOf(disclosed.questions).distribution!;
    expect(after.merged).toBe(true);
    expect(after.bins.every((b) => b.count === 0 || b.count >= k)).toBe(true);
    // The merged ranges still tile the answers, and their counts are the respondents in them.
    expect(after.bins[0]!.from).toBe(before.bins[0]!.from);
    expect(after.bins.at(-1)!.to).toBe(before.bins.at(-1)!.to);
    after.bins.slice(1).forEach((b, i) => expect(b.from).toBe(after.bins[i]!.to));
    expect(after.bins.map((b) => b.count)).toEqual(after.bins.map((b) => countFromRows(all, b.from, b.to)));
    expect(after.bins.reduce((s, b) => s + b.percent, 0)).toBeCloseTo(100, 9);
  });

  it('merges ranges within each group of a breakdown, and gives a suppressed group no ranges', () => {
    const { disclosed } = query({ by: { kind: 'question', id: 'team' } });
    const rowsOf = { a: all.filter((i) => i < 30) };
    const [a, b, c] = disclosed.groups!.map((g) => staffOf(g.questions));
    const bins = a!.distribution!.bins;
    expect(bins.every((x) => x.count === 0 || x.count >= k)).toBe(true);
    expect(bins.map((x) => x.count)).toEqual(bins.map((x) => countFromRows(rowsOf.a!, x.from, x.to)));
    // Team C has 5 answers; team B is suppressed too, or C's answers would be the total minus A's and B's.
    for (const hidden of [b!, c!]) {
      expect(hidden.suppressed).toBe(true);
      expect(hidden.distribution).toBeUndefined();
    }
  });

  it('keeps the lowest and highest answers in drafts and withholds them from published results', () => {
    const draft = staffOf(query({}).disclosed.questions);
    expect([draft.min, draft.max]).toEqual([1, 990]);
    const published = staffOf(query({}, true).disclosed.questions);
    expect([published.min, published.max]).toEqual([null, null]);
    expect(published.mean).toBe(draft.mean);
    expect(published.distribution).toEqual(draft.distribution);
  });

  it('merges the smallest range first, with its smaller neighbour that holds any respondents', () => {
    const bin = (from: number, count: number) => ({ from, to: from + 10, count, percent: count });
    const merged = mergeSmallBins({ integer: true, bins: [bin(0, 0), bin(10, 3), bin(20, 12), bin(30, 4), bin(40, 2), bin(50, 0), bin(60, 30), bin(70, 9)] }, 10);
    expect(merged.bins.map((b) => [b.from, b.to, b.count, b.percent])).toEqual([
      [0, 10, 0, 0],
      [10, 50, 21, 21],
      [50, 60, 0, 0],
      [60, 80, 39, 39],
    ]);
    expect(merged.merged).toBe(true);
    const untouched = { integer: false, bins: [bin(0, 10), bin(10, 0), bin(20, 11)] };
    expect(mergeSmallBins(untouched, 10)).toEqual(untouched);
  });
});
