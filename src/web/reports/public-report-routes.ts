import type { FastifyInstance } from 'fastify';
import { gunzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { publishedPaths } from '../../operations/publish-release.js';
import { publishedOrganisations, publishedPage } from '../../operations/published-reports.js';
import type { StoredPage } from '../../storage/published-pages-repository.js';
import { componentPage, heading, link, links, paragraph, type Component } from '../page-components.js';
import { formatDate } from '../respondent/respondent-pages.js';
import type { WebContext } from '../web-context.js';
import { reportPaths } from './report-paths.js';

type SurveyParams = { Params: { surveyId: string } };
type OrganisationParams = { Params: { surveyId: string; orgId: string } };
type FileParams = { Params: { surveyId: string; file: string } };

const serviceName = 'Published reports';

/**
 * The published reports, for anyone, without signing in: the list, each survey's report, and
 * its organisations' benchmark reports. A survey that does not exist or is not published gets
 * the app's ordinary not-found page. Nothing here reads a response or a written answer but
 * through the reports' aggregates, which disclosure control has already been applied to.
 */
export async function publicReportRoutes(app: FastifyInstance, context: WebContext): Promise<void> {
  const { store } = context;

  // Unpublishing takes effect at once: a browser or proxy must ask again rather than show a kept copy.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-cache');
  });

  const page = (title: string, components: Component[], backLink?: string) =>
    componentPage({ title, serviceName, serviceUrl: reportPaths.index, ...(backLink ? { backLink } : {}) }, components);

  app.get('/reports', async (_request, reply) => {
    const reports = await store.publishedReports.list();
    const components: Component[] = [
      heading('Published reports'),
      paragraph('Survey reports published here give figures for groups of people only. Figures for groups too small to keep anyone’s answers private are not shown.'),
      ...(reports.length === 0 ? [paragraph('No reports have been published yet.')] : []),
      ...reports.flatMap((r) => [
        heading(r.title, { level: 2 }),
        paragraph(`Published ${formatDate(r.publishedAt)}${r.updatedAt !== r.publishedAt ? `, updated ${formatDate(r.updatedAt)}` : ''}`, 'govuk-body-s'),
        link(`Read the report`, reportPaths.survey(r.surveyId)),
        link(`Benchmark reports of the organisations that took part`, reportPaths.organisations(r.surveyId)),
      ]),
    ];
    return reply.view('page.njk', page('Published reports', components));
  });

  app.get<SurveyParams & { Querystring: { lang?: string } }>('/reports/:surveyId', async (request, reply) => {
    // ?lang=CODE: the report in another of the survey's languages, published with it; the
    // default language's for any other code (never a path built from what was asked).
    const lang = request.query.lang;
    if (typeof lang === 'string' && /^[a-z]{2,3}$/.test(lang)) {
      const translated = await publishedPage(store, request.params.surveyId, publishedPaths.reportIn(lang)).catch(() => undefined);
      if (translated) return sendPage(request, reply, translated);
    }
    return sendPage(request, reply, await publishedPage(store, request.params.surveyId, publishedPaths.report));
  });

  app.get<SurveyParams>('/reports/:surveyId/organisations', async (request, reply) => {
    const { published, organisations } = await publishedOrganisations(store, request.params.surveyId);
    const components: Component[] = [
      heading('Benchmark reports', { caption: published.title }),
      paragraph('Each organisation’s results beside those of its peer group and of all organisations. Where too few of an organisation’s people answered, its own figures are not shown.'),
      link('Read the report of the whole survey', reportPaths.survey(published.surveyId)),
      heading(`${organisations.length.toLocaleString('en-GB')} organisations`, { level: 2 }),
      links(organisations.map((o) => ({ text: o.name, href: reportPaths.organisation(published.surveyId, o.id) }))),
    ];
    return reply.view('page.njk', page(`Benchmark reports – ${published.title}`, components, reportPaths.index));
  });

  app.get<OrganisationParams>('/reports/:surveyId/organisations/:orgId', async (request, reply) => {
    return sendPage(request, reply, await publishedPage(store, request.params.surveyId, publishedPaths.organisation(request.params.orgId)));
  });

  app.get<FileParams>('/reports/:surveyId/open-data/:file', async (request, reply) => {
    const page = await publishedPage(store, request.params.surveyId, publishedPaths.openData(request.params.file));
    reply.header('content-disposition', `attachment; filename="${request.params.file.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
    return sendPage(request, reply, page);
  });
}

/**
 * Sends a page as it was kept: gzipped to a reader that accepts gzip (nearly all), unpacked for
 * any other. Each names the release it shows.
 */
function sendPage(request: FastifyRequest, reply: FastifyReply, page: StoredPage): FastifyReply {
  reply.type(page.contentType).header('vary', 'accept-encoding');
  if (page.release > 0) reply.header('x-canvass-release', String(page.release));
  if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(page.gzipped);
  return reply.send(gunzipSync(page.gzipped));
}
