import { describe, it, expect } from 'vitest';
import { checkIdempotencyKey } from './idempotency-key.js';

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
