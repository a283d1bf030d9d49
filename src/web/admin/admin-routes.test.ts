import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adminEmail, adminPassword, signInAsAdmin, testApp, titleOf, WebClient } from '../../../test/support/web-client.js';
import { roundHalfUp } from '../../analysis/results/round-half-up.js';
import { surveyResults } from '../../operations/survey-results.js';
import type { Store } from '../../storage/store.js';

let app: FastifyInstance;
let store: Store;
let close: () => Promise<void>;
let client: WebClient;

// One app for the file: signing in hashes a password, which is slow on purpose.
beforeAll(async () => {
  ({ app, store, close } = await testApp({ rateLimits: { signIn: { max: 1000, timeWindow: 60_000 } } }));
});
afterAll(() => close());
beforeEach(async () => {
  client = new WebClient(app);
});

const results = '/admin/surveys/digital-gap-2017/results';

function multipart(fields: Record<string, string | { filename: string; content: string }>): { payload: string; contentType: string } {
  const boundary = '----CanvassTestBoundary';
  const parts = Object.entries(fields).map(([name, value]) =>
    typeof value === 'string'
      ? `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
      : `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.filename}"\r\nContent-Type: application/x-yaml\r\n\r\n${value.content}\r\n`,
  );
  return { payload: `${parts.join('')}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('signing in', () => {
  it('sends someone not signed in to the sign-in page, and back where they were going after', async () => {
    const page = await client.get(results);
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe(`/admin/sign-in?next=${encodeURIComponent(results)}`);
    await client.get(page.headers.location as string);
    const signedIn = await client.post(page.headers.location as string, { email: adminEmail, password: adminPassword });
    expect(signedIn.headers.location).toBe(results);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie for /admin only, Secure when the request came over TLS', async () => {
    await client.get('/admin/sign-in');
    const plain = await client.post('/admin/sign-in', { email: adminEmail, password: adminPassword });
    const cookie = plain.cookies.find((c) => c.name === 'canvass_admin');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/admin' });
    expect(cookie?.secure).toBeFalsy();

    const proxied = await testApp({ trustProxy: true, seed: false });
    try {
      const behindTls = new WebClient(proxied.app);
      const form = await behindTls.get('/admin/sign-in', { 'x-forwarded-proto': 'https' });
      expect(form.cookies.find((c) => c.name === 'canvass_csrf')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
      const response = await behindTls.post('/admin/sign-in', { email: adminEmail, password: adminPassword }, { headers: { 'x-forwarded-proto': 'https' } });
      expect(response.cookies.find((c) => c.name === 'canvass_admin')?.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('refuses a wrong password with the error summary, and does not say which part was wrong', async () => {
    await client.get('/admin/sign-in');
    const page = await client.post('/admin/sign-in', { email: adminEmail, password: 'wrong password' });
    expect(page.statusCode).toBe(400);
    expect(titleOf(page.body)).toMatch(/^Error: Sign in/);
    expect(page.body).toContain('The email address or password is not right');
    expect(page.cookies.find((c) => c.name === 'canvass_admin')).toBeUndefined();
  });

  it('never sends someone to another site after signing in', async () => {
    await client.get('/admin/sign-in');
    for (const next of ['https://evil.example', '//evil.example', '/admin//evil.example', '/elsewhere']) {
      const response = await client.post(`/admin/sign-in?next=${encodeURIComponent(next)}`, { email: adminEmail, password: adminPassword });
      expect(response.headers.location).toBe('/admin');
    }
  });

  it('signs out, after which the session no longer works', async () => {
    await signInAsAdmin(client);
    const session = client.cookies.get('canvass_admin');
    await client.get('/admin/sign-out');
    const out = await client.post('/admin/sign-out');
    expect(out.headers.location).toBe('/admin/sign-in');
    const stale = new WebClient(app);
    stale.cookies.set('canvass_admin', session!);
    expect((await stale.get('/admin')).statusCode).toBe(303);
  });
});

describe('signed in', () => {
  beforeEach(() => signInAsAdmin(client));

  it('lists the surveys with links to their results, responses and invitations', async () => {
    const page = await client.get('/admin');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Closing the Digital Gap');
    for (const link of ['results', 'responses', 'invitations']) expect(page.body).toContain(`href="/admin/surveys/digital-gap-2017/${link}"`);
  });

  it('imports a definition file, and lists every problem of a bad one storing nothing', async () => {
    await client.get('/admin/surveys/import');
    const good = multipart({ _csrf: client.csrfToken(), definition: { filename: 'pulse.yaml', content: 'format: 1\nid: pulse\ntitle: Pulse survey\nquestions:\n  - { id: mood, type: scale, text: How are you?, options: [{ code: good, label: Good }, { code: bad, label: Bad }] }\n' } });
    const imported = await client.request({ method: 'POST', url: '/admin/surveys/import', payload: good.payload, headers: { 'content-type': good.contentType } });
    expect(imported.statusCode).toBe(303);
    expect(imported.headers.location).toBe('/admin?imported=pulse&status=created&version=1');
    expect((await client.follow(imported)).body).toContain('Survey ‘Pulse survey’ imported');

    await client.get('/admin/surveys/import');
    const bad = multipart({ _csrf: client.csrfToken(), definition: { filename: 'broken.yaml', content: 'format: 1\nid: Broken Id\nquestions: []\n' } });
    const refused = await client.request({ method: 'POST', url: '/admin/surveys/import', payload: bad.payload, headers: { 'content-type': bad.contentType } });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('broken.yaml is not a valid questionnaire definition');
    expect(refused.body).toContain('Problems in the file');
    expect(refused.body).toMatch(/<li>id: /);
    expect((await store.surveys.list()).map((s) => s.id)).toEqual(['digital-gap-2017', 'pulse']);
  });

  it('reports a changed definition as its next version with what changed, as the CLI does, and an unchanged file as no change', async () => {
    const importFile = async (content: string) => {
      await client.get('/admin/surveys/import');
      const body = multipart({ _csrf: client.csrfToken(), definition: { filename: 'team.yaml', content } });
      const response = await client.request({ method: 'POST', url: '/admin/surveys/import', payload: body.payload, headers: { 'content-type': body.contentType } });
      expect(response.statusCode).toBe(303);
      return response;
    };
    const v1 = 'format: 1\nid: team\ntitle: Team survey\nquestions:\n  - { id: mood, type: single, text: How are you?, options: [{ code: good, label: Good }, { code: bad, label: Bad }] }\n  - { id: note, type: text, text: Anything else?, required: false }\n';
    const v2 = 'format: 1\nid: team\ntitle: Team survey\nquestions:\n  - { id: mood, type: single, text: How are you today?, options: [{ code: good, label: Good }, { code: bad, label: Not good }, { code: mixed, label: Mixed }] }\n  - { id: size, type: number, text: How many are you?, required: false }\n';
    expect((await client.follow(await importFile(v1))).body).toContain('Survey ‘Team survey’ imported (definition version 1).');

    const updated = await importFile(v2);
    expect(updated.headers.location).toBe('/admin?imported=team&status=updated&version=2');
    const page = (await client.follow(updated)).body;
    expect(page).toContain('Survey ‘Team survey’ updated to definition version 2.');
    expect(page).toContain('What changed in definition version 2');
    // The lines canvass survey import prints.
    for (const line of ['added questions: size', 'removed questions (their stored answers are kept): note', 'reworded questions: mood (text)', 'added options: mood: mixed', 'reworded options: mood: bad']) expect(page).toContain(`<li>${line}</li>`);
    expect(page).not.toContain('Survey ‘Team survey’ imported');

    const unchanged = await importFile(v2);
    expect(unchanged.headers.location).toBe('/admin?imported=team&status=unchanged&version=2');
    const same = (await client.follow(unchanged)).body;
    expect(same).toContain('Survey ‘Team survey’ unchanged: the file is the definition already stored (definition version 2), so nothing was stored.');
    expect(same).not.toContain('Survey ‘Team survey’ imported');
    expect((await store.surveys.history('team')).map((v) => v.version)).toEqual([1, 2]);

    // The query string is not trusted: a version the survey does not have shows no changes, and markup stays text.
    const forged = (await client.get('/admin?imported=team&status=updated&version=7%3Cb%3E')).body;
    expect(forged).toContain('Survey ‘Team survey’ updated.');
    expect(forged).not.toContain('What changed');
    expect(forged).not.toContain('7<b>');
  });

  it('refuses an import without the CSRF token', async () => {
    const forged = multipart({ definition: { filename: 'x.yaml', content: 'format: 1' } });
    const response = await client.request({ method: 'POST', url: '/admin/surveys/import', payload: forged.payload, headers: { 'content-type': forged.contentType } });
    expect(response.statusCode).toBe(403);
  });

  it('shows the results with the same figures as the CLI, the data notice, and bars', async () => {
    const page = await client.get(results);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Reconstructed from the published figures');
    const expected = await surveyResults(store, 'digital-gap-2017');
    const role = expected.questions.find((q) => q.id === 'role');
    if (role?.type !== 'single') throw new Error('role is a single-choice question');
    for (const option of role.options) {
      expect(page.body).toContain(`canvass-bar canvass-bar--${roundHalfUp(option.percent!)}`);
      expect(page.body).toContain(`${roundHalfUp(option.ci95![0])}–${roundHalfUp(option.ci95![1])}%`);
    }
    expect(page.body).toContain(`${expected.respondents}`);
  });

  it('applies a filter and a breakdown, with a column per group', async () => {
    const filter = 'gap_confidence in (not-very-confident, not-at-all-confident)';
    const page = await client.get(`${results}?filter=${encodeURIComponent(filter)}&by=org.nation`);
    expect(page.statusCode).toBe(200);
    const expected = await surveyResults(store, 'digital-gap-2017', { filter, by: 'org.nation' });
    expect(page.body).toContain(`value="${filter}"`);
    for (const group of expected.groups ?? []) expect(page.body).toContain(`<th scope="col" class="govuk-table__header">${group.label}</th>`);
    expect(page.body).toMatch(/<option value="org.nation" selected>/);
  });

  it('explains a filter it cannot understand, next to the field', async () => {
    const page = await client.get(`${results}?filter=${encodeURIComponent('gap_confidence = ')}`);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('<a href="#filter">Enter a filter Canvass understands');
  });

  it('shows responses per organisation, with the response rate where the headcount is known', async () => {
    await store.organisations.upsert([{ id: 'kent-county-council', name: 'Kent County Council', type: 'county-council', nation: 'England', region: 'South East', headcount: 400 }]);
    const page = await client.get('/admin/surveys/digital-gap-2017/responses');
    const count = (await store.responses.countByOrg('digital-gap-2017')).get('kent-county-council') ?? 0;
    expect(page.body).toMatch(new RegExp(`Kent County Council</th>\\s*<td[^>]*>${count}</td>\\s*<td[^>]*>400</td>\\s*<td[^>]*>${((100 * count) / 400).toFixed(1)}%</td>`));
    expect(page.body).toContain('Not known');
  });

  it('shows a written answer containing a script as text', async () => {
    await store.responses.insert('digital-gap-2017', { org: 'kent-county-council', answers: { role: 'other', comments: '<script>alert(1)</script>' } }, 'web');
    const page = await client.get('/admin/surveys/digital-gap-2017/written-answers');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>alert(1)</script>');
  });

  it('creates an invitation link, shown once, that opening does not use up, and revokes it', async () => {
    await client.get('/admin/surveys/digital-gap-2017/invitations');
    const missing = await client.post('/admin/surveys/digital-gap-2017/invitations', { org: '', expires: 'soon' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Select the organisation the link is for');
    expect(missing.body).toContain('Select how many responses the link can be used for');
    expect(missing.body).toContain('Enter a whole number of days from 1 to 366');

    const created = await client.post('/admin/surveys/digital-gap-2017/invitations', { org: 'leeds-city-council', use: 'single', expires: '14' });
    expect(created.statusCode).toBe(200);
    const link = /data-invitation-link[^>]*>\s*(\S+)/.exec(created.body)?.[1];
    expect(link).toMatch(/^http:\/\/localhost(:\d+)?\/i\/[A-Za-z0-9_-]{43}$/);
    const path = new URL(link!).pathname;
    expect((await new WebClient(app).get(path)).statusCode).toBe(200);
    expect((await new WebClient(app).get(path)).statusCode).toBe(200);

    const list = await client.get('/admin/surveys/digital-gap-2017/invitations');
    expect(list.body).toContain('Leeds City Council');
    expect(list.body).toContain('Can be used');
    const [invitation] = await store.invitations.list('digital-gap-2017');
    expect(invitation?.uses).toBe(0);
    await client.get(`/admin/surveys/digital-gap-2017/invitations/${invitation!.id}/revoke`);
    const revoked = await client.post(`/admin/surveys/digital-gap-2017/invitations/${invitation!.id}/revoke`);
    expect(revoked.headers.location).toBe('/admin/surveys/digital-gap-2017/invitations');
    expect((await new WebClient(app).get(path)).statusCode).toBe(410);
  });

  it('creates an API token shown once, stored only as a hash, and revokes it', async () => {
    await client.get('/admin/api-tokens');
    expect((await client.post('/admin/api-tokens', { name: '' })).body).toContain('Enter what the token is for');
    const created = await client.post('/admin/api-tokens', { name: 'Dashboard' });
    const token = /data-api-token[^>]*>\s*(\S+)/.exec(created.body)?.[1];
    expect(token).toMatch(/^canvass_/);
    expect(JSON.stringify(await store.db.selectFrom('api_tokens').selectAll().execute())).not.toContain(token);
    // A token reads releases; with none yet, it is told so.
    const none = await app.inject({ url: '/api/v1/surveys/digital-gap-2017/results', headers: { authorization: `Bearer ${token}` } });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('release.not-found');
    const api = await app.inject({ url: '/api/v1/surveys/digital-gap-2017/results?release=draft', headers: { authorization: `Bearer ${token}` } });
    expect(api.statusCode).toBe(403);
    const [record] = await store.apiTokens.list();
    await client.get(`/admin/api-tokens/${record!.id}/revoke`);
    await client.post(`/admin/api-tokens/${record!.id}/revoke`);
    expect((await app.inject({ url: '/api/v1/surveys/digital-gap-2017/results', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  });
});

describe('uploading a definition', () => {
  beforeEach(() => signInAsAdmin(client));

  /** A multipart body as a browser sends it, parts in order; a file part is [filename, content]. */
  function form(parts: Array<[string, string | [string, string | Buffer]]>): { payload: Buffer; headers: Record<string, string> } {
    const boundary = '----CanvassUploadBoundary7MA4YWxk';
    const chunks: Buffer[] = [];
    for (const [name, value] of parts) {
      const header = typeof value === 'string' ? `Content-Disposition: form-data; name="${name}"` : `Content-Disposition: form-data; name="${name}"; filename="${value[0]}"\r\nContent-Type: application/x-yaml`;
      chunks.push(Buffer.from(`--${boundary}\r\n${header}\r\n\r\n`), Buffer.from(typeof value === 'string' ? value : value[1]), Buffer.from('\r\n'));
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  }

  async function upload(parts: Array<[string, string | [string, string | Buffer]]>, url = '/admin/surveys/import') {
    await client.get('/admin/surveys/import');
    const body = form([['_csrf', client.csrfToken()], ...parts]);
    return client.request({ method: 'POST', url, payload: body.payload, headers: body.headers });
  }

  const surveyIds = async () => (await store.surveys.list()).map((s) => s.id);
  const definition = (id: string, title: string) => `format: 1\nid: ${id}\ntitle: ${title}\nquestions:\n  - { id: mood, type: scale, text: How are you?, options: [{ code: good, label: Good }, { code: bad, label: Bad }] }\n`;

  it('keeps UTF-8 in the file and in its name', async () => {
    const imported = await upload([['definition', ['arolwg-ç.yaml', definition('caerdydd', 'Caerdydd – “Cymru” 👍')]]]);
    expect(imported.statusCode).toBe(303);
    expect((await store.surveys.get('caerdydd'))?.title).toBe('Caerdydd – “Cymru” 👍');
    const refused = await upload([['definition', ['arolwg-ç.yaml', 'format: 1\nid: Not An Id\n']]]);
    expect(refused.body).toContain('arolwg-ç.yaml is not a valid questionnaire definition');
  });

  it('asks for a file when none was chosen (an empty file input)', async () => {
    const refused = await upload([['definition', ['', '']]]);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Select a questionnaire definition file');
  });

  it('refuses a file over 1 MB on the import page, saying how large a file may be, storing nothing', async () => {
    const before = await surveyIds();
    const large = `${definition('large', 'Large')}# ${'x'.repeat(1024 * 1024)}\n`;
    const refused = await upload([['definition', ['large.yaml', large]]]);
    expect(refused.statusCode).toBe(413);
    expect(titleOf(refused.body)).toMatch(/^Error: Import a survey/);
    expect(refused.body).toContain('The selected file must be smaller than 1 MB');
    expect(await surveyIds()).toEqual(before);
  });

  it('refuses a body far over the limit before reading it, with the limit in the message', async () => {
    const refused = await upload([['definition', ['huge.yaml', Buffer.alloc(3 * 1024 * 1024, 0x61)]]]);
    expect(refused.statusCode).toBe(413);
    expect(refused.body).toContain('That was too much to send');
    expect(refused.body).toContain('1 MB');
  });

  it('refuses a second file, and more fields than the form has, naming the limit', async () => {
    const two = await upload([['definition', ['a.yaml', definition('a', 'A')]], ['other', ['b.yaml', definition('b', 'B')]]]);
    expect(two.statusCode).toBe(413);
    expect(two.body).toContain('at most 1 file');
    const fields = await upload([...Array.from({ length: 50 }, (_v, i): [string, string] => [`f${i}`, 'x']), ['definition', ['a.yaml', definition('a', 'A')]]]);
    expect(fields.statusCode).toBe(413);
    expect(fields.body).toMatch(/at most \d+ fields/);
    expect(await surveyIds()).not.toContain('a');
  });

  it('reads a form of text fields posted as multipart as the same fields URL-encoded', async () => {
    await client.get('/admin/surveys/digital-gap-2017/invitations');
    const body = form([['_csrf', client.csrfToken()], ['org', 'kent-county-council'], ['use', 'single'], ['expires', '']]);
    const created = await client.request({ method: 'POST', url: '/admin/surveys/digital-gap-2017/invitations', payload: body.payload, headers: body.headers });
    expect(created.statusCode).toBe(200);
    expect(created.body).toContain('Invitation link created');
  });

  it('refuses a file sent to a form that takes none', async () => {
    await client.get('/admin/surveys/import');
    const body = form([['_csrf', client.csrfToken()], ['definition', ['a.yaml', definition('sneaky', 'Sneaky')]]]);
    const refused = await client.request({ method: 'POST', url: '/admin/surveys/digital-gap-2017/invitations', payload: body.payload, headers: body.headers });
    expect(refused.statusCode).toBe(413);
    expect(refused.body).toContain('takes no files');
  });

  it('does not let a field called __proto__ through', async () => {
    const refused = await upload([['__proto__', 'x'], ['definition', ['a.yaml', definition('proto', 'Proto')]]]);
    expect(refused.statusCode).toBe(400);
    expect(await surveyIds()).not.toContain('proto');
  });

  it.each([
    ['a part never closed', 'The form could not be read', (b: string) => `--${b}\r\nContent-Disposition: form-data; name="definition"; filename="a.yaml"\r\n\r\nformat: 1`],
    ['headers that never end', 'The form could not be read', (b: string) => `--${b}\r\nContent-Disposition: form-data; name="definition"`],
    // A part without a name is no field of the form: the file is missing.
    ['a part without a name', 'Select a questionnaire definition file', (b: string) => `--${b}\r\nContent-Disposition: form-data; filename="a.yaml"\r\n\r\nformat: 1\r\n--${b}--\r\n`],
  ])('refuses a body with %s as a bad request', async (_label, message, body) => {
    await client.get('/admin/surveys/import');
    const boundary = 'xyzBoundary';
    const csrf = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrfToken()}\r\n`;
    const refused = await client.request({ method: 'POST', url: '/admin/surveys/import', payload: csrf + body(boundary), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(message);
  });

  it('refuses a multipart body without a boundary as a bad request', async () => {
    await client.get('/admin/surveys/import');
    const refused = await client.request({ method: 'POST', url: '/admin/surveys/import', payload: 'hello', headers: { 'content-type': 'multipart/form-data' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('The form could not be read');
  });
});

describe('the sign-in rate limit', () => {
  it('refuses more than the limit of attempts from one address with 429', async () => {
    const limited = await testApp({ seed: false, admin: false, rateLimits: { signIn: { max: 3, timeWindow: 60_000 } } });
    try {
      const guesser = new WebClient(limited.app);
      await guesser.get('/admin/sign-in');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await guesser.post('/admin/sign-in', { email: adminEmail, password: `guess ${i}` })).statusCode);
      expect(statuses).toEqual([400, 400, 400, 429, 429]);
      expect(guesser.lastPage).toContain('Too many attempts');
    } finally {
      await limited.close();
    }
  });
});
