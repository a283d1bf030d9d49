import type { FastifyReply } from 'fastify';
import { renderReportHtml } from '../../reporting/render-report-html.js';
import type { AnyReport } from '../../reporting/report-model.js';
import { reportStylesheetHrefs } from '../static-assets.js';

/**
 * Sends a report as its own standalone page (the report's templates, not the app's layout), with
 * linked stylesheets: the app's CSP allows no inline style. `homeHref` is where its header links.
 */
export function sendReport(reply: FastifyReply, report: AnyReport, homeHref: string): FastifyReply {
  return sendReportHtml(reply, webReportHtml(report, homeHref));
}

/** A report page as the web app serves it: its stylesheets linked from /assets, its header linking to `homeHref`. */
export function webReportHtml(report: AnyReport, homeHref: string): string {
  return renderReportHtml(report, { styles: { mode: 'linked', hrefs: reportStylesheetHrefs }, homeHref });
}

export function sendReportHtml(reply: FastifyReply, html: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(html);
}
