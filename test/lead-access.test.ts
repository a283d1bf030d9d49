import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addContact } from '../src/operations/fieldwork/contacts.js';
import { sendLeadSignInLinks } from '../src/operations/fieldwork/lead-access.js';
import type { OutgoingEmail } from '../src/operations/fieldwork/mail-transport.js';
import { publishRelease } from '../src/operations/publish-release.js';
import { createRelease } from '../src/operations/releases.js';
import type { Store } from '../src/storage/store.js';
import { publicationRender } from '../src/web/reports/publication-render.js';
import { textOf } from './support/html-text.js';
import { notifyApiKey, startNotifyServer } from './support/mail-servers.js';
import { testApp, WebClient } from './support/web-client.js';

const survey = 'digital-gap-2017';

/** Every route of the app with its methods, read from Fastify's own route tree. */
function routesOf(app: FastifyInstance): Array<{ path: string; methods: string[] }> {
  const routes: Array<{ path: string; methods: string[] }> = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ├└─]*?)(?:[├└]── )?(\S+) \(([A-Z, ]+)\)$/.exec(line.replace(/\s+$/, ''));
    if (!match) continue;
    const depth = line.indexOf('── ') === -1 ? 0 : (line.indexOf('── ') + 3) / 4;
    stack.length = depth;
    const parent = stack[depth - 1] ?? '';
    const path = depth === 0 ? match[2]! : `${parent}${parent.endsWith('/') || match[2]!.startsWith('/') ? '' : '/'}${match[2]!}`;
    stack[depth] = path;
    routes.push({ path, methods: match[3]!.split(', ').filter((m) => m !== 'HEAD') });
  }
  return routes;
}

async function leadLink(store: Store, email: string): Promise<string> {
  const sent: OutgoingEmail[] = [];
  await sendLeadSignInLinks(store, email, { baseUrl: 'https://survey.example.org', send: async (message) => void sent.push(message) });
  return new URL(/https:\S+/.exec(sent[0]!.body)![0]).pathname;
}

describe('an organisation lead against every route', () => {
  let app: FastifyInstance;
  let store: Store;
  let close: () => Promise<void>;
  let lead: WebClient;
  const ownPage = `/lead/surveys/${survey}/organisations/leeds-city-council`;

  beforeAll(async () => {
    ({ app, store, close } = await testApp({ trustProxy: true, rateLimits: { signIn: { max: 6, timeWindow: 60_000 } } }));
    await addContact(store, survey, { org: 'leeds-city-council', email: 'lead@leeds.example', name: 'Lee', role: 'lead', language: '' }, 'cli:test');
    await addContact(store, survey, { org: 'cardiff-council', email: 'lead@cardiff.example', name: 'Cai', role: 'lead', language: '' }, 'cli:test');
    await addContact(store, survey, { org: 'cardiff-council', email: 'person@cardiff.example', name: 'Pat', role: 'respondent', language: '' }, 'cli:test');
    lead = new WebClient(app);
    const link = await leadLink(store, 'lead@leeds.example');
    await lead.get(link);
    const signedIn = await lead.post(link, {}, { headers: { 'x-forwarded-proto': 'https' } });
    expect(signedIn.headers.location).toBe(ownPage);
    // Served over TLS (as a proxy says), the cookie is Secure as well.
    expect(String(signedIn.headers['set-cookie'])).toMatch(/canvass_lead=[^;]+; Path=\/lead; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax/);
  }, 60_000);
  afterAll(async () => close?.());

  it('reaches its own organisation’s page, and no other organisation’s or survey’s', async () => {
    const own = await lead.get(ownPage);
    expect(own.statusCode).toBe(200);
    // Live figures for one person: never kept by a browser or proxy.
    expect(own.headers['cache-control']).toBe('no-store');
    const others = (await store.organisations.list()).filter((o) => o.id !== 'leeds-city-council');
    expect(others.length).toBeGreaterThan(100);
    for (const org of others) expect((await lead.get(`/lead/surveys/${survey}/organisations/${encodeURIComponent(org.id)}`)).statusCode, org.id).toBe(404);
    for (const path of ['/lead/surveys/other/organisations/leeds-city-council', `/lead/surveys/${survey.toUpperCase()}/organisations/leeds-city-council`, `${ownPage}/../cardiff-council`, `${ownPage}x`]) {
      expect((await lead.get(path)).statusCode, path).toBe(404);
    }
  });

  it('gains nothing anywhere else: every admin page sends it to the admin sign-in, and every other route answers as it does a stranger', async () => {
    const contact = (await store.contacts.list(survey))[0]!;
    const values: Record<string, string> = { surveyId: survey, id: survey, orgId: 'cardiff-council', file: 'aggregates.csv', token: 'not-a-token', contactId: contact.id, invitationId: contact.invitationId ?? 'x', tokenId: 'x', questionId: 'q1' };
    const routes = routesOf(app);
    expect(routes.filter((r) => r.path.startsWith('/admin/')).length).toBeGreaterThan(20);
    expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(['/admin', '/admin/surveys/:surveyId/fieldwork/fieldwork.csv', '/admin/surveys/:surveyId/report/preview', '/admin/surveys/:surveyId/results', '/api/v1/surveys/:id/results', '/s/:surveyId/resume/:token', '/reports/:surveyId/organisations/:orgId']));
    // A stranger with the same CSRF cookie: the lead's session cookie is the only difference.
    const stranger = new WebClient(app);
    stranger.cookies.set('canvass_csrf', lead.cookies.get('canvass_csrf')!);
    let checked = 0;
    for (const route of routes) {
      if (route.path === '*' || route.path.startsWith('/lead')) continue;
      const url = route.path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(values[name] ?? 'x'));
      for (const method of route.methods) {
        const request = { method: method as 'GET' | 'POST', url, ...(method === 'POST' ? { payload: `_csrf=${encodeURIComponent(lead.csrfToken())}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}) };
        const asLead = await lead.request(request);
        const asStranger = await stranger.request(request);
        const where = `${method} ${url}`;
        if (route.path.startsWith('/admin') && route.path !== '/admin/sign-in') {
          expect(asLead.statusCode, where).toBe(303);
          expect(String(asLead.headers.location), where).toMatch(/^\/admin\/sign-in/);
        }
        expect([asLead.statusCode, asLead.headers.location], where).toEqual([asStranger.statusCode, asStranger.headers.location]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
    // The API takes no session cookie as a token.
    expect((await lead.get(`/api/v1/surveys/${survey}/results`)).statusCode).toBe(401);
  });

  it('answers the same for any address, and limits how often one client asks', async () => {
    const client = new WebClient(app);
    await client.get('/lead/sign-in');
    const known = await client.post('/lead/sign-in', { email: 'lead@cardiff.example' });
    const unknown = await client.post('/lead/sign-in', { email: 'nobody@cardiff.example' });
    const respondent = await client.post('/lead/sign-in', { email: 'person@cardiff.example' });
    expect([known.statusCode, unknown.statusCode, respondent.statusCode]).toEqual([200, 200, 200]);
    expect(unknown.body.replace(/name="_csrf" value="[^"]*"/, '')).toBe(known.body.replace(/name="_csrf" value="[^"]*"/, ''));
    expect(respondent.body.replace(/name="_csrf" value="[^"]*"/, '')).toBe(known.body.replace(/name="_csrf" value="[^"]*"/, ''));
    const empty = await client.post('/lead/sign-in', { email: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter your email address');
    const bad = await client.post('/lead/sign-in', { email: 'not an address' });
    expect(bad.body).toContain('Enter an email address in the correct format');
    expect((await client.post('/lead/sign-in', { email: 'lead@cardiff.example' })).statusCode).toBe(200);
    expect((await client.post('/lead/sign-in', { email: 'lead@cardiff.example' })).statusCode).toBe(429);
  });

  it('sends the sign-in email through GOV.UK Notify’s client with its sign-in template, to a server speaking its API', async () => {
    const notify = await startNotifyServer();
    const withNotify = await testApp({
      admin: false,
      env: { CANVASS_NOTIFY_API_KEY: notifyApiKey, CANVASS_NOTIFY_BASE_URL: notify.url, CANVASS_NOTIFY_SIGN_IN_TEMPLATE: 'b2c0ffee-0000-4000-8000-000000000003', CANVASS_PUBLIC_URL: 'https://survey.example.org' },
    });
    try {
      await addContact(withNotify.store, survey, { org: 'leeds-city-council', email: 'lead@leeds.example', name: 'Lee', role: 'lead', language: '' }, 'cli:test');
      const client = new WebClient(withNotify.app);
      await client.get('/lead/sign-in');
      expect((await client.post('/lead/sign-in', { email: 'lead@leeds.example' })).statusCode).toBe(200);
      for (let i = 0; i < 100 && notify.requests.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(notify.rejectedTokens).toBe(0);
      expect(notify.requests).toEqual([
        expect.objectContaining({ template_id: 'b2c0ffee-0000-4000-8000-000000000003', email_address: 'lead@leeds.example', personalisation: expect.objectContaining({ name: 'Lee', organisation: 'Leeds City Council', link: expect.stringMatching(/^https:\/\/survey\.example\.org\/lead\/sign-in\/[A-Za-z0-9_-]{43}$/) }) }),
      ]);
      const path = new URL(notify.requests[0]!.personalisation.link!).pathname;
      await client.get(path);
      expect((await client.post(path)).headers.location).toBe(`/lead/surveys/${survey}/organisations/leeds-city-council`);
    } finally {
      await withNotify.close();
      await notify.close();
    }
  });

  it('links the organisation’s published benchmark report once the results are published', { timeout: 120_000 }, async () => {
    await addContact(store, survey, { org: 'kent-county-council', email: 'lead@kent.example', name: 'Kit', role: 'lead', language: '' }, 'cli:test');
    const kent = new WebClient(app);
    const link = await leadLink(store, 'lead@kent.example');
    await kent.get(link);
    const page = `/lead/surveys/${survey}/organisations/kent-county-council`;
    expect((await kent.post(link)).headers.location).toBe(page);
    const before = await kent.get(page);
    expect(textOf(before.body)).toContain('When the survey’s results are published, Kent County Council’s benchmark report will be linked here.');
    expect(before.body).not.toContain('/reports/');
    await createRelease(store, survey, { actor: 'cli:test' });
    await publishRelease(store, survey, { actor: 'cli:test', render: publicationRender(survey) });
    const after = await kent.get(page);
    expect(after.body).toContain(`<a class="govuk-link" href="/reports/${survey}/organisations/kent-county-council">Read Kent County Council’s benchmark report</a>`);
    expect((await kent.get(`/reports/${survey}/organisations/kent-county-council`)).statusCode).toBe(200);
    // Still counts only: no figure of any question on the lead's page.
    expect(textOf(after.body)).not.toMatch(/missing out on key opportunities|\bbase:/i);
  });

  it('sends a lead at most 3 links a quarter hour, and a link works only for its own lead', async () => {
    const sent: OutgoingEmail[] = [];
    const send = async (message: OutgoingEmail) => void sent.push(message);
    const at = new Date('2026-03-02T10:00:00Z');
    for (let i = 0; i < 5; i++) await sendLeadSignInLinks(store, 'LEAD@cardiff.example', { baseUrl: 'https://survey.example.org', send, now: at });
    expect(sent.map((m) => m.to)).toEqual(['lead@cardiff.example', 'lead@cardiff.example', 'lead@cardiff.example']);
    expect(sent[0]).toMatchObject({ kind: 'sign-in', subject: expect.stringMatching(/^Sign in to follow Closing the Digital Gap/), personalisation: { organisation: 'Cardiff Council', link: expect.stringMatching(/^https:\/\/survey\.example\.org\/lead\/sign-in\//) } });
    await sendLeadSignInLinks(store, 'person@cardiff.example', { baseUrl: 'https://survey.example.org', send, now: at });
    expect(sent).toHaveLength(3);
  });
});
