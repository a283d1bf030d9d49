import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { CanvassError } from '../errors/canvass-error.js';

/**
 * Addresses whose path does not decode (a `%` that does not begin an escape of UTF-8, such as
 * `/s/%E0%A4%A`). Fastify's router answers them itself, with JSON and none of the app's hooks;
 * instead they are let through with each `%` escaped, marked, and refused by {@link refuseBadAddress}
 * like any other bad request: the HTML error page with the security headers, or JSON under /api/.
 */
const badAddresses = new WeakSet<IncomingMessage>();

/** Fastify's `rewriteUrl`: the address as it came, or, when its path does not decode, a harmless one marked as bad. */
export function rewriteBadAddress(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  try {
    decodeURIComponent(path);
    return url;
  } catch {
    badAddresses.add(request);
    return path.replace(/%/g, '%25');
  }
}

/** An onRequest hook: refuses a request whose address {@link rewriteBadAddress} marked. */
export async function refuseBadAddress(request: FastifyRequest): Promise<void> {
  if (!badAddresses.has(request.raw)) return;
  if (request.url.startsWith('/api/')) {
    throw new CanvassError('request.invalid', `${request.originalUrl.slice(0, 200)} is not a valid web address: each % must begin an escape of UTF-8, such as %20`);
  }
  throw new CanvassError('request.invalid', 'The web address is not valid. If you typed it, check it is correct; if you followed a link, go back and try again.');
}
