import type { FastifyReply } from 'fastify';
import { renderReportHtml } from '../../reporting/render-report-html.js';
import type { AnyReport } from '../../reporting/report-model.js';
import { reportStylesheetHrefs } from '../static-assets.js';

/**
 * Sends a report as its own standalone page (the report's templates, not the app's layout), with
 * linked stylesheets: the app's CSP allows no inline style. `homeHref` is where its header links.
 */
export function sendReport(reply: FastifyReply, report: AnyReport, homeHref: string): FastifyReply {
  const html = renderReportHtml(report, { styles: { mode: 'linked', hrefs: reportStylesheetHrefs }, homeHref });
  return reply.type('text/html; charset=utf-8').send(html);
}
