import type { FastifyInstance } from 'fastify';
import { CanvassError } from '../../errors/canvass-error.js';
import { nulCharacterProblems } from '../../errors/nul-characters.js';

/**
 * The API's JSON bodies, read strictly: UTF-8 only (JSON is UTF-8, RFC 8259; Fastify's own
 * parser would turn other bytes into U+FFFD and the text would be stored so without a word),
 * and no NUL character in any text or field name (PostgreSQL cannot store one). Otherwise as
 * Fastify parses JSON, refusing `__proto__` and `constructor.prototype` keys.
 */
export function registerStrictJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body as Buffer);
    } catch {
      done(new CanvassError('request.invalid', 'The request body is not valid UTF-8: send JSON encoded as UTF-8'), undefined);
      return;
    }
    parseJson(request, text, (error, value) => {
      if (error) return done(error, undefined);
      const problems = nulCharacterProblems(value, '');
      if (problems.length > 0) return done(new CanvassError('request.invalid', 'The request body holds a NUL character (\\u0000), which Canvass cannot store', { problems }), undefined);
      done(null, value);
    });
  });
}
