import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CanvassError } from '../errors/canvass-error.js';
import { registerMultipartForms } from './multipart-body.js';
import { govukTemplateScriptHash } from './views.js';

export interface RateLimit {
  max: number;
  /** Milliseconds. */
  timeWindow: number;
}

export interface RateLimits {
  /** Sign-in attempts per client address. */
  signIn: RateLimit;
  /** Submitted responses (web form and API) per client address, or per API token. */
  submissions: RateLimit;
}

/**
 * Enough for a person, or an office of people behind one address, never for a script guessing
 * passwords. Counters are kept by each server (the plugin's in-memory store), so behind a load
 * balancer of n servers a client gets up to n times these.
 */
export const defaultRateLimits: RateLimits = {
  signIn: { max: 10, timeWindow: 10 * 60_000 },
  submissions: { max: 60, timeWindow: 60_000 },
};

/** Cookies the app sets: HttpOnly, SameSite=Lax, and Secure whenever the request came over TLS. */
export const cookieDefaults = { httpOnly: true, sameSite: 'lax', secure: 'auto' } as const;

/** Form posts and JSON bodies: a question page posts a few kilobytes at most. */
export const defaultBodyLimit = 64 * 1024;
/** A questionnaire definition file uploaded by an admin. */
export const uploadFileLimit = 1024 * 1024;
/** The body of a form with that file: the file, its few fields and the multipart framing. */
export const uploadBodyLimit = uploadFileLimit + 16 * 1024;

/**
 * Security that applies to every route: cookies, form bodies (URL-encoded and multipart), the
 * security headers with a strict Content-Security-Policy, CSRF tokens and rate limiting.
 */
export async function registerSecurity(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  await registerMultipartForms(app);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // Scripts only from this server, plus govuk-frontend's one-line template script by its hash.
        scriptSrc: ["'self'", govukTemplateScriptHash()],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    // Resume, invitation and API links carry secrets: never send them on in a Referer header.
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(fastifyCsrf, { cookieKey: 'canvass_csrf', cookieOpts: { ...cookieDefaults, path: '/' } });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new CanvassError('request.rate-limited', `Too many attempts. Try again in ${context.after}.`),
  });
}

/** The preHandler for form posts: refuses a post without this site's CSRF token (the body must be parsed first). */
export function csrfCheck(app: FastifyInstance) {
  return (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => app.csrfProtection(request, reply, done);
}

/** Whether the request arrived over TLS (directly, or as a trusted proxy reports). */
export function isSecure(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}
