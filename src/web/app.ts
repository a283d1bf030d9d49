import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Store } from '../storage/store.js';
import { adminRoutes } from './admin/admin-routes.js';
import { apiRoutes } from './api/api-routes.js';
import { toHttpError } from './http-errors.js';
import { refuseBadAddress, rewriteBadAddress } from './bad-address.js';
import { leadRoutes } from './lead/lead-routes.js';
import { errorPage, siteAreaOf } from './message-page.js';
import { languageCookieName } from './respondent/journey-context.js';
import { publicReportRoutes } from './reports/public-report-routes.js';
import { invitationRoutes } from './respondent/invitation-routes.js';
import { respondentRoutes } from './respondent/respondent-routes.js';
import { defaultBodyLimit, defaultRateLimits, registerSecurity, type RateLimits } from './security.js';
import { registerStaticAssets } from './static-assets.js';
import { createViewEnvironment, registerViews } from './views.js';
import type { WebContext } from './web-context.js';

export interface WebAppOptions {
  store: Store;
  rateLimits?: Partial<RateLimits>;
  /** Behind a reverse proxy that terminates TLS: trust its X-Forwarded-* headers (Secure cookies, client address). */
  trustProxy?: boolean;
  logger?: FastifyServerOptions['logger'];
  /** The mail transport and public address of organisation leads' sign-in emails (CANVASS_SMTP_URL or CANVASS_NOTIFY_*, CANVASS_PUBLIC_URL); process.env by default. */
  env?: NodeJS.ProcessEnv;
}

/**
 * The web server: respondent pages (/s/SURVEY, /i/TOKEN), published reports (/reports), admin
 * (/admin), organisation leads (/lead) and the JSON API (/api/v1). It keeps nothing in memory between requests but
 * rate-limit counters: sessions, drafts, invitations, tokens and what is published are all in
 * the database, so several servers can share one.
 */
export async function buildWebApp(options: WebAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: defaultBodyLimit,
    routerOptions: { ignoreTrailingSlash: true },
    rewriteUrl: rewriteBadAddress,
  });
  const context: WebContext = { store: options.store, rateLimits: { ...defaultRateLimits, ...options.rateLimits } };

  registerViews(app, createViewEnvironment());
  await registerSecurity(app);
  app.addHook('onRequest', refuseBadAddress);
  await registerStaticAssets(app);

  app.setErrorHandler((error, request, reply) => {
    const http = toHttpError(error);
    if (http.status >= 500) request.log.error({ err: error }, 'request failed');
    if (request.url.startsWith('/api/')) {
      return reply.status(http.status).send({ error: { code: http.code, message: http.message, ...(http.problems.length > 0 ? { problems: http.problems } : {}) } });
    }
    return reply.view('message.njk', errorPage(http, siteAreaOf(request.url), request.cookies?.[languageCookieName]), http.status);
  });
  app.setNotFoundHandler((request, reply) => {
    const http = toHttpError({ code: 'FST_ERR_NOT_FOUND' });
    if (request.url.startsWith('/api/')) return reply.status(404).send({ error: { code: http.code, message: `There is no ${request.method} ${request.url.split('?')[0]} in this API` } });
    return reply.view('message.njk', errorPage(http, siteAreaOf(request.url), request.cookies?.[languageCookieName]), 404);
  });

  app.get('/', async (_request, reply) => reply.redirect('/admin'));
  await app.register(respondentRoutes, context);
  await app.register(invitationRoutes, context);
  await app.register(publicReportRoutes, context);
  await app.register(adminRoutes, { ...context, prefix: '/admin' });
  await app.register(leadRoutes, { ...context, env: options.env ?? process.env, prefix: '/lead' });
  await app.register(apiRoutes, { ...context, prefix: '/api/v1' });
  return app;
}
