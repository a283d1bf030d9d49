import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/web-client.js';
import { createApiToken } from '../../operations/api-tokens.js';
import { createRelease } from '../../operations/releases.js';
import type { Store } from '../../storage/store.js';

let app: FastifyInstance;
let store: Store;
let close: () => Promise<void>;
let token: string;

beforeAll(async () => {
  ({ app, store, close } = await testApp({ admin: false }));
  ({ token } = await createApiToken(store, { name: 'Tests', actor: 'cli:test' }));
  // Tokens read releases: the filter is read whether the query is of a release or of live data.
  await createRelease(store, 'digital-gap-2017', { actor: 'cli:test' });
});
afterAll(() => close());

const answers = { role: 'digital-it', approach: 'missing-opportunities', strategy: 'no', barriers: ['culture'], gap_confidence: 'fairly-confident', strategy_achievable: 'agree', automation_status: 'weighing-up', automation_uses: ['customer-services'] };
const stored = async () => (await store.responses.list('digital-gap-2017')).length;

function postResponse(payload: string | Buffer) {
  return app.inject({ method: 'POST', url: '/api/v1/surveys/digital-gap-2017/responses', headers: { 'content-type': 'application/json' }, payload });
}

describe('the API refuses hostile input as the client’s error, storing nothing', () => {
  it.each([
    ['10,000 nested parentheses', `${'('.repeat(10_000)}strategy = yes${')'.repeat(10_000)}`],
    ["10,000 'not's", `${'not '.repeat(10_000)}strategy = yes`],
  ])('answers a results filter of %s with 422 naming the limit, not 500', async (_label, filter) => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/surveys/digital-gap-2017/results', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify({ filter }) });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('expression.invalid');
    expect(response.json().error.problems[0].message).toMatch(/more than 64 levels deep \(level 65 opens at column \d+\)/);
  });

  it('refuses a body that is not UTF-8 with 400 saying so, rather than storing U+FFFD', async () => {
    const before = await stored();
    const latin1 = Buffer.from(JSON.stringify({ org: 'kent-county-council', answers: { ...answers, comments: 'Un café' } }), 'latin1');
    const response = await postResponse(latin1);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'request.invalid', message: expect.stringMatching(/not valid UTF-8/) });
    expect(await stored()).toBe(before);
  });

  it.each([
    ['a text answer', { org: 'kent-county-council', answers: { ...answers, comments: 'a\u0000b' } }, 'answers.comments'],
    ['the organisation', { org: 'kent-county-council\u0000', answers }, 'org'],
    ['a multiple-choice code', { org: 'kent-county-council', answers: { ...answers, barriers: ['culture', 'co\u0000st'] } }, 'answers.barriers[1]'],
  ])('refuses a NUL character in %s with 400 naming the field', async (_label, body, where) => {
    const before = await stored();
    const response = await postResponse(JSON.stringify(body));
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'request.invalid', problems: [expect.objectContaining({ where, code: 'nul-character' })] });
    expect(await stored()).toBe(before);
  });

  it('still reads a UTF-8 body, accented text and all', async () => {
    const response = await postResponse(Buffer.from(JSON.stringify({ org: 'kent-county-council', answers: { ...answers, comments: 'Un café, s’il vous plaît' } }), 'utf8'));
    expect(response.statusCode).toBe(201);
    expect((await store.responses.list('digital-gap-2017')).find((r) => r.id === response.json().id)?.answers.comments).toBe('Un café, s’il vous plaît');
  });

  it('still refuses a __proto__ key as Fastify does', async () => {
    const response = await postResponse('{"org":"kent-county-council","answers":{},"__proto__":{"x":1}}');
    expect(response.statusCode).toBe(400);
  });
});
