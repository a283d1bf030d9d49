import type { FastifyInstance } from 'fastify';
import { auditPageSize, describeActor, describeAuditEntry, readAuditLog } from '../../operations/audit-log.js';
import { requireSurvey } from '../../operations/survey-lookup.js';
import type { AuditScope } from '../../storage/audit-log-repository.js';
import { govuk, heading, link, paragraph, type Component } from '../page-components.js';
import type { WebContext } from '../web-context.js';
import { adminPage } from './admin-layout.js';
import { adminPaths } from './admin-paths.js';

type PageQuery = { Querystring: { page?: unknown } };
type SurveyAuditRequest = PageQuery & { Params: { surveyId: string } };

/**
 * The audit log in the admin, newest first, 50 entries a page: one survey's (linked from the
 * surveys list) and everything (in the admin menu), with sign-ins, the register and API tokens.
 * Like all of /admin, for signed-in admins only.
 */
export async function auditRoutes(app: FastifyInstance, context: WebContext): Promise<void> {
  const { store } = context;

  /** The components of one page of entries; undefined for a page number past the last page. */
  async function entriesPage(scope: AuditScope, page: number, href: (page: number) => string): Promise<Component[] | undefined> {
    const { entries, total } = await readAuditLog(store, scope, { limit: auditPageSize, offset: (page - 1) * auditPageSize });
    const pages = Math.max(1, Math.ceil(total / auditPageSize));
    if (page > pages) return undefined;
    if (total === 0) return [paragraph('Nothing is recorded yet.')];
    const everything = !('surveyId' in scope);
    const first = (page - 1) * auditPageSize + 1;
    return [
      govuk('govukTable', {
        caption: `Entries ${first.toLocaleString('en-GB')} to ${(first + entries.length - 1).toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}, newest first`,
        captionClasses: 'govuk-table__caption--s',
        head: [{ text: 'When' }, { text: 'Who' }, ...(everything ? [{ text: 'Survey' }] : []), { text: 'What' }, { text: 'Details' }],
        rows: entries.map((entry) => {
          const { what, details } = describeAuditEntry(entry);
          return [
            { text: formatTime(entry.at) },
            { text: describeActor(entry.actor) },
            ...(everything ? [{ text: entry.surveyId ?? 'None' }] : []),
            { text: what },
            { text: details, classes: 'canvass-break-anywhere' },
          ];
        }),
      }),
      ...(pages > 1 ? [govuk('govukPagination', pagination(page, pages, href))] : []),
    ];
  }

  app.get<PageQuery>('/audit', async (request, reply) => {
    const page = pageNumber(request.query.page);
    const components = page === undefined ? undefined : await entriesPage({ all: true }, page, adminPaths.audit);
    if (!components) return reply.callNotFound();
    const intro = paragraph('Who did what, and when: imports, definition changes, releases, publishing, invitation links, API tokens, sign-ins (also failed ones) and downloads of raw responses. Entries are never changed or removed.');
    return reply.view('page.njk', adminPage(titled('Audit log', page!), 'audit', [heading('Audit log'), intro, ...components], { fullWidth: true }));
  });

  app.get<SurveyAuditRequest>('/surveys/:surveyId/audit', async (request, reply) => {
    const definition = await requireSurvey(store, request.params.surveyId);
    const page = pageNumber(request.query.page);
    const components = page === undefined ? undefined : await entriesPage({ surveyId: definition.id }, page, (n) => adminPaths.surveyAudit(definition.id, n));
    if (!components) return reply.callNotFound();
    const intro = paragraph('Who did what to this survey, and when: imports, definition changes, releases, publishing, invitation links and downloads of raw responses. Entries are never changed or removed.');
    const all = link('See the audit log of every survey, with sign-ins and API tokens', adminPaths.audit());
    return reply.view('page.njk', adminPage(titled(`Audit log – ${definition.title}`, page!), 'surveys', [heading('Audit log', { caption: definition.title }), intro, all, ...components], { backLink: adminPaths.home, fullWidth: true }));
  });
}

/** ?page=N: 1 when absent, undefined when it is not a whole number from 1. */
function pageNumber(value: unknown): number | undefined {
  if (value === undefined || value === '') return 1;
  if (typeof value !== 'string' || !/^[1-9]\d{0,6}$/.test(value)) return undefined;
  return Number(value);
}

/** A page after the first says which it is in its title, as GOV.UK's pagination guidance asks. */
function titled(title: string, page: number): string {
  return page === 1 ? title : `${title} (page ${page})`;
}

/** "30 November 2026, 09:15", in UK time. */
function formatTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
}

/** govukPagination's parameters: the first and last pages, the current one and its neighbours, and ellipses between. */
function pagination(page: number, pages: number, href: (page: number) => string): Record<string, unknown> {
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: Array<Record<string, unknown>> = [];
  for (const [i, n] of shown.entries()) {
    if (i > 0 && n - shown[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: String(n), href: href(n), ...(n === page ? { current: true } : {}) });
  }
  return {
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pages ? { next: { href: href(page + 1) } } : {}),
    items,
    landmarkLabel: 'Pages of the audit log',
  };
}
