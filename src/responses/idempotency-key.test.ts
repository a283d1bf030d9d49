import { describe, it, expect } from 'vitest';
import { canonicalJson, checkIdempotencyKey, idempotencyRequestHash } from './idempotency-key.js';

describe('checkIdempotencyKey', () => {
  it.each([
    ['a UUID', '3f2b8c1e-9d4a-4e6b-8f0a-1c2d3e4f5a6b'],
    ['a single character', 'x'],
    ['255 characters', 'k'.repeat(255)],
    ['every printable ASCII character but space', Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).join('')],
  ])('accepts %s and returns it unchanged', (_case, key) => {
    expect(checkIdempotencyKey(key)).toEqual({ key });
  });

  it.each([
    ['an empty string', ''],
    ['256 characters', 'k'.repeat(256)],
    ['a space inside', 'my key'],
    ['surrounding spaces', ' abc '],
    ['a tab', 'abc\tdef'],
    ['a newline (header injection)', 'abc\r\nX-Evil: 1'],
    ['a DEL character', 'abc\x7f'],
    ['a non-ASCII character', 'clé-1'],
    ['an emoji', 'key-😀'],
    ['a number', 12345],
    ['undefined (no header)', undefined],
    ['null', null],
    ['an array of keys (a repeated header)', ['a', 'b']],
  ])('rejects %s with invalid-idempotency-key at Idempotency-Key', (_case, key) => {
    expect(checkIdempotencyKey(key)).toEqual({
      problem: {
        where: 'Idempotency-Key',
        code: 'invalid-idempotency-key',
        message: 'the idempotency key is not valid',
        expected: 'between 1 and 255 printable characters without spaces, such as a UUID',
      },
    });
  });
});

describe('idempotencyRequestHash', () => {
  const request = { org: 'kent-county-council', wave: null, answers: { role: 'digital-it', barriers: ['culture', 'cost'], count: 3 } };

  it('is a SHA-256 in hex of the canonical JSON of organisation, wave and answers', async () => {
    const { createHash } = await import('node:crypto');
    const canonical = '{"answers":{"barriers":["culture","cost"],"count":3,"role":"digital-it"},"org":"kent-county-council","wave":null}';
    expect(canonicalJson(request)).toBe(canonical);
    expect(idempotencyRequestHash(request)).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it('does not depend on the order of keys', () => {
    expect(idempotencyRequestHash({ answers: { count: 3, barriers: ['culture', 'cost'], role: 'digital-it' }, wave: null, org: 'kent-county-council' })).toBe(idempotencyRequestHash(request));
  });

  it.each([
    ['another organisation', { ...request, org: 'london-borough-of-camden' }],
    ['another wave', { ...request, wave: '2018' }],
    ['another answer', { ...request, answers: { ...request.answers, role: 'operations' } }],
    ['codes in another order', { ...request, answers: { ...request.answers, barriers: ['cost', 'culture'] } }],
    ['a number as text', { ...request, answers: { ...request.answers, count: '3' } }],
  ])('differs for %s', (_label, other) => {
    expect(idempotencyRequestHash(other)).not.toBe(idempotencyRequestHash(request));
  });
});
