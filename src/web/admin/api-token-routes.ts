import type { FastifyInstance } from 'fastify';
import { createApiToken, revokeApiToken } from '../../operations/api-tokens.js';
import { formBody, textField } from '../form-body.js';
import { errorSummary, form, govuk, heading, link, paragraph, type Component } from '../page-components.js';
import { formatDate } from '../respondent/respondent-pages.js';
import { csrfCheck } from '../security.js';
import type { WebContext } from '../web-context.js';
import { adminPage } from './admin-layout.js';
import { adminPaths } from './admin-paths.js';
import { adminActor } from './admin-session.js';

type TokenParams = { Params: { tokenId: string } };

/** Bearer tokens for the JSON API: create (shown once), list, revoke. */
export async function apiTokenRoutes(app: FastifyInstance, context: WebContext): Promise<void> {
  const { store } = context;
  const csrf = csrfCheck(app);

  async function tokensPage(name: string, error: string | undefined) {
    const tokens = await store.apiTokens.list();
    const components: Component[] = [
      ...errorSummary(error ? [{ text: error, href: '#name' }] : []),
      heading('API tokens'),
      paragraph('A token lets a program use the JSON API: read results, and send responses to surveys that take them only with a token. Send it in the header Authorization: Bearer TOKEN.'),
      link('Read the API documentation', '/api/v1/docs'),
    ];
    const createForm = form('post', adminPaths.apiTokens, [
      heading('Create a token', { level: 2 }),
      govuk('govukInput', {
        id: 'name',
        name: 'name',
        value: name,
        label: { text: 'What the token is for', classes: 'govuk-label--s' },
        hint: { text: 'For example, the name of the program or team that will use it' },
        ...(error ? { errorMessage: { text: error } } : {}),
      }),
      govuk('govukRadios', {
        name: 'access',
        fieldset: { legend: { text: 'What it may read', classes: 'govuk-fieldset__legend--s' } },
        items: [
          { value: 'releases', text: 'Releases only', hint: { text: 'Figures of the survey’s releases, under disclosure control; what it reads counts as released.' }, checked: true },
          { value: 'drafts', text: 'Releases and drafts of live data', hint: { text: 'Also figures of the responses as they are now, for a trusted analysis tool: not published, not recorded.' } },
        ],
      }),
      govuk('govukButton', { text: 'Create token', preventDoubleClick: true }),
    ]);
    const list: Component[] = [
      heading('Tokens', { level: 2 }),
      ...(tokens.length === 0 ? [paragraph('No tokens yet.')] : []),
      ...tokens.map((token) =>
        govuk('govukSummaryList', {
          card: {
            title: { text: token.name, headingLevel: 3 },
            ...(token.revokedAt ? {} : { actions: { items: [{ href: adminPaths.revokeApiToken(token.id), text: 'Revoke', visuallyHiddenText: `the token ${token.name}` }] } }),
          },
          rows: [
            { key: { text: 'Created' }, value: { text: formatDate(token.createdAt) } },
            { key: { text: 'Reads' }, value: { text: token.draftAccess ? 'Releases and drafts of live data' : 'Releases only' } },
            { key: { text: 'Last used' }, value: { text: token.lastUsedAt ? formatDate(token.lastUsedAt) : 'Never' } },
            { key: { text: 'Status' }, value: { text: token.revokedAt ? `Revoked on ${formatDate(token.revokedAt)}` : 'Active' } },
          ],
        }),
      ),
    ];
    return adminPage('API tokens', 'tokens', [...components, createForm, ...list], { hasErrors: error !== undefined });
  }

  app.get('/api-tokens', async (_request, reply) => reply.view('page.njk', { ...(await tokensPage('', undefined)), csrfToken: reply.generateCsrf() }));

  app.post('/api-tokens', { preHandler: csrf }, async (request, reply) => {
    const body = formBody(request);
    const name = textField(body, 'name');
    if (name === '' || [...name].length > 100) {
      const error = name === '' ? 'Enter what the token is for' : 'What the token is for must be 100 characters or fewer';
      return reply.view('page.njk', { ...(await tokensPage(name, error)), csrfToken: reply.generateCsrf() }, 400);
    }
    const { apiToken, token } = await createApiToken(store, { name, actor: adminActor(request), createdBy: request.admin?.userId, draftAccess: textField(body, 'access') === 'drafts' });
    // Shown once, in this response: only the token's hash is stored.
    const page = adminPage('API token created', 'tokens', [
      govuk('govukPanel', { titleText: 'API token created', text: apiToken.name }),
      paragraph('Copy the token now and keep it somewhere safe, such as a password manager or your deployment’s secrets. It is shown only this once.'),
      govuk('govukInsetText', { text: token, classes: 'canvass-break-anywhere', attributes: { 'data-api-token': '' } }),
      govuk('govukWarningText', { text: 'Anyone with this token can read results through the API.', iconFallbackText: 'Warning' }),
      link('Back to API tokens', adminPaths.apiTokens),
    ]);
    return reply.view('page.njk', page);
  });

  app.get<TokenParams>('/api-tokens/:tokenId/revoke', async (request, reply) => {
    const token = await store.apiTokens.get(request.params.tokenId);
    if (!token) return reply.callNotFound();
    const page = adminPage(
      'Revoke the API token',
      'tokens',
      [
        heading(`Revoke the token ‘${token.name}’?`),
        paragraph('Programs using it will get 401 Unauthorized from then on.'),
        form('post', adminPaths.revokeApiToken(token.id), [govuk('govukButton', { text: 'Revoke token', classes: 'govuk-button--warning' })]),
        link('Cancel', adminPaths.apiTokens),
      ],
      { backLink: adminPaths.apiTokens },
    );
    return reply.view('page.njk', { ...page, csrfToken: reply.generateCsrf() });
  });

  app.post<TokenParams>('/api-tokens/:tokenId/revoke', { preHandler: csrf }, async (request, reply) => {
    if (!(await revokeApiToken(store, request.params.tokenId, adminActor(request)))) return reply.callNotFound();
    return reply.redirect(adminPaths.apiTokens, 303);
  });
}
