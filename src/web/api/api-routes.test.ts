import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCapture } from '../../../test/support/cli-capture.js';
import { testApp } from '../../../test/support/web-client.js';
import { createApiToken } from '../../operations/api-tokens.js';
import { createRelease } from '../../operations/releases.js';
import type { Store } from '../../storage/store.js';
import { openApiDocument } from './openapi.js';

let app: FastifyInstance;
let store: Store;
let url: string;
let close: () => Promise<void>;
let token: string;

beforeAll(async () => {
  ({ app, store, url, close } = await testApp({ admin: false }));
  ({ token } = await createApiToken(store, { name: 'Tests', actor: 'cli:test' }));
  // Tokens read releases: the results below are release 1's, as `canvass results --release latest` gives them.
  await createRelease(store, 'digital-gap-2017', { actor: 'cli:test' });
});
afterAll(() => close());

const responses = '/api/v1/surveys/digital-gap-2017/responses';
const valid = {
  org: 'kent-county-council',
  answers: { role: 'digital-it', approach: 'missing-opportunities', strategy: 'no', barriers: ['culture', 'cost'], gap_confidence: 'fairly-confident', strategy_achievable: 'agree', automation_status: 'weighing-up', automation_uses: ['customer-services'], comments: 'Joined-up procurement would help.' },
};

function post(body: unknown, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: responses, headers: { 'content-type': 'application/json', ...headers }, payload: typeof body === 'string' ? body : JSON.stringify(body) });
}

const apiCount = async () => (await store.responses.list('digital-gap-2017')).filter((r) => r.source === 'api').length;

describe('GET /api/v1/surveys', () => {
  it('lists each survey with its questions and codes, and whether sending needs a token', async () => {
    const response = await app.inject('/api/v1/surveys');
    expect(response.statusCode).toBe(200);
    const [survey] = response.json().surveys;
    expect(survey).toMatchObject({ id: 'digital-gap-2017', submissions: { open: true, tokenRequired: false } });
    expect(survey.questions.find((q: { id: string }) => q.id === 'strategy_stage')).toMatchObject({ type: 'single', showIf: 'strategy = yes' });
  });

  it('lists surveys that take responses only by invitation or token to token holders alone', async () => {
    const definition = (await store.surveys.get('digital-gap-2017'))!;
    await store.surveys.save({ ...definition, id: 'closed-panel', title: 'Closed panel', submissions: { open: false } });
    try {
      const anonymous = await app.inject('/api/v1/surveys');
      expect(anonymous.statusCode).toBe(200);
      expect(anonymous.json().surveys.map((s: { id: string }) => s.id)).toEqual(['digital-gap-2017']);
      expect(anonymous.body).not.toContain('closed-panel');
      const holder = await app.inject({ url: '/api/v1/surveys', headers: { authorization: `bearer ${token}` } });
      const closed = holder.json().surveys.find((s: { id: string }) => s.id === 'closed-panel');
      expect(closed).toMatchObject({ title: 'Closed panel', submissions: { open: false, tokenRequired: true } });
      expect(closed.questions.length).toBe(definition.questions.length);
      expect((await app.inject({ url: '/api/v1/surveys', headers: { authorization: 'Bearer canvass_not-a-token' } })).statusCode).toBe(401);
    } finally {
      await store.db.deleteFrom('surveys').where('id', '=', 'closed-panel').execute();
    }
  });
});

describe('POST /api/v1/surveys/:id/responses', () => {
  it('stores a valid response without a token on an open survey: 201 with its id', async () => {
    const before = await apiCount();
    const response = await post(valid);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ id: expect.any(String), created: true });
    expect(await apiCount()).toBe(before + 1);
    const stored = (await store.responses.list('digital-gap-2017')).find((r) => r.id === response.json().id);
    expect(stored?.answers).toEqual(valid.answers);
  });

  it('answers the same Idempotency-Key again with 200 and the same id, storing nothing', async () => {
    const first = await post(valid, { 'idempotency-key': 'retry-0001' });
    const before = await apiCount();
    const again = await post(valid, { 'idempotency-key': 'retry-0001' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ id: first.json().id, created: false });
    expect(await apiCount()).toBe(before);
  });

  it('lists every problem with 422 as the CLI does, storing nothing', async () => {
    const before = await apiCount();
    const response = await post({ org: 'atlantis', answers: { role: 'astronaut', barriers: 'culture', strategy_stage: 'under-way', strategy: 'no', colour: 'blue' }, extra: 1 });
    expect(response.statusCode).toBe(422);
    const { error } = response.json();
    expect(error.code).toBe('response.invalid');
    expect(error.problems.map((p: { where: string; code: string }) => `${p.where}:${p.code}`).sort()).toEqual(
      ['approach:required', 'automation_status:required', 'automation_uses:required', 'colour:unknown-question', 'extra:unknown-field', 'gap_confidence:required', 'org:unknown-org', 'role:unknown-code', 'strategy_achievable:required', 'strategy_stage:hidden-answered'].sort(),
    );
    expect(error.problems.find((p: { where: string }) => p.where === 'role')).toMatchObject({ message: "'astronaut' is not an option of 'role'", expected: expect.stringContaining('one of senior-leader') });
    expect(await apiCount()).toBe(before);
  });

  it('refuses a bad idempotency key with 422', async () => {
    const response = await post(valid, { 'idempotency-key': 'has spaces in it' });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.problems).toEqual([expect.objectContaining({ where: 'Idempotency-Key', code: 'invalid-idempotency-key' })]);
  });

  it('refuses an oversized body with 413, storing nothing', async () => {
    const before = await apiCount();
    const response = await post({ ...valid, answers: { ...valid.answers, comments: 'x'.repeat(100_000) } });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('request.too-large');
    expect(await apiCount()).toBe(before);
  });

  it('refuses a body that is not JSON with 415, and JSON that does not parse with 400', async () => {
    const form = await app.inject({ method: 'POST', url: responses, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'org=kent-county-council' });
    expect(form.statusCode).toBe(415);
    const broken = await post('{"org": ');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('request.invalid');
  });

  it('answers an unknown survey with 404', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/surveys/nope/responses', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(valid) });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('survey.not-found');
  });

  it('needs a token, with 401, on a survey that takes responses only with one', async () => {
    const definition = (await store.surveys.get('digital-gap-2017'))!;
    await store.surveys.save({ ...definition, submissions: { open: false } });
    try {
      const anonymous = await post(valid);
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(anonymous.json().error.code).toBe('auth.required');
      expect((await post(valid, { authorization: 'Bearer canvass_not-a-token' })).statusCode).toBe(401);
      expect((await post(valid, { authorization: `Bearer ${token}` })).statusCode).toBe(201);
    } finally {
      await store.surveys.save(definition);
    }
  });

  it('refuses a token that is not valid even where none is needed', async () => {
    expect((await post(valid, { authorization: 'Bearer canvass_revoked' })).statusCode).toBe(401);
  });
});

describe('the submissions rate limit', () => {
  it('refuses more responses than the limit from one client with 429', async () => {
    const limited = await testApp({ admin: false, rateLimits: { submissions: { max: 2, timeWindow: 60_000 } } });
    try {
      const send = (headers: Record<string, string> = {}) =>
        limited.app.inject({ method: 'POST', url: responses, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(valid) });
      expect([(await send()).statusCode, (await send()).statusCode, (await send()).statusCode]).toEqual([201, 201, 429]);
      const tooMany = await send();
      expect(tooMany.json().error.code).toBe('request.rate-limited');
      expect(tooMany.headers['retry-after']).toBeDefined();
      expect(await limited.store.responses.count('digital-gap-2017')).toBe(235 + 2);
    } finally {
      await limited.close();
    }
  });

  it('counts a token once however its Authorization header is spelt (the scheme is case-insensitive)', async () => {
    const limited = await testApp({ admin: false, rateLimits: { submissions: { max: 2, timeWindow: 60_000 } } });
    try {
      const { token: own } = await createApiToken(limited.store, { name: 'Spelling', actor: 'cli:test' });
      const send = (authorization: string) =>
        limited.app.inject({ method: 'POST', url: responses, headers: { 'content-type': 'application/json', authorization }, payload: JSON.stringify(valid) });
      const statuses = [];
      for (const spelling of [`Bearer ${own}`, `bearer ${own}`, `BEARER  ${own}`, `bEaReR\t${own} `]) statuses.push((await send(spelling)).statusCode);
      expect(statuses).toEqual([201, 201, 429, 429]);
      expect(await limited.store.responses.count('digital-gap-2017')).toBe(235 + 2);
      // The client's address has its own count: the token's does not use it up.
      expect((await limited.app.inject({ method: 'POST', url: responses, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(valid) })).statusCode).toBe(201);
    } finally {
      await limited.close();
    }
  });

  it('counts headers that name no valid token by the client address, whatever they say', async () => {
    const limited = await testApp({ admin: false, rateLimits: { submissions: { max: 2, timeWindow: 60_000 } } });
    try {
      const send = (authorization: string) =>
        limited.app.inject({ method: 'POST', url: responses, headers: { 'content-type': 'application/json', authorization }, payload: JSON.stringify(valid) });
      const statuses = [];
      for (const header of ['Bearer canvass_a', 'Bearer canvass_b', 'Basic eDp5', 'Bearer canvass_c']) statuses.push((await send(header)).statusCode);
      expect(statuses).toEqual([401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('GET /api/v1/surveys/:id/results', () => {
  it('needs a token', async () => {
    const response = await app.inject('/api/v1/surveys/digital-gap-2017/results');
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it.each([
    [undefined, undefined],
    ['gap_confidence in (not-very-confident, not-at-all-confident)', undefined],
    ['org.type = london-borough or org.nation = Wales', 'strategy'],
    [undefined, 'org.type'],
  ])('gives exactly the CLI’s --json object for filter %j and breakdown %j', async (filter, by) => {
    const query = new URLSearchParams({ ...(filter ? { filter } : {}), ...(by ? { by } : {}) });
    const response = await app.inject({ url: `/api/v1/surveys/digital-gap-2017/results?${query}`, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    const cli = await runCapture(['results', 'digital-gap-2017', '--json', '--release', 'latest', '--db', url, ...(filter ? ['--filter', filter] : []), ...(by ? ['--by', by] : [])]);
    expect(cli.code).toBe(0);
    expect(response.json()).toEqual(JSON.parse(cli.out));
  });

  it('takes the design options of canvass results, under the same names, and gives the same object', async () => {
    const options = { unit: 'organisations', interval: 'beta', wave: '2017' };
    const response = await app.inject({ url: `/api/v1/surveys/digital-gap-2017/results?${new URLSearchParams({ ...options, by: 'org.nation' })}`, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ unit: 'organisations', interval: 'beta', wave: '2017' });
    const cli = await runCapture(['results', 'digital-gap-2017', '--json', '--release', 'latest', '--db', url, '--unit', 'organisations', '--interval', 'beta', '--wave', '2017', '--by', 'org.nation']);
    expect(response.json()).toEqual(JSON.parse(cli.out));
  });

  it('refuses an interval method it does not know, naming the ones it does', async () => {
    const response = await app.inject({ url: '/api/v1/surveys/digital-gap-2017/results?interval=wald', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/wilson, logit, beta/);
  });

  it('takes the query as a JSON body too, with margins to rake to, and gives what canvass results --rake gives', async () => {
    const margins = 'variable,category,total\norg.nation,England,3000\norg.nation,Scotland,400\norg.nation,Wales,300\norg.nation,UK,900\n';
    const response = await app.inject({ method: 'POST', url: '/api/v1/surveys/digital-gap-2017/results', headers: { authorization: `Bearer ${token}` }, payload: { rake: margins, strata: 'none' } });
    expect(response.statusCode).toBe(200);
    const results = response.json();
    expect(results.design.raking).toMatchObject({ margins: ['org.nation'], converged: true });
    expect(results.design.raking.designEffect).toBeGreaterThan(1);
    const file = join(mkdtempSync(join(tmpdir(), 'canvass-margins-')), 'margins.csv');
    writeFileSync(file, margins);
    const cli = await runCapture(['results', 'digital-gap-2017', '--json', '--release', 'latest', '--db', url, '--rake', file, '--strata', 'none']);
    expect(cli.code).toBe(0);
    const fromCli = JSON.parse(cli.out);
    // The margins' source is named as given: a file path on the command line, the field here.
    expect({ ...results, design: { ...results.design, weights: '' } }).toEqual({ ...fromCli, design: { ...fromCli.design, weights: '' } });
    expect(results.design.weights).toBe('raked to the rake field');
  });

  it('refuses a body with unknown fields or fields that are not strings, naming each', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/surveys/digital-gap-2017/results', headers: { authorization: `Bearer ${token}` }, payload: { by: 7, colour: 'blue' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.problems).toEqual([
      expect.objectContaining({ where: 'by', code: 'not-a-string' }),
      expect.objectContaining({ where: 'colour', code: 'unknown-field', expected: expect.stringContaining('rake') }),
    ]);
    const unauthorised = await app.inject({ method: 'POST', url: '/api/v1/surveys/digital-gap-2017/results', payload: {} });
    expect(unauthorised.statusCode).toBe(401);
  });

  it('explains a filter it cannot understand with 422', async () => {
    const response = await app.inject({ url: `/api/v1/surveys/digital-gap-2017/results?filter=${encodeURIComponent('role = ')}`, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'expression.invalid', problems: [expect.objectContaining({ code: 'expression-syntax' })] });
  });
});

describe('the API description', () => {
  it('is served as OpenAPI 3.1 JSON, describing every route the API has', async () => {
    const response = await app.inject('/api/v1/openapi.json');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
    const described = Object.entries(openApiDocument.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} /api/v1${path.replace(/\{(\w+)\}/g, ':$1')}`));
    expect(described.sort()).toEqual(['GET /api/v1/surveys', 'GET /api/v1/surveys/:id/results', 'POST /api/v1/surveys/:id/responses', 'POST /api/v1/surveys/:id/results']);
    for (const route of described) {
      const [method, path] = route.split(' ') as [string, string];
      expect(app.hasRoute({ method: method as 'GET', url: path }), route).toBe(true);
    }
  });

  it('has a readable documentation page', async () => {
    const response = await app.inject('/api/v1/docs');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('POST /api/v1/surveys/{id}/responses');
    expect(response.body).toContain('Idempotency-Key');
  });

  it('answers an unknown API address with JSON 404', async () => {
    const response = await app.inject('/api/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('request.not-found');
  });
});

describe('API errors', () => {
  let drafts: string;
  beforeAll(async () => {
    ({ token: drafts } = await createApiToken(store, { name: 'Draft access', actor: 'cli:test', draftAccess: true }));
  });
  const results = (query: Record<string, string>) => app.inject({ url: `/api/v1/surveys/digital-gap-2017/results?${new URLSearchParams({ ...query, release: 'draft' })}`, headers: { authorization: `Bearer ${drafts}` } });

  it.each([
    [{ filter: 'approach = nope' }, /^The filter "approach = nope" does not fit/, 'filter'],
    [{ unit: 'organisations', strata: 'none' }, /leave out strata$/, 'unit'],
    [{ strata: 'org.colour' }, /^strata org\.colour: organisations have no attribute 'colour'/, 'strata'],
    [{ weights: 'role' }, /^weights role: use a number question/, 'weights'],
    [{ wave: '2019' }, /has no wave '2019'|wave 2019 cannot be used/, 'wave'],
    [{ compareWave: '2017' }, /compareWave 2017/, 'compareWave'],
  ])('name the request parameter, never a command-line flag: %j', async (query, message, parameter) => {
    const response = await results(query);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    const { error } = response.json();
    expect(error.message).toMatch(message);
    expect(error.message).toContain(parameter);
    expect(response.body).not.toMatch(/--[a-z]/);
  });

  it('leave the command line naming its flags', async () => {
    const cli = await runCapture(['results', 'digital-gap-2017', '--db', url, '--unit', 'organisations', '--strata', 'none', '--filter', 'approach = nope']);
    expect(cli.code).toBe(1);
    expect(cli.err).toContain('--filter');
    const design = await runCapture(['results', 'digital-gap-2017', '--db', url, '--unit', 'organisations', '--strata', 'none']);
    expect(design.err).toContain('leave out --strata');
    const wave = await runCapture(['results', 'digital-gap-2017', '--db', url, '--compare-wave', '2017']);
    expect(wave.err).toContain('--compare-wave 2017');
  });
});
