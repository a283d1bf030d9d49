import type { FastifyInstance } from 'fastify';
import type { WebContext } from '../web-context.js';
import { requireAdmin } from './admin-session.js';
import { apiTokenRoutes } from './api-token-routes.js';
import { auditRoutes } from './audit-routes.js';
import { contactsAdminRoutes } from './contacts-admin-routes.js';
import { downloadRoutes } from './download-routes.js';
import { fieldworkAdminRoutes } from './fieldwork-admin-routes.js';
import { invitationAdminRoutes } from './invitation-admin-routes.js';
import { reportAdminRoutes } from './report-admin-routes.js';
import { resultsRoutes } from './results-routes.js';
import { signInRoutes } from './sign-in-routes.js';
import { surveyRoutes } from './survey-routes.js';
import { withdrawRoutes } from './withdraw-routes.js';

/** /admin: everything but the sign-in page needs a signed-in admin. */
export async function adminRoutes(app: FastifyInstance, options: WebContext): Promise<void> {
  // Only what the routes share: the registration options also carry this plugin's prefix.
  const context: WebContext = { store: options.store, rateLimits: options.rateLimits };
  app.decorateRequest('admin', null);
  app.addHook('onRequest', requireAdmin(context.store));
  // Admin pages show raw answers and one-time secrets: never keep them in a cache.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  await app.register(signInRoutes, context);
  await app.register(surveyRoutes, context);
  await app.register(withdrawRoutes, context);
  await app.register(resultsRoutes, context);
  await app.register(downloadRoutes, context);
  await app.register(invitationAdminRoutes, context);
  await app.register(contactsAdminRoutes, context);
  await app.register(fieldworkAdminRoutes, context);
  await app.register(reportAdminRoutes, context);
  await app.register(apiTokenRoutes, context);
  await app.register(auditRoutes, context);
}
