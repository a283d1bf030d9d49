import type { FastifyError } from 'fastify';
import { CanvassError } from '../errors/canvass-error.js';
import { errorCatalogue, type ErrorCode, type Problem } from '../errors/catalogue.js';

export interface HttpError {
  status: number;
  code: ErrorCode;
  message: string;
  problems: readonly Problem[];
}

/**
 * Turns anything thrown in a route into the catalogue's terms: a CanvassError keeps its code;
 * Fastify's own errors (body too large, bad JSON, wrong content type, CSRF) get theirs; the rest
 * is an internal error whose details stay in the log.
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof CanvassError) {
    return { status: error.status, code: error.code, message: error.isUserError ? error.message : errorCatalogue.internal.title, problems: error.isUserError ? error.problems : [] };
  }
  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return user('request.too-large', 'The request body is larger than Canvass accepts here.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return user('request.unsupported-type', 'Send the body as application/json.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return user('request.invalid', `The request body could not be read: ${fastifyError.message ?? 'not valid JSON'}.`);
    case 'FST_CSRF_MISSING_SECRET':
    case 'FST_CSRF_INVALID_TOKEN':
      return user('request.csrf', 'The form was not sent from this site, or the page was open too long.');
    case 'FST_ERR_NOT_FOUND':
      return user('request.not-found', 'Page not found.');
  }
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { status: fastifyError.statusCode, code: 'request.invalid', message: fastifyError.message ?? 'The request could not be handled.', problems: [] };
  }
  return { status: 500, code: 'internal', message: errorCatalogue.internal.title, problems: [] };
}

function user(code: ErrorCode, message: string): HttpError {
  return { status: errorCatalogue[code].status, code, message, problems: [] };
}
