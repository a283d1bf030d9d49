import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import nunjucks from 'nunjucks';
import type { PageLayout } from './page-layout.js';

/** The installed govuk-frontend package: its macros, styles, fonts and scripts are served from here. */
export const govukFrontendRoot = dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json'));
export const viewsDirectory = fileURLToPath(new URL('./views/', import.meta.url));

/**
 * Nunjucks over our views and govuk-frontend's macros (`govuk/components/…/macro.njk`), with
 * autoescape on: every piece of text a template prints is HTML-escaped unless a macro was
 * explicitly given `html`, which view models never build from user input.
 */
export function createViewEnvironment(): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader([viewsDirectory, join(govukFrontendRoot, 'dist')], { noCache: false });
  return new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
}

/**
 * The CSP source for the one inline script of govuk-frontend's page template, which adds
 * `js-enabled` and `govuk-frontend-supported` to <body> before the page is painted. It is
 * allowed by its hash — read from the installed template, so an upgrade that changes it cannot
 * silently break — and no other inline script runs.
 */
export function govukTemplateScriptHash(): string {
  const template = readFileSync(join(govukFrontendRoot, 'dist', 'govuk', 'template.njk'), 'utf8');
  const script = /<script\b[^>]*>([^<]*)<\/script>/.exec(template)?.[1];
  if (script === undefined) throw new Error('govuk-frontend template.njk has no inline script to hash; check the CSP after this upgrade');
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

/** What every page template gets: the layout, the CSRF token for its forms, and its own content. */
export type ViewModel = { page: PageLayout; csrfToken?: string } & Record<string, unknown>;

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a page; `status` defaults to 200. */
    view(template: string, model: ViewModel, status?: number): FastifyReply;
  }
}

export function registerViews(app: FastifyInstance, environment: nunjucks.Environment): void {
  app.decorateReply('view', function view(this: FastifyReply, template: string, model: ViewModel, status = 200) {
    const html = environment.render(template, model);
    return this.status(status).type('text/html; charset=utf-8').send(html);
  });
}
