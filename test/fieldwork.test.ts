import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../src/storage/open-database.js';
import { createStore, type Store } from '../src/storage/store.js';
import { buildWebApp } from '../src/web/app.js';
import { runCapture } from './support/cli-capture.js';
import { notifyApiKey, startNotifyServer, startSmtpServer, type ReceivedEmail } from './support/mail-servers.js';
import { miniDefinition } from './support/mini-survey.js';
import { dialects, freshDatabase, postgresAvailable, type TestDatabase } from './support/test-databases.js';
import { ensureFirstAdmin } from '../src/operations/admin-accounts.js';
import { openInvitation } from '../src/operations/draft-invitation-seal.js';
import { sendLeadSignInLinks } from '../src/operations/fieldwork/lead-access.js';
import { textOf } from './support/html-text.js';
import { adminEmail, adminPassword, signInAsAdmin, WebClient } from './support/web-client.js';

const publicUrl = 'https://survey.example.org';
const register = 'id,name,type,nation,region,parent,headcount\norg-a,Org A,london-borough,England,London,,40\norg-b,Org B,welsh-council,Wales,Wales,,50\norg-c,Org C,county-council,England,South East,,\n';
/** 3 organisations × 4 respondents, and a lead for one of them (leads get no invitation). */
const contactsCsv = ['org,email,name,role,language', ...['a', 'b', 'c'].flatMap((o) => [1, 2, 3, 4].map((n) => `org-${o},person${n}@org-${o}.example,Person ${o.toUpperCase()}${n},respondent,`)), 'org-a,lead@org-a.example,Lee Lead,lead,'].join('\n');
/** Waits (up to 5 s) for something sent in the background, such as an email, to arrive. */
async function arrived<T>(find: () => T | undefined): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('it never arrived');
}

/** The cells' text of each body row of the page's tables, in order. */
const tableRows = (html: string) => [...html.matchAll(/<tbody[^>]*>([\s\S]*?)<\/tbody>/g)].flatMap((body) => [...body[1]!.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => textOf(cell[1]!).trim())));
const linkPattern = /https:\/\/survey\.example\.org\/i\/[A-Za-z0-9_-]+/g;

describe.each(dialects)('fieldwork end to end on %s', (dialect) => {
  let db: TestDatabase;
  let dir: string;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let env: NodeJS.ProcessEnv;

  const file = (name: string, text: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const cli = (...args: string[]) => runCapture([...args, '--db', db.url], env);

  beforeEach(async (context) => {
    if (dialect === 'postgres' && !(await postgresAvailable())) context.skip();
    db = await freshDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), 'canvass-fieldwork-'));
    smtp = await startSmtpServer({ refuse: ['refused@org-c.example'] });
    env = { CANVASS_SMTP_URL: smtp.url, CANVASS_MAIL_FROM: 'Survey team <survey@example.org>', CANVASS_PUBLIC_URL: publicUrl, CANVASS_MAIL_RATE: '200' };
    expect((await cli('survey', 'import', file('mini.yaml', miniDefinition()))).code).toBe(0);
    expect((await cli('orgs', 'import', file('orgs.csv', register))).code).toBe(0);
  });
  afterEach(async () => {
    await smtp?.close();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The web app over the same database, for responding through links as a browser without JavaScript does. */
  async function withWeb<T>(work: (app: FastifyInstance, store: Store, database: OpenDatabase) => Promise<T>): Promise<T> {
    const database = await openDatabase(db.url);
    const store = createStore(database.db);
    const app = await buildWebApp({ store, env });
    try {
      return await work(app, store, database);
    } finally {
      await app.close();
      await database.close();
    }
  }

  async function respond(app: FastifyInstance, link: string): Promise<void> {
    const client = new WebClient(app);
    const path = new URL(link).pathname;
    expect((await client.get(path)).statusCode).toBe(200);
    let page = await client.follow(await client.post(path));
    expect(page.statusCode).toBe(200);
    page = await client.follow(await client.post('/s/mini/questions/colour', { colour: 'red' }));
    page = await client.follow(await client.post('/s/mini/questions/tools', { tools: 'email' }));
    page = await client.follow(await client.post('/s/mini/questions/note', { note: '' }));
    expect(page.statusCode).toBe(200);
    const sent = await client.post('/s/mini/check-answers');
    expect(sent.headers.location).toBe('/s/mini/confirmation');
  }

  const linksIn = (emails: ReceivedEmail[]) => emails.map((e) => e.text.match(linkPattern)?.[0]);

  it('invites 12 contacts with 12 distinct links, reminds only the 7 who have not responded, and a second run sends nothing', async () => {
    const imported = await cli('contacts', 'import', 'mini', file('contacts.csv', contactsCsv));
    expect(imported).toMatchObject({ code: 0, out: expect.stringContaining('Added 12 respondents (each with a personal link) and 1 lead') });

    const dry = await cli('invitations', 'send', 'mini', '--dry-run');
    expect(dry.out).toContain('Dry run: would send 12 invitations; nothing was sent');
    expect(dry.out).toMatch(/Subject: Take part in Mini survey/);
    expect(smtp.received).toHaveLength(0);

    const invited = await cli('invitations', 'send', 'mini');
    expect(invited).toMatchObject({ code: 0, out: 'Sent 12 invitations through smtp\n' });
    expect(smtp.received).toHaveLength(12);
    const invitations = [...smtp.received];
    const links = linksIn(invitations);
    expect(new Set(links).size).toBe(12);
    expect(links.every((l) => l !== undefined)).toBe(true);
    expect(invitations.map((e) => e.to[0]).sort()).toEqual(contactsCsv.split('\n').slice(1, 13).map((l) => l.split(',')[1]).sort());
    const toB2 = invitations.find((e) => e.to[0] === 'person2@org-b.example')!;
    expect(toB2).toMatchObject({ from: 'survey@example.org', subject: 'Take part in Mini survey' });
    expect(toB2.text).toContain('Dear Person B2,');
    expect(toB2.text).toContain('for Org B.');
    expect(toB2.text).not.toContain('((');

    // Each link is bound to its contact's organisation.
    const responders = ['person1@org-a.example', 'person2@org-a.example', 'person3@org-a.example', 'person1@org-b.example', 'person4@org-c.example'];
    await withWeb(async (app, store) => {
      for (const email of responders) await respond(app, invitations.find((e) => e.to[0] === email)!.text.match(linkPattern)![0]);
      const responses = await store.responses.list('mini');
      expect(responses.map((r) => r.org).sort()).toEqual(['org-a', 'org-a', 'org-a', 'org-b', 'org-c']);
      // A used link says so, and cannot send a second response.
      const used = await new WebClient(app).get(new URL(invitations.find((e) => e.to[0] === responders[0])!.text.match(linkPattern)![0]).pathname);
      expect(used.statusCode).toBe(410);
    });

    expect(await cli('invitations', 'send', 'mini')).toMatchObject({ code: 0, out: 'Sent 0 invitations through smtp (nobody was due one)\n' });
    expect(smtp.received).toHaveLength(12);

    const reminded = await cli('invitations', 'send', 'mini', '--reminder');
    expect(reminded).toMatchObject({ code: 0, out: 'Sent 7 reminders through smtp\n' });
    const reminders = smtp.received.slice(12);
    expect(reminders).toHaveLength(7);
    expect(reminders.filter((e) => responders.includes(e.to[0]!))).toEqual([]);
    expect(reminders[0]!.subject).toBe('Reminder: take part in Mini survey');
    // A reminder carries the same personal link as the invitation.
    for (const reminder of reminders) expect(linksIn([reminder])[0]).toBe(linksIn(invitations.filter((e) => e.to[0] === reminder.to[0]))[0]);

    expect(await cli('invitations', 'send', 'mini', '--reminder')).toMatchObject({ code: 0, out: 'Sent 0 reminders through smtp (nobody was due one)\n' });
    expect(await cli('invitations', 'send', 'mini')).toMatchObject({ code: 0 });
    expect(smtp.received).toHaveLength(19);

    const listed = JSON.parse((await cli('contacts', 'list', 'mini', '--json')).out) as Array<{ email: string; status: string; reminders: number; linkUsed: boolean | null }>;
    expect(listed).toHaveLength(13);
    expect(listed.filter((c) => c.status === 'Link used').map((c) => c.email).sort()).toEqual([...responders].sort());
    expect(listed.filter((c) => c.reminders === 1)).toHaveLength(7);
    expect(listed.find((c) => c.email === 'lead@org-a.example')).toMatchObject({ status: 'Not sent', linkUsed: null });

    // The admin's dashboard and its CSV: 5 of 12, and each organisation's rate (org C's headcount is not known).
    await withWeb(async (app, store) => {
      await ensureFirstAdmin(store, { CANVASS_ADMIN_EMAIL: adminEmail, CANVASS_ADMIN_PASSWORD: adminPassword });
      const admin = new WebClient(app);
      expect((await admin.get('/admin/surveys/mini/fieldwork')).statusCode).toBe(303);
      await signInAsAdmin(admin);
      const dashboard = await admin.get('/admin/surveys/mini/fieldwork');
      expect(dashboard.statusCode).toBe(200);
      expect(dashboard.headers['cache-control']).toBe('no-store');
      const text = textOf(dashboard.body);
      expect(text).toContain('Responded through their own link 5 of 12 invited (42%)');
      const row = (name: string) => tableRows(dashboard.body).find((cells) => cells[0] === name);
      // Organisation, group (the register's type), headcount, invited, opened, responded, % of invited, all responses, % of headcount, last reminded.
      expect(row('Org A')).toEqual(['Org A', 'london-borough', '40', '4', '3', '3', '75%', '3', '8%', expect.stringMatching(/ UTC$/)]);
      expect(row('Org B')).toEqual(['Org B', 'welsh-council', '50', '4', '1', '1', '25%', '1', '2%', expect.stringMatching(/ UTC$/)]);
      expect(row('Org C')).toEqual(['Org C', 'county-council', 'Not known', '4', '1', '1', '25%', '1', '–', expect.stringMatching(/ UTC$/)]);
      // Sorted by the rate among the invited, highest first: the header says so, and the order follows.
      const sorted = await admin.get('/admin/surveys/mini/fieldwork?sort=invitedRate&order=descending');
      expect(sorted.body).toMatch(/<th scope="col" class="govuk-table__header govuk-table__header--numeric" aria-sort="descending"><a class="govuk-link canvass-sort-link" href="[^"]*sort=invitedRate&amp;order=ascending/);
      expect(tableRows(sorted.body).slice(0, 3).map((cells) => cells[0])).toEqual(['Org A', 'Org B', 'Org C']);
      const byHeadcount = await admin.get('/admin/surveys/mini/fieldwork?sort=headcount&order=descending');
      expect(tableRows(byHeadcount.body).slice(0, 3).map((cells) => cells[0])).toEqual(['Org B', 'Org A', 'Org C']);
      // Nobody is named: no contact's address or name is on the page.
      expect(dashboard.body).not.toMatch(/person\d@|Person [ABC]\d/);

      const csv = await admin.get('/admin/surveys/mini/fieldwork/fieldwork.csv');
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-disposition']).toBe('attachment; filename="mini-fieldwork.csv"');
      const lines = csv.body.trim().split('\n');
      expect(lines[0]).toBe('level,org_id,organisation,peer_group,peer_group_label,organisations,headcount,respondent_contacts,invited,opened,responded,responded_percent_of_invited,responses,responses_percent_of_headcount,last_reminded_at');
      expect(lines.find((l) => l.startsWith('organisation,org-a,'))).toMatch(/^organisation,org-a,Org A,london-borough,london-borough,1,40,4,4,3,3,75,3,7\.5,\d{4}-/);
      expect(lines.find((l) => l.startsWith('organisation,org-c,'))).toMatch(/^organisation,org-c,Org C,county-council,county-council,1,,4,4,1,1,25,1,,\d{4}-/);
      expect(lines.find((l) => l.startsWith('all,'))).toMatch(/^all,,,,,3,90,12,12,5,5,41\.66666666666\d*,5,4\.444444444444\d*,\d{4}-/);
      expect(lines.filter((l) => l.startsWith('peer group,'))).toHaveLength(3);
    });
  });

  it('lets a lead sign in from the emailed link, once, and see only their organisation: its count and rate, never answers', async () => {
    await cli('contacts', 'import', 'mini', file('contacts.csv', `${contactsCsv}\norg-b,lead@org-b.example,Bea Lead,lead,`));
    await cli('invitations', 'send', 'mini');
    const invitations = [...smtp.received];
    await withWeb(async (app, store) => {
      for (const email of ['person1@org-a.example', 'person2@org-a.example', 'person1@org-b.example']) await respond(app, invitations.find((e) => e.to[0] === email)!.text.match(linkPattern)![0]);
      const client = new WebClient(app);
      expect((await client.get('/lead/surveys/mini/organisations/org-a')).headers.location).toBe('/lead/sign-in');
      await client.get('/lead/sign-in');
      // The same answer whether or not the address is a lead's (a respondent's address is not).
      const unknown = await client.post('/lead/sign-in', { email: 'person3@org-a.example' });
      const known = await client.post('/lead/sign-in', { email: ' Lead@Org-A.example ' });
      expect(known.statusCode).toBe(200);
      expect(textOf(known.body)).toBe(textOf(unknown.body).replace(/value="[^"]*"/g, ''));
      expect(textOf(known.body)).toContain('If this address is an organisation lead’s, we have sent it a link to sign in.');
      const signInEmail = await arrived(() => smtp.received.find((e) => e.to[0] === 'lead@org-a.example'));
      expect(signInEmail.subject).toBe('Sign in to follow Mini survey');
      expect(signInEmail.text).toContain('Dear Lee Lead,');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(smtp.received.slice(12).map((e) => e.to[0])).toEqual(['lead@org-a.example']);
      const link = signInEmail.text.match(/https:\/\/survey\.example\.org\/lead\/sign-in\/([A-Za-z0-9_-]+)/)!;
      // Only the link's hash is stored.
      const stored = await store.db.selectFrom('lead_sign_in_tokens').selectAll().execute();
      expect(JSON.stringify(stored)).not.toContain(link[1]);
      expect(stored.map((t) => t.token_hash)).toEqual([createHash('sha256').update(link[1]!).digest('hex')]);

      // Opening the link uses nothing up (a mail scanner may open it); its button signs in.
      const path = new URL(link[0]).pathname;
      expect((await client.get(path)).statusCode).toBe(200);
      expect((await client.get(path)).statusCode).toBe(200);
      const signedIn = await client.post(path);
      expect(signedIn.statusCode).toBe(303);
      expect(signedIn.headers.location).toBe('/lead/surveys/mini/organisations/org-a');
      const cookie = String(signedIn.headers['set-cookie']);
      expect(cookie).toMatch(/canvass_lead=[^;]+; Path=\/lead; Expires=[^;]+; HttpOnly; SameSite=Lax/);
      expect(cookie).not.toContain('Secure');
      const own = await client.follow(signedIn);
      expect(own.statusCode).toBe(200);
      const text = textOf(own.body);
      expect(text).toContain('Org A');
      expect(text).toContain('Responses 2');
      expect(text).toContain('Response rate 5% of staff');
      expect(text).toContain('Invited by email 4, of whom 2 responded through their link (50%)');
      expect(text).not.toMatch(/Org B|Org C|Red|Favourite colour|person\d/);
      expect(text).not.toContain('All organisations');
      // Works once.
      const again = new WebClient(app);
      await again.get('/lead/sign-in');
      expect((await again.get(path)).statusCode).toBe(410);
      expect((await again.post(path, {}, { csrf: false })).statusCode).toBe(403);
      // Every other organisation's page, and the same organisation in another survey, is not found.
      for (const other of ['/lead/surveys/mini/organisations/org-b', '/lead/surveys/mini/organisations/org-c', '/lead/surveys/other/organisations/org-a', '/lead/surveys/mini/organisations/org-a%00']) {
        expect((await client.get(other)).statusCode, other).toBe(404);
      }

      // An expired link is refused.
      let expired = '';
      await sendLeadSignInLinks(store, 'lead@org-b.example', { baseUrl: publicUrl, now: new Date(Date.now() - 31 * 60_000), send: async (email) => void (expired = email.body) });
      const expiredPath = new URL(expired.match(/https:\S+/)![0]).pathname;
      expect((await client.get(expiredPath)).statusCode).toBe(410);

      // With a league table, the lead sees every organisation's count and rate, still no answers.
      expect((await cli('survey', 'import', file('league.yaml', `${miniDefinition()}leads: { leagueTable: true }\n`))).code).toBe(0);
      const league = textOf((await client.get('/lead/surveys/mini/organisations/org-a')).body);
      expect(league).toContain('All organisations');
      expect(league).toMatch(/Org A \(yours\) 2 5% 50%/);
      expect(league).toMatch(/Org B 1 2% 25%/);
      expect(league).not.toMatch(/Red|person\d/);

      // Signing out ends the session: the old cookie opens nothing.
      const cookieBefore = client.cookies.get('canvass_lead')!;
      await client.get('/lead/sign-out');
      const out = await client.post('/lead/sign-out');
      expect(out.headers.location).toBe('/lead/sign-in?signedOut=1');
      expect(client.cookies.has('canvass_lead')).toBe(false);
      const replayed = await app.inject({ method: 'GET', url: '/lead/surveys/mini/organisations/org-a', headers: { cookie: `canvass_lead=${cookieBefore}` } });
      expect(replayed.headers.location).toBe('/lead/sign-in');

      // The survey team can email leads their links from the command line: one within 72 hours.
      expect(await cli('leads', 'send', 'mini', '--org', 'org-b')).toMatchObject({ code: 0, out: 'Sent 1 sign-in link through smtp\n' });
      const toBea = smtp.received.at(-1)!;
      expect(toBea).toMatchObject({ to: ['lead@org-b.example'], subject: 'Sign in to follow Mini survey' });
      expect(toBea.text).toContain('The link works once, for 72 hours.');
      const beaPath = new URL(toBea.text.match(/https:\/\/survey\.example\.org\/lead\/sign-in\/[A-Za-z0-9_-]+/)![0]).pathname;
      const bea = new WebClient(app);
      await bea.get(beaPath);
      expect((await bea.post(beaPath)).headers.location).toBe('/lead/surveys/mini/organisations/org-b');
      expect(await cli('leads', 'send', 'mini')).toMatchObject({ code: 0, out: 'Sent 2 sign-in links through smtp\n' });
      expect(await cli('leads', 'send', 'mini', '--org', 'org-x')).toMatchObject({ code: 1, err: expect.stringContaining("There is no organisation 'org-x'") });
    });
  });

  it('keeps nothing that joins an answer to a contact: no column of responses names an invitation or contact, and a draft holds its invitation only sealed with its own token', async () => {
    await cli('contacts', 'import', 'mini', file('contacts.csv', contactsCsv));
    await cli('invitations', 'send', 'mini');
    const link = smtp.received[0]!.text.match(linkPattern)![0];
    const unsent = smtp.received[1]!.text.match(linkPattern)![0];
    await withWeb(async (app, store, database) => {
      await respond(app, link);
      // Another contact's answers saved but not yet sent: a draft in progress from their link.
      const saving = new WebClient(app);
      await saving.get(new URL(unsent).pathname);
      await saving.follow(await saving.post(new URL(unsent).pathname));
      expect((await saving.post('/s/mini/questions/colour', { colour: 'blue' })).statusCode).toBe(303);
      const columns = async (table: string) =>
        dialect === 'sqlite'
          ? (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(database.db)).rows.map((r) => r.name)
          : (await sql<{ name: string }>`select column_name as name from information_schema.columns where table_name = ${table} and table_schema = current_schema()`.execute(database.db)).rows.map((r) => r.name);
      expect((await columns('responses')).filter((c) => /invitation|contact/.test(c))).toEqual([]);
      expect((await columns('contacts')).filter((c) => /response|draft|answer/.test(c))).toEqual([]);
      expect((await columns('invitations')).filter((c) => /response|draft|answer|used_at|opened_at/.test(c))).toEqual([]);
      expect((await columns('drafts')).filter((c) => /invitation|contact/.test(c))).toEqual(['invitation_sealed']);
      // The sent draft keeps nothing of its invitation; the one in progress only a sealed value that
      // holds no stored id, token or hash, and opens only with the draft's own token (the respondent's cookie).
      const drafts = await store.db.selectFrom('drafts').selectAll().execute();
      expect(drafts.map((d) => [d.response_id === null, d.invitation_sealed === null]).sort()).toEqual([[false, true], [true, false]]);
      const stored = JSON.stringify(drafts);
      for (const invitation of await store.db.selectFrom('invitations').selectAll().execute()) {
        for (const value of [invitation.id, invitation.token_hash, invitation.link_token]) if (value) expect(stored).not.toContain(value);
      }
      for (const contact of await store.db.selectFrom('contacts').selectAll().execute()) expect(stored).not.toContain(contact.id);
      const inProgress = drafts.find((d) => d.response_id === null)!;
      const unsentInvitation = (await store.contacts.list('mini')).find((c) => c.linkToken === new URL(unsent).pathname.slice(3))!.invitationId!;
      expect(openInvitation(saving.cookies.get('canvass_draft')!, inProgress.invitation_sealed!)).toBe(unsentInvitation);
      expect(() => openInvitation(inProgress.token_hash, inProgress.invitation_sealed!)).toThrow();
      const [response] = await store.responses.list('mini');
      expect(JSON.stringify(await store.db.selectFrom('contacts').selectAll().execute())).not.toContain(response!.id);
      expect(JSON.stringify(await store.db.selectFrom('invitations').selectAll().execute())).not.toContain(response!.id);
      expect(JSON.stringify(await store.db.selectFrom('invitations').selectAll().execute())).not.toContain(response!.submittedAt);
      // The sealed draft still counts against its single-use link when it is sent: the link is then used up.
      await saving.follow(await saving.post('/s/mini/questions/tools', { tools: 'email' }));
      await saving.follow(await saving.post('/s/mini/questions/note', { note: '' }));
      expect((await saving.post('/s/mini/check-answers')).headers.location).toBe('/s/mini/confirmation');
      expect((await new WebClient(app).get(new URL(unsent).pathname)).statusCode).toBe(410);
      expect((await store.db.selectFrom('drafts').select('invitation_sealed').execute()).every((d) => d.invitation_sealed === null)).toBe(true);
    });
  });

  it('sends nothing twice after a run that stopped mid-send, keeps each refusal, and retries only what failed', async () => {
    await cli('contacts', 'import', 'mini', file('contacts.csv', `${contactsCsv}\norg-c,refused@org-c.example,Ray Refused,respondent,`));
    // A run that stopped after recording its intent for one contact, before knowing whether the email went.
    await withWeb(async (_app, store) => {
      const contact = await store.contacts.findByEmail('mini', 'respondent', 'person3@org-b.example');
      expect(await store.contacts.claim(contact!.id, 'invitation')).toBe(true);
    });
    const first = await cli('invitations', 'send', 'mini');
    expect(first.code).toBe(1);
    // 13 respondents: one left mid-send, one refused by the server.
    expect(first.out).toBe('Sent 11 invitations through smtp\n');
    expect(first.err).toContain('Not sent to refused@org-c.example: SMTP 550');
    expect(first.err).toContain('1 contact was left mid-send by a run that stopped');
    expect(smtp.received.map((e) => e.to[0])).not.toContain('person3@org-b.example');
    const listed = JSON.parse((await cli('contacts', 'list', 'mini', '--json')).out) as Array<{ email: string; status: string; failure: string | null }>;
    expect(listed.find((c) => c.email === 'refused@org-c.example')).toMatchObject({ status: expect.stringMatching(/^Failed: SMTP 550/), failure: expect.stringContaining('550') });

    const again = await cli('invitations', 'send', 'mini');
    // Only the refused one is tried again (and refused again); the one left mid-send is not.
    expect(again.out).toBe('Sent 0 invitations through smtp\n');
    expect(again.err).toContain('Not sent to refused@org-c.example');
    expect(smtp.received).toHaveLength(11);
    const retried = await cli('invitations', 'send', 'mini', '--retry-interrupted');
    expect(retried.out).toBe('Sent 1 invitation through smtp\n');
    expect(smtp.received.map((e) => e.to[0]).filter((to) => to === 'person3@org-b.example')).toHaveLength(1);
  });

  it('sends each invitation once when two runs start together', async () => {
    await cli('contacts', 'import', 'mini', file('contacts.csv', contactsCsv));
    const [one, two] = await Promise.all([cli('invitations', 'send', 'mini'), cli('invitations', 'send', 'mini')]);
    expect([one.code, two.code]).toEqual([0, 0]);
    const sent = (result: { out: string }) => Number(/^Sent (\d+) invitation/.exec(result.out)?.[1]);
    expect(sent(one) + sent(two)).toBe(12);
    expect(smtp.received).toHaveLength(12);
    expect(new Set(smtp.received.map((e) => e.to[0])).size).toBe(12);
  });

  it('sends the same invitations through GOV.UK Notify’s client to a server speaking its API', async () => {
    const notify = await startNotifyServer({ refuse: ['person4@org-c.example'] });
    try {
      await cli('contacts', 'import', 'mini', file('contacts.csv', contactsCsv));
      env = { CANVASS_NOTIFY_API_KEY: notifyApiKey, CANVASS_NOTIFY_BASE_URL: notify.url, CANVASS_NOTIFY_INVITATION_TEMPLATE: 'f33517ff-2a88-4f6e-b855-c550268ce08a', CANVASS_NOTIFY_REMINDER_TEMPLATE: 'a4ecfd0e-0000-4000-8000-000000000001', CANVASS_PUBLIC_URL: publicUrl, CANVASS_MAIL_RATE: '200' };
      const sent = await cli('invitations', 'send', 'mini');
      expect(sent.out).toBe('Sent 11 invitations through notify\n');
      expect(sent.err).toContain('Not sent to person4@org-c.example: Notify 400: BadRequestError');
      expect(notify.rejectedTokens).toBe(0);
      expect(notify.requests).toHaveLength(11);
      expect(new Set(notify.requests.map((r) => r.personalisation.link)).size).toBe(11);
      const toA1 = notify.requests.find((r) => r.email_address === 'person1@org-a.example')!;
      expect(toA1).toMatchObject({ template_id: 'f33517ff-2a88-4f6e-b855-c550268ce08a', personalisation: { name: 'Person A1', organisation: 'Org A', survey: 'Mini survey', subject: 'Take part in Mini survey' } });
      expect(toA1.personalisation.link).toMatch(linkPattern);
      expect(toA1.personalisation.body).toContain(toA1.personalisation.link);
      expect(smtp.received).toHaveLength(0);
      // A wrong key is refused by the server, and the run stops with the contact's failure kept.
      env = { ...env, CANVASS_NOTIFY_API_KEY: notifyApiKey.replace(/.$/, '1') };
      const wrongKey = await cli('invitations', 'send', 'mini', '--reminder');
      expect(wrongKey.code).toBe(1);
      expect(wrongKey.err).toContain('GOV.UK Notify did not take the email (403: AuthError');
      expect(notify.rejectedTokens).toBe(1);
    } finally {
      await notify.close();
    }
  });

  it('closes: links, the form and the API say so, and no reminder goes', async () => {
    await cli('contacts', 'import', 'mini', file('contacts.csv', contactsCsv));
    await cli('invitations', 'send', 'mini');
    const link = new URL(smtp.received[0]!.text.match(linkPattern)![0]).pathname;
    expect(await cli('close', 'mini', '--at', '2099-12-31')).toMatchObject({ code: 0, out: "'mini' closes at 00:00 UTC on 1 January 2100\n" });
    await withWeb(async (app) => {
      expect((await new WebClient(app).get(link)).statusCode).toBe(200);
    });
    expect(await cli('close', 'mini', '--at', 'now')).toMatchObject({ code: 0, out: expect.stringMatching(/^'mini' closed at/) });
    await withWeb(async (app) => {
      const client = new WebClient(app);
      const opened = await client.get(link);
      expect(opened.statusCode).toBe(410);
      expect(opened.body).toContain('This survey has closed');
      expect(opened.body).toContain('govuk-heading-l');
      const start = await client.get('/s/mini');
      expect(start.statusCode).toBe(410);
      expect(start.body).toContain('This survey has closed');
      expect((await client.get('/s/mini/questions/colour')).statusCode).toBe(410);
      const api = await app.inject({ method: 'POST', url: '/api/v1/surveys/mini/responses', headers: { 'content-type': 'application/json' }, payload: { org: 'org-a', answers: { colour: 'red', tools: ['email'] } } });
      expect(api.statusCode).toBe(410);
      expect(api.json()).toMatchObject({ error: { code: 'survey.closed', message: expect.stringContaining('takes no more responses') } });
    });
    const reminders = await cli('invitations', 'send', 'mini', '--reminder', '--interval', '0');
    expect(reminders.code).toBe(1);
    expect(reminders.err).toMatch(/closed at .*: no reminders are sent after the closing date/);
    expect(smtp.received).toHaveLength(12);
    // Clearing it opens the survey again.
    expect(await cli('close', 'mini', '--clear')).toMatchObject({ code: 0, out: "'mini' has no closing date\n" });
    expect(await cli('invitations', 'send', 'mini', '--reminder', '--interval', '0')).toMatchObject({ code: 0, out: 'Sent 12 reminders through smtp\n' });
  });
});
