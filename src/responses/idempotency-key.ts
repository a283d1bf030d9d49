import type { Problem } from '../errors/catalogue.js';

/** Printable ASCII, at most 255 characters: what clients send in an `Idempotency-Key` header. */
const keyPattern = /^[\x21-\x7e]{1,255}$/;

/** Checks a client's idempotency key; returns the key, or a problem naming what to fix. */
export function checkIdempotencyKey(key: unknown): { key: string } | { problem: Problem } {
  if (typeof key === 'string' && keyPattern.test(key)) return { key };
  return {
    problem: {
      where: 'Idempotency-Key',
      code: 'invalid-idempotency-key',
      message: 'the idempotency key is not valid',
      expected: 'between 1 and 255 printable characters without spaces, such as a UUID',
    },
  };
}
