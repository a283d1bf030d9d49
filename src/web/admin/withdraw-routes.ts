import type { FastifyInstance } from 'fastify';
import { CanvassError } from '../../errors/canvass-error.js';
import type { Problem } from '../../errors/catalogue.js';
import { requireSurvey } from '../../operations/survey-lookup.js';
import { maxReasonLength, withdrawResponses } from '../../operations/withdraw-responses.js';
import { formBody, textField } from '../form-body.js';
import { errorSummary, form, govuk, heading, link, paragraph, type Component } from '../page-components.js';
import { formatDate } from '../respondent/respondent-pages.js';
import { csrfCheck } from '../security.js';
import type { WebContext } from '../web-context.js';
import { adminPage } from './admin-layout.js';
import { adminPaths } from './admin-paths.js';
import { adminActor } from './admin-session.js';

type SurveyParams = { Params: { surveyId: string } };

interface WithdrawForm {
  ids: string;
  reason: string;
  erase: boolean;
  errors: { ids?: string; reason?: string };
  /** What stopped the withdrawal, response by response, when there were several. */
  problems: readonly Problem[];
}

/** Withdrawn responses listed on the page, the most recent first. */
const listed = 50;

/** Response ids as typed: separated by spaces, commas, semicolons or new lines. */
const splitIds = (text: string) => text.split(/[\s,;]+/).filter((id) => id !== '');

/** Withdrawing responses (admins only): a form taking ids, a reason and whether to erase, and the responses withdrawn so far. */
export async function withdrawRoutes(app: FastifyInstance, context: WebContext): Promise<void> {
  const { store } = context;

  async function withdrawPage(surveyId: string, input: WithdrawForm, done?: { count: number; erased: boolean }) {
    const definition = await requireSurvey(store, surveyId);
    const { total, responses } = await store.responses.withdrawn(surveyId, listed);
    const orgNames = new Map((await store.organisations.list()).map((o) => [o.id, o.name]));
    const { errors } = input;
    const components: Component[] = [
      ...(done
        ? [
            govuk('govukNotificationBanner', {
              type: 'success',
              titleText: 'Success',
              text: `${done.count.toLocaleString('en-GB')} ${done.count === 1 ? 'response' : 'responses'} withdrawn${done.erased ? ', answers erased' : ''}`,
            }),
          ]
        : []),
      ...errorSummary([...(errors.ids ? [{ text: errors.ids, href: '#ids' }] : []), ...(errors.reason ? [{ text: errors.reason, href: '#reason' }] : [])]),
      heading('Withdraw responses', { caption: definition.title }),
      paragraph('A withdrawn response leaves the results, benchmarks, reports, downloads, response counts and every release made from now on. It keeps its place in the order responses arrived, so nothing else changes. Reports already published stay as they are: they hold figures, not anyone’s answers.'),
      paragraph('Withdraw test responses, responses imported by mistake, or the response of a respondent who asked for it to be removed.'),
    ];
    const fields: Component[] = [
      govuk('govukTextarea', {
        id: 'ids',
        name: 'ids',
        value: input.ids,
        rows: 3,
        spellcheck: false,
        label: { text: 'Responses to withdraw', classes: 'govuk-label--s' },
        hint: { text: 'Their ids (the response_id column of a download), or the reference a respondent was given, such as 3F2A-9C1D. Separate several with spaces or new lines.' },
        ...(errors.ids ? { errorMessage: { text: errors.ids } } : {}),
      }),
      ...(input.problems.length > 0 ? [{ kind: 'list' as const, items: input.problems.map((p) => `${p.where}: ${p.message}`) }] : []),
      govuk('govukTextarea', {
        id: 'reason',
        name: 'reason',
        value: input.reason,
        rows: 2,
        label: { text: 'Why they are withdrawn', classes: 'govuk-label--s' },
        hint: { text: `Kept with the responses and in the audit log, at most ${maxReasonLength} characters. Do not copy anyone’s answers here.` },
        ...(errors.reason ? { errorMessage: { text: errors.reason } } : {}),
      }),
      govuk('govukCheckboxes', {
        idPrefix: 'erase',
        name: 'erase',
        fieldset: { legend: { text: 'Erase the answers', classes: 'govuk-fieldset__legend--s' } },
        items: [
          {
            value: 'yes',
            text: 'Erase their answers as well',
            checked: input.erase,
            hint: { text: 'For a respondent who asked for their data to be erased. The answers cannot be recovered afterwards. Otherwise they are kept but used nowhere.' },
          },
        ],
      }),
      govuk('govukWarningText', { text: 'A withdrawal cannot be undone.', iconFallbackText: 'Warning' }),
      govuk('govukButton', { text: 'Withdraw responses', classes: 'govuk-button--warning', preventDoubleClick: true }),
    ];
    const withdrawn: Component[] = [
      heading('Withdrawn responses', { level: 2 }),
      total === 0
        ? paragraph('No responses have been withdrawn.')
        : govuk('govukTable', {
            ...(total > responses.length ? { caption: `The ${responses.length} most recently withdrawn of ${total.toLocaleString('en-GB')}` } : {}),
            head: [{ text: 'Response' }, { text: 'Organisation' }, { text: 'Withdrawn' }, { text: 'By' }, { text: 'Reason' }, { text: 'Answers' }],
            rows: responses.map((r) => [
              { text: r.id, classes: 'canvass-break-anywhere' },
              { text: orgNames.get(r.org) ?? r.org },
              { text: formatDate(r.withdrawnAt) },
              { text: r.withdrawnBy, classes: 'canvass-break-anywhere' },
              { text: r.withdrawnReason },
              { text: r.erasedAt === null ? 'Kept' : 'Erased' },
            ]),
          }),
      link('Back to responses', adminPaths.responses(surveyId)),
    ];
    const hasErrors = Object.keys(errors).length > 0;
    return adminPage(`Withdraw responses – ${definition.title}`, 'surveys', [...components, form('post', adminPaths.withdrawResponses(surveyId), fields), ...withdrawn], {
      backLink: adminPaths.responses(surveyId),
      hasErrors,
      fullWidth: true,
    });
  }

  const empty: WithdrawForm = { ids: '', reason: '', erase: false, errors: {}, problems: [] };

  app.get<SurveyParams & { Querystring: { withdrawn?: string; erased?: string } }>('/surveys/:surveyId/responses/withdraw', async (request, reply) => {
    const count = Number(request.query.withdrawn);
    const done = Number.isInteger(count) && count > 0 ? { count, erased: request.query.erased === 'yes' } : undefined;
    return reply.view('page.njk', { ...(await withdrawPage(request.params.surveyId, empty, done)), csrfToken: reply.generateCsrf() });
  });

  app.post<SurveyParams>('/surveys/:surveyId/responses/withdraw', { preHandler: csrfCheck(app) }, async (request, reply) => {
    const { surveyId } = request.params;
    const body = formBody(request);
    const input: WithdrawForm = { ids: textField(body, 'ids'), reason: textField(body, 'reason'), erase: textField(body, 'erase') === 'yes', errors: {}, problems: [] };
    if (splitIds(input.ids).length === 0) input.errors.ids = 'Enter the id of at least one response, or a respondent’s reference';
    if (input.reason === '') input.errors.reason = 'Enter why the responses are withdrawn';
    else if ([...input.reason].length > maxReasonLength) input.errors.reason = `Why they are withdrawn must be ${maxReasonLength} characters or fewer`;
    const refuse = async (form: WithdrawForm) => reply.view('page.njk', { ...(await withdrawPage(surveyId, form)), csrfToken: reply.generateCsrf() }, 400);
    if (Object.keys(input.errors).length > 0) return refuse(input);
    try {
      const outcome = await withdrawResponses(store, surveyId, { ids: splitIds(input.ids), reason: input.reason, erase: input.erase, actor: adminActor(request) });
      return reply.redirect(`${adminPaths.withdrawResponses(surveyId)}?withdrawn=${outcome.ids.length}${outcome.erased ? '&erased=yes' : ''}`, 303);
    } catch (error) {
      if (!(error instanceof CanvassError) || !error.isUserError || error.code === 'survey.not-found') throw error;
      const onReason = error.code === 'option.invalid' && /reason/i.test(error.message);
      return refuse({ ...input, errors: onReason ? { reason: error.message } : { ids: error.message }, problems: error.problems });
    }
  });
}
