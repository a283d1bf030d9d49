import type { FastifyInstance } from 'fastify';
import type { SurveyResults } from '../../analysis/results/results-model.js';
import { CanvassError } from '../../errors/canvass-error.js';
import { surveyResults } from '../../operations/survey-results.js';
import { requireSurvey } from '../../operations/survey-lookup.js';
import { errorSummary, govuk, heading, links, type Component, type PageComponent } from '../page-components.js';
import type { WebContext } from '../web-context.js';
import { adminPage } from './admin-layout.js';
import { adminPaths } from './admin-paths.js';
import { questionComponents, resultsControls, resultsSummary, type ResultsControls } from './results-view.js';

type ResultsRequest = { Params: { surveyId: string }; Querystring: { filter?: unknown; by?: unknown } };

const asText = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** The results page: the same figures as `canvass results` and the API, for a filter and a breakdown. */
export async function resultsRoutes(app: FastifyInstance, context: WebContext): Promise<void> {
  const { store } = context;

  app.get<ResultsRequest>('/surveys/:surveyId/results', async (request, reply) => {
    const definition = await requireSurvey(store, request.params.surveyId);
    const controls: ResultsControls = { filter: asText(request.query.filter), by: asText(request.query.by), errors: {} };
    let results: SurveyResults | undefined;
    try {
      results = await surveyResults(store, definition.id, { filter: controls.filter, by: controls.by });
    } catch (error) {
      if (!(error instanceof CanvassError)) throw error;
      if (error.code === 'expression.invalid') controls.errors.filter = `Enter a filter Canvass understands: ${error.problems.map((p) => p.message).join('; ') || error.message}`;
      else if (error.code === 'option.invalid') controls.errors.by = error.message;
      else throw error;
    }
    const action = adminPaths.results(definition.id);
    const components: PageComponent[] = [
      ...(definition.notice ? [govuk('govukNotificationBanner', { titleText: 'About this data', text: definition.notice })] : []),
      ...errorSummary([
        ...(controls.errors.filter ? [{ text: controls.errors.filter, href: '#filter' }] : []),
        ...(controls.errors.by ? [{ text: controls.errors.by, href: '#by' }] : []),
      ]),
      heading('Results', { caption: definition.title, size: 'xl' }),
      resultsControls(definition, action, controls),
      ...(results ? [...resultsSummary(results), downloadLinks(definition.id, controls), ...results.questions.flatMap((_q, i) => questionComponents(results!, i, adminPaths.writtenAnswers(definition.id)))] : []),
    ];
    const hasErrors = results === undefined;
    return reply.view('page.njk', adminPage(`Results – ${definition.title}`, 'surveys', components, { backLink: '/admin', fullWidth: true, hasErrors }), hasErrors ? 400 : 200);
  });
}

/** These figures (the same filter and breakdown) as files, and the page of every download. */
function downloadLinks(surveyId: string, controls: ResultsControls): Component {
  const query = { filter: controls.filter, by: controls.by };
  return links([
    { text: 'Download these figures as CSV', href: adminPaths.aggregates(surveyId, 'aggregates.csv', query) },
    { text: 'Download these figures as an Excel workbook (XLSX)', href: adminPaths.aggregates(surveyId, 'aggregates.xlsx', query) },
    { text: 'All downloads: open data and raw responses', href: adminPaths.downloads(surveyId) },
  ]);
}
