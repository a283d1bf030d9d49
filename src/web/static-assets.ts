import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { reportStylesheetFiles } from '../reporting/render-report-html.js';
import { govukFrontendRoot } from './views.js';

const autocompleteRoot = dirname(createRequire(import.meta.url).resolve('accessible-autocomplete/package.json'));
export const ownAssetsDirectory = fileURLToPath(new URL('./assets/', import.meta.url));

/** The stylesheets a report page links to on the web (the CSP allows no inline style). */
export const reportStylesheetHrefs = ['/assets/govuk/govuk-frontend.min.css', '/assets/report/report.css'];

/**
 * Styles, fonts, images and scripts, all from this server (no CDN): govuk-frontend's from the
 * installed package — its CSS refers to /assets/fonts and /assets/images — accessible-autocomplete's,
 * Canvass's own small stylesheet and script, and the published reports' stylesheet.
 */
export async function registerStaticAssets(app: FastifyInstance): Promise<void> {
  const cacheControl = { maxAge: '1h' } as const;
  await app.register(fastifyStatic, { root: join(govukFrontendRoot, 'dist', 'govuk', 'assets'), prefix: '/assets/', ...cacheControl });
  await app.register(fastifyStatic, {
    root: join(govukFrontendRoot, 'dist', 'govuk'),
    prefix: '/assets/govuk/',
    decorateReply: false,
    // Only the built bundle; the package's Sass and sources are not for browsers.
    allowedPath: (path) => /^\/govuk-frontend\.min\.(css|js)(\.map)?$/.test(path),
    ...cacheControl,
  });
  await app.register(fastifyStatic, {
    root: join(autocompleteRoot, 'dist'),
    prefix: '/assets/accessible-autocomplete/',
    decorateReply: false,
    allowedPath: (path) => /^\/accessible-autocomplete\.min\.(css|js)(\.map)?$/.test(path),
    ...cacheControl,
  });
  await app.register(fastifyStatic, { root: ownAssetsDirectory, prefix: '/assets/canvass/', decorateReply: false, ...cacheControl });
  // The report's own stylesheet, from beside its templates (only that file of the folder).
  await app.register(fastifyStatic, {
    root: dirname(reportStylesheetFiles.report),
    prefix: '/assets/report/',
    decorateReply: false,
    allowedPath: (path) => path === '/report.css',
    ...cacheControl,
  });
}
