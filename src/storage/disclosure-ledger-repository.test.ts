import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialects, freshDatabase, postgresAvailable, type TestDatabase } from '../../test/support/test-databases.js';
import type { Definition } from '../definition/schema.js';
import type { LedgerEntry, LedgerKey } from './disclosure-ledger-repository.js';
import { openDatabase, type OpenDatabase } from './open-database.js';
import { createStore, type Store } from './store.js';

const pgUp = await postgresAvailable();

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
  return { questionId, members, size, where };
}

// Words with the top bit set and all bits set: the bytes must come back as the same unsigned words.
const thirteen = entry('q1', [0x80000fff >>> 0, 0], 'everyone, by org.type = a');
const sixteen = entry('q1', [0x80000fff >>> 0, 0x7], 'approach = x');
const wide = entry('q1', [0xffffffff >>> 0, 0xffffffff >>> 0], 'everyone');
const other = entry('q2', [0x80000fff >>> 0, 0x7], 'approach = x');

describe.each(dialects)('the disclosure ledger repository on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: OpenDatabase;
  let store: Store;

  beforeEach(async (context) => {
    if (dialect === 'postgres' && !pgUp) context.skip();
    testDb = await freshDatabase(dialect);
    database = await openDatabase(testDb.url);
    store = createStore(database.db);
    await store.surveys.save(definition);
  });

  afterEach(async () => {
    await database?.close();
    await testDb?.drop();
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
