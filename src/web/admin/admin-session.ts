import type { FastifyReply, FastifyRequest } from 'fastify';
import { CanvassError } from '../../errors/canvass-error.js';
import { adminSession } from '../../operations/admin-accounts.js';
import type { AdminSession } from '../../storage/admin-sessions-repository.js';
import type { Store } from '../../storage/store.js';
import { cookieDefaults } from '../security.js';

/** The admin's session token travels in this cookie, sent only to /admin; the database has its hash. */
export const adminCookieName = 'canvass_admin';
const cookiePath = '/admin';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in admin (set by the admin routes' hook). */
    admin: AdminSession | null;
  }
  interface FastifyContextConfig {
    /** An admin route anyone may open (the sign-in page). */
    public?: boolean;
  }
}

export function setAdminCookie(reply: FastifyReply, token: string, expires: Date): void {
  reply.setCookie(adminCookieName, token, { ...cookieDefaults, path: cookiePath, expires });
}

export function clearAdminCookie(reply: FastifyReply): void {
  reply.clearCookie(adminCookieName, { ...cookieDefaults, path: cookiePath });
}

/** Only a local path under /admin: a `next` parameter must not send anyone to another site. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/admin(?:[/?][^\\]*)?$/.test(next) && !next.startsWith('//') && !next.includes('//') ? next : '/admin';
}

/** Who the signed-in admin is in the audit log: their address. Only routes behind `requireAdmin` ask. */
export function adminActor(request: FastifyRequest): string {
  if (!request.admin) throw new CanvassError('internal', 'An admin action was asked for without a signed-in admin');
  return request.admin.email;
}

/** The hook that lets only signed-in admins past, sending anyone else to sign in. */
export function requireAdmin(store: Store) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    request.admin = (await adminSession(store, request.cookies[adminCookieName])) ?? null;
    if (request.admin || request.routeOptions.config.public) return;
    const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
    return reply.redirect(`/admin/sign-in${next}`, 303);
  };
}
