import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CanvassError } from '../src/errors/canvass-error.js';
import { importDefinition } from '../src/operations/import-definition.js';
import { importRegister } from '../src/operations/import-register.js';
import { importResponsesCsv } from '../src/operations/import-responses.js';
import { seedBuiltIn } from '../src/operations/seed-built-in.js';
import { submitResponse } from '../src/operations/submit-response.js';
import { openDatabase, type OpenDatabase } from '../src/storage/open-database.js';
import { createStore, type Store } from '../src/storage/store.js';
import { freshDatabase, type TestDatabase } from './support/test-databases.js';

const builtIn = readFileSync(new URL('../src/surveys/digital-gap-2017/definition.yaml', import.meta.url), 'utf8');
let testDb: TestDatabase;
let database: OpenDatabase;
let store: Store;

async function snapshotOfStore() {
  return {
    surveys: JSON.stringify(await store.surveys.list()),
    definition: JSON.stringify(await store.surveys.get('digital-gap-2017')),
    organisations: JSON.stringify(await store.organisations.list()),
    responses: JSON.stringify(await store.responses.list('digital-gap-2017')),
  };
}

async function expectRefusedAndNothingStored(action: () => Promise<unknown>, code: string, problem: RegExp) {
  const before = await snapshotOfStore();
  const error = await action().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CanvassError);
  expect((error as CanvassError).code).toBe(code);
  expect((error as CanvassError).isUserError).toBe(true);
  expect((error as CanvassError).problems.map((p) => `${p.where}: ${p.message}`).join('\n')).toMatch(problem);
  expect(await snapshotOfStore()).toEqual(before);
}

beforeEach(async () => {
  testDb = await freshDatabase('sqlite');
  database = await openDatabase(testDb.url);
  store = createStore(database.db);
  await seedBuiltIn(store, 'digital-gap-2017', 'cli:test');
});
afterEach(async () => {
  await database.close();
  await testDb.drop();
});

const badDefinitions: Array<[string, string, RegExp]> = [
  ['not YAML', 'questions: [', /line/],
  ['a missing format', builtIn.replace('format: 1\n', ''), /format/],
  ['a format from the future', builtIn.replace('format: 1', 'format: 99'), /newer/],
  ['an unknown question type', builtIn.replace('type: multiple', 'type: ranking'), /'ranking' is not a question type/],
  ['an unknown field', builtIn.replace('    showIf: strategy = yes', '    showif: strategy = yes'), /unknown field 'showif'/],
  ['a duplicate question id', builtIn.replace('id: comments', 'id: role'), /question id 'role' is already used/],
  ['a duplicate option code', builtIn.replace('code: head-of-service', 'code: senior-leader'), /'senior-leader' is used twice/],
  ['a condition on an unknown question', builtIn.replace('showIf: strategy = yes', 'showIf: strategy_plan = yes'), /'strategy_plan' is not a question/],
  ['a condition on a later question', builtIn.replace('showIf: strategy = yes', 'showIf: barriers includes culture'), /comes later/],
  ['a condition with an unknown code', builtIn.replace('showIf: strategy = yes', 'showIf: strategy = maybe'), /'maybe' is not an option of 'strategy'/],
  ['an exclusive option in a single-choice question', builtIn.replace('{ code: other, label: "Other" }\n\n  - id: approach', '{ code: other, label: "Other", exclusive: true }\n\n  - id: approach'), /'exclusive' only makes sense/],
  ['a net naming an unknown option', builtIn.replace('options: [very-confident, fairly-confident]', 'options: [very-confident, quite-confident]'), /'quite-confident', which is not an option/],
];

describe('rejected definitions store nothing', () => {
  it.each(badDefinitions)('refuses %s', async (_name, text, problem) => {
    await expectRefusedAndNothingStored(() => importDefinition(store, text, 'file.yaml', 'cli:test'), 'definition.invalid', problem);
  });
});

const header = 'org,role,approach,strategy,strategy_stage,barriers,gap_confidence,gap_barriers,strategy_achievable,automation_status,automation_uses,comments';
const good = 'kent-county-council,digital-it,major-barriers,yes,under-way,culture;cost,neutral,,agree,implemented,customer-services,';
const badCsvs: Array<[string, string, RegExp]> = [
  ['an empty file', '', /empty/],
  ['a header without rows', header, /no responses/],
  ['an unknown column', `${header},colour\n${good},red`, /'colour' is neither a question/],
  ['a missing org column', `${header.replace('org,', '')}\n${good.replace('kent-county-council,', '')}`, /'org' column is missing/],
  ['a CSV syntax error', `${header}\n"unclosed,${good}`, /quote|Quote/],
  ['a row with too few cells', `${header}\n${good}\nkent-county-council,digital-it`, /row 3: the row has 2 cells/],
  ['an unknown organisation', `${header}\n${good.replace('kent-county-council', 'atlantis-council')}`, /row 2, column org: 'atlantis-council'/],
  ['an unknown code', `${header}\n${good.replace('digital-it', 'astronaut')}`, /row 2, column role: 'astronaut'/],
  ['a missing required answer', `${header}\n${good.replace('major-barriers', '')}`, /row 2, column approach: 'approach' must be answered/],
  ['an answer to a hidden question', `${header}\n${good.replace(',neutral,,', ',neutral,skills-gap,')}`, /row 2, column gap_barriers: 'gap_barriers' is only asked when/],
  ['an exclusive option combined', `${header}\n${good.replace('culture;cost', 'culture;none')}`, /row 2, column barriers: 'none' cannot be combined/],
  ['a text too long', `${header}\n${good}${'x'.repeat(2001)}`, /row 2, column comments: the text is 2001 characters long/],
  ['a bad response_id', `response_id,${header}\nbad id!,${good}`, /row 2, column response_id/],
];

describe('rejected response files store nothing', () => {
  it.each(badCsvs)('refuses %s', async (_name, csv, problem) => {
    await expectRefusedAndNothingStored(() => importResponsesCsv(store, 'digital-gap-2017', csv, 'file.csv', 'cli:test'), 'import.invalid', problem);
  });

  it('refuses the whole file when one row of many is bad', async () => {
    const rows = Array.from({ length: 500 }, () => good);
    rows[321] = good.replace('neutral', 'ecstatic');
    await expectRefusedAndNothingStored(() => importResponsesCsv(store, 'digital-gap-2017', `${header}\n${rows.join('\n')}`, 'file.csv', 'cli:test'), 'import.invalid', /row 323, column gap_confidence: 'ecstatic'/);
  });
});

describe('rejected registers store nothing', () => {
  it.each([
    ['an unknown column', 'id,name,type,nation,size\nx,X,county-council,England,3', /'size' is not a register column/],
    ['a bad type', 'id,name,type,nation\nx,X,parish,England', /row 2, column type/],
    ['an unknown parent', 'id,name,type,nation,parent\nx,X,executive-agency,UK,ministry-of-magic', /parent 'ministry-of-magic'/],
    ['a bad headcount', 'id,name,type,nation,headcount\nx,X,county-council,England,-4', /row 2, column headcount/],
  ])('refuses %s', async (_name, csv, problem) => {
    // Checked against the built-in survey's register schema: its types and nations are data.
    await expectRefusedAndNothingStored(() => importRegister(store, csv, 'orgs.csv', 'cli:test', { survey: 'digital-gap-2017' }), 'register.invalid', problem);
  });
});

describe('single responses', () => {
  const answers = { role: 'digital-it', approach: 'major-barriers', strategy: 'no', barriers: ['culture'], gap_confidence: 'neutral', strategy_achievable: 'agree', automation_status: 'implemented', automation_uses: ['back-office'] };

  it('refuses a bad response with every problem listed and stores nothing', async () => {
    const bad = { ...answers, approach: 'sideways', strategy_stage: 'just-started', barriers: ['culture', 'none'], colour: 'red' };
    await expectRefusedAndNothingStored(() => submitResponse(store, 'digital-gap-2017', { org: 'kent-county-council', answers: bad }, { source: 'api' }), 'response.invalid', /colour[\s\S]*approach[\s\S]*strategy_stage[\s\S]*barriers/);
  });

  it('refuses an invalid idempotency key and stores nothing', async () => {
    await expectRefusedAndNothingStored(() => submitResponse(store, 'digital-gap-2017', { org: 'kent-county-council', answers }, { source: 'api', idempotencyKey: 'has spaces', client: 'anonymous' }), 'response.invalid', /idempotency key/);
  });

  it('stores one response for the same idempotency key and response and returns the first id', async () => {
    const first = await submitResponse(store, 'digital-gap-2017', { org: 'kent-county-council', answers }, { source: 'api', idempotencyKey: 'abc-123', client: 'anonymous' });
    const again = await submitResponse(store, 'digital-gap-2017', { org: 'kent-county-council', answers }, { source: 'api', idempotencyKey: 'abc-123', client: 'anonymous' });
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(await store.responses.count('digital-gap-2017')).toBe(236);
  });

  it('refuses the same idempotency key from the same client with another response, storing nothing', async () => {
    await submitResponse(store, 'digital-gap-2017', { org: 'kent-county-council', answers }, { source: 'api', idempotencyKey: 'abc-124', client: 'token:t1' });
    await expectRefusedAndNothingStored(
      () => submitResponse(store, 'digital-gap-2017', { org: 'westminster-city-council', answers }, { source: 'api', idempotencyKey: 'abc-124', client: 'token:t1' }),
      'response.idempotency-conflict',
      /already used to send a different response/,
    );
  });
});
