import type { FastifyInstance } from 'fastify';
import { describeChanges } from '../../definition/definition-changes.js';
import { CanvassError } from '../../errors/canvass-error.js';
import type { Problem } from '../../errors/catalogue.js';
import { importDefinition } from '../../operations/import-definition.js';
import { responseRates } from '../../operations/response-rates.js';
import { writtenAnswers } from '../../operations/written-answers.js';
import { formBody } from '../form-body.js';
import { formatBytes, type UploadedFile } from '../multipart-body.js';
import { errorSummary, form, govuk, heading, link, paragraph, type Component } from '../page-components.js';
import { formatDate } from '../respondent/respondent-pages.js';
import { reportPaths } from '../reports/report-paths.js';
import { respondentPaths } from '../respondent/respondent-paths.js';
import { csrfCheck, uploadBodyLimit, uploadFileLimit } from '../security.js';
import type { WebContext } from '../web-context.js';
import { adminPage } from './admin-layout.js';
import { adminPaths } from './admin-paths.js';
import { adminActor } from './admin-session.js';

type SurveyParams = { Params: { surveyId: string } };

/** Surveys in the admin: the list, importing a definition, responses per organisation, written answers. */
export async function surveyRoutes(app: FastifyInstance, context: WebContext): Promise<void> {
  const { store } = context;

  app.get<{ Querystring: { imported?: string; status?: string; version?: string } }>('/', async (request, reply) => {
    const surveys = await store.surveys.list();
    const published = new Set((await store.publishedReports.list()).map((r) => r.surveyId));
    const imported = surveys.find((s) => s.id === request.query.imported);
    const components: Component[] = [...(imported ? await importReport(imported, request.query) : []), heading('Surveys'),
      govuk('govukButton', { text: 'Import a survey', href: adminPaths.importSurvey, classes: 'govuk-button--secondary' }),
      ...(surveys.length === 0 ? [paragraph('There are no surveys yet. Import a questionnaire definition to start one.')] : []),
      ...surveys.map((s) =>
        govuk('govukSummaryList', {
          card: {
            title: { text: s.title, headingLevel: 2 },
            actions: {
              items: [
                { href: adminPaths.results(s.id), text: 'Results', visuallyHiddenText: `of ${s.title}` },
                { href: adminPaths.responses(s.id), text: 'Responses', visuallyHiddenText: `to ${s.title}` },
                { href: adminPaths.invitations(s.id), text: 'Invitations', visuallyHiddenText: `to ${s.title}` },
                { href: adminPaths.contacts(s.id), text: 'Contacts', visuallyHiddenText: `for ${s.title}` },
                { href: adminPaths.fieldwork(s.id), text: 'Fieldwork', visuallyHiddenText: `of ${s.title}` },
                { href: adminPaths.downloads(s.id), text: 'Downloads', visuallyHiddenText: `of ${s.title}` },
                { href: adminPaths.report(s.id), text: 'Report', visuallyHiddenText: `of ${s.title}` },
                { href: adminPaths.surveyAudit(s.id), text: 'Audit log', visuallyHiddenText: `of ${s.title}` },
              ],
            },
          },
          rows: [
            { key: { text: 'Survey id' }, value: { text: s.id } },
            { key: { text: 'Responses' }, value: { text: s.responses.toLocaleString('en-GB') } },
            { key: { text: 'Form for respondents' }, value: { text: respondentPaths(s.id).start } },
            { key: { text: 'Report' }, value: { text: published.has(s.id) ? `Published at ${reportPaths.survey(s.id)}` : 'Not published' } },
            { key: { text: 'Last changed' }, value: { text: formatDate(s.updatedAt) } },
          ],
        }),
      ),
    ];
    return reply.view('page.njk', adminPage('Surveys', 'surveys', components));
  });

  /**
   * What an import did, after the redirect (as `canvass survey import` prints it): a new survey; a
   * new definition version with its changes, read from the survey's stored history; or no change.
   */
  async function importReport(survey: { id: string; title: string }, query: { status?: string; version?: string }): Promise<Component[]> {
    const version = /^[1-9][0-9]{0,8}$/.test(query.version ?? '') ? Number(query.version) : undefined;
    const at = version === undefined ? '' : ` (definition version ${version})`;
    const banner = (text: string, type?: 'success') => govuk('govukNotificationBanner', { ...(type ? { type, titleText: 'Success' } : { titleText: 'Important' }), text });
    if (query.status === 'unchanged') return [banner(`Survey ‘${survey.title}’ unchanged: the file is the definition already stored${at}, so nothing was stored.`)];
    if (query.status !== 'updated') return [banner(`Survey ‘${survey.title}’ imported${at}.`, 'success')];
    const entry = version === undefined ? undefined : (await store.surveys.history(survey.id)).find((v) => v.version === version);
    if (!entry) return [banner(`Survey ‘${survey.title}’ updated${at}.`, 'success')];
    return [
      banner(`Survey ‘${survey.title}’ updated to definition version ${entry.version}. Earlier versions are kept, and stored responses keep the version they were answered under.`, 'success'),
      heading(`What changed in definition version ${entry.version}`, { level: 2, size: 'm' }),
      { kind: 'list', items: entry.changes ? describeChanges(entry.changes) : ['first version'] },
    ];
  }

  function importPage(errors: { text: string; problems: readonly Problem[] } | undefined) {
    return adminPage(
      'Import a survey',
      'surveys',
      [
        ...errorSummary(errors ? [{ text: errors.text, href: '#definition' }] : []),
        heading('Import a survey'),
        paragraph(
          'Upload a questionnaire definition: a YAML or JSON file in the Canvass format. A new survey id creates a survey. For an existing one, a changed definition is stored as its next version: questions and options may be added, removed or reworded, earlier versions are kept, and stored responses keep their answers and the version they were answered under. The next page says what changed.',
        ),
        ...(errors && errors.problems.length > 0 ? [heading('Problems in the file', { level: 2 }), { kind: 'list' as const, items: errors.problems.map((p) => `${p.where}: ${p.message}${p.expected ? ` (expected ${p.expected})` : ''}`) }] : []),
        form(
          'post',
          adminPaths.importSurvey,
          [
            govuk('govukFileUpload', {
              id: 'definition',
              name: 'definition',
              label: { text: 'Questionnaire definition file', classes: 'govuk-label--s' },
              hint: { text: `A .yaml, .yml or .json file of at most ${formatBytes(uploadFileLimit)}` },
              ...(errors ? { errorMessage: { text: errors.text } } : {}),
            }),
            govuk('govukButton', { text: 'Import', preventDoubleClick: true }),
          ],
          'multipart/form-data',
        ),
      ],
      { hasErrors: errors !== undefined, backLink: '/admin' },
    );
  }

  app.get('/surveys/import', async (_request, reply) => reply.view('page.njk', { ...importPage(undefined), csrfToken: reply.generateCsrf() }));

  const upload = { files: 1, fileSize: uploadFileLimit, fields: 5 };
  app.post('/surveys/import', { bodyLimit: uploadBodyLimit, config: { upload }, preHandler: csrfCheck(app) }, async (request, reply) => {
    const file = formBody(request).definition as UploadedFile | string | undefined;
    const refuse = (text: string, problems: readonly Problem[] = [], status = 400) => reply.view('page.njk', { ...importPage({ text, problems }), csrfToken: reply.generateCsrf() }, status);
    if (typeof file === 'object' && file.tooLarge) return refuse(`The selected file must be smaller than ${formatBytes(upload.fileSize)}`, [], 413);
    if (typeof file !== 'object' || file.content.length === 0) return refuse('Select a questionnaire definition file');
    const name = file.filename || 'The file';
    try {
      const { definition, status, version } = await importDefinition(store, file.content.toString('utf8'), name, adminActor(request));
      return reply.redirect(`/admin?imported=${encodeURIComponent(definition.id)}&status=${status}&version=${version}`, 303);
    } catch (error) {
      if (error instanceof CanvassError && error.isUserError) return refuse(error.message, error.problems.slice(0, 50));
      throw error;
    }
  });

  app.get<SurveyParams>('/surveys/:surveyId/responses', async (request, reply) => {
    const { definition, total, organisations } = await responseRates(store, request.params.surveyId);
    const responding = organisations.filter((o) => o.responses > 0).length;
    const components: Component[] = [
      heading('Responses', { caption: definition.title }),
      govuk('govukSummaryList', {
        rows: [
          { key: { text: 'Responses' }, value: { text: total.toLocaleString('en-GB') } },
          { key: { text: 'Organisations that have responded' }, value: { text: `${responding} of ${organisations.length}` } },
        ],
      }),
      link('Read the written answers', adminPaths.writtenAnswers(definition.id)),
      link('Withdraw responses', adminPaths.withdrawResponses(definition.id)),
      govuk('govukTable', {
        caption: 'Responses by organisation',
        captionClasses: 'govuk-table__caption--m',
        firstCellIsHeader: true,
        head: [{ text: 'Organisation' }, { text: 'Responses', format: 'numeric' }, { text: 'Headcount', format: 'numeric' }, { text: 'Response rate', format: 'numeric' }],
        rows: organisations.map((o) => [
          { text: o.org.name },
          { text: o.responses.toLocaleString('en-GB'), format: 'numeric' },
          { text: o.org.headcount?.toLocaleString('en-GB') ?? 'Not known', format: 'numeric' },
          { text: o.rate === undefined ? 'Not known' : `${o.rate.toFixed(1)}%`, format: 'numeric' },
        ]),
      }),
    ];
    return reply.view('page.njk', adminPage(`Responses – ${definition.title}`, 'surveys', components, { backLink: '/admin', fullWidth: true }));
  });

  app.get<SurveyParams>('/surveys/:surveyId/written-answers', async (request, reply) => {
    const { definition, scanned, questions } = await writtenAnswers(store, request.params.surveyId);
    const components: Component[] = [
      heading('Written answers', { caption: definition.title }),
      paragraph(`From the ${scanned.toLocaleString('en-GB')} most recent responses, newest first. Written answers are for admins only: they are never part of the results.`),
      ...(questions.length === 0 ? [paragraph('This survey has no questions with written answers.')] : []),
      ...questions.flatMap(({ question, answers }) => [
        heading(question.text, { level: 2 }),
        answers.length === 0
          ? paragraph('No written answers yet.')
          : govuk('govukTable', {
              head: [{ text: 'Organisation' }, { text: 'Sent' }, { text: 'Answer' }],
              rows: answers.map((a) => [{ text: a.orgName }, { text: formatDate(a.submittedAt) }, { text: a.text, classes: 'canvass-pre-wrap' }]),
            }),
      ]),
    ];
    return reply.view('page.njk', adminPage(`Written answers – ${definition.title}`, 'surveys', components, { backLink: adminPaths.responses(definition.id), fullWidth: true }));
  });
}
