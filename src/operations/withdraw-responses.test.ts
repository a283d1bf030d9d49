import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snapshotValues } from '../../test/support/snapshot-values.js';
import { dialects, freshDatabase, postgresAvailable, type TestDatabase } from '../../test/support/test-databases.js';
import { loadDefinitionText } from '../definition/load-definition.js';
import type { Definition } from '../definition/schema.js';
import { CanvassError } from '../errors/canvass-error.js';
import { parseRegisterCsv } from '../register/parse-register-csv.js';
import { openDatabase, type OpenDatabase } from '../storage/open-database.js';
import type { NewResponse } from '../storage/responses-repository.js';
import { createStore, type Store } from '../storage/store.js';
import { generateResponses } from '../surveys/digital-gap-2017/generate-responses.js';
import { organisationBenchmark } from './organisation-benchmark.js';
import { createRelease, loadRelease } from './releases.js';
import { responseRates } from './response-rates.js';
import { responseReference } from './respondent-drafts.js';
import { loadSnapshot } from './stored-snapshot.js';
import { surveyResults } from './survey-results.js';
import { withdrawResponses } from './withdraw-responses.js';

const pgUp = await postgresAvailable();

const loaded = loadDefinitionText(readFileSync(new URL('../surveys/digital-gap-2017/definition.yaml', import.meta.url), 'utf8'));
if (!loaded.ok) throw new Error('built-in definition invalid');
/** The built-in survey without its waves. */
const definition: Definition = { ...loaded.definition, id: 'gap', waves: [] };
const register = parseRegisterCsv(readFileSync(new URL('../surveys/digital-gap-2017/organisations.csv', import.meta.url), 'utf8'));
if (!register.ok) throw new Error('built-in register invalid');
const organisations = register.organisations;
/** The built-in 235 responses, each with an id of its own; the fifth has written a comment only it has. */
const responses: NewResponse[] = generateResponses(organisations.map((o) => o.id)).map((r, i) => ({
  id: `r${String(i).padStart(3, '0')}`,
  org: r.org,
  answers: i === 4 ? { ...r.answers, comments: 'only-the-fifth-respondent-wrote-this' } : r.answers,
}));
const actor = 'cli:tester';

describe.each(dialects)('withdrawing responses on %s', (dialect) => {
  const databases: TestDatabase[] = [];
  const opened: OpenDatabase[] = [];
  /** A store over a fresh database holding the survey, its register and these responses. */
  const databaseWith = async (rows: readonly NewResponse[]): Promise<{ store: Store; url: string }> => {
    const testDb = await freshDatabase(dialect);
    databases.push(testDb);
    const store = await connect(testDb.url);
    await store.organisations.upsert(organisations);
    await store.surveys.save(definition);
    await store.responses.insertMany(definition.id, rows, 'import');
    return { store, url: testDb.url };
  };
  /** Another connection to the same database: another server, as far as the snapshot knows. */
  const connect = async (url: string): Promise<Store> => {
    const database = await openDatabase(url);
    opened.push(database);
    return createStore(database.db);
  };

  beforeEach((context) => {
    if (dialect === 'postgres' && !pgUp) context.skip();
  });
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close();
    for (const testDb of databases.splice(0)) await testDb.drop();
  });

  /** The first response of an organisation with three or more. */
  const shared = responses.find((r) => responses.filter((x) => x.org === r.org).length >= 3)!;
  const withdrawnIds = ['r004', shared.id!, 'r100', 'r234'].filter((id, i, all) => all.indexOf(id) === i);
  const left = 235 - withdrawnIds.length;
  const without = (ids: readonly string[]) => responses.filter((r) => !ids.includes(r.id!));

  it('leaves drafts of results, benchmarks, counts and rates equal to those of a database that never had the responses, in this server and another that held them', async () => {
    const { store, url } = await databaseWith(responses);
    const other = await connect(url);
    // Both hold (and one stores) the snapshot with every response before the withdrawal.
    expect((await surveyResults(store, definition.id)).questions[0]!.base).toBe(235);
    await loadSnapshot(other, definition.id);

    const outcome = await withdrawResponses(store, definition.id, { ids: withdrawnIds, reason: 'test responses', actor });
    expect(outcome).toEqual({ ids: withdrawnIds, erased: false });

    const { store: never } = await databaseWith(without(withdrawnIds));
    const expected = await surveyResults(never, definition.id);
    expect(expected.questions[0]!.base).toBe(left);
    expect(await surveyResults(store, definition.id)).toEqual(expected);
    expect(await surveyResults(other, definition.id)).toEqual(expected);
    expect(await surveyResults(store, definition.id, { by: 'org.type', filter: 'strategy = yes' })).toEqual(await surveyResults(never, definition.id, { by: 'org.type', filter: 'strategy = yes' }));
    const org = shared.org;
    expect(await organisationBenchmark(store, definition.id, org)).toEqual(await organisationBenchmark(never, definition.id, org));
    // A fresh process, reading the stored chunks, agrees.
    const fresh = await connect(url);
    expect(snapshotValues((await loadSnapshot(fresh, definition.id)).snapshot)).toEqual(snapshotValues((await loadSnapshot(never, definition.id)).snapshot));

    expect(await store.responses.count(definition.id)).toBe(left);
    expect(await store.responses.countByOrg(definition.id)).toEqual(await never.responses.countByOrg(definition.id));
    expect(await responseRates(store, definition.id)).toEqual(await responseRates(never, definition.id));
    expect((await store.surveys.list())[0]!.responses).toBe(left);
    expect(await store.responses.waves(definition.id)).toEqual([{ wave: null, responses: left }]);
    expect((await store.responses.list(definition.id)).map((r) => r.id)).toEqual(without(withdrawnIds).map((r) => r.id));
    expect((await store.responses.latest(definition.id, 1))[0]!.id).toBe('r233');
  });

  it('keeps sequence numbers: a response after a withdrawn last one follows it, and the results equal those without it', async () => {
    const { store } = await databaseWith(responses);
    const before = await loadSnapshot(store, definition.id);
    await withdrawResponses(store, definition.id, { ids: ['r234'], reason: 'sent twice', actor });
    const after = await loadSnapshot(store, definition.id);
    expect([...after.seqs]).toEqual([...before.seqs.slice(0, 234)]);
    const late: NewResponse = { id: 'late', org: responses[0]!.org, answers: responses[0]!.answers };
    await store.responses.insertMany(definition.id, [late], 'import');
    const caughtUp = await loadSnapshot(store, definition.id);
    expect(caughtUp.highWaterSeq).toBeGreaterThan(before.highWaterSeq);
    const { store: never } = await databaseWith([...without(['r234']), late]);
    expect(await surveyResults(store, definition.id)).toEqual(await surveyResults(never, definition.id));
  });

  it('leaves a release made after the withdrawal without the responses, equal to the release of a database that never had them', async () => {
    const { store } = await databaseWith(responses);
    await withdrawResponses(store, definition.id, { ids: withdrawnIds, reason: 'bad import', actor });
    const { store: never } = await databaseWith(without(withdrawnIds));
    const made = await createRelease(store, definition.id, { actor });
    const expected = await createRelease(never, definition.id, { actor });
    expect(made.release.responses).toBe(left);
    expect(made.release.responses).toBe(expected.release.responses);
    const release = await loadRelease(store, definition.id, 1);
    expect(snapshotValues(release.snapshot)).toEqual(snapshotValues((await loadRelease(never, definition.id, 1)).snapshot));
    expect(await surveyResults(store, definition.id, { release: 1 })).toEqual(await surveyResults(never, definition.id, { release: 1 }));
  });

  it('erases the answers of a data-subject request: the row keeps its id and number, nothing of the answers, and the draft it came from is gone', async () => {
    const { store } = await databaseWith([]);
    const draft = await store.drafts.create({ surveyId: definition.id, tokenHash: 'hash', orgId: responses[4]!.org, expiresAt: new Date(Date.now() + 86_400_000) });
    await store.responses.insert(definition.id, { ...responses[4]!, idempotency: { key: 'key-1', client: 'web', requestHash: 'request-hash' } }, 'web');
    await store.responses.insertMany(definition.id, responses.slice(5, 40), 'import');
    await store.drafts.claimSubmission(draft.id);
    await store.drafts.recordResponse(draft.id, 'r004');
    const row = () => store.db.selectFrom('responses').selectAll().select(sql<number>`${sql.ref(dialect === 'postgres' ? 'seq' : 'rowid')}`.as('number')).where('id', '=', 'r004').executeTakeFirstOrThrow();
    const before = await row();
    expect(JSON.stringify(before)).toContain('only-the-fifth-respondent-wrote-this');
    await loadSnapshot(store, definition.id);

    const outcome = await withdrawResponses(store, definition.id, { ids: ['r004'], reason: 'the respondent asked for their answers to be erased', erase: true, actor });
    expect(outcome).toEqual({ ids: ['r004'], erased: true });

    const erased = await row();
    expect(erased).toMatchObject({
      id: 'r004',
      number: before.number,
      survey_id: definition.id,
      org_id: before.org_id,
      answers: '{}',
      fingerprint: null,
      idempotency_key: null,
      idempotency_client: null,
      request_hash: null,
      withdrawn_by: actor,
      withdrawn_reason: 'the respondent asked for their answers to be erased',
    });
    expect(erased.withdrawn_at).not.toBeNull();
    expect(erased.erased_at).toBe(erased.withdrawn_at);
    for (const [column, value] of Object.entries(erased)) {
      if (['id', 'number', 'seq', 'survey_id', 'org_id', 'source', 'submitted_at', 'wave', 'withdrawn_at', 'withdrawn_by', 'withdrawn_reason', 'erased_at', 'definition_version'].includes(column)) continue;
      expect([null, '{}'], column).toContain(value);
    }
    expect(await store.drafts.get(draft.id)).toBeUndefined();
    expect((await store.responses.withdrawn(definition.id, 10)).responses.map((r) => ({ id: r.id, erased: r.erasedAt !== null }))).toEqual([{ id: 'r004', erased: true }]);
    // The stored snapshot was forgotten and rebuilt without it.
    const chunks = await store.db.selectFrom('snapshot_chunks').select('rows').execute();
    expect(chunks.reduce((sum, c) => sum + Number(c.rows), 0)).toBe(0);
    expect((await loadSnapshot(store, definition.id)).snapshot.n).toBe(35);
  });

  it('erases a response withdrawn before, keeping the first withdrawal’s record', async () => {
    const { store } = await databaseWith(responses.slice(0, 20));
    await withdrawResponses(store, definition.id, { ids: ['r004'], reason: 'duplicate', actor: 'cli:first' });
    await withdrawResponses(store, definition.id, { ids: ['r004'], reason: 'the respondent asked', erase: true, actor });
    const row = await store.db.selectFrom('responses').selectAll().where('id', '=', 'r004').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ answers: '{}', fingerprint: null, withdrawn_by: 'cli:first', withdrawn_reason: 'duplicate' });
    expect(row.erased_at).not.toBeNull();
    const again = withdrawResponses(store, definition.id, { ids: ['r004'], reason: 'again', erase: true, actor });
    await expect(again).rejects.toThrow(/^Response 'r004' was erased already \(on \d{4}-\d\d-\d\d at \d\d:\d\d UTC\); nothing was erased$/);
  });

  it('refuses unknown and withdrawn responses, naming each, and withdraws none of the others', async () => {
    const { store } = await databaseWith(responses.slice(0, 20));
    await withdrawResponses(store, definition.id, { ids: ['r001'], reason: 'test response', actor: 'cli:first' });

    const unknown = await withdrawResponses(store, definition.id, { ids: ['r002', 'abc'], reason: 'why not', actor }).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(CanvassError);
    expect((unknown as CanvassError).code).toBe('response.not-found');
    expect((unknown as CanvassError).message).toBe("No response 'abc' in survey 'gap'; nothing was withdrawn");

    const several = (await withdrawResponses(store, definition.id, { ids: ['r002', 'abc', 'r001', 'r019', 'zzz'], reason: 'why not', actor }).catch((error: unknown) => error)) as CanvassError;
    expect(several.message).toBe('3 of the 5 responses named cannot be withdrawn, so none was:');
    expect(several.problems.map((p) => [p.where, p.code])).toEqual([
      ['abc', 'unknown-response'],
      ['r001', 'already-withdrawn'],
      ['zzz', 'unknown-response'],
    ]);
    expect(several.problems[1]!.message).toMatch(/^response 'r001' was withdrawn already \(on .* by cli:first: test response\)$/);

    const withdrawnOnly = (await withdrawResponses(store, definition.id, { ids: ['r001'], reason: 'again', actor }).catch((error: unknown) => error)) as CanvassError;
    expect(withdrawnOnly.code).toBe('response.withdrawn');

    // A response of another survey is no response of this one.
    await store.surveys.save({ ...definition, id: 'other' });
    await store.responses.insertMany('other', [{ ...responses[30]!, id: 'elsewhere' }], 'import');
    await expect(withdrawResponses(store, definition.id, { ids: ['elsewhere'], reason: 'x', actor })).rejects.toThrow("No response 'elsewhere' in survey 'gap'");

    for (const reason of ['', '   ']) await expect(withdrawResponses(store, definition.id, { ids: ['r002'], reason, actor })).rejects.toThrow(/Give the reason/);
    await expect(withdrawResponses(store, definition.id, { ids: [' ', ''], reason: 'x', actor })).rejects.toThrow(/Name the responses to withdraw/);
    await expect(withdrawResponses(store, 'nope', { ids: ['r002'], reason: 'x', actor })).rejects.toThrow(/There is no survey 'nope'/);
    expect(await store.responses.count(definition.id)).toBe(19);
    expect((await store.responses.withdrawn(definition.id, 10)).total).toBe(1);
  });

  it('takes the reference a respondent was given for the response it names, and records each withdrawal in the audit log without answers', async () => {
    const { store } = await databaseWith(responses.slice(0, 10));
    const id = '3f2a9c1d-0000-4000-8000-000000000001';
    await store.responses.insertMany(definition.id, [{ ...responses[4]!, id }], 'import');
    const outcome = await withdrawResponses(store, definition.id, { ids: [responseReference(id), id, 'r002'], reason: 'the respondent asked, reference 3F2A-9C1D', actor });
    expect(outcome.ids).toEqual([id, 'r002']);
    const [entry] = (await store.auditLog.list({ surveyId: definition.id }, { limit: 5 })).filter((e) => e.action === 'responses.withdraw');
    expect(entry).toMatchObject({ actor, surveyId: definition.id, details: { ids: [id, 'r002'], reason: 'the respondent asked, reference 3F2A-9C1D', erase: false, responses: 2 } });
    expect(JSON.stringify(entry)).not.toContain('only-the-fifth-respondent-wrote-this');
    expect(await store.responses.count(definition.id)).toBe(9);
  });
});
