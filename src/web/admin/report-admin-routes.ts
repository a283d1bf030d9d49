import type { FastifyInstance } from 'fastify';
import { languagesOf, supportedLanguage } from '../../definition/localise-definition.js';
import { publishRelease } from '../../operations/publish-release.js';
import { unpublishReport } from '../../operations/published-reports.js';
import { createRelease } from '../../operations/releases.js';
import { requireSurvey } from '../../operations/survey-lookup.js';
import { surveyReport } from '../../operations/survey-report.js';
import { form, govuk, heading, link, paragraph, type PageComponent } from '../page-components.js';
import { publicationRender } from '../reports/publication-render.js';
import { reportPaths } from '../reports/report-paths.js';
import { sendReport } from '../reports/send-report.js';
import { pageMessages } from '../page-messages.js';
import { formatDate } from '../respondent/respondent-pages.js';
import { csrfCheck } from '../security.js';
import type { WebContext } from '../web-context.js';
import { adminPage } from './admin-layout.js';
import { adminPaths } from './admin-paths.js';
import { adminActor } from './admin-session.js';

type SurveyParams = { Params: { surveyId: string } };
type ReportPageRequest = SurveyParams & { Querystring: { done?: unknown; release?: unknown } };
type ReleaseRequest = SurveyParams & { Body: { note?: unknown } };

/**
 * A survey's releases and publication in the admin: releasing the data as it is now, publishing
 * a release (its report, every organisation's benchmark report and the open data, made once and
 * served as kept), unpublishing, and a draft preview of live data. Like all of /admin, for
 * signed-in admins only; the posts need the page's CSRF token.
 */
export async function reportAdminRoutes(app: FastifyInstance, context: WebContext): Promise<void> {
  const { store } = context;

  app.get<ReportPageRequest>('/surveys/:surveyId/report', async (request, reply) => {
    const definition = await requireSurvey(store, request.params.surveyId);
    const published = await store.publishedReports.get(definition.id);
    const releases = await store.releases.list(definition.id);
    const latest = releases.at(-1);
    const responses = await store.responses.count(definition.id);
    const publicPath = reportPaths.survey(definition.id);
    const done = request.query.done;
    const number = Number(request.query.release);
    // The banner confirms what was just done, and only while it is still true (not after someone else undid it).
    const banner =
      done === 'released' && releases.some((r) => r.number === number)
        ? [govuk('govukNotificationBanner', { type: 'success', titleText: 'Success', text: `Release ${number} is made. Publish it to show it to readers.` })]
        : (done === 'published' || done === 'updated') && published?.release === number
          ? [govuk('govukNotificationBanner', { type: 'success', titleText: 'Success', text: `Release ${number} is published. Anyone can read it without signing in.` })]
          : done === 'unpublished' && !published
            ? [govuk('govukNotificationBanner', { type: 'success', titleText: 'Success', text: 'The report is no longer published.' })]
            : [];
    const sinceLatest = latest ? await store.responses.countAfter(definition.id, latest.highWaterSeq) : responses;
    const components: PageComponent[] = [
      ...banner,
      heading('Releases and publication', { caption: definition.title }),
      paragraph(
        'Readers never see live data. A release freezes the responses as they are; publishing a release makes its report, every organisation’s benchmark report and the open data once, and readers get those pages as they were made. ' +
          `Every figure has the survey’s disclosure control applied (groups of at least ${definition.disclosure.minBase} respondents), also across releases: a figure that would differ from one published before by only a few respondents shows the earlier figure instead.`,
      ),
      govuk('govukSummaryList', {
        rows: [
          { key: { text: 'Published' }, value: { text: published?.release ? `Release ${published.release}, since ${formatDate(published.updatedAt)}` : published ? `A report made before releases, on ${formatDate(published.updatedAt)}` : 'Not published' } },
          { key: { text: 'Public address' }, value: { text: published ? publicPath : `${publicPath} once published` } },
          { key: { text: 'Responses now' }, value: { text: `${responses.toLocaleString('en-GB')}${latest ? `, ${sinceLatest.toLocaleString('en-GB')} since release ${latest.number}` : ''}` } },
        ],
      }),
      ...(published ? [link('View the published report', publicPath)] : []),
      heading('Releases', { level: 2, size: 'l' }),
      ...(releases.length === 0
        ? [paragraph('There are no releases yet.')]
        : [
            govuk('govukTable', {
              caption: 'Releases, newest first',
              captionClasses: 'govuk-visually-hidden',
              firstCellIsHeader: true,
              head: [{ text: 'Release' }, { text: 'Made' }, { text: 'Responses', format: 'numeric' }, { text: 'Held back', format: 'numeric' }, { text: 'Note' }],
              rows: [...releases].reverse().map((r) => [
                { text: `${r.number}${published?.release === r.number ? ' (published)' : ''}` },
                { text: formatDate(r.createdAt) },
                { text: r.responses.toLocaleString('en-GB'), format: 'numeric' },
                { text: r.heldBack.length.toLocaleString('en-GB'), format: 'numeric' },
                { text: r.note ?? '' },
              ]),
            }),
          ]),
      form('post', adminPaths.releaseData(definition.id), [
        govuk('govukInput', { label: { text: 'Note (optional)' }, hint: { text: 'Kept with the release, such as "fieldwork closed".' }, id: 'note', name: 'note', classes: 'govuk-!-width-two-thirds' }),
        govuk('govukButton', { text: 'Release the data as it is now', classes: 'govuk-button--secondary', preventDoubleClick: true }),
      ]),
      ...(latest && published?.release !== latest.number
        ? [form('post', adminPaths.publishReport(definition.id), [govuk('govukButton', { text: `Publish release ${latest.number}`, preventDoubleClick: true })])]
        : []),
      ...(published ? [form('post', adminPaths.unpublishReport(definition.id), [govuk('govukButton', { text: 'Unpublish report', classes: 'govuk-button--warning', preventDoubleClick: true })])] : []),
      heading('Draft', { level: 2, size: 'l' }),
      paragraph('A draft report shows the live data to admins only, under the same thresholds; it is not published and not recorded.'),
      link('Preview a draft report of live data', adminPaths.reportPreview(definition.id)),
      // A survey in several languages: the draft in each of the others (published reports are in the default language).
      ...languagesOf(definition)
        .slice(1)
        .map((language) => link(`Preview it in ${pageMessages(language).languageName === 'English' ? language : pageMessages(language).languageName} (${language})`, `${adminPaths.reportPreview(definition.id)}?lang=${encodeURIComponent(language)}`)),
    ];
    return reply.view('page.njk', { ...adminPage(`Releases and publication – ${definition.title}`, 'surveys', components, { backLink: adminPaths.home }), csrfToken: reply.generateCsrf() });
  });

  app.get<SurveyParams & { Querystring: { lang?: string } }>('/surveys/:surveyId/report/preview', async (request, reply) => {
    const definition = await requireSurvey(store, request.params.surveyId);
    const report = await surveyReport(store, request.params.surveyId, { language: supportedLanguage(definition, request.query.lang) });
    return sendReport(reply, report, adminPaths.report(report.surveyId));
  });

  app.post<ReleaseRequest>('/surveys/:surveyId/report/release', { preHandler: csrfCheck(app) }, async (request, reply) => {
    const note = typeof request.body?.note === 'string' ? request.body.note.slice(0, 500) : undefined;
    const made = await createRelease(store, request.params.surveyId, { actor: adminActor(request), ...(note ? { note } : {}), ...(request.admin?.email ? { createdBy: request.admin.email } : {}) });
    return reply.redirect(`${adminPaths.report(request.params.surveyId)}?done=released&release=${made.release.number}`, 303);
  });

  app.post<SurveyParams>('/surveys/:surveyId/report/publish', { preHandler: csrfCheck(app) }, async (request, reply) => {
    const surveyId = request.params.surveyId;
    const done = await publishRelease(store, surveyId, { actor: adminActor(request), ...(request.admin?.email ? { publishedBy: request.admin.email } : {}), render: publicationRender(surveyId) });
    return reply.redirect(`${adminPaths.report(surveyId)}?done=${done.outcome}&release=${done.release.number}`, 303);
  });

  app.post<SurveyParams>('/surveys/:surveyId/report/unpublish', { preHandler: csrfCheck(app) }, async (request, reply) => {
    await unpublishReport(store, request.params.surveyId, adminActor(request));
    return reply.redirect(`${adminPaths.report(request.params.surveyId)}?done=unpublished`, 303);
  });
}

