import fastifyMultipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { CanvassError } from '../errors/canvass-error.js';

/** A file of a multipart form, read whole: the forms here upload one small file (a definition). */
export interface UploadedFile {
  filename: string;
  contentType: string;
  /** Empty when the file was larger than the route takes ({@link tooLarge}). */
  content: Buffer;
  /** The file went past the route's `upload.fileSize`: the rest of it was read and thrown away. */
  tooLarge: boolean;
}

/** What a route that takes a file upload accepts. */
export interface UploadLimits {
  /** Files per request. */
  files: number;
  /** Bytes per file. */
  fileSize: number;
  /** Text fields per request (the CSRF token is one). */
  fields: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes a multipart form with files up to these limits; other routes take none. */
    upload?: UploadLimits;
  }
}

/**
 * Limits of every multipart form: a question page's fields, no files. A field is as long as a
 * whole URL-encoded form may be; a route that takes files says so with `config.upload`.
 */
const formLimits = { fieldNameSize: 100, fieldSize: 64 * 1024, fields: 200, files: 0, parts: 200, headerPairs: 20 };

/** A number of bytes as people read it: 1 MB, 64 KB. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Multipart form bodies through @fastify/multipart, streamed with limits (bytes per file and
 * field, numbers of files, fields and parts) into the same plain record as a URL-encoded form:
 * a text field as a string (a repeated one as an array), a file as an {@link UploadedFile}. The
 * body is read before the route's preHandler, so the CSRF check sees its token as for any form.
 * A request that says it is longer than the route's body limit is refused before it is read; a
 * file over the route's limit is read to its end and thrown away, so the route can say so on its
 * own page; anything else over a limit or not well-formed is refused with what was wrong.
 */
export async function registerMultipartForms(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, { limits: formLimits, throwFileSizeLimit: false });

  app.addHook('onRequest', async (request) => {
    if (!/^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '')) return;
    const length = Number(request.headers['content-length']);
    const limit = request.routeOptions.bodyLimit;
    if (Number.isFinite(length) && limit !== undefined && length > limit) {
      const upload = request.routeOptions.config.upload;
      throw new CanvassError('request.too-large', upload ? `A file can be at most ${formatBytes(upload.fileSize)}: choose a smaller one.` : 'The form is larger than Canvass accepts here.');
    }
  });

  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    request.body = await readForm(request);
  });
}

async function readForm(request: FastifyRequest): Promise<Record<string, unknown>> {
  const upload = request.routeOptions.config.upload;
  const limits = upload ? { ...formLimits, files: upload.files, fileSize: upload.fileSize, fields: upload.fields, parts: upload.files + upload.fields } : formLimits;
  const fields: Record<string, unknown> = {};
  const add = (name: string, value: string | UploadedFile) => {
    const before = fields[name];
    fields[name] = before === undefined ? value : Array.isArray(before) ? [...(before as unknown[]), value] : [before, value];
  };
  try {
    for await (const part of request.parts({ limits })) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        const tooLarge = part.file.truncated;
        add(part.fieldname, { filename: part.filename, contentType: part.mimetype, content: tooLarge ? Buffer.alloc(0) : content, tooLarge });
      } else {
        if (part.valueTruncated || part.fieldnameTruncated) throw new CanvassError('request.too-large', `A field of the form is longer than the ${formatBytes(limits.fieldSize)} Canvass accepts.`);
        if (typeof part.value !== 'string') throw new CanvassError('request.invalid', `The form could not be read: its field '${part.fieldname}' is not text.`);
        add(part.fieldname, part.value);
      }
    }
  } catch (error) {
    throw multipartError(error, limits);
  }
  return fields;
}

/** A limit or a fault of the body in the catalogue's terms, saying which limit. */
function multipartError(error: unknown, limits: { files: number; fields: number; parts: number }): unknown {
  if (error instanceof CanvassError) return error;
  const code = (error as Partial<FastifyError>).code;
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  switch (code) {
    case 'FST_FILES_LIMIT':
      return new CanvassError('request.too-large', limits.files === 0 ? 'This form takes no files.' : `This form takes at most ${plural(limits.files, 'file')}: send one at a time.`, { cause: error });
    case 'FST_FIELDS_LIMIT':
      return new CanvassError('request.too-large', `This form takes at most ${limits.fields} fields.`, { cause: error });
    case 'FST_PARTS_LIMIT':
      return new CanvassError('request.too-large', `This form takes at most ${limits.parts} parts.`, { cause: error });
    case 'FST_PROTO_VIOLATION':
      return new CanvassError('request.invalid', 'The form could not be read: it has a field name Canvass does not accept.', { cause: error });
  }
  // Anything else the parser stops at is a body that is not well-formed multipart.
  return new CanvassError('request.invalid', `The form could not be read: ${(error as Error).message ?? 'it is not a well-formed multipart body'}.`, { cause: error });
}
