import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import type { AnyReport, MethodologyItem } from './report-model.js';
import { reportMessages } from './report-messages.js';
import { hasReportTexts, reportTexts } from './report-texts.js';

const govukFrontendDist = join(dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist');
const reportViews = fileURLToPath(new URL('./views/', import.meta.url));
const reportStyles = fileURLToPath(new URL('./views/report.css', import.meta.url));

/** How a report page gets its styles. */
export type ReportStyles =
  /** Everything in the page, for a file that must open anywhere and print to PDF. */
  | { mode: 'inline' }
  /** Linked stylesheets, for the web app (its CSP forbids inline styles) or a folder of reports sharing one copy. */
  | { mode: 'linked'; hrefs: string[] };

export interface RenderOptions {
  styles: ReportStyles;
  /** Where the header's product name links to ("/" in the web app). */
  homeHref?: string;
  /** A survey report published in several languages: each language and the address of its report, for the GOV.UK language toggle. */
  languageLinks?: ReadonlyArray<{ language: string; href: string }>;
}

let environment: nunjucks.Environment | undefined;

function views(): nunjucks.Environment {
  environment ??= new nunjucks.Environment(new nunjucks.FileSystemLoader([reportViews, govukFrontendDist]), { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  return environment;
}

let inlineCss: string | undefined;

/**
 * The stylesheet a standalone report inlines: govuk-frontend's, without its web fonts (a file
 * on disk cannot fetch them; the font stack falls back to Arial, as GOV.UK's own does), and
 * the report's own few rules.
 */
export function reportStylesheet(): string {
  inlineCss ??= `${readFileSync(join(govukFrontendDist, 'govuk', 'govuk-frontend.min.css'), 'utf8').replace(/@font-face\{[^}]*\}/g, '')}\n${readFileSync(reportStyles, 'utf8')}`;
  return inlineCss;
}

/** The CSS files a linked report needs, to copy beside a folder of reports or serve. */
export const reportStylesheetFiles = { govuk: join(govukFrontendDist, 'govuk', 'govuk-frontend.min.css'), report: reportStyles };

/** A report as one HTML page: govuk-frontend's template and macros, charts inline as SVG, no script needed. */
export function renderReportHtml(report: AnyReport, options: RenderOptions): string {
  const title = report.kind === 'survey' ? report.title : `${report.organisation.name}: benchmark report – ${report.title}`;
  const language = report.kind === 'survey' ? report.language : undefined;
  const m = reportMessages(language);
  const page = {
    ...reportPage(report.kind === 'survey' && report.filter ? `${report.title} – ${report.subtitle}` : title, report.kind === 'survey' ? m.publishedReport : 'Benchmark report', options),
    ...(report.kind === 'survey' && options.languageLinks && options.languageLinks.length > 1
      ? {
          languageNavigation: {
            ariaLabel: m.languageNavigationLabel,
            items: options.languageLinks.map((l) => ({ text: reportMessages(l.language).languageName, lang: l.language, ...(l.language === (language ?? 'en') ? { current: true } : { href: l.href }) })),
          },
        }
      : {}),
  };
  const template = report.kind === 'survey' ? 'survey-report.njk' : 'benchmark-report.njk';
  // In a language without generated texts (report-texts.ts), what Canvass generates in English (sentences, bases, tables, methodology) is marked lang="en".
  const generatedLang = language !== undefined && !hasReportTexts(language) ? 'en' : undefined;
  return views().render(template, { page, report, m, t: reportTexts(language), htmlLang: language ?? 'en', generatedLang, facts: summaryRows(facts(report)), methodology: summaryRows(report.methodology) });
}

function facts(report: AnyReport): MethodologyItem[] {
  const m = reportMessages(report.kind === 'survey' ? report.language : undefined);
  const data = report.dataStatus ? [{ key: m.data, value: report.dataStatus }] : [];
  if (report.kind === 'benchmark') return [...data, ...(report.fieldwork ? [{ key: m.fieldwork, value: report.fieldwork }] : []), ...report.summary];
  return [
    ...data,
    ...(report.fieldwork ? [{ key: m.fieldwork, value: report.fieldwork }] : []),
    ...(report.wave ? [{ key: m.wave, value: report.wave }] : []),
    { key: m.respondents, value: report.respondents.toLocaleString('en-GB') },
    { key: m.organisations, value: report.organisations.toLocaleString('en-GB') },
    ...(report.publisher ? [{ key: m.publishedBy, value: report.publisher }] : []),
    ...(report.filter ? [{ key: m.filter, value: report.filter.source }] : []),
  ];
}

function summaryRows(items: readonly MethodologyItem[]): Array<{ key: { text: string }; value: { text: string } }> {
  return items.map((item) => ({ key: { text: item.key }, value: { text: item.value } }));
}

/** The index page of a folder of benchmark reports: a table of organisations, each linking to its report. */
export function renderReportIndexHtml(index: { title: string; reports: Array<{ name: string; typeLabel: string; file: string }> }, options: RenderOptions): string {
  const page = reportPage(`Benchmark reports – ${index.title}`, 'Benchmark reports', options);
  const rows = [...index.reports]
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
    .map((r) => [{ html: views().renderString('<a class="govuk-link" href="{{ file }}">{{ name }}</a>', r) }, { text: r.typeLabel }]);
  return views().render('report-index.njk', { page, index: { title: index.title, count: index.reports.length, rows } });
}

/** What report-layout.njk needs around a page: its title, header, service name and styles. */
function reportPage(documentTitle: string, serviceName: string, options: RenderOptions) {
  const home = options.homeHref ?? '#main-content';
  return {
    documentTitle,
    header: { logoText: 'Canvass', url: home },
    serviceNavigation: { serviceName, serviceUrl: home },
    stylesheets: options.styles.mode === 'linked' ? options.styles.hrefs : [],
    inlineStyles: options.styles.mode === 'inline' ? reportStylesheet() : '',
  };
}
