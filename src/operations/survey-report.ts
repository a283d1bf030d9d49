import { languagesOf, localiseDefinition } from '../definition/localise-definition.js';
import { registerOf, registerValueLabels } from '../definition/register-attributes.js';
import { CanvassError } from '../errors/canvass-error.js';
import { localiseResults } from '../reporting/localise-results.js';
import { buildBenchmarkReport } from '../reporting/benchmark-report.js';
import { drawReportCharts } from '../reporting/draw-report-charts.js';
import { renderReportHtml, type RenderOptions } from '../reporting/render-report-html.js';
import type { BenchmarkReportView, SurveyReport } from '../reporting/report-model.js';
import { buildSurveyReport, fieldworkDatesOf } from '../reporting/survey-report.js';
import type { Store } from '../storage/store.js';
import { submissionDates } from '../storage/submission-dates.js';
import { organisationBenchmark, type BenchmarkQuery } from './organisation-benchmark.js';
import { requireSurvey } from './survey-lookup.js';
import { draftData, surveyResults, type ResultsQuery } from './survey-results.js';

export interface ReportQuery extends BenchmarkQuery {
  filter?: string;
  rake?: ResultsQuery['rake'];
  /** One of the survey's languages (default: its first): the report's texts from the definition's translations. */
  language?: string;
}

/**
 * The survey's report, charts drawn: its results under the query (disclosure control applied),
 * and, in a survey with waves, the change since the wave before the one shown.
 */
export async function surveyReport(store: Store, surveyId: string, query: ReportQuery = {}): Promise<SurveyReport> {
  const stored = await requireSurvey(store, surveyId);
  const languages = languagesOf(stored);
  const language = query.language ?? languages[0]!;
  if (!languages.includes(language)) throw new CanvassError('option.invalid', `Survey '${surveyId}' is not given in '${language}'; its languages are ${languages.join(', ')}`);
  const definition = localiseDefinition(stored, language);
  const waves = definition.waves ?? [];
  const shown = query.wave ?? waves.at(-1)?.id;
  const position = waves.findIndex((w) => w.id === shown);
  const previous = position > 0 ? waves[position - 1]!.id : undefined;
  const hasPrevious = previous !== undefined && (await store.responses.waves(surveyId)).some((w) => w.wave === previous && w.responses > 0);
  const { language: _language, ...resultsQuery } = query;
  const results = localiseResults(await surveyResults(store, surveyId, { ...resultsQuery, ...(hasPrevious ? { compareWave: previous } : {}) }), definition);
  const dates = fieldworkDatesOf(definition, results.wave);
  const submissions = dates ? await submissionDates(store.db, surveyId, dates, results.wave ?? undefined) : undefined;
  const report = buildSurveyReport(definition, results, { attributeLabels: registerValueLabels(registerOf(definition)), language, ...(submissions ? { submissions } : {}) });
  report.dataStatus = results.data?.label ?? null;
  await drawReportCharts(report);
  return report;
}

/** One organisation's benchmark report, charts drawn, with its response rate from the register's headcount. */
export async function benchmarkReport(store: Store, surveyId: string, orgId: string, query: BenchmarkQuery = {}): Promise<BenchmarkReportView> {
  const benchmark = await organisationBenchmark(store, surveyId, orgId, query);
  const definition = await requireSurvey(store, surveyId);
  const org = await store.organisations.get(orgId);
  const report = buildBenchmarkReport(definition, benchmark, { responses: benchmark.respondents, headcount: org?.headcount ?? null });
  report.dataStatus = draftData.label;
  await drawReportCharts(report);
  return report;
}

/** The survey report as one standalone HTML page (styles inlined unless linked). */
export async function surveyReportHtml(store: Store, surveyId: string, query: ReportQuery = {}, render: RenderOptions = { styles: { mode: 'inline' } }): Promise<string> {
  return renderReportHtml(await surveyReport(store, surveyId, query), render);
}
