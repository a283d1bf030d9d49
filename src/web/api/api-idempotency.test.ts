import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/web-client.js';
import { createApiToken } from '../../operations/api-tokens.js';
import type { Store } from '../../storage/store.js';
import { openApiDocument } from './openapi.js';

let app: FastifyInstance;
let store: Store;
let close: () => Promise<void>;
let tokenA: string;
let tokenB: string;

beforeAll(async () => {
  ({ app, store, close } = await testApp({ admin: false }));
  ({ token: tokenA } = await createApiToken(store, { name: 'Client A', actor: 'cli:test' }));
  ({ token: tokenB } = await createApiToken(store, { name: 'Client B', actor: 'cli:test' }));
});
afterAll(() => close());

const answers = { role: 'digital-it', approach: 'missing-opportunities', strategy: 'no', barriers: ['culture', 'cost'], gap_confidence: 'fairly-confident', strategy_achievable: 'agree', automation_status: 'weighing-up', automation_uses: ['customer-services'] };
const kent = { org: 'kent-county-council', answers: { ...answers, comments: 'From Kent.' } };
const camden = { org: 'london-borough-of-camden', answers: { ...answers, role: 'operations', comments: 'From Camden.' } };

function post(body: unknown, key: string, token?: string) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/surveys/digital-gap-2017/responses',
    headers: { 'content-type': 'application/json', 'idempotency-key': key, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
const storedComments = async () => (await store.responses.list('digital-gap-2017')).filter((r) => r.source === 'api').map((r) => r.answers.comments);

describe('Idempotency-Key on POST /api/v1/surveys/:id/responses', () => {
  it('gives two clients that use the same key each their own response, both stored', async () => {
    const a = await post(kent, 'same-key-0001', tokenA);
    const b = await post(camden, 'same-key-0001', tokenB);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).not.toBe(b.json().id);
    const stored = await store.responses.list('digital-gap-2017');
    expect(stored.find((r) => r.id === a.json().id)?.org).toBe('kent-county-council');
    expect(stored.find((r) => r.id === b.json().id)?.org).toBe('london-borough-of-camden');
  });

  it('keeps a client with a token and callers without one apart', async () => {
    const withToken = await post(kent, 'same-key-0002', tokenA);
    const anonymous = await post(camden, 'same-key-0002');
    expect([withToken.statusCode, anonymous.statusCode]).toEqual([201, 201]);
    expect(anonymous.json().id).not.toBe(withToken.json().id);
  });

  it('answers a retry of the same body by the same client with 200 and the first id, storing nothing', async () => {
    const first = await post(kent, 'retry-0003', tokenA);
    const before = await storedComments();
    const again = await post(kent, 'retry-0003', tokenA);
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json()).toEqual({ id: first.json().id, created: false });
    expect(await storedComments()).toEqual(before);
  });

  it('takes a retry whose JSON is ordered and spaced differently, or whose text has spaces validation trims, as the same body', async () => {
    const first = await post(kent, 'retry-0004');
    const reordered = `{ "answers": ${JSON.stringify(Object.fromEntries(Object.entries(kent.answers).reverse()), null, 2)},\n  "org": " kent-county-council " }`;
    const again = await post(reordered, 'retry-0004');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ id: first.json().id, created: false });
  });

  it.each([
    ['with a token', () => tokenA],
    ['without a token', () => undefined],
  ])('refuses the same key from the same client %s with a different body: 409 naming the problem, nothing stored', async (label, token) => {
    const key = `reused-${label.replace(/ /g, '-')}`;
    const first = await post(kent, key, token());
    expect(first.statusCode).toBe(201);
    const before = await storedComments();
    const other = await post({ ...kent, answers: { ...kent.answers, comments: 'Something else entirely.' } }, key, token());
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toMatchObject({
      code: 'response.idempotency-conflict',
      message: 'This Idempotency-Key was used with a different request body; use a new key for a new response',
      problems: [expect.objectContaining({ where: 'Idempotency-Key', code: 'key-reused' })],
    });
    expect(await storedComments()).toEqual(before);
    // The first response is untouched and a retry of it is still recognised.
    expect((await post(kent, key, token())).json()).toEqual({ id: first.json().id, created: false });
  });

  it('is described in the OpenAPI document with its 409', () => {
    const operation = openApiDocument.paths['/surveys/{id}/responses'].post;
    expect(Object.keys(operation.responses)).toContain('409');
    expect(operation.description).toMatch(/different body it is refused with 409/);
  });
});
