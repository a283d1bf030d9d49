import { describe, expect, it } from 'vitest';
import { storeForEachTest } from '../../test/support/store-each-test.js';
import { dialects } from '../../test/support/test-databases.js';
import type { Definition } from '../definition/schema.js';
import type { LedgerEntry, LedgerKey } from './disclosure-ledger-repository.js';
import type { OpenDatabase } from './open-database.js';
import type { Store } from './store.js';

const definition = {
  format: 1,
  id: 'staff-survey',
  title: 'Staff survey',
  disclosure: { minBase: 10 },
  submissions: { open: true },
  questions: [],
} as unknown as Definition;

const key: LedgerKey = { surveyId: 'staff-survey', wave: null, unit: 'respondents', dataVersion: '40:r-40' };

function entry(questionId: string, words: number[], where: string): LedgerEntry {
  const members = Uint32Array.from(words);
  let size = 0;
  for (const w of members) for (let b = 0; b < 32; b++) size += (w >>> b) & 1;
  return { questionId, form: 'bits', members, size, rows: 64, where };
}

/** The rows of a bitset of `entry`, as the ids form of the same group. */
function asIds(bits: LedgerEntry): LedgerEntry {
  const ids: number[] = [];
  bits.members.forEach((word, w) => {
    for (let b = 0; b < 32; b++) if ((word >>> b) & 1) ids.push(32 * w + b);
  });
  return { ...bits, form: 'ids', members: Uint32Array.from(ids) };
}

// Words with the top bit set and all bits set: the bytes must come back as the same unsigned words.
const thirteen = entry('q1', [0x80000fff >>> 0, 0], 'everyone, by org.type = a');
const sixteen = entry('q1', [0x80000fff >>> 0, 0x7], 'approach = x');
const wide = entry('q1', [0xffffffff >>> 0, 0xffffffff >>> 0], 'everyone');
const other = entry('q2', [0x80000fff >>> 0, 0x7], 'approach = x');

describe.each(dialects)('the disclosure ledger repository on %s', (dialect) => {
  let database: OpenDatabase;
  let store: Store;

  storeForEachTest(dialect, async (opened) => {
    ({ store, database } = opened);
    await store.surveys.save(definition);
  });

  it('returns the groups of a question within the size ranges asked for, members bit for bit', async () => {
    expect(await store.disclosureLedger.record(key, [thirteen, sixteen, wide, other])).toBe(4);
    const near = await store.disclosureLedger.near(key, new Map([['q1', [[10, 20]] as const]]));
    expect(near.map((e) => [e.questionId, e.size, e.where, [...e.members]]).sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
      ['q1', 13, 'everyone, by org.type = a', [0x80000fff, 0]],
      ['q1', 16, 'approach = x', [0x80000fff, 7]],
    ]);
    const both = await store.disclosureLedger.near(
      key,
      new Map([
        ['q1', [[1, 13], [60, 70]] as const],
        ['q2', [[16, 16]] as const],
      ]),
    );
    expect(both.map((e) => `${e.questionId}/${e.size}`).sort()).toEqual(['q1/13', 'q1/64', 'q2/16']);
    expect([...both.find((e) => e.size === 64)!.members]).toEqual([0xffffffff, 0xffffffff]);
  });

  it('stores a group as row ids and reads it back id for id, with its snapshot’s row count', async () => {
    const ids: LedgerEntry = { questionId: 'q1', form: 'ids', members: Uint32Array.from([3, 70_000, 0xfffffffe]), size: 3, rows: 500_000, where: 'the benchmark of County A' };
    await store.disclosureLedger.record(key, [ids]);
    const [read] = await store.disclosureLedger.near(key, new Map([['q1', [[1, 5]] as const]]));
    expect(read).toEqual(ids);
    expect(read!.members).toBeInstanceOf(Uint32Array);
  });

  it('stores a group once whether it comes as a bitset or as row ids: one digest for the same members', async () => {
    expect(await store.disclosureLedger.record(key, [sixteen])).toBe(1);
    expect(await store.disclosureLedger.record(key, [{ ...asIds(sixteen), where: 'as ids' }])).toBe(0);
    expect(await store.disclosureLedger.record(key, [{ ...asIds(thirteen), where: 'as ids' }])).toBe(1);
    expect(await store.disclosureLedger.record(key, [thirteen])).toBe(0);
    expect(await store.disclosureLedger.count(key)).toBe(2);
    const near = await store.disclosureLedger.near(key, new Map([['q1', [[10, 20]] as const]]));
    // Stored in its smaller form (64 rows: a bitset of two words), the same whichever came first.
    expect(near.map((e) => [e.size, e.form, [...e.members], e.where]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [13, 'bits', [...thirteen.members], 'as ids'],
      [16, 'bits', [...sixteen.members], 'approach = x'],
    ]);
  });

  it('stores a group in its smaller form whichever form it comes in', async () => {
    const rows = 10_000;
    const few = new Uint32Array(Math.ceil(rows / 32));
    for (const i of [5, 4000, 9999]) few[i >>> 5]! |= 1 << (i & 31);
    const many = Uint32Array.from(Array.from({ length: 400 }, (_, i) => 25 * i));
    await store.disclosureLedger.record(key, [
      { questionId: 'q1', form: 'bits', members: few, size: 3, rows, where: 'three as bits' },
      { questionId: 'q1', form: 'ids', members: many, size: 400, rows, where: 'many as ids' },
    ]);
    const read = await store.disclosureLedger.near(key, new Map([['q1', [[1, 500]] as const]]));
    const byName = new Map(read.map((e) => [e.where, e]));
    expect(byName.get('three as bits')).toMatchObject({ form: 'ids', members: Uint32Array.from([5, 4000, 9999]), rows });
    const bits = byName.get('many as ids')!;
    expect(bits.form).toBe('bits');
    expect(bits.members.length).toBe(313);
    expect([...bits.members.keys()].flatMap((w) => [...Array(32).keys()].filter((b) => (bits.members[w]! >>> b) & 1).map((b) => 32 * w + b))).toEqual([...many]);
    // And either form again is the same group.
    expect(await store.disclosureLedger.record(key, [{ questionId: 'q1', form: 'ids', members: Uint32Array.from([5, 4000, 9999]), size: 3, rows, where: 'again' }])).toBe(0);
  });

  it('still reads a group stored before groups had two forms: the bitset’s words alone, 32 rows each', async () => {
    const words = Buffer.alloc(8);
    words.writeUInt32LE(0x80000fff, 0);
    words.writeUInt32LE(0x7, 4);
    await database.db
      .insertInto('disclosure_ledger')
      .values({ digest: 'a'.repeat(64), survey_id: key.surveyId, wave: key.wave, unit: key.unit, data_version: key.dataVersion, question_id: 'q1', size: 16, members: words, published_where: 'approach = x', created_at: new Date().toISOString() })
      .execute();
    const [read] = await store.disclosureLedger.near(key, new Map([['q1', [[16, 16]] as const]]));
    expect(read).toEqual({ questionId: 'q1', form: 'bits', members: Uint32Array.from([0x80000fff, 7]), size: 16, rows: 64, where: 'approach = x' });
  });

  it('records a group once, also when the same groups are recorded at the same time, and keeps its first name', async () => {
    await store.disclosureLedger.record(key, [thirteen]);
    const again = await Promise.all(Array.from({ length: 4 }, () => store.disclosureLedger.record(key, [{ ...thirteen, where: 'elsewhere' }, sixteen])));
    expect(again.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await store.disclosureLedger.count(key)).toBe(2);
    const [first] = await store.disclosureLedger.near(key, new Map([['q1', [[13, 13]] as const]]));
    expect(first!.where).toBe('everyone, by org.type = a');
  });

  it('keeps the groups of another data version, unit, wave or survey apart', async () => {
    await store.surveys.save({ ...definition, id: 'other-survey' });
    await store.disclosureLedger.record(key, [thirteen]);
    const others: LedgerKey[] = [
      { ...key, dataVersion: '41:r-41' },
      { ...key, unit: 'organisations' },
      { ...key, wave: '2018' },
      { ...key, surveyId: 'other-survey' },
    ];
    for (const k of others) {
      expect(await store.disclosureLedger.near(k, new Map([['q1', [[0, 100]] as const]]))).toEqual([]);
      expect(await store.disclosureLedger.record(k, [thirteen])).toBe(1);
    }
    expect(await store.disclosureLedger.count(key)).toBe(1);
    expect(await store.disclosureLedger.count({ ...key, wave: '2018' })).toBe(1);
  });

  it('deletes a survey’s ledger with the survey', async () => {
    await store.disclosureLedger.record(key, [thirteen, sixteen]);
    await database.db.deleteFrom('surveys').where('id', '=', 'staff-survey').execute();
    expect(await store.disclosureLedger.count(key)).toBe(0);
  });
});
