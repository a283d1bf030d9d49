import { describe, expect, it } from 'vitest';
import { isSubset, sameMembers } from './respondent-set-nesting.js';
import { compactSet, hasRow, idsAreSmaller, indexOfId, respondentSet, respondentSetOfIds, rowIds, wordsFor, type RespondentSet } from './respondent-set.js';

type Form = RespondentSet['form'];
const forms: Form[] = ['bits', 'ids'];

/** The set of the given rows of a snapshot of `rows` rows, in the form asked for (whichever is smaller or not). */
function inForm(ids: readonly number[], rows: number, form: Form): RespondentSet {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  if (form === 'ids') return { form, members: Uint32Array.from(sorted), size: sorted.length, rows };
  const members = new Uint32Array(wordsFor(rows));
  for (const i of sorted) members[i >>> 5]! |= 1 << (i & 31);
  return { form, members, size: sorted.length, rows };
}

function mask(ids: readonly number[], rows: number): Uint8Array {
  const m = new Uint8Array(rows);
  for (const i of ids) m[i] = 1;
  return m;
}

/** A small seeded generator (mulberry32), so the random cases are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('a respondent set in its smaller form', () => {
  it('is held as sorted row ids when it has fewer members than its bitset has words, else as a bitset', () => {
    // 1,000 rows: a bitset of 32 words.
    expect(wordsFor(1000)).toBe(32);
    const few = respondentSet(mask([999, 3, 500], 1000));
    expect(few).toEqual({ form: 'ids', members: Uint32Array.from([3, 500, 999]), size: 3, rows: 1000 });
    const thirtyOne = respondentSet(mask([...Array(31).keys()].map((i) => 30 * i), 1000));
    expect([thirtyOne.form, thirtyOne.size]).toEqual(['ids', 31]);
    const thirtyTwo = respondentSet(mask([...Array(32).keys()].map((i) => 30 * i), 1000));
    expect([thirtyTwo.form, thirtyTwo.size, thirtyTwo.members.length]).toEqual(['bits', 32, 32]);
    expect([...rowIds(thirtyTwo)]).toEqual([...Array(32).keys()].map((i) => 30 * i));
    expect(idsAreSmaller(31, 1000)).toBe(true);
    expect(idsAreSmaller(32, 1000)).toBe(false);
  });

  it('is the same set in either form: its rows, its membership, and either form made compact', () => {
    const ids = [0, 31, 32, 33, 63, 64, 700, 999];
    for (const form of forms) {
      const set = inForm(ids, 1000, form);
      expect([...rowIds(set)], form).toEqual(ids);
      expect([...Array(1000).keys()].filter((i) => hasRow(set, i)), form).toEqual(ids);
      expect(hasRow(set, 5000), form).toBe(false);
      expect(compactSet(set), form).toEqual(inForm(ids, 1000, 'ids'));
    }
    const many = [...Array(100).keys()].map((i) => 7 * i);
    expect(compactSet(inForm(many, 1000, 'ids'))).toEqual(inForm(many, 1000, 'bits'));
    const compact = inForm(many, 1000, 'bits');
    expect(compactSet(compact)).toBe(compact);
  });

  it('is made from sorted ids in its smaller form', () => {
    expect(respondentSetOfIds(Uint32Array.from([2, 9]), 1000)).toEqual(inForm([2, 9], 1000, 'ids'));
    expect(respondentSetOfIds(Uint32Array.from([2, 9]), 40)).toEqual(inForm([2, 9], 40, 'bits'));
  });

  it('finds an id in sorted ids from a given position on, galloping over long runs', () => {
    const ids = Uint32Array.from([...Array(1000).keys()].map((i) => 3 * i));
    expect(indexOfId(ids, 0, 0)).toBe(0);
    expect(indexOfId(ids, 2997, 0)).toBe(999);
    expect(indexOfId(ids, 1500, 10)).toBe(500);
    expect(indexOfId(ids, 1501, 0)).toBe(-1);
    expect(indexOfId(ids, 30, 11)).toBe(-1);
    expect(indexOfId(ids, 3000, 0)).toBe(-1);
    expect(indexOfId(ids, 3, 1000)).toBe(-1);
    expect(indexOfId(new Uint32Array(0), 3, 0)).toBe(-1);
  });
});

describe('nesting between respondent sets, in each pair of forms', () => {
  const rows = 2000;
  const pairs = forms.flatMap((inner) => forms.map((outer) => [inner, outer] as const));

  describe.each(pairs)('%s inside %s', (innerForm, outerForm) => {
    const test = (inner: readonly number[], outer: readonly number[]) => isSubset(inForm(inner, rows, innerForm), inForm(outer, rows, outerForm));

    it('holds for a subset across words, the set itself, and the empty set', () => {
      const outer = [5, 31, 32, 40, 63, 64, 65, 1000, 1999];
      expect(test([31, 32, 1999], outer)).toBe(true);
      expect(test([5, 64], outer)).toBe(true);
      expect(test(outer, outer)).toBe(true);
      expect(test([], outer)).toBe(true);
      expect(test([], [])).toBe(true);
    });

    it('fails when any member is missing: the first, one in the middle, the last, or one beyond the outer set', () => {
      const outer = [...Array(300).keys()].map((i) => 2 * i + 100);
      expect(test([99, 100, 102], outer)).toBe(false);
      expect(test([100, 101, 102], outer)).toBe(false);
      expect(test([100, 102, 699], outer)).toBe(false);
      expect(test([100, 102, 1999], outer)).toBe(false);
      expect(test([0], outer)).toBe(false);
      expect(test(outer, outer.slice(1))).toBe(false);
      expect(test([100], [])).toBe(false);
    });

    it('agrees with member-by-member comparison on random sets of every size', () => {
      const next = random(innerForm.length * 7 + outerForm.length);
      for (let trial = 0; trial < 300; trial++) {
        const outerSize = Math.floor(next() * 400);
        const outer = [...Array(outerSize).keys()].map(() => Math.floor(next() * rows));
        // Half the time a subset of the outer set; otherwise with a few rows from anywhere.
        const inner = outer.filter(() => next() < 0.3);
        if (trial % 2 === 1) for (let j = 0; j < 1 + Math.floor(next() * 3); j++) inner.push(Math.floor(next() * rows));
        const expected = inner.every((i) => outer.includes(i));
        expect(test(inner, outer), `trial ${trial}`).toBe(expected);
      }
    });
  });

  it('says two sets have the same members whatever their forms', () => {
    const ids = [1, 64, 65, 1500];
    for (const a of forms) {
      for (const b of forms) {
        expect(sameMembers(inForm(ids, rows, a), inForm(ids, rows, b)), `${a}/${b}`).toBe(true);
        expect(sameMembers(inForm(ids, rows, a), inForm([1, 64, 66, 1500], rows, b)), `${a}/${b}`).toBe(false);
        expect(sameMembers(inForm(ids, rows, a), inForm([1, 64, 65], rows, b)), `${a}/${b}`).toBe(false);
      }
    }
  });
});
