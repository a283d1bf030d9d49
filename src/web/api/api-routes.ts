import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Definition } from '../../definition/schema.js';
import { CanvassError } from '../../errors/canvass-error.js';
import type { Problem } from '../../errors/catalogue.js';
import { authenticateApiToken } from '../../operations/api-tokens.js';
import type { ApiToken } from '../../storage/api-tokens-repository.js';
import { requireSurveyOpen } from '../../operations/fieldwork/survey-closing.js';
import { apiClient, submitResponse } from '../../operations/submit-response.js';
import { requireSurvey } from '../../operations/survey-lookup.js';
import { surveyResults, type ResultsQuery } from '../../operations/survey-results.js';

const resultsQueryKeys = ['filter', 'by', 'weights', 'strata', 'fpc', 'unit', 'interval', 'wave', 'compareWave'] as const;
import { checkIdempotencyKey } from '../../responses/idempotency-key.js';
import { validateResponse } from '../../responses/validate-response.js';
import type { WebContext } from '../web-context.js';
import { apiDocsPage } from './api-docs.js';
import { registerStrictJsonBodies } from './json-body.js';
import { openApiDocument } from './openapi.js';

type SurveyParams = { Params: { id: string } };

function surveySummary(definition: Definition) {
  return {
    id: definition.id,
    title: definition.title,
    submissions: { open: definition.submissions.open, tokenRequired: !definition.submissions.open },
    questions: definition.questions.map((q) => ({
      id: q.id,
      type: q.type,
      text: q.text,
      required: q.required,
      ...(q.showIf ? { showIf: q.showIf } : {}),
      ...(q.type === 'single' || q.type === 'multiple' || q.type === 'scale' || q.type === 'grid' ? { options: q.options.map((o) => ({ code: o.code, label: o.label, ...(o.exclusive ? { exclusive: true } : {}) })) } : {}),
      // A grid's answer is an object of statement id → option code; a date's is YYYY-MM-DD.
      ...(q.type === 'grid' ? { statements: q.statements.map((s) => ({ id: s.id, text: s.text })) } : {}),
      ...(q.type === 'date' ? { ...(q.min === undefined ? {} : { min: q.min }), ...(q.max === undefined ? {} : { max: q.max }) } : {}),
    })),
  };
}

/**
 * /api/v1: JSON in and out. No cookies are read here, so there is no CSRF to guard against;
 * bodies must be application/json, which a form on another site cannot send.
 */
export async function apiRoutes(app: FastifyInstance, context: WebContext): Promise<void> {
  const { store } = context;
  registerStrictJsonBodies(app);

  // Each request's token is looked up once, for the rate limit's key and for the route.
  const tokens = new WeakMap<FastifyRequest, Promise<ApiToken | undefined>>();
  function tokenOf(request: FastifyRequest): Promise<ApiToken | undefined> {
    let token = tokens.get(request);
    if (!token) tokens.set(request, (token = authenticateApiToken(store, request.headers.authorization)));
    return token;
  }

  /** The token sent, if any; a header that names no valid token is refused rather than ignored. */
  async function bearer(request: FastifyRequest, required: boolean) {
    const header = request.headers.authorization;
    const token = await tokenOf(request);
    if (token || (!required && header === undefined)) return token;
    throw new CanvassError('auth.required', header === undefined ? 'This needs an API token: send Authorization: Bearer TOKEN (an admin creates tokens under Admin → API tokens)' : 'The API token is not valid, or has been revoked');
  }

  app.addHook('onSend', async (_request, reply: FastifyReply) => {
    if (reply.statusCode === 401) reply.header('www-authenticate', 'Bearer realm="canvass"');
  });

  app.get('/openapi.json', async () => openApiDocument);
  app.get('/docs', async (_request, reply) => reply.view('page.njk', apiDocsPage(openApiDocument)));

  // A survey that takes responses only by invitation is not for everyone to read: without a
  // token, only the surveys anyone can answer are listed.
  app.get('/surveys', async (request) => {
    const holder = (await bearer(request, false)) !== undefined;
    const summaries = await store.surveys.list();
    const surveys = [];
    for (const s of summaries) {
      const definition = await store.surveys.get(s.id);
      if (definition && (holder || definition.submissions.open)) surveys.push(surveySummary(definition));
    }
    return { surveys };
  });

  app.post<SurveyParams>(
    '/surveys/:id/responses',
    {
      config: {
        rateLimit: {
          ...context.rateLimits.submissions,
          // Counted by who the client is, not by what it sent: a valid token by its id, anything
          // else (no header, or one that names no valid token, however spelt) by its address.
          keyGenerator: async (request: FastifyRequest) => {
            const token = await tokenOf(request);
            return token ? `token:${token.id}` : `address:${request.ip}`;
          },
        },
      },
    },
    async (request, reply) => {
      if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) throw new CanvassError('request.unsupported-type', 'Send the response as JSON with Content-Type: application/json');
      const definition = await requireSurvey(store, request.params.id);
      const token = await bearer(request, !definition.submissions.open);
      await requireSurveyOpen(store, definition);
      const headerKey = request.headers['idempotency-key'];
      const idempotencyKey = Array.isArray(headerKey) ? headerKey.join(',') : headerKey;
      const body = request.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new CanvassError('response.invalid', 'The body must be a JSON object with org and answers', { problems: [{ where: 'body', code: 'wrong-type', message: 'the body is not a JSON object', expected: '{ "org": "ORG_ID", "answers": { … } }' }] });
      }
      const fields = body as Record<string, unknown>;
      const problems: Problem[] = Object.keys(fields)
        .filter((key) => key !== 'org' && key !== 'answers')
        .map((key) => ({ where: key, code: 'unknown-field', message: `'${key}' is not a field of a response`, expected: 'only org and answers' }));
      if (idempotencyKey !== undefined) {
        const checked = checkIdempotencyKey(idempotencyKey);
        if ('problem' in checked) problems.push(checked.problem);
      }
      if (problems.length > 0) {
        // List the answers' problems too, so one round trip shows everything to fix.
        const org = typeof fields.org === 'string' ? await store.organisations.get(fields.org.trim()) : undefined;
        const result = validateResponse(definition, { org: fields.org, answers: fields.answers }, (id) => (org?.id === id ? org : undefined));
        throw new CanvassError('response.invalid', `The response to '${definition.id}' was not stored`, { problems: [...problems, ...(result.ok ? [] : result.problems)] });
      }
      const { id, created } = await submitResponse(store, definition.id, { org: fields.org, answers: fields.answers }, { source: 'api', idempotencyKey, client: apiClient(token) });
      return reply.status(created ? 201 : 200).send({ id, created });
    },
  );

  app.get<SurveyParams & { Querystring: Record<string, unknown> }>('/surveys/:id/results', async (request) => {
    const token = await bearer(request, true);
    // The same options as `canvass results`, under the same names (compareWave for --compare-wave).
    const query: ResultsQuery = {};
    for (const key of resultsQueryKeys) {
      const value = request.query[key];
      if (typeof value === 'string') query[key] = value;
    }
    const release = request.query.release;
    if (release !== undefined && typeof release !== 'string') throw new CanvassError('request.invalid', 'release must be given once: a release number, latest or draft');
    return surveyResults(store, request.params.id, { ...query, ...releaseOf(release, token!) });
  });

  // The same query as a JSON body, which can also carry population margins to rake to (the CSV
  // `canvass results --rake FILE` reads, as text): too long and too structured for a query string.
  app.post<SurveyParams & { Body: unknown }>('/surveys/:id/results', async (request) => {
    const token = await bearer(request, true);
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new CanvassError('request.invalid', 'Send the query as a JSON object, such as {"by": "org.type", "rake": "variable,category,total\\n…"}');
    const fields = body as Record<string, unknown>;
    const known = new Set<string>([...resultsQueryKeys, 'rake', 'release']);
    const problems: Problem[] = [];
    for (const [key, value] of Object.entries(fields)) {
      if (!known.has(key)) problems.push({ where: key, code: 'unknown-field', message: `'${key}' is not an option of the results`, expected: [...known].join(', ') });
      else if (typeof value !== 'string') problems.push({ where: key, code: 'not-a-string', message: `'${key}' must be a string`, expected: key === 'rake' ? 'the margins CSV as text: variable,category,total' : 'a string, as canvass results takes it' });
    }
    if (problems.length > 0) throw new CanvassError('request.invalid', 'The results query has problems', { problems });
    const query: ResultsQuery = {};
    for (const key of resultsQueryKeys) if (typeof fields[key] === 'string') query[key] = fields[key];
    if (typeof fields.rake === 'string') query.rake = { text: fields.rake, source: 'the rake field' };
    return surveyResults(store, request.params.id, { ...query, ...releaseOf(fields.release as string | undefined, token!) });
  });
}

/**
 * Which data a token's results query reads: a release (`release` = its number; `latest`, the
 * default, the newest), or with `release=draft` the live data — only for a token given draft
 * access. What a release query shows goes into the disclosure ledger: it is released.
 */
function releaseOf(release: string | undefined, token: ApiToken): Pick<ResultsQuery, 'release'> {
  const value = release?.trim().toLowerCase() ?? 'latest';
  if (value === 'draft') {
    if (!token.draftAccess) throw new CanvassError('auth.draft-access', 'This API token reads releases only: leave out release=draft, or ask an admin for a token with draft access');
    return {};
  }
  if (value === 'latest') return { release: 0 };
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CanvassError('request.invalid', `release must be a release number such as 1, latest or draft, not "${release}"`);
  return { release: n };
}
