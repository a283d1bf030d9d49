import type { FastifyRequest } from 'fastify';

/** A form's fields as posted (URL-encoded or multipart), as a plain record; anything else as empty. */
export function formBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) && !Buffer.isBuffer(body) ? (body as Record<string, unknown>) : {};
}

/** A posted field as trimmed text; '' when missing or not text (a repeated field, a file). */
export function textField(body: Record<string, unknown>, name: string): string {
  const value = Object.hasOwn(body, name) ? body[name] : undefined;
  return typeof value === 'string' ? value.trim() : '';
}
