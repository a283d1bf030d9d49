import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { publishRelease } from '../src/operations/publish-release.js';
import { createRelease } from '../src/operations/releases.js';
import type { Store } from '../src/storage/store.js';
import { publicationRender } from '../src/web/reports/publication-render.js';
import { createApiToken } from '../src/operations/api-tokens.js';
import { seedBuiltIn } from '../src/operations/seed-built-in.js';
import { surveyResults } from '../src/operations/survey-results.js';
import { openDatabase } from '../src/storage/open-database.js';
import { createStore } from '../src/storage/store.js';
import { buildWebApp } from '../src/web/app.js';
import { textOf } from './support/html-text.js';
import { freshDatabase, postgresAvailable } from './support/test-databases.js';
import { signInAsAdmin, testApp, WebClient } from './support/web-client.js';

const survey = 'digital-gap-2017';

/** A valid response (every question the routing asks), at an organisation given. */
const responseAt = (org: string, role = 'other') => ({
  org,
  answers: { role, approach: 'missing-opportunities', strategy: 'no', barriers: ['culture', 'cost'], gap_confidence: 'fairly-confident', strategy_achievable: 'agree', automation_status: 'weighing-up', automation_uses: ['customer-services'] },
});

/** Every public page of a publication, by address: the list, the report, the organisations, each organisation's page and the open data. */
async function publicPages(app: FastifyInstance): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode, url).toBe(200);
    pages.set(url, response.body);
    return response.body;
  };
  await get('/reports');
  await get(`/reports/${survey}`);
  const list = await get(`/reports/${survey}/organisations`);
  const orgPages = [...list.matchAll(new RegExp(`href="(/reports/${survey}/organisations/[^"]+)"`, 'g'))].map((m) => m[1]!);
  expect(orgPages.length).toBeGreaterThan(100);
  for (const url of orgPages) await get(url);
  for (const file of ['aggregates.csv', 'codebook.csv', 'datapackage.json']) await get(`/reports/${survey}/open-data/${file}`);
  return pages;
}

/** A page with its release's number and date taken out: what is left is the figures and their words. */
const figuresOf = (page: string) => page.replace(/Release \d+ of \d+ \w+ \d{4}/g, 'Release N').replace(/Published \d+ \w+ \d{4}(, updated \d+ \w+ \d{4})?/g, 'Published DATE').replace(/"created": "[^"]+"/, '"created": "DATE"').replace(/"version": "\d+"/, '"version": "N"');

async function send(app: FastifyInstance, count: number, org: string, answers: Record<string, unknown> = {}): Promise<void> {
  for (let i = 0; i < count; i++) {
    const payload = responseAt(org);
    const response = await app.inject({ method: 'POST', url: `/api/v1/surveys/${survey}/responses`, payload: { ...payload, answers: { ...payload.answers, ...answers } } });
    expect(response.statusCode, response.body).toBe(201);
  }
}

const publish = (store: Store) => publishRelease(store, survey, { actor: 'cli:test', render: publicationRender(survey) });

describe('the differencing attack on published pages, across releases', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  /** An app on a fresh copy of the built-in survey, its release 1 published. */
  const publishedApp = async () => {
    const opened = await testApp({ admin: false });
    close = opened.close;
    await createRelease(opened.store, survey, { actor: 'cli:test' });
    await publish(opened.store);
    return opened;
  };

  // Aberdeenshire Council's peer group (Scottish councils) is shown on Aberdeen City Council's page.
  it.each([1, 5, 9])('%i new responses at one organisation: every public page is byte-identical until a new release, and the new release’s figures equal the old', async (count) => {
    const { app, store } = await publishedApp();
    const before = await publicPages(app);
    expect(before.get(`/reports/${survey}/organisations/aberdeen-city-council`)).toContain('Scottish council');

    await send(app, count, 'aberdeenshire-council');
    const reloaded = await publicPages(app);
    expect([...reloaded.keys()]).toEqual([...before.keys()]);
    for (const [url, page] of before) expect(reloaded.get(url), url).toBe(page);

    const second = await createRelease(store, survey, { actor: 'cli:test', note: 'late responses' });
    expect(second.release.number).toBe(2);
    expect(second.heldBack).toBe(count);
    expect(second.heldBackGroups).toEqual(['scottish-council']);
    await publish(store);
    const after = await publicPages(app);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [url, page] of before) expect(figuresOf(after.get(url)!), url).toBe(figuresOf(page));
    expect(after.get(`/reports/${survey}`)).toContain('Release 2 of');
  });

  it('10 new responses in one peer group are published by the next release, and the figures move', async () => {
    const { app, store } = await publishedApp();
    const before = await publicPages(app);
    await send(app, 10, 'aberdeenshire-council');
    const second = await createRelease(store, survey, { actor: 'cli:test' });
    expect(second.heldBack).toBe(0);
    expect(second.admitted).toBe(10);
    expect(second.release.responses).toBe(245);
    await publish(store);
    const after = await publicPages(app);
    expect(figuresOf(after.get(`/reports/${survey}`)!)).not.toBe(figuresOf(before.get(`/reports/${survey}`)!));
    expect(after.get(`/reports/${survey}`)).toContain('245 responses');
  });

  it('a question that only 3 of 10 newcomers answered shows its figures as the release before published them', async () => {
    const { app, store } = await publishedApp();
    const section = (page: string) => figuresOf(/<section[^>]*id="question-gap_barriers"[\s\S]*?<\/section>/.exec(page)![0]);
    const before = section((await publicPages(app)).get(`/reports/${survey}`)!);
    await send(app, 7, 'aberdeenshire-council');
    await send(app, 3, 'aberdeenshire-council', { gap_confidence: 'not-very-confident', gap_barriers: ['skills-gap'] });
    expect((await createRelease(store, survey, { actor: 'cli:test' })).admitted).toBe(10);
    await publish(store);
    const report = (await publicPages(app)).get(`/reports/${survey}`)!;
    const after = section(report);
    expect(after).toContain('These figures are as published in release 1');
    // The same figures, words and table as release 1 showed, with the note added.
    expect(after.replace(/<div class="govuk-inset-text">\s*These figures are as published in release 1[^<]*<\/div>\s*/, '')).toBe(before);
    // Questions all ten answered move.
    expect(report).toContain('245 responses');
  });

  it('a new organisation of 10 inside a peer group that gained 11 is withheld: the eleventh would be their difference', async () => {
    const { app, store } = await publishedApp();
    // A council that joins the register after release 1, of Aberdeenshire's type.
    const sibling = (await store.organisations.get('aberdeenshire-council'))!;
    const newcomer = { ...sibling, id: 'glenmoor-council', name: 'Glenmoor Council' };
    await store.organisations.upsert([newcomer]);
    await send(app, 10, newcomer.id);
    await send(app, 1, sibling.id);
    expect((await createRelease(store, survey, { actor: 'cli:test' })).admitted).toBe(11);
    await publish(store);
    const page = await app.inject({ method: 'GET', url: `/reports/${survey}/organisations/${newcomer.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('10 respondents');
    // Its own figures are not shown: each nests within 1 respondent of what the peer group (and sector) gained since release 1.
    expect(page.body).toMatch(/differs by fewer than 10 respondents[^<]*gained since release 1/);
    expect(page.body).not.toMatch(new RegExp(`${newcomer.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^<]*\\d+%`));
  });
});

async function ledgerRows(store: Store): Promise<number> {
  const row = await store.db.selectFrom('disclosure_ledger').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('drafts and releases through the admin and the API', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('exploring in the admin leaves the ledger unchanged; a token reads releases (recorded), drafts only with draft access', async () => {
    const opened = await testApp({ rateLimits: { signIn: { max: 1000, timeWindow: 60_000 } } });
    close = opened.close;
    const { app, store } = opened;
    const admin = new WebClient(app);
    await signInAsAdmin(admin);
    await createRelease(store, survey, { actor: 'cli:test' });
    await publish(store);
    const published = await ledgerRows(store);
    expect(published).toBeGreaterThan(0);

    for (const url of [
      `/admin/surveys/${survey}/results`,
      `/admin/surveys/${survey}/results?filter=${encodeURIComponent('gap_confidence in (not-very-confident, not-at-all-confident)')}`,
      `/admin/surveys/${survey}/results?by=org.type`,
      `/admin/surveys/${survey}/results?by=org.region&filter=${encodeURIComponent('strategy = yes')}`,
      `/admin/surveys/${survey}/report/preview`,
    ]) {
      const page = await admin.get(url);
      expect(page.statusCode, url).toBe(200);
      expect(textOf(page.body), url).toContain('Draft: live data, not released');
    }
    expect(await ledgerRows(store)).toBe(published);

    const { token } = await createApiToken(store, { name: 'analysis', actor: 'cli:test' });
    const { token: draftToken } = await createApiToken(store, { name: 'trusted analysis', actor: 'cli:test', draftAccess: true });
    const get = (url: string, bearer: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}` } });
    const refused = await get(`/api/v1/surveys/${survey}/results?release=draft`, token);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('auth.draft-access');
    expect(JSON.stringify(refused.json().error)).toMatch(/reads releases only/);
    const draft = await get(`/api/v1/surveys/${survey}/results?release=draft&by=org.nation`, draftToken);
    expect(draft.statusCode).toBe(200);
    expect(draft.json().data).toEqual({ release: null, label: 'Draft: live data, not released' });
    expect(await ledgerRows(store)).toBe(published);

    const released = await get(`/api/v1/surveys/${survey}/results?by=org.nation`, token);
    expect(released.statusCode).toBe(200);
    expect(released.json().data.release).toBe(1);
    expect(await ledgerRows(store)).toBeGreaterThan(published);
  });
});

describe.runIf(await postgresAvailable())('two servers on one PostgreSQL', () => {
  it('serve the same release pages, and each catches up with responses sent to the other', async () => {
    const database = await freshDatabase('postgres');
    const first = await openDatabase(database.url);
    const second = await openDatabase(database.url);
    const stores = [createStore(first.db), createStore(second.db)];
    try {
      await seedBuiltIn(stores[0]!, survey, 'cli:test');
      const apps = [await buildWebApp({ store: stores[0]! }), await buildWebApp({ store: stores[1]! })];
      try {
        await createRelease(stores[0]!, survey, { actor: 'cli:test' });
        await publish(stores[0]!);
        const [one, two] = [await publicPages(apps[0]!), await publicPages(apps[1]!)];
        expect([...two.keys()]).toEqual([...one.keys()]);
        for (const [url, page] of one) expect(two.get(url), url).toBe(page);

        // The second server has the survey in memory now; responses sent to the first reach it.
        expect((await surveyResults(stores[1]!, survey)).respondents).toBe(235);
        await send(apps[0]!, 12, 'aberdeenshire-council');
        expect((await surveyResults(stores[1]!, survey)).respondents).toBe(247);
        await send(apps[1]!, 3, 'kent-county-council');
        expect((await surveyResults(stores[0]!, survey)).respondents).toBe(250);
        // A release made on the second server publishes what the first took in.
        const made = await createRelease(stores[1]!, survey, { actor: 'cli:test' });
        expect(made.admitted).toBe(12);
        expect(made.heldBack).toBe(3);
        await publishRelease(stores[1]!, survey, { actor: 'cli:test', render: publicationRender(survey) });
        const [a, b] = [await apps[0]!.inject({ method: 'GET', url: `/reports/${survey}` }), await apps[1]!.inject({ method: 'GET', url: `/reports/${survey}` })];
        expect(a.body).toBe(b.body);
        expect(a.body).toContain('Release 2 of');
        expect(a.body).toContain('247 responses');
      } finally {
        for (const app of apps) await app.close();
      }
    } finally {
      await first.close();
      await second.close();
      await database.drop();
    }
  });
});
