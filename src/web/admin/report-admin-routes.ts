import type { FastifyInstance } from 'fastify';
import { publishReport, unpublishReport } from '../../operations/published-reports.js';
import { requireSurvey } from '../../operations/survey-lookup.js';
import { surveyReport } from '../../operations/survey-report.js';
import { form, govuk, heading, link, paragraph, type PageComponent } from '../page-components.js';
import { reportPaths } from '../reports/report-paths.js';
import { sendReport, webReportHtml } from '../reports/send-report.js';
import { formatDate } from '../respondent/respondent-pages.js';
import { csrfCheck } from '../security.js';
import type { WebContext } from '../web-context.js';
import { adminPage } from './admin-layout.js';
import { adminPaths } from './admin-paths.js';

type SurveyParams = { Params: { surveyId: string } };
type ReportPageRequest = SurveyParams & { Querystring: { done?: unknown } };

/**
 * A survey's report in the admin: whether it is public, a preview (also while it is not), and
 * publishing or unpublishing it. Like all of /admin, for signed-in admins only; the posts need
 * the page's CSRF token.
 */
export async function reportAdminRoutes(app: FastifyInstance, context: WebContext): Promise<void> {
  const { store } = context;

  app.get<ReportPageRequest>('/surveys/:surveyId/report', async (request, reply) => {
    const definition = await requireSurvey(store, request.params.surveyId);
    const published = await store.publishedReports.get(definition.id);
    const publicPath = reportPaths.survey(definition.id);
    // The banner confirms what was just done, and only while it is still true (not after someone else undid it).
    const done = request.query.done;
    const responses = await store.responses.count(definition.id);
    const banner =
      done === 'published' && published
        ? [govuk('govukNotificationBanner', { type: 'success', titleText: 'Success', text: 'The report is published. Anyone can read it without signing in.' })]
        : done === 'updated' && published
          ? [govuk('govukNotificationBanner', { type: 'success', titleText: 'Success', text: `The published report now shows all ${responses.toLocaleString('en-GB')} responses.` })]
          : done === 'unpublished' && !published
          ? [govuk('govukNotificationBanner', { type: 'success', titleText: 'Success', text: 'The report is no longer published.' })]
          : [];
    const components: PageComponent[] = [
      ...banner,
      heading('Report', { caption: definition.title }),
      govuk('govukSummaryList', {
        rows: [
          { key: { text: 'Status' }, value: { text: published ? `Published on ${formatDate(published.publishedAt)}${published.publishedBy ? ` by ${published.publishedBy}` : ''}` : 'Not published' } },
          ...(published
            ? [
                {
                  key: { text: 'Published page' },
                  value: {
                    text:
                      `Made on ${formatDate(published.updatedAt)} from ${published.responses.toLocaleString('en-GB')} responses` +
                      (responses > published.responses ? `; ${(responses - published.responses).toLocaleString('en-GB')} more have arrived since: update it to include them` : ''),
                  },
                },
              ]
            : []),
          { key: { text: 'Public address' }, value: { text: published ? publicPath : `${publicPath} once published` } },
        ],
      }),
      ...(published ? [link('View the published report', publicPath)] : []),
      paragraph(
        'A published report can be read by anyone, without signing in, with a benchmark report for each organisation that took part. ' +
          `It shows only figures for groups of at least ${definition.disclosure.minBase} respondents, with the survey’s disclosure control applied: never a response or a written answer.`,
      ),
      link('Preview report', adminPaths.reportPreview(definition.id)),
      ...(published
        ? [
            paragraph('Readers see the report as it was published. Updating it makes it again from the responses there are now.'),
            form('post', adminPaths.publishReport(definition.id), [govuk('govukButton', { text: 'Update published report', classes: 'govuk-button--secondary', preventDoubleClick: true })]),
            form('post', adminPaths.unpublishReport(definition.id), [govuk('govukButton', { text: 'Unpublish report', classes: 'govuk-button--warning', preventDoubleClick: true })]),
          ]
        : [form('post', adminPaths.publishReport(definition.id), [govuk('govukButton', { text: 'Publish report', preventDoubleClick: true })])]),
    ];
    return reply.view('page.njk', { ...adminPage(`Report – ${definition.title}`, 'surveys', components, { backLink: adminPaths.home }), csrfToken: reply.generateCsrf() });
  });

  app.get<SurveyParams>('/surveys/:surveyId/report/preview', async (request, reply) => {
    const report = await surveyReport(store, request.params.surveyId);
    return sendReport(reply, report, adminPaths.report(report.surveyId));
  });

  app.post<SurveyParams>('/surveys/:surveyId/report/publish', { preHandler: csrfCheck(app) }, async (request, reply) => {
    const outcome = await publishReport(store, request.params.surveyId, request.admin?.email, (report) => webReportHtml(report, reportPaths.index));
    return reply.redirect(`${adminPaths.report(request.params.surveyId)}?done=${outcome}`, 303);
  });

  app.post<SurveyParams>('/surveys/:surveyId/report/unpublish', { preHandler: csrfCheck(app) }, async (request, reply) => {
    await unpublishReport(store, request.params.surveyId);
    return reply.redirect(`${adminPaths.report(request.params.surveyId)}?done=unpublished`, 303);
  });
}
