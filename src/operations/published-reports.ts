import { gzipSync } from 'node:zlib';
import { CanvassError } from '../errors/canvass-error.js';
import { pageText, type StoredPage } from '../storage/published-pages-repository.js';
import type { PublishedReport } from '../storage/published-reports-repository.js';
import { inTransaction, type Store } from '../storage/store.js';
import { recordAudit } from './audit-log.js';
import { publishedPaths, type PublishedOrganisation } from './publish-release.js';
import { requireSurvey } from './survey-lookup.js';

/**
 * Takes a survey's published pages down (its releases and their pages stay); false when it was
 * not public. Taking them down is recorded in the audit log for `actor`, in the same transaction.
 */
export async function unpublishReport(store: Store, surveyId: string, actor: string): Promise<boolean> {
  await requireSurvey(store, surveyId);
  return inTransaction(store, async (tx) => {
    const shown = await tx.publishedReports.get(surveyId);
    if (!shown || !(await tx.publishedReports.unpublish(surveyId))) return false;
    await recordAudit(tx, { actor, action: 'release.unpublish', surveyId, details: { release: shown.release } });
    return true;
  });
}

/**
 * The publishing record of a survey that anyone may read about; for any other id, the same
 * not-found error whether the survey does not exist or is not published, so that a reader learns
 * nothing about unpublished surveys (not even that they exist).
 */
export async function requirePublished(store: Store, surveyId: string): Promise<PublishedReport> {
  const published = await store.publishedReports.get(surveyId);
  if (!published) throw notPublished(surveyId);
  return published;
}

/**
 * A page of a survey's publication, as it was made when its release was published: reading it
 * computes nothing and reads no response. Anything else — an unpublished survey, an organisation
 * without a benchmark report, a path that is not a page — is the same not-found error.
 */
export async function publishedPage(store: Store, surveyId: string, path: string): Promise<StoredPage> {
  const page = await store.publishedPages.page(surveyId, path);
  if (page) return page;
  // A report published before releases kept only its page.
  if (path === publishedPaths.report) {
    const published = await store.publishedReports.get(surveyId);
    const html = published && published.release === null ? await store.publishedReports.html(surveyId) : undefined;
    if (html !== undefined) return { release: 0, contentType: 'text/html; charset=utf-8', gzipped: gzipSync(html) };
  }
  throw notPublished(surveyId);
}

/** The organisations with a benchmark report in a survey's publication, by name. */
export async function publishedOrganisations(store: Store, surveyId: string): Promise<{ published: PublishedReport; organisations: PublishedOrganisation[] }> {
  const published = await requirePublished(store, surveyId);
  const page = await publishedPage(store, surveyId, publishedPaths.organisations);
  return { published, organisations: JSON.parse(pageText(page)) as PublishedOrganisation[] };
}

function notPublished(surveyId: string): CanvassError {
  return new CanvassError('report.not-published', `There is no published report '${surveyId}'`);
}
