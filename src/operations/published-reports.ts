import { CanvassError } from '../errors/canvass-error.js';
import type { BenchmarkReportView, SurveyReport } from '../reporting/report-model.js';
import type { PublishedReport } from '../storage/published-reports-repository.js';
import type { Store } from '../storage/store.js';
import { loadSnapshot } from './survey-results.js';
import { requireSurvey } from './survey-lookup.js';
import { benchmarkReport, surveyReport } from './survey-report.js';

/**
 * Publishing a survey's report: anyone may then read it, and each organisation's benchmark
 * report, without signing in. What is published is only what the report is made of — aggregates
 * under the survey's disclosure control, under the default design of `canvass results` — never
 * responses or written answers. The page is made now, from the responses there are, and kept:
 * readers get it as published until an admin publishes again ('updated') with newer responses.
 * `render` makes the page (the web app links its stylesheets; a file inlines them).
 */
export async function publishReport(store: Store, surveyId: string, publishedBy: string | undefined, render: (report: SurveyReport) => string): Promise<'published' | 'updated'> {
  await requireSurvey(store, surveyId);
  const report = await surveyReport(store, surveyId);
  return store.publishedReports.publish(surveyId, publishedBy, { html: render(report), responses: report.respondents });
}

/** Takes a survey's report down (and with it the organisations' benchmark reports); false when it was not public. */
export async function unpublishReport(store: Store, surveyId: string): Promise<boolean> {
  await requireSurvey(store, surveyId);
  return store.publishedReports.unpublish(surveyId);
}

/**
 * The publishing record of a survey that anyone may read about; for any other id, the same
 * not-found error whether the survey does not exist or is not published, so that a reader learns
 * nothing about unpublished surveys (not even that they exist).
 */
export async function requirePublished(store: Store, surveyId: string): Promise<PublishedReport> {
  const published = await store.publishedReports.get(surveyId);
  if (!published) throw new CanvassError('report.not-published', `There is no published report '${surveyId}'`);
  return published;
}

/** A published survey's report page, as it was published. */
export async function publishedSurveyReportHtml(store: Store, surveyId: string): Promise<string> {
  const html = await store.publishedReports.html(surveyId);
  if (html === undefined) throw new CanvassError('report.not-published', `There is no published report '${surveyId}'`);
  return html;
}

/**
 * An organisation's benchmark report in a published survey. An organisation without one (not in
 * the register, or without responses) is not found, as an unpublished survey is: the reasons the
 * command line gives (similar ids, which organisations responded) are for admins.
 */
export async function publishedBenchmarkReport(store: Store, surveyId: string, orgId: string): Promise<BenchmarkReportView> {
  await requirePublished(store, surveyId);
  try {
    return await benchmarkReport(store, surveyId, orgId);
  } catch (error) {
    if (error instanceof CanvassError && error.code === 'organisation.not-found') {
      throw new CanvassError('report.not-published', `There is no published benchmark report of '${orgId}' in '${surveyId}'`);
    }
    throw error;
  }
}

export interface BenchmarkedOrganisation {
  id: string;
  name: string;
}

/**
 * The organisations of a published survey that have a benchmark report: those with responses
 * in the wave its report shows (the latest), by name.
 */
export async function publishedBenchmarkOrganisations(store: Store, surveyId: string): Promise<{ published: PublishedReport; organisations: BenchmarkedOrganisation[] }> {
  const published = await requirePublished(store, surveyId);
  const { snapshot } = await loadSnapshot(store, surveyId);
  const register = new Map((await store.organisations.list()).map((o) => [o.id, o.name]));
  const organisations = snapshot.orgs.map((o) => ({ id: o.id, name: register.get(o.id) ?? o.id })).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  return { published, organisations };
}
