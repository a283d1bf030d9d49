import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { idempotencyRequestHash } from './idempotency-key.js';
import { responseFingerprint } from './response-fingerprint.js';

describe('responseFingerprint', () => {
  const response = { org: 'kent-county-council', wave: null, answers: { role: 'digital-it', barriers: ['culture', 'cost'], count: 3 } };

  it('is a SHA-256 in hex of the canonical JSON of survey, organisation, wave and answers', () => {
    const canonical = '{"answers":{"barriers":["culture","cost"],"count":3,"role":"digital-it"},"org":"kent-county-council","survey":"digital-gap-2017","wave":null}';
    expect(responseFingerprint('digital-gap-2017', response)).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it('is the same for answers read back from stored JSON in another key order', () => {
    const stored = JSON.parse('{"count":3,"barriers":["culture","cost"],"role":"digital-it"}') as typeof response.answers;
    expect(responseFingerprint('digital-gap-2017', { wave: null, answers: stored, org: 'kent-county-council' })).toBe(responseFingerprint('digital-gap-2017', response));
  });

  it('names the survey, so it is not the idempotency hash of the same response', () => {
    expect(responseFingerprint('digital-gap-2017', response)).not.toBe(idempotencyRequestHash(response));
  });

  it.each([
    ['another survey', 'staff-pulse', response],
    ['another organisation', 'digital-gap-2017', { ...response, org: 'london-borough-of-camden' }],
    ['another wave', 'digital-gap-2017', { ...response, wave: '2018' }],
    ['another answer', 'digital-gap-2017', { ...response, answers: { ...response.answers, role: 'operations' } }],
    ['one answer fewer', 'digital-gap-2017', { ...response, answers: { role: 'digital-it', barriers: ['culture', 'cost'] } }],
  ])('differs for %s', (_label, survey, other) => {
    expect(responseFingerprint(survey, other)).not.toBe(responseFingerprint('digital-gap-2017', response));
  });
});
