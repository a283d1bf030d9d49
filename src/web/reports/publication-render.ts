import type { PublicationRender } from '../../operations/publish-release.js';
import { reportStylesheetHrefs } from '../static-assets.js';
import { reportPaths } from './report-paths.js';

/** A publication's pages as the web app serves them: its stylesheets linked, headers linking back to the list they belong to. */
export function publicationRender(surveyId: string): PublicationRender {
  const styles = { mode: 'linked', hrefs: reportStylesheetHrefs } as const;
  return {
    surveyReport: { styles, homeHref: reportPaths.index },
    benchmarkReport: { styles, homeHref: reportPaths.organisations(surveyId) },
  };
}
