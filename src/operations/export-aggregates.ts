import type { SurveyResults } from '../analysis/results/results-model.js';
import { aggregatesToCsv } from '../reporting/aggregate-table.js';
import { aggregatesToXlsx } from '../reporting/aggregates-xlsx.js';
import { defaultOpenDataLicence, isOpenDataLicence, openDataLicences } from '../reporting/open-data-licences.js';
import { openDataPackage, type OpenDataFiles } from '../reporting/open-data-package.js';
import { CanvassError } from '../errors/canvass-error.js';
import type { Store } from '../storage/store.js';
import { checkExportFormat } from './export-responses.js';
import { requireSurvey } from './survey-lookup.js';
import { surveyResults, type ResultsQuery } from './survey-results.js';

/**
 * A survey's aggregates (the figures of `canvass results`, with disclosure control applied) as
 * a tidy CSV or an XLSX workbook. Anyone who may see the results may have these: they hold no
 * response.
 */
export async function exportAggregates(store: Store, surveyId: string, query: ResultsQuery, format: string): Promise<{ content: string | Buffer; results: SurveyResults }> {
  const checked = checkExportFormat(format, ['csv', 'xlsx']);
  const { definition, results } = await definitionAndResults(store, surveyId, query);
  return { content: checked === 'csv' ? aggregatesToCsv(results, definition) : await aggregatesToXlsx(results, definition), results };
}

/** The open-data package of a survey's aggregates: datapackage.json, aggregates.csv, codebook.csv. */
export async function exportOpenData(store: Store, surveyId: string, query: ResultsQuery, options: { licence?: string; created?: Date } = {}): Promise<{ files: OpenDataFiles; results: SurveyResults }> {
  const licence = options.licence ?? defaultOpenDataLicence;
  if (!isOpenDataLicence(licence)) {
    throw new CanvassError('option.invalid', `"${licence}" is not a licence Canvass knows: use one of ${Object.keys(openDataLicences).join(', ')}`);
  }
  const { definition, results } = await definitionAndResults(store, surveyId, query);
  return { files: openDataPackage(results, definition, { licence, created: options.created ?? new Date() }), results };
}

async function definitionAndResults(store: Store, surveyId: string, query: ResultsQuery) {
  const definition = await requireSurvey(store, surveyId);
  return { definition, results: await surveyResults(store, surveyId, query) };
}
