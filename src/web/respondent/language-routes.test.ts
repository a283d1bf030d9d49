import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staffPulseRegister } from '../../../test/support/staff-pulse.js';
import { testApp, titleOf, WebClient } from '../../../test/support/web-client.js';
import { importDefinition } from '../../operations/import-definition.js';
import { importRegister } from '../../operations/import-register.js';
import { setSurveyClosing } from '../../operations/fieldwork/survey-closing.js';
import { createInvitation } from '../../operations/invitations.js';
import type { Store } from '../../storage/store.js';

const survey = '/s/bilingual-survey';
const definition = readFileSync(join(process.cwd(), 'test', 'fixtures', 'bilingual-survey.yaml'), 'utf8');

let app: FastifyInstance;
let store: Store;
let close: () => Promise<void>;
let client: WebClient;

beforeEach(async () => {
  ({ app, store, close } = await testApp({ admin: false }));
  await importRegister(store, staffPulseRegister, 'staff-pulse-register.csv', 'cli:test');
  await importDefinition(store, definition, 'bilingual-survey.yaml', 'cli:test');
  client = new WebClient(app);
});
afterEach(() => close());

const langOf = (html: string) => /<html lang="([^"]*)"/.exec(html)?.[1];

describe('the language of the respondent pages', () => {
  it('is the survey’s default until chosen; ?lang= keeps the choice in a cookie and comes back to the page’s own address', async () => {
    const start = await client.get(survey);
    expect(langOf(start.body)).toBe('en');
    expect(start.body).toContain('href="/s/bilingual-survey?lang=cy" rel="alternate" lang="cy" hreflang="cy"');
    const switched = await client.get(`${survey}?lang=cy`);
    expect(switched.statusCode).toBe(303);
    expect(switched.headers.location).toBe(survey);
    expect(client.cookies.get('canvass_lang')).toBe('cy');
    const welsh = await client.get(survey);
    expect(langOf(welsh.body)).toBe('cy');
    expect(titleOf(welsh.body)).toContain('Arolwg sgiliau digidol');
    expect(welsh.body).toContain('Neidio i’r prif gynnwys');
  });

  it('ignores a language the survey is not given in, and never echoes what ?lang= holds', async () => {
    const hostile = await client.get(`${survey}?lang=${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(hostile.statusCode).toBe(303);
    expect(client.cookies.get('canvass_lang')).toBe('en');
    const page = await client.get(survey);
    expect(langOf(page.body)).toBe('en');
    expect(page.body).not.toContain('<script>alert(1)');
  });

  it('keeps the other parameters of the address when switching', async () => {
    await client.get(`${survey}?lang=cy`);
    await client.get(`${survey}/organisation`);
    const org = await client.post(`${survey}/organisation`, { org: 'pulse-a' });
    expect(org.headers.location).toBe(`${survey}/questions/role`);
    const switched = await client.get(`${survey}/questions/role?change=1&lang=en`);
    expect(switched.headers.location).toBe(`${survey}/questions/role?change=1`);
    const page = await client.get(`${survey}/questions/role?change=1`);
    expect(langOf(page.body)).toBe('en');
    expect(page.body).toContain('Save and return to your answers');
  });

  it('shows no toggle on a survey in one language', async () => {
    const page = await client.get('/s/digital-gap-2017');
    expect(langOf(page.body)).toBe('en');
    expect(page.body).not.toContain('govuk-language-navigation');
  });

  it('comes in an invitation’s address and goes on with the draft it starts', async () => {
    const { token, invitation } = await createInvitation(store, { surveyId: 'bilingual-survey', orgId: 'pulse-a', singleUse: true, actor: 'cli:test' });
    const invited = await client.get(`/i/${token}?lang=cy`);
    expect(invited.statusCode).toBe(200);
    expect(langOf(invited.body)).toBe('cy');
    expect(invited.body).toContain('Rydych wedi cael eich gwahodd i gymryd rhan fel rhywun sy’n gweithio yn Pulse Agency A.');
    expect(invited.body).toContain(`action="/i/${token}?lang=cy"`);
    const started = await client.post(`/i/${token}?lang=cy`);
    expect(started.headers.location).toBe(`${survey}/questions/role`);
    // A browser that forgets the language cookie still gets Welsh: the draft keeps it.
    client.cookies.delete('canvass_lang');
    const question = await client.get(`${survey}/questions/role`);
    expect(langOf(question.body)).toBe('cy');
    expect(question.body).toContain('Yn eich blaen');
    expect((await store.invitations.get(invitation.id))?.uses).toBe(0);
  });

  it('says the survey has closed in the language chosen, or the one an invitation asks for', async () => {
    await client.get(`${survey}?lang=cy`);
    const { token } = await createInvitation(store, { surveyId: 'bilingual-survey', orgId: 'pulse-a', singleUse: true, actor: 'cli:test' });
    await setSurveyClosing(store, 'bilingual-survey', new Date('2026-05-01T16:00:00Z'), 'cli:test');
    const closed = await client.get(survey);
    expect(closed.statusCode).toBe(410);
    expect(langOf(closed.body)).toBe('cy');
    expect(closed.body).toContain('Mae’r arolwg hwn wedi cau');
    expect(closed.body).toContain('Caeodd Arolwg sgiliau digidol am 16:00 UTC ar 1 Mai 2026.');
    const english = await new WebClient(app).get(survey);
    expect(english.body).toContain('Digital skills survey closed at 16:00 UTC on 1 May 2026.');
    const invited = await new WebClient(app).get(`/i/${token}?lang=cy`);
    expect(invited.statusCode).toBe(410);
    expect(invited.body).toContain('Mae’r arolwg hwn wedi cau');
  });

  it('gives a respondent the page-not-found and refused-form pages in the language chosen', async () => {
    await client.get(`${survey}?lang=cy`);
    const missing = await client.get(`${survey}/nothing-here`);
    expect(missing.statusCode).toBe(404);
    expect(langOf(missing.body)).toBe('cy');
    expect(missing.body).toContain('Heb ddod o hyd i’r dudalen');
    await client.get(`${survey}/organisation`);
    const refused = await client.post(`${survey}/organisation`, { org: 'pulse-a', _csrf: 'forged' }, { csrf: false });
    expect(refused.statusCode).toBe(403);
    expect(langOf(refused.body)).toBe('cy');
    expect(refused.body).toContain('Mae’n ddrwg gennym, nid oedd modd cadw eich atebion');
    // A cookie naming a language Canvass has no page texts in gives English.
    client.cookies.set('canvass_lang', 'xx');
    expect((await client.get(`${survey}/nothing-here`)).body).toContain('Page not found');
  });

  it('says a resume link has expired in the language chosen', async () => {
    await client.get(`${survey}?lang=cy`);
    const expired = await client.get(`${survey}/resume/not-a-token`);
    expect(expired.statusCode).toBe(404);
    expect(langOf(expired.body)).toBe('cy');
    expect(expired.body).toContain('Mae’r ddolen hon wedi dod i ben');
  });
});
