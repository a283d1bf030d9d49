import { describe, expect, it } from 'vitest';
import { boundaryOf, MultipartError, parseMultipart } from './multipart-form.js';

const boundary = '----WebKitFormBoundaryABC123';

function body(...parts: string[]): Buffer {
  return Buffer.from(`${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`);
}

describe('parseMultipart', () => {
  it('reads text fields and an uploaded file as a browser sends them', () => {
    const fields = parseMultipart(
      body(
        'Content-Disposition: form-data; name="_csrf"\r\n\r\ntoken-123',
        'Content-Disposition: form-data; name="definition"; filename="survey.yaml"\r\nContent-Type: application/x-yaml\r\n\r\nformat: 1\r\nid: staff\r\n',
      ),
      boundary,
    );
    expect(fields._csrf).toBe('token-123');
    expect(fields.definition).toEqual({ filename: 'survey.yaml', contentType: 'application/x-yaml', content: Buffer.from('format: 1\r\nid: staff\r\n') });
  });

  it('reads an empty file input (no file chosen) as a file with no content', () => {
    const fields = parseMultipart(body('Content-Disposition: form-data; name="definition"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n'), boundary);
    expect(fields.definition).toMatchObject({ filename: '', content: Buffer.alloc(0) });
  });

  it('keeps UTF-8 text and binary content byte for byte', () => {
    const fields = parseMultipart(body('Content-Disposition: form-data; name="title"\r\n\r\nCaerdydd – “Wales” 👍'), boundary);
    expect(fields.title).toBe('Caerdydd – “Wales” 👍');
  });

  it('does not let a field called __proto__ reach the prototype', () => {
    const fields = parseMultipart(body('Content-Disposition: form-data; name="__proto__"\r\n\r\nx'), boundary);
    expect(Object.getPrototypeOf(fields)).toBeNull();
  });

  it.each([
    ['no boundary at all', Buffer.from('hello')],
    ['a part never closed', Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue`)],
    ['a part without a name', body('Content-Disposition: form-data\r\n\r\nvalue')],
    ['headers that never end', Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="a"`)],
  ])('refuses %s', (_label, input) => {
    expect(() => parseMultipart(input, boundary)).toThrow(MultipartError);
  });
});

describe('boundaryOf', () => {
  it('reads a plain or quoted boundary from the content type', () => {
    expect(boundaryOf(`multipart/form-data; boundary=${boundary}`)).toBe(boundary);
    expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe('a b');
  });

  it('refuses a content type without a boundary', () => {
    expect(() => boundaryOf('multipart/form-data')).toThrow(MultipartError);
  });
});
