import { describe, expect, it } from 'vitest';
import { respondentSet } from '../analysis/respondent-set.js';
import { MemoryDisclosureLedger, type PublishedGroup } from './disclosure-ledger.js';

/** 100 respondents (four words): a group of rows from..to−1, plus any extra rows. */
function rows(from: number, to: number, extra: number[] = []): { members: Uint32Array; size: number } {
  const mask = new Uint8Array(100);
  for (let i = from; i < to; i++) mask[i] = 1;
  for (const i of extra) mask[i] = 1;
  return respondentSet(mask);
}

function group(questionId: string, set: { members: Uint32Array; size: number }, where: string): PublishedGroup {
  return { questionId, ...set, where };
}

describe('the in-memory disclosure ledger (minimum base 10)', () => {
  // Rows 30..49: across the first and second word, so nesting is checked over more than one word.
  const published = rows(30, 50);

  function ledgerWithOne(): MemoryDisclosureLedger {
    const ledger = new MemoryDisclosureLedger(10);
    ledger.record(group('q1', published, 'approach = x'));
    return ledger;
  }

  it('names a published group that a new group lies inside, 1 to 9 respondents larger', () => {
    const ledger = ledgerWithOne();
    for (let d = 1; d <= 9; d++) expect(ledger.conflict('q1', rows(30, 50 - d).members, 20 - d), `${d} fewer`).toEqual({ where: 'approach = x', size: 20 });
  });

  it('names a published group that lies inside a new group, 1 to 9 respondents smaller', () => {
    const ledger = ledgerWithOne();
    for (let d = 1; d <= 9; d++) expect(ledger.conflict('q1', rows(30 - d, 50).members, 20 + d), `${d} more`).toEqual({ where: 'approach = x', size: 20 });
    // Rows far apart in other words count as well.
    expect(ledger.conflict('q1', rows(30, 50, [0, 99]).members, 22)).toEqual({ where: 'approach = x', size: 20 });
  });

  it('allows the same group again, and groups 10 or more respondents apart', () => {
    const ledger = ledgerWithOne();
    expect(ledger.conflict('q1', rows(30, 50).members, 20)).toBeUndefined();
    expect(ledger.conflict('q1', rows(30, 40).members, 10)).toBeUndefined();
    expect(ledger.conflict('q1', rows(20, 50).members, 30)).toBeUndefined();
    expect(ledger.conflict('q1', rows(25, 60).members, 35)).toBeUndefined();
  });

  it('allows groups of a size close by that do not nest with it', () => {
    const ledger = ledgerWithOne();
    // Fifteen respondents, all but one inside the published group.
    expect(ledger.conflict('q1', rows(30, 44, [70]).members, 15)).toBeUndefined();
    // Twenty-five respondents around all but one of them.
    expect(ledger.conflict('q1', rows(31, 50, [0, 1, 2, 3, 4, 5]).members, 25)).toBeUndefined();
    // The same size, other respondents.
    expect(ledger.conflict('q1', rows(31, 51).members, 20)).toBeUndefined();
  });

  it('keeps each question apart: a group of another question is no conflict', () => {
    const ledger = ledgerWithOne();
    expect(ledger.conflict('q2', rows(30, 45).members, 15)).toBeUndefined();
    ledger.record(group('q2', rows(30, 45), 'approach = y'));
    expect(ledger.conflict('q1', rows(30, 45).members, 15)).toEqual({ where: 'approach = x', size: 20 });
    expect(ledger.conflict('q2', rows(30, 50).members, 20)).toEqual({ where: 'approach = y', size: 15 });
  });

  it('records a group once, under the name it was first published with', () => {
    const ledger = ledgerWithOne();
    expect(ledger.record(group('q1', rows(30, 50), 'approach = z'))).toBe(false);
    expect(ledger.record(group('q1', rows(0, 20), 'org.type = x'))).toBe(true);
    expect(ledger.size).toBe(2);
    expect(ledger.conflict('q1', rows(30, 45).members, 15)).toEqual({ where: 'approach = x', size: 20 });
  });

  it('finds the one nesting group among many of the same size', () => {
    const ledger = new MemoryDisclosureLedger(10);
    for (let start = 0; start <= 80; start++) ledger.record(group('q1', rows(start, start + 20), `window ${start}`));
    expect(ledger.size).toBe(81);
    expect(ledger.conflict('q1', rows(57, 72).members, 15)).toEqual({ where: 'window 52', size: 20 });
  });

  it('refuses a group of another snapshot size', () => {
    const ledger = ledgerWithOne();
    expect(() => ledger.conflict('q1', new Uint32Array(8), 0)).toThrow(/4 words/);
  });
});
