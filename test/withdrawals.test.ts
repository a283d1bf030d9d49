import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuestionResult, SurveyResults } from '../src/analysis/results/results-model.js';
import { createApiToken } from '../src/operations/api-tokens.js';
import { createRelease } from '../src/operations/releases.js';
import { seedBuiltIn } from '../src/operations/seed-built-in.js';
import { withdrawResponses } from '../src/operations/withdraw-responses.js';
import { openDatabase, type OpenDatabase } from '../src/storage/open-database.js';
import { createStore, type Store } from '../src/storage/store.js';
import { buildWebApp } from '../src/web/app.js';
import { runCapture } from './support/cli-capture.js';
import { dialects, freshDatabase, postgresAvailable, type TestDatabase } from './support/test-databases.js';

const survey = 'digital-gap-2017';
const pgUp = await postgresAvailable();

describe.each(dialects)('withdrawn responses on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: OpenDatabase;
  let store: Store;

  beforeEach(async (context) => {
    if (dialect === 'postgres' && !pgUp) context.skip();
    testDb = await freshDatabase(dialect);
    database = await openDatabase(testDb.url);
    store = createStore(database.db);
    await seedBuiltIn(store, survey, 'cli:test');
  });
  afterEach(async () => {
    await database?.close();
    await testDb?.drop();
  });

  const cli = (...args: string[]) => runCapture([...args, '--db', testDb.url]);
  const ids = async () => (await store.responses.list(survey)).map((r) => r.id);

  it('a release made before the withdrawal, read again through the API, brings it back into no figure: each is as published or withheld', async () => {
    await createRelease(store, survey, { actor: 'cli:test' });
    const app: FastifyInstance = await buildWebApp({ store });
    try {
      const { token } = await createApiToken(store, { name: 'reader', actor: 'cli:test' });
      const read = async (query = '') => {
        const response = await app.inject({ url: `/api/v1/surveys/${survey}/results?release=1${query}`, headers: { authorization: `Bearer ${token}` } });
        expect(response.statusCode, response.body).toBe(200);
        return response.json<SurveyResults>();
      };
      const published = await read();
      const publishedByType = await read('&by=org.type');
      // The response of an organisation whose peer group has other respondents.
      const [withdrawn] = (await store.responses.list(survey)).slice(40, 41);
      await withdrawResponses(store, survey, { ids: [withdrawn!.id], reason: 'test response', actor: 'cli:test' });

      const again = await read();
      const againByType = await read('&by=org.type');
      /** How many figures shown before are withheld now (with the ledger's reason, when given); every other is as published. */
      const check = (before: readonly QuestionResult[], after: readonly QuestionResult[], reason?: RegExp) => {
        let withheld = 0;
        for (const [i, question] of after.entries()) {
          if (!question.suppressed) expect(question, question.id).toEqual(before[i]);
          else if (!before[i]!.suppressed) {
            withheld++;
            if (reason) expect(question.reason, question.id).toMatch(reason);
          }
        }
        return withheld;
      };
      expect(again.data).toEqual(published.data);
      // Every question the withdrawn respondent answered is withheld for everyone; the others are as published.
      expect(check(published.questions, again.questions, /differs by fewer than 10 respondents from a group published earlier/)).toBe(published.questions.filter((q) => q.id in withdrawn!.answers && !q.suppressed).length);
      // So is every figure of its peer group that was shown; every other figure is as published, or withheld (as its figure for everyone is).
      const peerGroup = (await store.organisations.get(withdrawn!.org))!.type;
      for (const [g, group] of againByType.groups!.entries()) {
        const withheld = check(publishedByType.groups![g]!.questions, group.questions);
        if (group.key === peerGroup) expect(withheld).toBe(publishedByType.groups![g]!.questions.filter((q) => q.id in withdrawn!.answers && !q.suppressed).length);
      }
    } finally {
      await app.close();
    }
  });

  it('canvass responses withdraw takes responses out of results, counts and exports, and records who did it', async () => {
    const [first, second] = await ids();
    const withdrawn = await cli('responses', 'withdraw', survey, first!, second!, '--reason', 'test responses');
    expect(withdrawn, withdrawn.err).toMatchObject({ code: 0 });
    expect(withdrawn.out).toBe(`Withdrew 2 responses of '${survey}': ${first}, ${second}\nThey no longer count in results, benchmarks, reports, exports or later releases.\n`);

    const list = JSON.parse((await cli('survey', 'list', '--json')).out) as Array<{ id: string; responses: number }>;
    expect(list.find((s) => s.id === survey)!.responses).toBe(233);
    const results = JSON.parse((await cli('results', survey, '--json')).out) as SurveyResults;
    expect(results.questions[0]!.base).toBe(233);
    const exported = await cli('responses', 'export', survey, '--format', 'json');
    const rows = (JSON.parse(exported.out) as { responses: Array<{ id: string }> }).responses;
    expect(rows).toHaveLength(233);
    expect(rows.map((r) => r.id)).not.toContain(first);

    // The export after it is recorded too (raw responses downloaded): the withdrawal is the entry before.
    const [exportEntry, entry] = await store.auditLog.list({ surveyId: survey }, { limit: 2 });
    expect(exportEntry).toMatchObject({ action: 'responses.export', details: { responses: 233 } });
    expect(entry).toMatchObject({ actor: expect.stringMatching(/^cli:./), action: 'responses.withdraw', details: { ids: [first, second], reason: 'test responses', erase: false, responses: 2 } });

    const erased = await cli('responses', 'withdraw', survey, first!, '--reason', 'the respondent asked', '--erase');
    expect(erased, erased.err).toMatchObject({ code: 0, out: expect.stringContaining(`Erased the answers of 1 response of '${survey}': ${first}`) });
    const row = await store.db.selectFrom('responses').select(['answers', 'fingerprint']).where('id', '=', first!).executeTakeFirstOrThrow();
    expect(row).toEqual({ answers: '{}', fingerprint: null });
  });

  it('canvass responses withdraw names unknown and withdrawn responses, needs a reason, and withdraws nothing then', async () => {
    const [first, second] = await ids();
    expect(await cli('responses', 'withdraw', survey, 'abc', '--reason', 'typo')).toEqual({ code: 1, out: '', err: `Error: No response 'abc' in survey '${survey}'; nothing was withdrawn\n` });
    const missing = await cli('responses', 'withdraw', survey, first!);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("required option '--reason <text>' not specified");
    const empty = await cli('responses', 'withdraw', survey, first!, '--reason', ' ');
    expect(empty).toMatchObject({ code: 1, err: expect.stringContaining('Error: Give the reason the responses are withdrawn') });
    expect(await cli('responses', 'withdraw', 'no-such-survey', first!, '--reason', 'x')).toMatchObject({ code: 1, err: expect.stringContaining("There is no survey 'no-such-survey'") });
    expect(await store.responses.count(survey)).toBe(235);

    expect((await cli('responses', 'withdraw', survey, first!, '--reason', 'duplicate')).code).toBe(0);
    const again = await cli('responses', 'withdraw', survey, second!, first!, 'abc', '--reason', 'duplicate');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(new RegExp(`^Error: 2 of the 3 responses named cannot be withdrawn, so none was:\n  - ${first}: response '${first}' was withdrawn already \\(on .* by cli:.+: duplicate\\)\n  - abc: no response 'abc' in survey '${survey}'\n$`));
    expect(await store.responses.count(survey)).toBe(234);
  });
});
