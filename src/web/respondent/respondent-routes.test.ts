import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, titleOf, WebClient, type FormValues } from '../../../test/support/web-client.js';
import { createInvitation } from '../../operations/invitations.js';
import type { Store } from '../../storage/store.js';

const survey = '/s/digital-gap-2017';
const q = (id: string) => `${survey}/questions/${id}`;

let app: FastifyInstance;
let store: Store;
let close: () => Promise<void>;
let client: WebClient;

beforeEach(async () => {
  ({ app, store, close } = await testApp({ admin: false }));
  client = new WebClient(app);
});
afterEach(() => close());

const webResponses = async () => (await store.responses.list('digital-gap-2017')).filter((r) => r.source === 'web');

/** Answers a question page as a browser would: load it, post the form, and return where it led. */
async function answer(questionId: string, values: FormValues): Promise<string> {
  const page = await client.get(q(questionId));
  expect(page.statusCode, `GET ${questionId}`).toBe(200);
  const response = await client.post(q(questionId), values);
  expect(response.statusCode, `POST ${questionId}: ${response.body.slice(0, 400)}`).toBe(303);
  return response.headers.location as string;
}

async function chooseOrganisation(org = 'kent-county-council'): Promise<string> {
  await client.get(`${survey}/organisation`);
  const response = await client.post(`${survey}/organisation`, { org });
  expect(response.statusCode).toBe(303);
  return response.headers.location as string;
}

/** Everything up to "Check your answers", with strategy = yes so strategy_stage is asked. */
async function answerAll(strategy: 'yes' | 'no' = 'yes'): Promise<void> {
  await chooseOrganisation();
  await answer('role', { role: 'digital-it' });
  await answer('approach', { approach: 'missing-opportunities' });
  const afterStrategy = await answer('strategy', { strategy });
  if (strategy === 'yes') {
    expect(afterStrategy).toBe(q('strategy_stage'));
    await answer('strategy_stage', { strategy_stage: 'under-way' });
  } else expect(afterStrategy).toBe(q('barriers'));
  await answer('barriers', { barriers: ['culture', 'cost'] });
  expect(await answer('gap_confidence', { gap_confidence: 'fairly-confident' })).toBe(q('strategy_achievable'));
  await answer('strategy_achievable', { strategy_achievable: 'agree' });
  await answer('automation_status', { automation_status: 'weighing-up' });
  await answer('automation_uses', { automation_uses: 'customer-services' });
  expect(await answer('comments', { comments: '' })).toBe(`${survey}/check-answers`);
}

describe('the start page', () => {
  it('says what the survey is for, how long it takes and how answers are kept anonymous', async () => {
    const page = await client.get(survey);
    expect(page.statusCode).toBe(200);
    expect(titleOf(page.body)).toBe('Closing the Digital Gap: Digital Transformation in Central and Local Government 2017 – Canvass');
    expect(page.body).toMatch(/It takes about \d+ minutes/);
    expect(page.body).toContain('groups of at least 10 people');
    expect(page.body).toContain('No IP address');
    expect(page.body).toContain(`href="${survey}/organisation"`);
  });

  it('answers an unknown survey with Page not found', async () => {
    const page = await client.get('/s/no-such-survey');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Page not found');
  });
});

describe('choosing the organisation', () => {
  it('shows a select of the register that an autocomplete can enhance', async () => {
    const page = await client.get(`${survey}/organisation`);
    expect(page.body).toContain('<select class="govuk-select" id="org" name="org"');
    expect(page.body).toContain('data-canvass-autocomplete');
    expect(page.body).toContain('<option value="kent-county-council">Kent County Council</option>');
    expect(page.body).toContain('/assets/accessible-autocomplete/accessible-autocomplete.min.js');
  });

  it('shows the error summary and an inline error when none is chosen', async () => {
    await client.get(`${survey}/organisation`);
    const page = await client.post(`${survey}/organisation`, { org: '' });
    expect(page.statusCode).toBe(400);
    expect(titleOf(page.body)).toMatch(/^Error: Which organisation do you work for\?/);
    expect(page.body).toContain('<a href="#org">Select the organisation you work for</a>');
    expect(page.body).toContain('govuk-error-message');
  });

  it('starts a draft in a cookie for the survey’s pages only, and goes to the first question', async () => {
    await client.get(`${survey}/organisation`);
    const response = await client.post(`${survey}/organisation`, { org: 'kent-county-council' });
    expect(response.headers.location).toBe(q('role'));
    const cookie = response.cookies.find((c) => c.name === 'canvass_draft');
    expect(cookie).toMatchObject({ path: survey, httpOnly: true, sameSite: 'Lax' });
    expect(cookie?.secure).toBeFalsy();
  });
});

describe('question pages', () => {
  beforeEach(() => chooseOrganisation());

  it('show one question as the page heading, with Back to the organisation page', async () => {
    const page = await client.get(q('role'));
    expect(page.body).toContain('<h1 class="govuk-fieldset__heading">');
    expect(page.body).toContain('Which best describes your role?');
    expect(page.body).toContain(`href="${survey}/organisation" class="govuk-back-link"`);
    expect(page.body).toContain('Save and come back later');
  });

  it('give a GOV.UK error message built from the question when nothing is chosen', async () => {
    await client.get(q('role'));
    const page = await client.post(q('role'), {});
    expect(page.statusCode).toBe(400);
    expect(titleOf(page.body)).toMatch(/^Error: /);
    expect(page.body).toContain('<a href="#role">Select which best describes your role</a>');
  });

  it('refuses an exclusive option combined with others, keeping what was ticked', async () => {
    await answer('role', { role: 'other' });
    await answer('approach', { approach: 'dont-know' });
    await answer('strategy', { strategy: 'no' });
    await client.get(q('barriers'));
    const page = await client.post(q('barriers'), { barriers: ['culture', 'none'] });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Select ‘None of these’ or one or more of the other answers, not both');
    expect(page.body).toMatch(/value="culture" checked/);
  });

  it('send someone who jumps ahead back to where they left off', async () => {
    const page = await client.get(q('comments'));
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toBe(q('role'));
  });

  it('link Back through the answers, not browser history, skipping hidden questions', async () => {
    await answer('role', { role: 'other' });
    await answer('approach', { approach: 'dont-know' });
    await answer('strategy', { strategy: 'no' });
    expect((await client.get(q('barriers'))).body).toContain(`href="${q('strategy')}" class="govuk-back-link"`);
  });
});

describe('conditions', () => {
  it('ask strategy_stage only after strategy = yes, and discard its answer when strategy changes to no', async () => {
    await answerAll('yes');
    let check = await client.get(`${survey}/check-answers`);
    expect(check.body).toContain('Implementation is well under way');
    const next = await client.get(q('strategy') + '?change=1');
    expect(next.body).toContain('name="_mode" value="change"');
    const changed = await client.post(q('strategy'), { strategy: 'no', _mode: 'change' });
    expect(changed.headers.location).toBe(`${survey}/check-answers`);
    check = await client.get(`${survey}/check-answers`);
    expect(check.body).not.toContain('How far has your organisation got');
    await client.post(`${survey}/check-answers`);
    const [stored] = await webResponses();
    expect(stored?.answers).not.toHaveProperty('strategy_stage');
    expect(stored?.answers.strategy).toBe('no');
  });

  it('after a change that reveals a question, ask it before going back to check answers', async () => {
    await answerAll('no');
    await client.get(q('strategy') + '?change=1');
    const changed = await client.post(q('strategy'), { strategy: 'yes', _mode: 'change' });
    expect(changed.headers.location).toBe(q('strategy_stage'));
    expect((await client.get(`${survey}/check-answers`)).headers.location).toBe(q('strategy_stage'));
  });
});

describe('check answers and sending', () => {
  it('lists every answer with a change link, then stores one response and confirms with a reference', async () => {
    await answerAll('yes');
    const check = await client.get(`${survey}/check-answers`);
    expect(check.body).toContain('Check your answers before sending them');
    expect(check.body).toContain(`href="${q('barriers')}?change=1"`);
    expect(check.body).toMatch(/Cultural resistance to change\nInitial cost of transformation/);
    const sent = await client.post(`${survey}/check-answers`);
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`${survey}/confirmation`);
    const confirmation = await client.follow(sent);
    expect(confirmation.body).toMatch(/Your reference is [0-9A-F]{4}-[0-9A-F]{4}/);
    const responses = await webResponses();
    expect(responses).toHaveLength(1);
    expect(responses[0]?.answers).toEqual({
      role: 'digital-it',
      approach: 'missing-opportunities',
      strategy: 'yes',
      strategy_stage: 'under-way',
      barriers: ['culture', 'cost'],
      gap_confidence: 'fairly-confident',
      strategy_achievable: 'agree',
      automation_status: 'weighing-up',
      automation_uses: ['customer-services'],
    });
    expect(confirmation.body).toContain(responses[0]!.id.slice(0, 4).toUpperCase());
  });

  it('stores one response for a double click on Send', async () => {
    await answerAll();
    await client.get(`${survey}/check-answers`);
    const sends = await Promise.all([client.post(`${survey}/check-answers`), client.post(`${survey}/check-answers`)]);
    expect(sends.map((s) => [s.statusCode, s.headers.location])).toEqual([
      [303, `${survey}/confirmation`],
      [303, `${survey}/confirmation`],
    ]);
    expect(await webResponses()).toHaveLength(1);
  });

  it('stores nothing more when the final post is replayed or the confirmation refreshed', async () => {
    await answerAll();
    await client.get(`${survey}/check-answers`);
    const token = client.csrfToken();
    await client.post(`${survey}/check-answers`);
    const replay = await client.request({ method: 'POST', url: `${survey}/check-answers`, payload: `_csrf=${encodeURIComponent(token)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(replay.headers.location).toBe(`${survey}/confirmation`);
    expect((await client.get(`${survey}/confirmation`)).statusCode).toBe(200);
    expect(await webResponses()).toHaveLength(1);
  });

  it('refuses a post without the CSRF token and saves nothing', async () => {
    await chooseOrganisation();
    await client.get(q('role'));
    const refused = await client.post(q('role'), { role: 'other' }, { csrf: false });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('could not be saved');
    const forged = await client.post(q('role'), { role: 'other', _csrf: 'forged-token' }, { csrf: false });
    expect(forged.statusCode).toBe(403);
    expect((await client.get(q('approach'))).headers.location).toBe(q('role'));
  });

  it('shows a written answer’s markup as text, never as HTML', async () => {
    await answerAll();
    await client.get(q('comments') + '?change=1');
    await client.post(q('comments'), { comments: '<script>alert(1)</script>', _mode: 'change' });
    const check = await client.get(`${survey}/check-answers`);
    expect(check.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(check.body).not.toContain('<script>alert(1)');
  });

  it('stores no IP address or browser detail with the response', async () => {
    await answerAll();
    await client.get(`${survey}/check-answers`);
    await client.post(`${survey}/check-answers`, {}, { headers: { 'user-agent': 'Agent/1.0 (fingerprint)', 'x-forwarded-for': '203.0.113.7' } });
    const rows = await store.db.selectFrom('responses').selectAll().where('source', '=', 'web').execute();
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!).sort()).toEqual(['answers', 'definition_version', 'erased_at', 'fingerprint', 'id', 'idempotency_client', 'idempotency_key', 'org_id', 'request_hash', 'source', 'submitted_at', 'survey_id', 'wave', 'withdrawn_at', 'withdrawn_by', 'withdrawn_reason']);
    expect(rows[0]).toMatchObject({ idempotency_client: 'web', idempotency_key: expect.stringMatching(/^web-draft:/), request_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The values: the fingerprint column is the answers' hash (see responseFingerprint), not the browser's.
    expect(JSON.stringify(Object.values(rows[0]!))).not.toMatch(/127\.0\.0\.1|203\.0\.113\.7|fingerprint|Agent/);
  });
});

describe('save and return', () => {
  it('gives a resume link that brings back every saved answer in another browser', async () => {
    await chooseOrganisation();
    await answer('role', { role: 'senior-leader' });
    await client.get(q('approach'));
    const save = await client.post(q('approach'), { approach: 'fully-embracing', _action: 'save' });
    expect(save.headers.location).toBe(`${survey}/saved`);
    const saved = await client.get(`${survey}/saved`);
    const link = /data-resume-link[^>]*>\s*([^<\s]+)/.exec(saved.body)?.[1];
    expect(link).toMatch(new RegExp(`^http://localhost(:\\d+)?${survey}/resume/[A-Za-z0-9_-]{43}$`));
    expect(saved.body).toMatch(/until \d{1,2} \w+ \d{4}/);

    const elsewhere = new WebClient(app);
    const resumed = await elsewhere.get(new URL(link!).pathname);
    expect(resumed.statusCode).toBe(302);
    expect(resumed.headers.location).toBe(q('strategy'));
    expect(resumed.headers['cache-control']).toBe('no-store');
    const approach = await elsewhere.get(q('approach'));
    expect(approach.body).toMatch(/value="fully-embracing" checked/);
  });

  it('moves the draft to another browser that opens the resume link: the link and the first browser no longer open it', async () => {
    await chooseOrganisation();
    await answer('role', { role: 'senior-leader' });
    await client.get(q('approach'));
    await client.post(q('approach'), { approach: 'fully-embracing', _action: 'save' });
    const link = new URL(/data-resume-link[^>]*>\s*([^<\s]+)/.exec((await client.get(`${survey}/saved`)).body)![1]!).pathname;

    // Someone the link was sent to opens it and answers more.
    const other = new WebClient(app);
    expect((await other.get(link)).headers.location).toBe(q('strategy'));
    expect(other.cookies.get('canvass_draft')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link).not.toContain(other.cookies.get('canvass_draft'));
    await other.get(q('strategy'));
    expect((await other.post(q('strategy'), { strategy: 'yes' })).statusCode).toBe(303);

    // The browser that saved the draft no longer has it, so it cannot read what was answered since.
    const mine = await client.get(q('strategy'));
    expect(mine.statusCode).toBe(302);
    expect(mine.headers.location).toBe(survey);
    expect((await client.get(survey)).body).not.toContain('Continue with your saved answers');
    // Nor does the link open it again, anywhere.
    for (const browser of [client, new WebClient(app)]) {
      const again = await browser.get(link);
      expect(again.statusCode).toBe(404);
      expect(again.body).toContain('This link has expired');
    }
    // The draft's new holder gets a link of its own, which the old one is not.
    const newLink = new URL(/data-resume-link[^>]*>\s*([^<\s]+)/.exec((await other.get(`${survey}/saved`)).body)![1]!).pathname;
    expect(newLink).not.toBe(link);
    expect((await other.get(q('strategy'))).body).toMatch(/value="yes" checked/);
    const rows = await store.db.selectFrom('drafts').select('token_hash').execute();
    expect(JSON.stringify(rows)).not.toContain(newLink.split('/').at(-1));
  });

  it('keeps the resume link working in the browser that holds the draft', async () => {
    await chooseOrganisation();
    await answer('role', { role: 'senior-leader' });
    const link = new URL(/data-resume-link[^>]*>\s*([^<\s]+)/.exec((await client.get(`${survey}/saved`)).body)![1]!).pathname;
    for (let i = 0; i < 2; i++) expect((await client.get(link)).headers.location).toBe(q('approach'));
    expect(link.endsWith(client.cookies.get('canvass_draft')!)).toBe(true);
  });

  it('says a resume link has expired when it is not one', async () => {
    const page = await client.get(`${survey}/resume/not-a-real-token`);
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('This link has expired');
  });

  it('offers to continue saved answers from the start page', async () => {
    await chooseOrganisation();
    await answer('role', { role: 'other' });
    const start = await client.get(survey);
    expect(start.body).toContain('Continue with your saved answers');
    expect(start.body).toContain(`href="${q('approach')}"`);
    expect(start.body).not.toContain('Start now');
  });
});

describe('invitations', () => {
  it('can be opened any number of times without being used up; only sending uses it', async () => {
    const { token, invitation } = await createInvitation(store, { surveyId: 'digital-gap-2017', orgId: 'leeds-city-council', singleUse: true, actor: 'cli:test' });
    for (let i = 0; i < 3; i++) {
      const page = await client.get(`/i/${token}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('as someone who works at Leeds City Council');
    }
    expect((await store.invitations.get(invitation.id))?.uses).toBe(0);
    const started = await client.post(`/i/${token}`);
    expect(started.headers.location).toBe(q('role'));
    expect((await store.invitations.get(invitation.id))?.uses).toBe(0);
    expect((await client.get(`${survey}/organisation`)).headers.location).toBe(q('role'));
  });

  it('fix the organisation, and a single-use link is used up by the response it sends', async () => {
    const { token, invitation } = await createInvitation(store, { surveyId: 'digital-gap-2017', orgId: 'leeds-city-council', singleUse: true, actor: 'cli:test' });
    await client.get(`/i/${token}`);
    await client.post(`/i/${token}`);
    await answer('role', { role: 'other' });
    await answer('approach', { approach: 'dont-know' });
    await answer('strategy', { strategy: 'no' });
    await answer('barriers', { barriers: 'none' });
    await answer('gap_confidence', { gap_confidence: 'neutral' });
    await answer('strategy_achievable', { strategy_achievable: 'neither' });
    await answer('automation_status', { automation_status: 'not-considered' });
    await answer('automation_uses', { automation_uses: 'dont-know' });
    await answer('comments', { comments: '' });
    const check = await client.get(`${survey}/check-answers`);
    expect(check.body).toContain('Leeds City Council');
    expect(check.body).not.toContain(`${survey}/organisation?change=1`);
    expect((await client.post(`${survey}/check-answers`)).headers.location).toBe(`${survey}/confirmation`);
    expect((await webResponses())[0]?.org).toBe('leeds-city-council');
    expect((await store.invitations.get(invitation.id))?.uses).toBe(1);
    const reopened = await new WebClient(app).get(`/i/${token}`);
    expect(reopened.statusCode).toBe(410);
    expect(reopened.body).toContain('already been used');
  });

  it('say an unknown link is not valid', async () => {
    const page = await client.get('/i/nonsense');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('This invitation link is not valid');
  });

  it('are the only way into a survey that is not open to everyone', async () => {
    const definition = (await store.surveys.get('digital-gap-2017'))!;
    await store.surveys.save({ ...definition, submissions: { open: false } });
    const start = await client.get(survey);
    expect(start.body).toContain('This survey is by invitation only');
    expect(start.body).not.toContain('Start now');
    expect((await client.get(`${survey}/organisation`)).headers.location).toBe(survey);
  });
});
