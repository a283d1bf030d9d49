import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { exportAggregates, exportOpenData } from '../../operations/export-aggregates.js';
import { exportMediaTypes, openResponsesExport, type ExportFormat } from '../../operations/export-responses.js';
import { requireSurvey } from '../../operations/survey-lookup.js';
import { openDataFileNames, type OpenDataFiles } from '../../reporting/open-data-package.js';
import { govuk, heading, paragraph, type Component } from '../page-components.js';
import type { WebContext } from '../web-context.js';
import { adminPage } from './admin-layout.js';
import { adminPaths, type AggregatesFile, type ResponsesFile } from './admin-paths.js';
import { adminActor } from './admin-session.js';

type SurveyParams = { Params: { surveyId: string } };
type AggregatesRequest = { Params: { surveyId: string; file: string }; Querystring: { filter?: unknown; by?: unknown } };
type FileRequest = { Params: { surveyId: string; file: string } };

const asText = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

const aggregatesFiles: Record<AggregatesFile, 'csv' | 'xlsx'> = { 'aggregates.csv': 'csv', 'aggregates.xlsx': 'xlsx' };
const responsesFiles: Record<ResponsesFile, ExportFormat> = { 'responses.csv': 'csv', 'responses.json': 'json', 'responses.xlsx': 'xlsx' };
const openDataMediaTypes: Record<keyof OpenDataFiles, string> = { 'datapackage.json': exportMediaTypes.json, 'aggregates.csv': exportMediaTypes.csv, 'codebook.csv': exportMediaTypes.csv };

/**
 * Downloads for admins: the aggregates as CSV or XLSX (for a filter and breakdown, from the
 * results page), the open-data package's files, and the raw responses. They sit under /admin,
 * so the admin routes' sign-in hook guards every one of them: raw responses never leave without
 * a signed-in admin.
 */
export async function downloadRoutes(app: FastifyInstance, context: WebContext): Promise<void> {
  const { store } = context;

  app.get<SurveyParams>('/surveys/:surveyId/downloads', async (request, reply) => {
    const definition = await requireSurvey(store, request.params.surveyId);
    const id = definition.id;
    const file = (text: string, href: string, what: string) => ({ href, text, visuallyHiddenText: what });
    const components: Component[] = [
      ...(definition.notice ? [govuk('govukNotificationBanner', { titleText: 'About this data', text: definition.notice })] : []),
      heading('Downloads', { caption: definition.title }),
      heading('Figures', { level: 2 }),
      paragraph('Every figure of the results, one row per option, net and mean, with its base, interval and disclosure control applied: a suppressed figure keeps its row, without numbers, with the reason. For a filter or a breakdown, choose them on the results page and download from there.'),
      govuk('govukSummaryList', {
        rows: [
          {
            key: { text: 'Figures for everyone' },
            value: { text: 'A tidy table of the figures' },
            actions: { items: [file('CSV', adminPaths.aggregates(id, 'aggregates.csv'), 'of the figures'), file('Excel (XLSX)', adminPaths.aggregates(id, 'aggregates.xlsx'), 'of the figures')] },
          },
        ],
      }),
      heading('Open data', { level: 2 }),
      paragraph('A Frictionless Data Package of the figures for everyone, to publish: datapackage.json describes every field of aggregates.csv and codebook.csv (the codes of each question with their labels). Keep the three files together in one folder.'),
      govuk('govukSummaryList', {
        rows: [
          { key: { text: 'datapackage.json' }, value: { text: 'The package descriptor: title, licence, sources and the schema of each file' }, actions: { items: [file('Download', adminPaths.openData(id, 'datapackage.json'), 'datapackage.json')] } },
          { key: { text: 'aggregates.csv' }, value: { text: 'The figures' }, actions: { items: [file('Download', adminPaths.openData(id, 'aggregates.csv'), 'aggregates.csv')] } },
          { key: { text: 'codebook.csv' }, value: { text: 'The codes of each question, with their labels' }, actions: { items: [file('Download', adminPaths.openData(id, 'codebook.csv'), 'codebook.csv')] } },
        ],
      }),
      heading('Raw responses', { level: 2 }),
      govuk('govukWarningText', { text: 'Raw responses hold every answer, written answers included. They are for admins only: do not publish them or send them on.' }),
      govuk('govukSummaryList', {
        rows: [
          {
            key: { text: 'Every response' },
            value: { text: 'A column per question; the Excel workbook adds a codebook sheet' },
            actions: {
              items: [
                file('CSV', adminPaths.responsesFile(id, 'responses.csv'), 'of the raw responses'),
                file('JSON', adminPaths.responsesFile(id, 'responses.json'), 'of the raw responses'),
                file('Excel (XLSX)', adminPaths.responsesFile(id, 'responses.xlsx'), 'of the raw responses'),
              ],
            },
          },
        ],
      }),
    ];
    return reply.view('page.njk', adminPage(`Downloads – ${definition.title}`, 'surveys', components, { backLink: '/admin' }));
  });

  app.get<AggregatesRequest>('/surveys/:surveyId/downloads/:file', async (request, reply) => {
    const { surveyId, file } = request.params;
    if (Object.hasOwn(responsesFiles, file)) {
      const format = responsesFiles[file as ResponsesFile];
      // Streamed a page of responses at a time, as the client takes it: a national survey's file is
      // larger than the server should hold.
      const { stream } = await openResponsesExport(store, surveyId, format, { actor: adminActor(request) });
      return send(reply, `${surveyId}-${file}`, exportMediaTypes[format], stream);
    }
    if (!Object.hasOwn(aggregatesFiles, file)) return reply.callNotFound();
    const format = aggregatesFiles[file as AggregatesFile];
    const filter = asText(request.query.filter);
    const by = asText(request.query.by);
    const { content } = await exportAggregates(store, surveyId, { ...(filter ? { filter } : {}), ...(by ? { by } : {}) }, format);
    return send(reply, `${surveyId}-${file}`, exportMediaTypes[format], content);
  });

  app.get<FileRequest>('/surveys/:surveyId/open-data/:file', async (request, reply) => {
    const { surveyId, file } = request.params;
    if (!(openDataFileNames as readonly string[]).includes(file)) return reply.callNotFound();
    const name = file as keyof OpenDataFiles;
    const { files } = await exportOpenData(store, surveyId, {});
    return send(reply, name, openDataMediaTypes[name], files[name]);
  });
}

/** A file to save, not a page to show: the browser offers to download it under this name. */
function send(reply: FastifyReply, filename: string, mediaType: string, content: string | Buffer | Readable) {
  return reply.header('content-type', mediaType).header('content-disposition', `attachment; filename="${filename}"`).header('x-content-type-options', 'nosniff').send(content);
}
