/**
 * The API's description, OpenAPI 3.1, served at /api/v1/openapi.json and rendered as the docs
 * page at /api/v1/docs. Written out by hand beside the routes it describes (api-routes.ts);
 * api-routes.test.ts checks that each route is described and each described route answers.
 */
const problem = {
  type: 'object',
  required: ['where', 'code', 'message'],
  properties: {
    where: { type: 'string', description: 'Where the problem is: a question id, `org`, `answers` or a header.', examples: ['barriers'] },
    code: { type: 'string', description: 'A stable machine-readable code.', examples: ['unknown-code'] },
    message: { type: 'string', examples: ["'time' is not an option of 'barriers'"] },
    expected: { type: 'string', examples: ["codes from culture, legacy-data, skills, cost"] },
  },
} as const;

const error = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'From Canvass’s error catalogue, such as `response.invalid` or `auth.required`.' },
        message: { type: 'string' },
        problems: { type: 'array', items: { $ref: '#/components/schemas/Problem' }, description: 'Every problem found, as `canvass` lists them.' },
      },
    },
  },
} as const;

const responseExample = {
  org: 'kent-county-council',
  answers: { role: 'digital-it', approach: 'missing-opportunities', strategy: 'no', barriers: ['culture', 'cost'], gap_confidence: 'fairly-confident', strategy_achievable: 'agree', automation_status: 'weighing-up', automation_uses: ['customer-services'], comments: 'More joined-up procurement would help.' },
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const surveyId = { name: 'id', in: 'path', required: true, description: 'The survey id, such as digital-gap-2017.', schema: { type: 'string' } } as const;

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Canvass API',
    version: '1.0.0',
    description:
      'Send responses to Canvass surveys and read their results. Bodies are JSON. Tokens are created by an admin (Admin → API tokens) and sent as `Authorization: Bearer TOKEN`. Errors are `{ "error": { "code", "message", "problems"? } }`.',
  },
  servers: [{ url: '/api/v1' }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token created in the admin.' } },
    schemas: {
      Problem: problem,
      Error: error,
      ResponseInput: {
        type: 'object',
        required: ['org', 'answers'],
        additionalProperties: false,
        properties: {
          org: { type: 'string', description: 'The id of the respondent’s organisation in the register.' },
          answers: {
            type: 'object',
            description:
              'Answers keyed by question id. Single choice and scale: an option code. Multiple choice: an array of option codes. Number: a number. Text: a string. Date: a date written YYYY-MM-DD. Grid: an object of statement id → option code. Leave out questions not answered, and questions the survey’s conditions do not ask.',
            additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'array', items: { type: 'string' } }, { type: 'object', additionalProperties: { type: 'string' } }] },
          },
        },
        examples: [responseExample],
      },
      Stored: {
        type: 'object',
        required: ['id', 'created'],
        properties: { id: { type: 'string', description: 'The response’s id.' }, created: { type: 'boolean', description: 'False when the idempotency key was used before: nothing new was stored.' } },
      },
      Survey: {
        type: 'object',
        required: ['id', 'title', 'submissions', 'questions'],
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          submissions: {
            type: 'object',
            properties: { open: { type: 'boolean' }, tokenRequired: { type: 'boolean', description: 'Whether POST …/responses needs a token.' } },
          },
          questions: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'type', 'text', 'required'],
              properties: {
                id: { type: 'string' },
                type: { enum: ['single', 'multiple', 'scale', 'number', 'text', 'grid', 'date'] },
                text: { type: 'string' },
                required: { type: 'boolean' },
                showIf: { type: 'string', description: 'Asked only when this condition holds.' },
                options: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, label: { type: 'string' }, exclusive: { type: 'boolean' } } } },
                statements: { type: 'array', description: 'A grid’s statements, each answered with one of its options.', items: { type: 'object', properties: { id: { type: 'string' }, text: { type: 'string' } } } },
                min: { type: 'string', description: 'A date question’s earliest date (YYYY-MM-DD).' },
                max: { type: 'string', description: 'A date question’s latest date (YYYY-MM-DD).' },
              },
            },
          },
        },
      },
      Results: {
        type: 'object',
        description: 'Exactly what `canvass results SURVEY --json` prints for the same filter and breakdown: respondents, organisations, and per question its base, counts, unrounded percentages (0–100) and 95% intervals.',
        required: ['survey', 'title', 'respondents', 'organisations', 'questions'],
      },
    },
  },
  paths: {
    '/surveys': {
      get: {
        operationId: 'listSurveys',
        summary: 'List the surveys',
        description:
          'Each survey with its questions and option codes: what a response to it can contain. Without a token, only the surveys open to everyone (`submissions.open`); with one, every survey, including those that take responses only by invitation or with a token.',
        security: [{}, { bearer: [] }],
        responses: {
          '200': { description: 'The surveys.', content: { 'application/json': { schema: { type: 'object', properties: { surveys: { type: 'array', items: { $ref: '#/components/schemas/Survey' } } } } } } },
          '401': errorResponse('The token sent is not valid.'),
        },
      },
    },
    '/surveys/{id}/responses': {
      post: {
        operationId: 'submitResponse',
        summary: 'Send a response',
        description:
          'Validates the response and stores it, or stores nothing and lists every problem. Send an `Idempotency-Key` header (such as a UUID) to make retrying safe: the same key again with the same body stores nothing and returns the first response’s id; with a different body it is refused with 409 and nothing is stored. Keys belong to the client that sent them (its API token, or every caller without one as one anonymous client), so two clients that use the same key each get their own response. A token is needed only when the survey takes responses only with one (`submissions.tokenRequired` in the survey list).',
        security: [{}, { bearer: [] }],
        parameters: [surveyId, { name: 'Idempotency-Key', in: 'header', required: false, description: '1 to 255 printable characters without spaces; a new key for each new response, the same key and body when retrying.', schema: { type: 'string', maxLength: 255 } }],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ResponseInput' }, example: responseExample } } },
        responses: {
          '201': { description: 'Stored.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Stored' } } } },
          '200': { description: 'Already stored with this idempotency key and the same body by this client; nothing new was stored.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Stored' } } } },
          '400': errorResponse('The body could not be read: not JSON, not UTF-8, or a text holding a NUL character (`problems` names where).'),
          '401': errorResponse('The survey needs a token, or the token sent is not valid.'),
          '404': errorResponse('No such survey.'),
          '413': errorResponse('The body is larger than 64 KB.'),
          '409': errorResponse('`response.idempotency-conflict`: this Idempotency-Key was used by this client with a different request body; nothing was stored. Use a new key for a new response.'),
          '410': errorResponse('`survey.closed`: the survey has passed its closing date and takes no more responses; nothing was stored.'),
          '415': errorResponse('The body is not application/json.'),
          '422': errorResponse('The response has problems; nothing was stored. `problems` lists every one.'),
          '429': errorResponse('Too many responses from this client; wait and retry with the same idempotency key.'),
        },
      },
    },
    '/surveys/{id}/results': {
      get: {
        operationId: 'surveyResults',
        summary: 'Read the results',
        description:
          'The results of a release of the survey (the newest unless `release` says which), the same as `canvass results SURVEY --release N --json --filter FILTER --by BY`. What a release query shows counts as released: it is recorded in the disclosure ledger, and a figure whose group differs by a few respondents from one released before is withheld with its reason. A token given draft access may read live data with `release=draft` (not recorded).',
        security: [{ bearer: [] }],
        parameters: [
          surveyId,
          { name: 'filter', in: 'query', required: false, description: 'Only respondents matching this expression, such as `gap_confidence in (not-very-confident, not-at-all-confident)`.', schema: { type: 'string' } },
          { name: 'by', in: 'query', required: false, description: 'Break down by `org.ATTRIBUTE` (a category, band or text attribute of the survey\'s register, such as `org.type`) or a single-choice question id.', schema: { type: 'string' } },
          { name: 'weights', in: 'query', required: false, description: 'Weight each respondent by a number question or `org.ATTRIBUTE`.', schema: { type: 'string' } },
          { name: 'strata', in: 'query', required: false, description: 'Strata: a single-choice question, `org.ATTRIBUTE` or `none` (default: the organisation).', schema: { type: 'string' } },
          { name: 'fpc', in: 'query', required: false, description: 'Finite population correction from a number question or `org.headcount`, or `none`.', schema: { type: 'string' } },
          { name: 'unit', in: 'query', required: false, description: '`respondents` (default) or `organisations` (each organisation counts once).', schema: { type: 'string', enum: ['respondents', 'organisations'] } },
          { name: 'interval', in: 'query', required: false, description: 'Interval method: wilson (default), logit, beta, clopper-pearson, agresti-coull, wilson-cc.', schema: { type: 'string' } },
          { name: 'wave', in: 'query', required: false, description: 'The wave to show (default: the latest).', schema: { type: 'string' } },
          { name: 'compareWave', in: 'query', required: false, description: 'Add each figure’s change since this wave, with its significance.', schema: { type: 'string' } },
          { name: 'release', in: 'query', required: false, description: 'A release number, `latest` (the default) or `draft` (live data: only for a token given draft access).', schema: { type: 'string' } },
        ],
        responses: {
          '200': { description: 'The results.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Results' } } } },
          '400': errorResponse('The breakdown is not one Canvass can make.'),
          '401': errorResponse('No valid token was sent.'),
          '403': errorResponse('release=draft from a token without draft access.'),
          '404': errorResponse('No such survey, or no such release (or none yet).'),
          '422': errorResponse('The filter could not be understood.'),
        },
      },
      post: {
        operationId: 'surveyResultsWithBody',
        summary: 'Read the results, the query in the body (with raking margins)',
        description:
          'The same results as the GET, the options given as a JSON object under the same names; it may also carry `rake`: population margins to rake the weights to, as the CSV text `canvass results --rake FILE` reads (columns `variable,category,total`). The results then name the margins and report the Kish effective sample size and design effect.',
        security: [{ bearer: [] }],
        parameters: [surveyId],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  filter: { type: 'string' },
                  by: { type: 'string' },
                  weights: { type: 'string' },
                  strata: { type: 'string' },
                  fpc: { type: 'string' },
                  unit: { type: 'string', enum: ['respondents', 'organisations'] },
                  interval: { type: 'string' },
                  wave: { type: 'string' },
                  compareWave: { type: 'string' },
                  release: { type: 'string', description: 'A release number, `latest` (the default) or `draft`.' },
                  rake: { type: 'string', description: 'Margins CSV: `variable,category,total`, one row per category.' },
                },
              },
            },
          },
        },
        responses: {
          '200': { description: 'The results.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Results' } } } },
          '400': errorResponse('A field is unknown or not a string, or an option or the margins are not valid.'),
          '401': errorResponse('No valid token was sent.'),
          '404': errorResponse('No such survey.'),
          '422': errorResponse('The filter could not be understood.'),
        },
      },
    },
  },
} as const;
