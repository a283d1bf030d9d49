import type { FastifyInstance } from 'fastify';
import { createInvitation, invitationStatus, revokeInvitation, type InvitationStatus } from '../../operations/invitations.js';
import { requireSurvey } from '../../operations/survey-lookup.js';
import { formBody, textField } from '../form-body.js';
import { errorSummary, form, govuk, heading, link, paragraph, type Component } from '../page-components.js';
import { formatDate } from '../respondent/respondent-pages.js';
import { invitationPath } from '../respondent/respondent-paths.js';
import { csrfCheck } from '../security.js';
import type { WebContext } from '../web-context.js';
import { adminPage } from './admin-layout.js';
import { adminPaths } from './admin-paths.js';
import { adminActor } from './admin-session.js';

type SurveyParams = { Params: { surveyId: string } };
type InvitationParams = { Params: { surveyId: string; invitationId: string } };

const statusText: Record<InvitationStatus, string> = { usable: 'Can be used', used: 'Used', expired: 'Expired', revoked: 'Revoked' };

interface InvitationForm {
  org: string;
  use: string;
  expires: string;
  errors: { org?: string; use?: string; expires?: string };
}

/** Invitation links per organisation: create (single or multi use, optional expiry), list, revoke. */
export async function invitationAdminRoutes(app: FastifyInstance, context: WebContext): Promise<void> {
  const { store } = context;
  const csrf = csrfCheck(app);

  async function invitationsPage(surveyId: string, input: InvitationForm) {
    const definition = await requireSurvey(store, surveyId);
    const organisations = await store.organisations.list();
    const names = new Map(organisations.map((o) => [o.id, o.name]));
    const invitations = await store.invitations.list(surveyId);
    const errors = input.errors;
    const components: Component[] = [
      ...errorSummary([
        ...(errors.org ? [{ text: errors.org, href: '#org' }] : []),
        ...(errors.use ? [{ text: errors.use, href: '#use' }] : []),
        ...(errors.expires ? [{ text: errors.expires, href: '#expires' }] : []),
      ]),
      heading('Invitations', { caption: definition.title }),
      paragraph(
        definition.submissions.open
          ? 'Anyone with the address of the form can respond to this survey. An invitation link also sets the respondent’s organisation, so they do not choose it.'
          : 'This survey takes responses only through invitation links. Each link is for one organisation.',
      ),
      paragraph('Opening a link does not use it up: only sending a response does.'),
    ];
    const createForm = form('post', adminPaths.invitations(surveyId), [
      heading('Create an invitation link', { level: 2 }),
      govuk('govukSelect', {
        id: 'org',
        name: 'org',
        label: { text: 'Organisation', classes: 'govuk-label--s' },
        items: [{ value: '', text: 'Choose an organisation', selected: input.org === '' }, ...[...organisations].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')).map((o) => ({ value: o.id, text: o.name, selected: o.id === input.org }))],
        attributes: { 'data-canvass-autocomplete': '' },
        ...(errors.org ? { errorMessage: { text: errors.org } } : {}),
      }),
      govuk('govukRadios', {
        idPrefix: 'use',
        name: 'use',
        fieldset: { legend: { text: 'How many responses can the link be used for?', classes: 'govuk-fieldset__legend--s' } },
        items: [
          { value: 'single', text: 'One response', hint: { text: 'For sending to one person' }, checked: input.use === 'single' },
          { value: 'multi', text: 'Any number of responses', hint: { text: 'For sharing with everyone at the organisation' }, checked: input.use === 'multi' },
        ],
        ...(errors.use ? { errorMessage: { text: errors.use } } : {}),
      }),
      govuk('govukInput', {
        id: 'expires',
        name: 'expires',
        value: input.expires,
        inputmode: 'numeric',
        spellcheck: false,
        classes: 'govuk-input--width-3',
        label: { text: 'Days until the link expires (optional)', classes: 'govuk-label--s' },
        hint: { text: 'From 1 to 366. Leave empty for a link that does not expire.' },
        suffix: { text: 'days' },
        ...(errors.expires ? { errorMessage: { text: errors.expires } } : {}),
      }),
      govuk('govukButton', { text: 'Create link', preventDoubleClick: true }),
    ]);
    const list: Component[] = [
      heading('Links created', { level: 2 }),
      ...(invitations.length === 0 ? [paragraph('No invitation links yet.')] : []),
      ...invitations.map((invitation) => {
        const status = invitationStatus(invitation);
        const org = names.get(invitation.orgId) ?? invitation.orgId;
        return govuk('govukSummaryList', {
          card: {
            title: { text: org, headingLevel: 3 },
            ...(status === 'revoked' ? {} : { actions: { items: [{ href: adminPaths.revokeInvitation(surveyId, invitation.id), text: 'Revoke', visuallyHiddenText: `the link for ${org} created ${formatDate(invitation.createdAt)}` }] } }),
          },
          rows: [
            { key: { text: 'Use' }, value: { text: invitation.maxUses === 1 ? 'One response' : 'Any number of responses' } },
            { key: { text: 'Responses sent' }, value: { text: String(invitation.uses) } },
            { key: { text: 'Expires' }, value: { text: invitation.expiresAt ? formatDate(invitation.expiresAt) : 'Never' } },
            { key: { text: 'Status' }, value: { text: statusText[status] } },
            { key: { text: 'Created' }, value: { text: formatDate(invitation.createdAt) } },
          ],
        });
      }),
    ];
    const hasErrors = Object.keys(errors).length > 0;
    return adminPage(`Invitations – ${definition.title}`, 'surveys', [...components, createForm, ...list], { backLink: '/admin', hasErrors, autocomplete: true });
  }

  app.get<SurveyParams>('/surveys/:surveyId/invitations', async (request, reply) => {
    const page = await invitationsPage(request.params.surveyId, { org: '', use: '', expires: '', errors: {} });
    return reply.view('page.njk', { ...page, csrfToken: reply.generateCsrf() });
  });

  app.post<SurveyParams>('/surveys/:surveyId/invitations', { preHandler: csrf }, async (request, reply) => {
    const surveyId = request.params.surveyId;
    const body = formBody(request);
    const input: InvitationForm = { org: textField(body, 'org'), use: textField(body, 'use'), expires: textField(body, 'expires'), errors: {} };
    const org = input.org === '' ? undefined : await store.organisations.get(input.org);
    if (!org) input.errors.org = 'Select the organisation the link is for';
    if (input.use !== 'single' && input.use !== 'multi') input.errors.use = 'Select how many responses the link can be used for';
    const days = input.expires === '' ? undefined : Number(input.expires);
    if (days !== undefined && (!/^\d+$/.test(input.expires) || days < 1 || days > 366)) input.errors.expires = 'Enter a whole number of days from 1 to 366, or leave it empty';
    if (!org || Object.keys(input.errors).length > 0) {
      return reply.view('page.njk', { ...(await invitationsPage(surveyId, input)), csrfToken: reply.generateCsrf() }, 400);
    }
    const { invitation, token } = await createInvitation(store, { surveyId, orgId: org.id, singleUse: input.use === 'single', expiresInDays: days, createdBy: request.admin?.userId, actor: adminActor(request) });
    const url = `${request.protocol}://${request.host}${invitationPath(token)}`;
    // Shown once, in this response: only the link's hash is stored, so it cannot be shown again.
    const page = adminPage(
      'Invitation link created',
      'surveys',
      [
        govuk('govukPanel', { titleText: 'Invitation link created', text: `For ${org.name}`, headingLevel: 1 }),
        paragraph(`Copy the link now and send it to ${invitation.maxUses === 1 ? 'the person at' : 'people at'} ${org.name}. It is shown only this once.`),
        govuk('govukInsetText', { text: url, classes: 'canvass-break-anywhere', attributes: { 'data-invitation-link': '' } }),
        govuk('govukWarningText', { text: `Anyone with this link can respond as someone from ${org.name}.`, iconFallbackText: 'Warning' }),
        link('Back to invitations', adminPaths.invitations(surveyId)),
      ],
      {},
    );
    return reply.view('page.njk', page);
  });

  app.get<InvitationParams>('/surveys/:surveyId/invitations/:invitationId/revoke', async (request, reply) => {
    const invitation = await store.invitations.get(request.params.invitationId);
    if (!invitation || invitation.surveyId !== request.params.surveyId) return reply.callNotFound();
    const org = (await store.organisations.get(invitation.orgId))?.name ?? invitation.orgId;
    const page = adminPage(
      'Revoke the invitation link',
      'surveys',
      [
        heading(`Revoke the invitation link for ${org}?`),
        paragraph('Nobody will be able to start or send a response with it. Responses already sent are kept.'),
        form('post', adminPaths.revokeInvitation(invitation.surveyId, invitation.id), [govuk('govukButton', { text: 'Revoke link', classes: 'govuk-button--warning' })]),
        link('Cancel', adminPaths.invitations(invitation.surveyId)),
      ],
      { backLink: adminPaths.invitations(invitation.surveyId) },
    );
    return reply.view('page.njk', { ...page, csrfToken: reply.generateCsrf() });
  });

  app.post<InvitationParams>('/surveys/:surveyId/invitations/:invitationId/revoke', { preHandler: csrf }, async (request, reply) => {
    const { surveyId, invitationId } = request.params;
    if (!(await revokeInvitation(store, surveyId, invitationId, adminActor(request)))) return reply.callNotFound();
    return reply.redirect(adminPaths.invitations(surveyId), 303);
  });
}
