import type { Answers } from '../definition/schema.js';
import { canonicalSha256 } from './idempotency-key.js';

/** What a fingerprint is taken of: a stored response's organisation, wave and normalised answers. */
export interface FingerprintedResponse {
  org: string;
  wave: string | null;
  answers: Answers;
}

/**
 * A response's fingerprint, kept with it: the SHA-256 (hex) of the canonical JSON of its survey,
 * organisation, wave and answers as validated and normalised (multi-select codes in the
 * definition's order, text trimmed), so two responses have the same fingerprint exactly when they
 * say the same thing. An import refuses rows whose fingerprint is already stored, or repeated in
 * its file: the usual cause is the same file imported twice. The answers may come from stored
 * JSON, whatever its key order: object keys are sorted. Stored, so never to change.
 *
 * @example responseFingerprint('digital-gap-2017', { org: 'kent-county-council', wave: null, answers: { role: 'digital-it' } })
 *   // SHA-256 of {"answers":{"role":"digital-it"},"org":"kent-county-council","survey":"digital-gap-2017","wave":null}
 */
export function responseFingerprint(surveyId: string, response: FingerprintedResponse): string {
  return canonicalSha256({ survey: surveyId, org: response.org, wave: response.wave, answers: response.answers });
}
