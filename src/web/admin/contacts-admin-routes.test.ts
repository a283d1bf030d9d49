import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signInAsAdmin, testApp, titleOf, WebClient } from '../../../test/support/web-client.js';
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
const page = `/admin/surveys/${survey}/contacts`;

describe('contacts in the admin', () => {
  it('is for admins only: anyone else is sent to sign in, and a post without a session adds nothing', async () => {
    const get = await client.get(page);
    expect(get.statusCode).toBe(303);
    expect(get.headers.location).toBe(`/admin/sign-in?next=${encodeURIComponent(page)}`);
    const post = await client.post(page, { org: 'leeds-city-council', email: 'x@example.org', name: 'X', role: 'respondent' }, { csrf: false });
    expect(post.headers.location).toBe('/admin/sign-in');
    expect(await store.contacts.count(survey)).toBe(0);
  });

  it('adds a respondent with a personal link, lists them, refuses bad fields with GOV.UK errors, and removes them', async () => {
    await signInAsAdmin(client);
    expect((await client.get('/admin')).body).toContain(`href="${page}"`);
    const empty = await client.get(page);
    expect(empty.statusCode).toBe(200);
    expect(titleOf(empty.body)).toMatch(/^Contacts – /);
    expect(empty.body).toContain('No contacts yet.');

    const refused = await client.post(page, { org: 'no-such-org', email: 'not-an-address', name: '', role: 'boss', language: '' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('govuk-error-summary');
    for (const message of ['Select an organisation from the list', 'Enter an email address in the correct format, like name@example.org', 'Enter a name', 'Select a role']) expect(refused.body).toContain(message);
    expect(await store.contacts.count(survey)).toBe(0);
    expect((await client.post(page, { org: 'leeds-city-council', email: 'ann@example.org', name: 'Ann', role: 'respondent' }, { csrf: false })).statusCode).toBe(403);

    const added = await client.post(page, { org: 'leeds-city-council', email: 'Ann@Example.org', name: '<b>Ann</b>', role: 'respondent', language: '' });
    expect(added.statusCode).toBe(303);
    const listed = await client.follow(added);
    expect(listed.body).toContain('Contact added');
    expect(listed.body).toContain('&lt;b&gt;Ann&lt;/b&gt;');
    expect(listed.body).not.toContain('<b>Ann</b>');
    expect(listed.body).toContain('ann@example.org');
    expect(listed.body).toContain('Not sent');
    const [contact] = await store.contacts.list(survey);
    expect(contact).toMatchObject({ orgId: 'leeds-city-council', role: 'respondent', linkUsed: false });
    expect(contact!.linkToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await client.post(page, { org: 'leeds-city-council', email: 'ann@example.org', name: 'Ann', role: 'respondent' })).body).toContain('This email address is already a respondent of this survey');

    const chosen = await client.get(`${page}/remove?contact=${contact!.id}`);
    const confirm = await client.follow(chosen);
    expect(confirm.body).toContain('Remove &lt;b&gt;Ann&lt;/b&gt; (ann@example.org)?');
    const removed = await client.post(`${page}/${contact!.id}/remove`);
    expect(removed.headers.location).toBe(`${page}?removed=1`);
    expect(await store.contacts.count(survey)).toBe(0);
    expect(await store.invitations.links(survey)).toEqual([]);
    expect((await client.get(`${page}/${contact!.id}/remove`)).statusCode).toBe(404);
    const entries = (await store.auditLog.list({ surveyId: survey }, { limit: 2 })).map((e) => e.action);
    expect(entries.slice(0, 2)).toEqual(['contacts.remove', 'contacts.add']);
  });

  it('sets and clears the closing date, refusing one it cannot read', async () => {
    await signInAsAdmin(client);
    await client.get(page);
    const bad = await client.post(`/admin/surveys/${survey}/closing`, { closes: '31/12/2099' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter a date like 2026-05-01');
    const set = await client.post(`/admin/surveys/${survey}/closing`, { closes: '2099-12-31T17:00:00+01:00' });
    expect(set.headers.location).toBe(`${page}?closing=1`);
    expect((await client.follow(set)).body).toContain('The survey closes at 16:00 UTC on 31 December 2099.');
    expect(await store.surveyClosing.get(survey)).toBe('2099-12-31T16:00:00.000Z');
    await client.post(`/admin/surveys/${survey}/closing`, { closes: '' });
    expect(await store.surveyClosing.get(survey)).toBeUndefined();
  });
});
