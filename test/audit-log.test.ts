import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../src/storage/audit-log-repository.js';
import type { Store } from '../src/storage/store.js';
import { runCapture } from './support/cli-capture.js';
import { freshDatabase, type TestDatabase } from './support/test-databases.js';
import { adminEmail, adminPassword, signInAsAdmin, testApp, titleOf, WebClient } from './support/web-client.js';
import { miniDefinition } from './support/mini-survey.js';

describe('the audit log of the command line', () => {
  const actor = `cli:${userInfo().username}`;
  let db: TestDatabase;
  let dir: string;
  const cli = (...args: string[]) => runCapture([...args, '--db', db.url]);
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const entries = async (): Promise<AuditEntry[]> => {
    const listed = await cli('audit', '--all', '--json', '--limit', '1000');
    expect(listed.code, listed.err).toBe(0);
    return (JSON.parse(listed.out) as { entries: AuditEntry[] }).entries;
  };
  /** Runs a command that must succeed and leave exactly one new entry, and gives that entry. */
  const recorded = async (...args: string[]): Promise<AuditEntry> => {
    const before = await entries();
    const result = await cli(...args);
    expect(result.code, result.err).toBe(0);
    const after = await entries();
    expect(after.length, `${args.join(' ')} leaves one entry`).toBe(before.length + 1);
    return after[0]!;
  };

  const definition = (extra = '') => miniDefinition({ tools: false, extra });
  const register = 'id,name,type,nation,region,parent,headcount\norg-a,Org A,london-borough,England,London,,1200\norg-b,Org B,welsh-council,Wales,Wales,,\n';

  beforeEach(async () => {
    db = await freshDatabase('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'canvass-audit-'));
  });
  afterEach(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records each import, definition change, release, publication and download as cli:USER with its counts, and canvass audit prints them newest first', { timeout: 120_000 }, async () => {
    expect(await recorded('survey', 'import', file('mini.yaml', definition()))).toMatchObject({ actor, action: 'definition.create', surveyId: 'mini', details: { title: 'Mini survey', questions: 2, source: expect.stringContaining('mini.yaml') } });
    const changed = `  - { id: tools, type: multiple, text: Tools?, required: false, options: [{ code: email, label: Email }, { code: chat, label: Chat }] }\n`;
    expect(await recorded('survey', 'import', file('mini-2.yaml', definition(changed)))).toMatchObject({ actor, action: 'definition.update', surveyId: 'mini', details: { questions: 3, added: ['tools'], removed: [] } });
    expect(await recorded('orgs', 'import', file('orgs.csv', register))).toMatchObject({ actor, action: 'register.import', surveyId: null, details: { created: 2, updated: 0 } });
    const rows = Array.from({ length: 12 }, (_, i) => `${i % 2 === 0 ? 'org-a' : 'org-b'},${i % 3 === 0 ? 'red' : 'blue'},private answer ${i},email`);
    expect(await recorded('responses', 'import', 'mini', file('r.csv', `org,colour,note,tools\n${rows.join('\n')}\n`))).toMatchObject({ actor, action: 'responses.import', surveyId: 'mini', details: { inserted: 12, skipped: 0 } });
    expect(await recorded('release', 'mini', '--note', 'fieldwork closed')).toMatchObject({ actor, action: 'release.create', surveyId: 'mini', details: { release: 1, responses: 12, heldBack: 0, note: 'fieldwork closed' } });
    expect(await recorded('publish', 'mini')).toMatchObject({ actor, action: 'release.publish', surveyId: 'mini', details: { release: 1, outcome: 'published' } });
    expect(await recorded('unpublish', 'mini')).toMatchObject({ actor, action: 'release.unpublish', surveyId: 'mini', details: { release: 1 } });
    expect(await recorded('responses', 'export', 'mini', '--format', 'csv')).toMatchObject({ actor, action: 'responses.export', surveyId: 'mini', details: { format: 'csv', responses: 12 } });
    expect(await recorded('seed', 'digital-gap-2017')).toMatchObject({ actor, action: 'survey.seed', surveyId: 'digital-gap-2017', details: { organisations: 180, responses: 235, replaced: 0 } });

    const unpublishedAgain = await cli('unpublish', 'mini');
    expect(unpublishedAgain.out).toMatch(/was not published/);
    expect((await entries())[0]!.action, 'taking down what is not up is not recorded').toBe('survey.seed');
    expect(JSON.stringify(await entries())).not.toContain('private answer');

    const printed = await cli('audit', 'mini');
    expect(printed.code).toBe(0);
    const lines = printed.out.trimEnd().split('\n');
    expect(lines.map((l) => l.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC {2}/, ''))).toEqual([
      `${actor}  Downloaded raw responses: 12 responses as CSV`,
      `${actor}  Unpublished the report: Release 1 is no longer public`,
      expect.stringMatching(new RegExp(`^${actor}  Published a release: Release 1; now public; \\d+ pages made$`)),
      `${actor}  Released the data: Release 1: 12 responses; note: fieldwork closed`,
      expect.stringMatching(new RegExp(`^${actor}  Imported responses: 12 responses stored, 0 skipped as already stored; from .*r\\.csv$`)),
      expect.stringMatching(new RegExp(`^${actor}  Changed the survey’s definition: ‘Mini survey’, 3 questions; questions added: tools; version 2; from .*mini-2\\.yaml$`)),
      expect.stringMatching(new RegExp(`^${actor}  Imported a new survey: ‘Mini survey’, 2 questions; from .*mini\\.yaml$`)),
    ]);
    const limited = await cli('audit', 'mini', '--limit', '2', '--json');
    expect(JSON.parse(limited.out)).toMatchObject({ survey: 'mini', total: 7, entries: [{ action: 'responses.export' }, { action: 'release.unpublish' }] });
    expect((await cli('audit', 'mini', '--limit', '2')).err).toMatch(/The 2 newest of 7 entries; --limit 7 prints them all/);
    const everything = await cli('audit', '--all');
    expect(everything.out).toMatch(new RegExp(`UTC {2}${actor} {2}- {2}Imported organisations: 2 new organisations, 0 updated organisations; from .*orgs\\.csv`));
    expect(everything.out).toMatch(new RegExp(`UTC {2}${actor} {2}digital-gap-2017 {2}Loaded the built-in survey: 180 organisations, 235 example responses`));
  });

  it('canvass audit needs a survey that exists, or --all, and a whole --limit', async () => {
    await cli('survey', 'import', file('mini.yaml', definition()));
    expect(await cli('audit')).toMatchObject({ code: 1, err: expect.stringMatching(/Name a survey \(canvass audit SURVEY\), or add --all/) });
    expect(await cli('audit', 'mini', '--all')).toMatchObject({ code: 1, err: expect.stringMatching(/not both/) });
    expect(await cli('audit', 'nope')).toMatchObject({ code: 1, err: expect.stringMatching(/There is no survey 'nope'/) });
    expect(await cli('audit', 'mini', '--limit', '0')).toMatchObject({ code: 1, err: expect.stringMatching(/--limit takes a whole number/) });
    expect(await cli('audit', 'mini', '--limit', 'ten')).toMatchObject({ code: 1, err: expect.stringMatching(/--limit takes a whole number/) });
    expect((await cli('audit', 'mini', '--json')).out).toContain('"action": "definition.create"');
  });
});

describe('the audit log of the admin', () => {
  const survey = 'digital-gap-2017';
  let app: FastifyInstance;
  let store: Store;
  let close: () => Promise<void>;
  let client: WebClient;
  /** Secrets the admin typed or was shown, none of which may be recorded. */
  const secrets: string[] = [adminPassword];

  beforeAll(async () => {
    ({ app, store, close } = await testApp({ rateLimits: { signIn: { max: 1000, timeWindow: 60_000 } } }));
    client = new WebClient(app);
  });
  afterAll(() => close());

  /** Signs in unless the client has, so a test run alone has an admin's session too. */
  const signedIn = async () => {
    if (!client.cookies.has('canvass_admin')) await signInAsAdmin(client);
  };
  const newest = async () => (await store.auditLog.list({ all: true }, { limit: 1 }))[0];
  const total = () => store.auditLog.count({ all: true });
  /** Does something in the admin that must leave exactly one new entry, and gives that entry. */
  async function recorded(act: () => Promise<unknown>): Promise<AuditEntry> {
    const before = await total();
    await act();
    expect(await total()).toBe(before + 1);
    return (await newest())!;
  }
  const form = async (page: string, action: string, values: Record<string, string>) => {
    expect((await client.get(page)).statusCode).toBe(200);
    const response = await client.post(action, values);
    expect(response.statusCode, response.body.slice(0, 500)).toBeLessThan(400);
    return response;
  };

  it('records sign-ins, failed ones with the address typed and never the password', async () => {
    await client.get('/admin/sign-in');
    const wrong = 'not the password at all';
    secrets.push(wrong);
    expect(await recorded(() => client.post('/admin/sign-in', { email: adminEmail, password: wrong }))).toMatchObject({ actor: adminEmail, action: 'admin.sign-in-failed', surveyId: null, details: { knownAdmin: true } });
    expect(await recorded(() => client.post('/admin/sign-in', { email: 'Stranger@Example.gov.uk', password: wrong }))).toMatchObject({ actor: 'stranger@example.gov.uk', details: { knownAdmin: false } });
    expect(await recorded(() => client.post('/admin/sign-in', { email: adminPassword, password: adminPassword }))).toMatchObject({ actor: '(not an email address)', action: 'admin.sign-in-failed' });
    expect(await recorded(() => signInAsAdmin(client))).toMatchObject({ actor: adminEmail, action: 'admin.sign-in', surveyId: null, details: {} });
    secrets.push(...client.cookies.values());
  });

  it('records invitation links and API tokens created and revoked by their ids, never the link or the token', async () => {
    await signedIn();
    const invitations = `/admin/surveys/${survey}/invitations`;
    const created = await recorded(() => form(invitations, invitations, { org: 'leeds-city-council', use: 'single', expires: '7' }));
    expect(created).toMatchObject({ actor: adminEmail, action: 'invitation.create', surveyId: survey, details: { org: 'leeds-city-council', singleUse: true, invitationId: expect.any(String), expiresAt: expect.any(String) } });
    secrets.push(/\/i\/([^"<\s]+)/.exec(client.lastPage)![1]!);
    const revoke = `${invitations}/${String(created.details.invitationId)}/revoke`;
    expect(await recorded(() => form(revoke, revoke, {}))).toMatchObject({ actor: adminEmail, action: 'invitation.revoke', surveyId: survey, details: { invitationId: created.details.invitationId, org: 'leeds-city-council' } });
    const before = await total();
    await form(invitations, revoke, {});
    expect(await total(), 'revoking it again records nothing').toBe(before);

    const token = await recorded(() => form('/admin/api-tokens', '/admin/api-tokens', { name: 'Reporting team', access: 'drafts' }));
    expect(token).toMatchObject({ actor: adminEmail, action: 'api-token.create', surveyId: null, details: { name: 'Reporting team', draftAccess: true, tokenId: expect.any(String) } });
    secrets.push(/canvass_[A-Za-z0-9_-]+/.exec(client.lastPage)![0]);
    const revokeToken = `/admin/api-tokens/${String(token.details.tokenId)}/revoke`;
    expect(await recorded(() => form(revokeToken, revokeToken, {}))).toMatchObject({ actor: adminEmail, action: 'api-token.revoke', details: { tokenId: token.details.tokenId, name: 'Reporting team' } });
  });

  it('records a definition imported, the data released, published and unpublished, and raw responses downloaded', { timeout: 120_000 }, async () => {
    await signedIn();
    await client.get('/admin/surveys/import');
    const boundary = '----CanvassAuditBoundary';
    const yaml = 'format: 1\nid: pulse\ntitle: Pulse survey\nquestions:\n  - { id: mood, type: scale, text: How are you?, options: [{ code: good, label: Good }, { code: bad, label: Bad }] }\n';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrfToken()}\r\n--${boundary}\r\nContent-Disposition: form-data; name="definition"; filename="pulse.yaml"\r\nContent-Type: application/x-yaml\r\n\r\n${yaml}\r\n--${boundary}--\r\n`;
    const upload = () => client.request({ method: 'POST', url: '/admin/surveys/import', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(await recorded(upload)).toMatchObject({ actor: adminEmail, action: 'definition.create', surveyId: 'pulse', details: { source: 'pulse.yaml', title: 'Pulse survey', questions: 1 } });

    const report = `/admin/surveys/${survey}/report`;
    expect(await recorded(() => form(report, `${report}/release`, { note: 'fieldwork closed' }))).toMatchObject({ actor: adminEmail, action: 'release.create', surveyId: survey, details: { release: 1, responses: 235, heldBack: 0, note: 'fieldwork closed' } });
    expect(await recorded(() => form(report, `${report}/publish`, {}))).toMatchObject({ actor: adminEmail, action: 'release.publish', surveyId: survey, details: { release: 1, outcome: 'published', pagesMade: expect.any(Number) } });
    expect(await recorded(() => form(report, `${report}/unpublish`, {}))).toMatchObject({ actor: adminEmail, action: 'release.unpublish', surveyId: survey, details: { release: 1 } });

    const download = await recorded(async () => expect((await client.get(`/admin/surveys/${survey}/downloads/responses.xlsx`)).statusCode).toBe(200));
    expect(download).toMatchObject({ actor: adminEmail, action: 'responses.export', surveyId: survey, details: { format: 'xlsx', responses: 235 } });
    expect(await recorded(async () => expect((await client.get(`/admin/surveys/${survey}/downloads/responses.csv`)).statusCode).toBe(200))).toMatchObject({ details: { format: 'csv', responses: 235 } });
    const aggregates = await total();
    expect((await client.get(`/admin/surveys/${survey}/downloads/aggregates.csv`)).statusCode).toBe(200);
    expect(await total(), 'figures under disclosure control are not personal data: not recorded').toBe(aggregates);
  });

  it('keeps no password, session, token, link or written answer in any entry', async () => {
    const stored = JSON.stringify(await store.db.selectFrom('audit_log').selectAll().execute());
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    for (const secret of secrets) expect(stored).not.toContain(secret);
    const written = (await store.responses.latest(survey, 235)).flatMap((r) => Object.values(r.answers)).filter((a): a is string => typeof a === 'string' && a.length > 12);
    expect(written.length).toBeGreaterThan(0);
    for (const answer of written) expect(stored).not.toContain(answer);
  });

  it('shows the audit log, for everything and per survey, only to admins, 50 entries a page', async () => {
    const visitor = new WebClient(app);
    for (const path of ['/admin/audit', `/admin/surveys/${survey}/audit`, '/admin/audit?page=2']) {
      const refused = await visitor.get(path);
      expect(refused.statusCode, path).toBe(303);
      expect(refused.headers.location).toMatch(/^\/admin\/sign-in\?next=/);
    }
    await signedIn();
    const all = await client.get('/admin/audit');
    expect(all.statusCode).toBe(200);
    expect(titleOf(all.body)).toMatch(/^Audit log – Canvass admin/);
    expect(all.body).toContain('aria-current="page"');
    for (const text of ['Signed in', 'Failed to sign in', 'Wrong password for an admin’s address', 'Created an API token', '‘Reporting team’; reads releases and drafts of live data', 'Released the data', 'Release 1: 235 responses; wave 2017; note: fieldwork closed', 'Downloaded raw responses', '235 responses as XLSX', 'test, on the command line', 'Loaded the built-in survey']) {
      expect(all.body).toContain(text);
    }
    const ofSurvey = await client.get(`/admin/surveys/${survey}/audit`);
    expect(ofSurvey.statusCode).toBe(200);
    expect(ofSurvey.body).toContain('Published a release');
    expect(ofSurvey.body).not.toContain('Signed in');
    expect((await client.get('/admin')).body).toContain(`href="/admin/surveys/${survey}/audit"`);

    for (let i = 0; i < 120; i++) await store.auditLog.record({ actor: adminEmail, action: 'responses.export', surveyId: survey, details: { format: 'csv', responses: i } });
    const count = await store.auditLog.count({ surveyId: survey });
    const pages = Math.ceil(count / 50);
    const first = await client.get(`/admin/surveys/${survey}/audit`);
    expect(first.body.match(/<tr class="govuk-table__row">/g)).toHaveLength(51);
    expect(first.body).toContain(`Entries 1 to 50 of ${count}, newest first`);
    expect(first.body).toContain(`href="/admin/surveys/${survey}/audit?page=2" rel="next"`);
    const last = await client.get(`/admin/surveys/${survey}/audit?page=${pages}`);
    expect(last.statusCode).toBe(200);
    expect(titleOf(last.body)).toContain(`(page ${pages})`);
    expect(last.body.match(/<tr class="govuk-table__row">/g)).toHaveLength(count - (pages - 1) * 50 + 1);
    expect(last.body, 'the oldest entry is on the last page').toContain('Loaded the built-in survey');
    for (const bad of ['?page=0', '?page=two', `?page=${pages + 1}`]) expect((await client.get(`/admin/surveys/${survey}/audit${bad}`)).statusCode, bad).toBe(404);
    expect((await client.get('/admin/surveys/nope/audit')).statusCode).toBe(404);
  });
});
