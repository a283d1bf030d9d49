/**
 * Reads a `multipart/form-data` body (RFC 7578) as sent by a browser's file upload form: text
 * fields and files, all in memory. Forms here upload one small file (a questionnaire definition),
 * so a full streaming parser would be more than is needed; the body size is limited before this
 * runs. Throws {@link MultipartError} on a body that is not well-formed.
 */
export interface UploadedFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

export type MultipartFields = Record<string, string | UploadedFile>;

export class MultipartError extends Error {}

export function boundaryOf(contentType: string | undefined): string {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary || boundary.length > 70) throw new MultipartError('the form has no valid multipart boundary');
  return boundary;
}

export function parseMultipart(body: Buffer, boundary: string): MultipartFields {
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: MultipartFields = Object.create(null) as MultipartFields;
  let position = body.indexOf(delimiter);
  if (position === -1) throw new MultipartError('the form body does not contain its boundary');
  for (;;) {
    position += delimiter.length;
    // `--` after a delimiter closes the body.
    if (body.subarray(position, position + 2).toString('latin1') === '--') return fields;
    if (body.subarray(position, position + 2).toString('latin1') !== '\r\n') throw new MultipartError('a multipart delimiter is not followed by a line break');
    position += 2;
    const headerEnd = body.indexOf('\r\n\r\n', position);
    if (headerEnd === -1) throw new MultipartError('a form part has no end to its headers');
    const headers = parseHeaders(body.subarray(position, headerEnd).toString('utf8'));
    const contentStart = headerEnd + 4;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), contentStart);
    if (next === -1) throw new MultipartError('a form part is not closed by the boundary');
    const content = body.subarray(contentStart, next);
    const disposition = headers.get('content-disposition') ?? '';
    const name = parameter(disposition, 'name');
    if (!/^form-data\b/i.test(disposition) || name === undefined) throw new MultipartError('a form part has no field name');
    const filename = parameter(disposition, 'filename');
    fields[name] = filename === undefined ? content.toString('utf8') : { filename, contentType: headers.get('content-type') ?? 'application/octet-stream', content: Buffer.from(content) };
    position = next + 2;
  }
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** A `name="value"` parameter of a header; browsers escape `"` in names as %22. */
function parameter(header: string, key: string): string | undefined {
  const match = new RegExp(`;\\s*${key}="([^"]*)"`, 'i').exec(header);
  return match?.[1]?.replace(/%22/g, '"');
}
