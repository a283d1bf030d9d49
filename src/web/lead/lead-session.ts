import type { FastifyReply, FastifyRequest } from 'fastify';
import { leadSession } from '../../operations/fieldwork/lead-access.js';
import type { LeadIdentity } from '../../storage/lead-access-repository.js';
import type { Store } from '../../storage/store.js';
import { cookieDefaults } from '../security.js';

/**
 * A lead's session token travels in this cookie, sent only to /lead (never to /admin, the API or
 * the form); the database keeps its hash. It opens nothing but the lead's own pages.
 */
export const leadCookieName = 'canvass_lead';
const cookiePath = '/lead';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in organisation lead (set by the lead routes' hook). */
    lead: LeadIdentity | null;
  }
}

export function setLeadCookie(reply: FastifyReply, token: string, expires: Date): void {
  reply.setCookie(leadCookieName, token, { ...cookieDefaults, path: cookiePath, expires });
}

export function clearLeadCookie(reply: FastifyReply): void {
  reply.clearCookie(leadCookieName, { ...cookieDefaults, path: cookiePath });
}

/** The hook that finds the lead of the request's session cookie, if any (pages decide what a visitor without one gets). */
export function loadLead(store: Store) {
  return async (request: FastifyRequest) => {
    request.lead = (await leadSession(store, request.cookies[leadCookieName])) ?? null;
  };
}
