import type { PublicationRender } from '../../operations/publish-release.js';
import { reportPaths } from './report-paths.js';
import { webReportHtml } from './send-report.js';

/** A publication's pages as the web app serves them: its layout and stylesheets, headers linking back to the list they belong to. */
export function publicationRender(surveyId: string): PublicationRender {
  return {
    surveyReport: (report) => webReportHtml(report, reportPaths.index),
    benchmarkReport: (report) => webReportHtml(report, reportPaths.organisations(surveyId)),
  };
}
