import { describe, expect, it } from 'vitest';
import { respondentSet, rowIds, wordsFor, type RespondentSet } from '../analysis/respondent-sets/respondent-set.js';
import { MemoryDisclosureLedger, type PublishedGroup } from './disclosure-ledger.js';

function group(questionId: string, set: RespondentSet, where: string): PublishedGroup {
  return { questionId, ...set, where };
}

/** The same set as a bitset, whatever its smaller form. */
function asBits(set: RespondentSet): RespondentSet {
  const members = new Uint32Array(wordsFor(set.rows));
  for (const i of rowIds(set)) members[i >>> 5]! |= 1 << (i & 31);
  return { form: 'bits', members, size: set.size, rows: set.rows };
}

/** The same set as row ids, whatever its smaller form. */
function asIds(set: RespondentSet): RespondentSet {
  return { form: 'ids', members: Uint32Array.from(rowIds(set)), size: set.size, rows: set.rows };
}

// A snapshot of 100 rows keeps groups of these sizes as bitsets (four words); one of 5,000 rows as ids.
describe.each([
  [100, 'bits'],
  [5000, 'ids'],
] as const)('the in-memory disclosure ledger (minimum base 10), %i respondents: groups as %s', (snapshotRows, form) => {
  /** A group of rows from..to−1, plus any extra rows. */
  function rows(from: number, to: number, extra: number[] = []): RespondentSet {
    const mask = new Uint8Array(snapshotRows);
    for (let i = from; i < to; i++) mask[i] = 1;
    for (const i of extra) mask[i] = 1;
    return respondentSet(mask);
  }

  // Rows 30..49: across the first and second word, so nesting is checked over more than one word.
  const published = rows(30, 50);

  function ledgerWithOne(): MemoryDisclosureLedger {
    const ledger = new MemoryDisclosureLedger(10);
    ledger.record(group('q1', published, 'approach = x'));
    return ledger;
  }

  it(`holds groups of 20 respondents as ${form}`, () => {
    expect(published.form).toBe(form);
  });

  it('names a published group that a new group lies inside, 1 to 9 respondents larger', () => {
    const ledger = ledgerWithOne();
    for (let d = 1; d <= 9; d++) expect(ledger.conflict('q1', rows(30, 50 - d)), `${d} fewer`).toEqual({ where: 'approach = x', size: 20 });
  });

  it('names a published group that lies inside a new group, 1 to 9 respondents smaller', () => {
    const ledger = ledgerWithOne();
    for (let d = 1; d <= 9; d++) expect(ledger.conflict('q1', rows(30 - d, 50)), `${d} more`).toEqual({ where: 'approach = x', size: 20 });
    // Rows far apart in other words count as well.
    expect(ledger.conflict('q1', rows(30, 50, [0, 99]))).toEqual({ where: 'approach = x', size: 20 });
  });

  it('allows the same group again, and groups 10 or more respondents apart', () => {
    const ledger = ledgerWithOne();
    expect(ledger.conflict('q1', rows(30, 50))).toBeUndefined();
    expect(ledger.conflict('q1', rows(30, 40))).toBeUndefined();
    expect(ledger.conflict('q1', rows(20, 50))).toBeUndefined();
    expect(ledger.conflict('q1', rows(25, 60))).toBeUndefined();
  });

  it('allows groups of a size close by that do not nest with it', () => {
    const ledger = ledgerWithOne();
    // Fifteen respondents, all but one inside the published group.
    expect(ledger.conflict('q1', rows(30, 44, [70]))).toBeUndefined();
    // Twenty-five respondents around all but one of them.
    expect(ledger.conflict('q1', rows(31, 50, [0, 1, 2, 3, 4, 5]))).toBeUndefined();
    // The same size, other respondents.
    expect(ledger.conflict('q1', rows(31, 51))).toBeUndefined();
  });

  it('keeps each question apart: a group of another question is no conflict', () => {
    const ledger = ledgerWithOne();
    expect(ledger.conflict('q2', rows(30, 45))).toBeUndefined();
    ledger.record(group('q2', rows(30, 45), 'approach = y'));
    expect(ledger.conflict('q1', rows(30, 45))).toEqual({ where: 'approach = x', size: 20 });
    expect(ledger.conflict('q2', rows(30, 50))).toEqual({ where: 'approach = y', size: 15 });
  });

  it('records a group once, under the name it was first published with', () => {
    const ledger = ledgerWithOne();
    expect(ledger.record(group('q1', rows(30, 50), 'approach = z'))).toBe(false);
    expect(ledger.record(group('q1', rows(0, 20), 'org.type = x'))).toBe(true);
    expect(ledger.size).toBe(2);
    expect(ledger.conflict('q1', rows(30, 45))).toEqual({ where: 'approach = x', size: 20 });
  });

  it('finds the one nesting group among many of the same size', () => {
    const ledger = new MemoryDisclosureLedger(10);
    for (let start = 0; start <= 80; start++) ledger.record(group('q1', rows(start, start + 20), `window ${start}`));
    expect(ledger.size).toBe(81);
    expect(ledger.conflict('q1', rows(57, 72))).toEqual({ where: 'window 52', size: 20 });
  });

  it('refuses a group of another snapshot size', () => {
    const ledger = ledgerWithOne();
    const other = snapshotRows + 64;
    expect(() => ledger.conflict('q1', { form: 'bits', members: new Uint32Array(wordsFor(other)), size: 0, rows: other })).toThrow(`a snapshot of ${snapshotRows} rows`);
  });

  it('checks and records a group alike in either form: the other form of a published group is the same group', () => {
    const ledger = new MemoryDisclosureLedger(10);
    ledger.record(group('q1', asBits(published), 'as bits'));
    ledger.record(group('q1', asIds(rows(60, 80)), 'as ids'));
    expect(ledger.record(group('q1', asIds(published), 'again as ids'))).toBe(false);
    expect(ledger.record(group('q1', asBits(rows(60, 80)), 'again as bits'))).toBe(false);
    expect(ledger.size).toBe(2);
    for (const other of [asBits, asIds]) {
      expect(ledger.conflict('q1', other(published))).toBeUndefined();
      expect(ledger.conflict('q1', other(rows(30, 45)))).toEqual({ where: 'as bits', size: 20 });
      expect(ledger.conflict('q1', other(rows(58, 80)))).toEqual({ where: 'as ids', size: 20 });
    }
  });
});
