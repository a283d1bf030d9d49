import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adminEmail, signInAsAdmin, testApp, titleOf, WebClient } from '../../../test/support/web-client.js';
import type { Store } from '../../storage/store.js';

let app: FastifyInstance;
let store: Store;
let close: () => Promise<void>;
let client: WebClient;

beforeAll(async () => {
  ({ app, store, close } = await testApp({ rateLimits: { signIn: { max: 1000, timeWindow: 60_000 } } }));
});
afterAll(() => close());
beforeEach(async () => {
  client = new WebClient(app);
});

const survey = 'digital-gap-2017';
const page = `/admin/surveys/${survey}/responses/withdraw`;
const liveIds = async () => (await store.responses.list(survey)).map((r) => r.id);

describe('withdrawing responses in the admin', () => {
  it('is for admins only: anyone else is sent to sign in, and a post without a session withdraws nothing', async () => {
    const get = await client.get(page);
    expect(get.statusCode).toBe(303);
    expect(get.headers.location).toBe(`/admin/sign-in?next=${encodeURIComponent(page)}`);
    const [id] = await liveIds();
    const post = await client.post(page, { ids: id!, reason: 'test' }, { csrf: false });
    expect(post.statusCode).toBe(303);
    expect(post.headers.location).toBe('/admin/sign-in');
    expect(await liveIds()).toContain(id);
  });

  it('shows admins the form, linked from the responses page, and refuses a post without the CSRF token', async () => {
    await signInAsAdmin(client);
    const responses = await client.get(`/admin/surveys/${survey}/responses`);
    expect(responses.body).toContain(`href="${page}"`);
    const form = await client.get(page);
    expect(form.statusCode).toBe(200);
    expect(titleOf(form.body)).toMatch(/^Withdraw responses – /);
    expect(form.body).toContain('name="_csrf"');
    for (const field of ['name="ids"', 'name="reason"', 'name="erase"']) expect(form.body).toContain(field);
    expect(form.body).toContain('No responses have been withdrawn.');
    const [id] = await liveIds();
    const forged = await client.post(page, { ids: id!, reason: 'test' }, { csrf: false });
    expect(forged.statusCode).toBe(403);
    expect(await liveIds()).toContain(id);
  });

  it('asks for responses and a reason, and names each response it cannot withdraw, withdrawing none', async () => {
    await signInAsAdmin(client);
    await client.get(page);
    const empty = await client.post(page, { ids: '  ', reason: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('There is a problem');
    expect(empty.body).toContain('href="#ids"');
    expect(empty.body).toContain('Enter the id of at least one response');
    expect(empty.body).toContain('Enter why the responses are withdrawn');

    const [first] = await liveIds();
    const unknown = await client.post(page, { ids: `${first}\nabc`, reason: 'typo' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain(`No response &#39;abc&#39; in survey &#39;${survey}&#39;; nothing was withdrawn`);
    // What was typed is kept, to correct.
    expect(unknown.body).toContain(`${first}\nabc</textarea>`);
    expect(await liveIds()).toContain(first);
  });

  it('withdraws responses, lists them with who and why, and records it in the audit log', async () => {
    await signInAsAdmin(client);
    await client.get(page);
    const [first, second] = await liveIds();
    const before = await store.responses.count(survey);
    const done = await client.post(page, { ids: `${first}, ${second}`, reason: 'test responses' });
    expect(done.statusCode).toBe(303);
    const after = await client.follow(done);
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('2 responses withdrawn');
    expect(after.body).toContain(first);
    expect(after.body).toContain(adminEmail);
    expect(after.body).toContain('test responses');
    expect(await store.responses.count(survey)).toBe(before - 2);
    const [entry] = await store.auditLog.list({ surveyId: survey }, { limit: 1 });
    expect(entry).toMatchObject({ actor: adminEmail, action: 'responses.withdraw', details: { ids: [first, second], reason: 'test responses', erase: false } });

    const again = await client.post(page, { ids: first!, reason: 'again' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain(`Response &#39;${first}&#39; was withdrawn already`);
  });

  it('erases the answers when asked', async () => {
    await signInAsAdmin(client);
    await client.get(page);
    const [id] = await liveIds();
    const done = await client.post(page, { ids: id!, reason: 'the respondent asked', erase: 'yes' });
    expect(done.statusCode).toBe(303);
    expect((await client.follow(done)).body).toContain('1 response withdrawn, answers erased');
    const row = await store.db.selectFrom('responses').select(['answers', 'fingerprint', 'erased_at']).where('id', '=', id!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ answers: '{}', fingerprint: null });
    expect(row.erased_at).not.toBeNull();
  });
});
