import { languagesOf, localiseDefinition } from '../definition/localise-definition.js';
import { registerOf, registerValueLabels } from '../definition/register-attributes.js';
import type { OrganisationBenchmarkReport } from '../analysis/benchmarks/organisation-benchmarks.js';
import { compareWaves } from '../analysis/tests/compare-waves.js';
import type { SurveyResults } from '../analysis/results/results-model.js';
import type { EarlierFigures } from '../disclosure/apply-disclosure.js';
import { buildBenchmarkReport } from '../reporting/benchmark-report.js';
import { drawReportCharts } from '../reporting/draw-report-charts.js';
import { renderReportHtml, type RenderOptions } from '../reporting/render-report-html.js';
import { reportPagePool } from '../reporting/report-page-pool.js';
import { localiseResults } from '../reporting/localise-results.js';
import { openDataPackage } from '../reporting/open-data-package.js';
import { buildSurveyReport } from '../reporting/survey-report.js';
import { compressPage, unpackModel, type CompressedPage } from '../storage/published-pages-repository.js';
import type { Release } from '../storage/releases-repository.js';
import { inTransaction, type Store } from '../storage/store.js';
import { recordAudit } from './audit-log.js';
import { allOrganisationBenchmarks, type EarlierQuestions } from './organisation-benchmark.js';
import { ReleaseLedger } from './release-ledger.js';
import { loadRelease, releaseLabel, requireRelease, type ReleaseSnapshot } from './releases.js';
import { publishedResults } from './survey-results.js';

/** How a publication's report pages are rendered (the web app's stylesheets, where their headers link). */
export interface PublicationRender {
  surveyReport: RenderOptions;
  benchmarkReport: RenderOptions;
}

/** Where each page of a publication is kept, below /reports/SURVEY/. */
export const publishedPaths = {
  report: '',
  organisations: 'organisations.json',
  organisation: (orgId: string) => `organisations/${orgId}`,
  openData: (file: string) => `open-data/${file}`,
  /** The survey report in another of the survey's languages (served at /reports/SURVEY?lang=CODE). */
  reportIn: (language: string) => `languages/${language}`,
};

/** One organisation in a publication's list of benchmark reports. */
export interface PublishedOrganisation {
  id: string;
  name: string;
}

export interface PublicationOutcome {
  release: Release;
  outcome: 'published' | 'updated';
  /** Pages made now; 0 when the release's pages were made when it was first published. */
  pagesMade: number;
}

/**
 * Publishes a release (default: the newest): the survey report, every organisation's benchmark
 * report, the list of organisations and the open-data package, all computed from the release's
 * data and kept, so that a visit reads no response. A release's pages are made once: publishing
 * it again (after another, say) shows the pages it had.
 *
 * Disclosure control across releases goes through the release ledger (release-ledger.ts): a
 * figure whose group — or what it gained since an earlier release — nests within minBase − 1
 * respondents of a group published before shows the figure the last publication showed for it,
 * marked with that release, or is withheld when there was none. The ledger records what is
 * released. Pointing the public pages at the release and the audit log's entry for `actor` are
 * one transaction.
 */
export async function publishRelease(
  store: Store,
  surveyId: string,
  options: { actor: string; release?: number; publishedBy?: string; render: PublicationRender; onProgress?: (done: number, total: number) => void },
): Promise<PublicationOutcome> {
  const release = await requireRelease(store, surveyId, options.release);
  const made = await store.publishedPages.releases(surveyId);
  const record = (tx: Store, outcome: 'published' | 'updated', pagesMade: number) =>
    recordAudit(tx, { actor: options.actor, action: 'release.publish', surveyId, details: { release: release.number, outcome, pagesMade } });
  if (made.includes(release.number)) {
    const html = await store.publishedPages.model<{ html: string }>(surveyId, release.number, reportHtmlPath);
    const outcome = await inTransaction(store, async (tx) => {
      const shown = await tx.publishedPages.show(surveyId, release.number, { publishedBy: options.publishedBy, responses: release.responses, reportHtml: html?.html ?? '' });
      await record(tx, shown, 0);
      return shown;
    });
    return { release, outcome, pagesMade: 0 };
  }
  const prior = made.find((n) => n < release.number);
  const { pages, reportHtml } = await makePages(store, release, prior, made, options);
  const outcome = await inTransaction(store, async (tx) => {
    const published = await tx.publishedPages.publish(surveyId, release.number, pages, { publishedBy: options.publishedBy, responses: release.responses, reportHtml });
    await record(tx, published, pages.length);
    return published;
  });
  return { release, outcome, pagesMade: pages.length };
}

/** The report's HTML is also kept as a model page of its own, for the publication record when a release is shown again. */
const reportHtmlPath = '.report-html';

async function makePages(store: Store, release: Release, prior: number | undefined, withPages: readonly number[], options: { render: PublicationRender; onProgress?: (done: number, total: number) => void }): Promise<{ pages: CompressedPage[]; reportHtml: string }> {
  const surveyId = release.surveyId;
  const loaded = await loadRelease(store, surveyId, release.number);
  // The pages are made from the survey's definition as written, as `canvass report` makes its
  // report: in the snapshot's (analysis's view) a grid's statements are questions of their own,
  // so each would be charted alone and their texts would not be translated.
  const definition = loaded.surveyDefinition;
  const earlierReleases = (await store.releases.list(surveyId)).filter((r) => r.wave === release.wave && r.number < release.number && withPages.includes(r.number));
  const status = releaseLabel(release);
  const pages: CompressedPage[] = [];

  // The survey report, with the change since the wave before in a survey with waves.
  const priorResults = prior === undefined ? undefined : await store.publishedPages.model<SurveyResults>(surveyId, prior, publishedPaths.report);
  const earlierFigure: EarlierFigures | undefined = priorResults
    ? (id) => {
        const q = priorResults.questions.find((x) => x.id === id && !x.suppressed);
        return q ? { ...q, asPublishedIn: q.asPublishedIn ?? prior } : undefined;
      }
    : undefined;
  let results = await publishedResults(store, loaded, {}, earlierReleases, earlierFigure);
  const previousWave = await waveBefore(store, loaded);
  if (previousWave !== undefined) {
    const before = await loadRelease(store, surveyId, release.number, previousWave);
    results = { ...compareWaves(results, await publishedResults(store, before, {}, earlierReleases), previousWave), data: results.data };
  }
  const report = buildSurveyReport(definition, results, { attributeLabels: registerValueLabels(registerOf(definition)) });
  report.dataStatus = status;
  await drawReportCharts(report);
  // A survey in several languages: each report links the others with the GOV.UK language toggle.
  const languages = languagesOf(definition);
  const surveyRender = languages.length > 1 ? { ...options.render.surveyReport, languageLinks: languages.map((l) => ({ language: l, href: `?lang=${l}` })) } : options.render.surveyReport;
  const reportHtml = renderReportHtml(report, surveyRender);
  pages.push(compressPage({ path: publishedPaths.report, contentType: html, body: reportHtml, model: results }));
  pages.push(compressPage({ path: reportHtmlPath, contentType: 'application/json', body: '', model: { html: reportHtml } }));
  // The same figures in each other language of the survey, from its translations.
  for (const language of languages.slice(1)) {
    const shown = localiseDefinition(definition, language);
    const translated = buildSurveyReport(shown, localiseResults(results, shown), { attributeLabels: registerValueLabels(registerOf(definition)), language });
    translated.dataStatus = status;
    await drawReportCharts(translated);
    pages.push(compressPage({ path: publishedPaths.reportIn(language), contentType: html, body: renderReportHtml(translated, surveyRender) }));
  }
  const openData = openDataPackage(results, definition, { licence: 'OGL-UK-3.0', created: new Date(release.createdAt), data: status });
  for (const [file, content] of Object.entries(openData)) {
    pages.push(compressPage({ path: publishedPaths.openData(file), contentType: file.endsWith('.json') ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8', body: content }));
  }

  // Every organisation's benchmark report.
  // The pages' figures as the last publication showed them, unpacked only for a question that needs them.
  const priorOrgs = prior === undefined ? new Map<string, Uint8Array>() : await store.publishedPages.packedModels(surveyId, prior, 'organisations/');
  const earlierFor = (orgId: string): EarlierQuestions | undefined => {
    const packed = priorOrgs.get(publishedPaths.organisation(orgId));
    if (!packed) return undefined;
    let before: Pick<OrganisationBenchmarkReport, 'questions'> | undefined;
    return (id) => {
      before ??= unpackModel<Pick<OrganisationBenchmarkReport, 'questions'>>(packed);
      const q = before.questions.find((x) => x.id === id);
      return q ? { ...q, asPublishedIn: q.asPublishedIn ?? prior } : undefined;
    };
  };
  const register = new Map((await store.organisations.list()).map((o) => [o.id, o]));
  const all = allOrganisationBenchmarks(definition, loaded.snapshot, { ...(release.wave === null ? {} : { wave: release.wave }) }, new Map([...register].map(([id, o]) => [id, o.name])));
  const ledger = await ReleaseLedger.open(store, { surveyId, wave: release.wave, unit: 'respondents' }, definition.disclosure.minBase, loaded.seqs, earlierReleases, all.baseSizes());
  const organisations: PublishedOrganisation[] = [];
  const total = loaded.snapshot.orgs.length;
  // Charts and templates are what a thousand pages spend their time on: drawn on worker threads.
  const pool = reportPagePool();
  let drawn = 0;
  try {
    for (const benchmark of all.reports(ledger, earlierFor)) {
      const org = register.get(benchmark.organisation.id);
      const view = buildBenchmarkReport(definition, benchmark, { responses: benchmark.respondents, headcount: org?.headcount ?? null });
      view.dataStatus = status;
      const path = publishedPaths.organisation(benchmark.organisation.id);
      const model = { questions: benchmark.questions };
      await pool.make({ report: view, render: options.render.benchmarkReport }, (gzipped) => {
        pages.push(compressPage({ path, contentType: html, gzipped, model }));
        options.onProgress?.(++drawn, total);
      });
      organisations.push({ id: benchmark.organisation.id, name: benchmark.organisation.name });
    }
  } finally {
    await pool.close();
  }
  organisations.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  pages.push(compressPage({ path: publishedPaths.organisations, contentType: 'application/json; charset=utf-8', body: JSON.stringify(organisations), model: organisations }));
  await ledger.save();
  return { pages, reportHtml };
}

const html = 'text/html; charset=utf-8';

/** The wave before the release's, when the survey has waves and that one has responses in the release. */
async function waveBefore(store: Store, loaded: ReleaseSnapshot): Promise<string | undefined> {
  const waves = loaded.definition.waves ?? [];
  const position = waves.findIndex((w) => w.id === loaded.release.wave);
  if (position <= 0) return undefined;
  const previous = waves[position - 1]!.id;
  const counts = await store.responses.waves(loaded.definition.id);
  return counts.some((w) => w.wave === previous && w.responses > 0) ? previous : undefined;
}
