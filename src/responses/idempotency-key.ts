import { createHash } from 'node:crypto';
import type { Answers } from '../definition/schema.js';
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

/** What a key's response is: its organisation, wave and answers, as validated and normalised. */
export interface IdempotentRequest {
  org: string;
  wave: string | null;
  answers: Answers;
}

/**
 * The SHA-256 (hex) of a response sent with an idempotency key, kept with the key: the same key
 * again with the same response is a retry (answered with the first one's id); with another, a
 * mistake or a collision between clients, refused. It is taken over canonical JSON (object keys
 * sorted, arrays in order) of the normalised response, so a retry whose JSON is spaced or ordered
 * differently, or whose text has spaces around it that validation trims, is the same request.
 */
export function idempotencyRequestHash(request: IdempotentRequest): string {
  return canonicalSha256({ org: request.org, wave: request.wave, answers: request.answers });
}

/**
 * The SHA-256 (hex) of a value's canonical JSON: the one hash Canvass takes of a response, for
 * idempotency keys and for response fingerprints (`responseFingerprint`). Both are stored, so its
 * output for a given value must never change.
 */
export function canonicalSha256(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** JSON with every object's keys sorted and no spaces: one text per value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
