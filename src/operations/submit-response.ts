import { CanvassError } from '../errors/canvass-error.js';
import { checkIdempotencyKey, idempotencyRequestHash } from '../responses/idempotency-key.js';
import { validateResponse, type ResponseInput } from '../responses/validate-response.js';
import type { ResponseSource } from '../storage/responses-repository.js';
import type { Store } from '../storage/store.js';
import { requireSurveyVersion } from './survey-lookup.js';
import { waveForNewResponses } from './survey-waves.js';

/** Who is sending: 'token:' and an API token's id, 'anonymous' (an API call without one), or 'web' (the respondent form). */
export type SubmittingClient = `token:${string}` | 'anonymous' | 'web';

/** The client for an API call: its token's, or the anonymous client's. */
export function apiClient(token: { id: string } | undefined): SubmittingClient {
  return token ? `token:${token.id}` : 'anonymous';
}

/**
 * Validates one response and stores it. A bad response is refused with every problem listed
 * and nothing stored. With an idempotency key, the same key again from the same client with the
 * same response stores nothing and returns the first response's id (`created: false`), so a
 * replayed submission is never counted twice; with a different response it is refused
 * (409, `response.idempotency-conflict`) and nothing is stored. Keys are the client's own: two
 * clients that happen to use the same key each get their own response.
 */
export async function submitResponse(
  store: Store,
  surveyId: string,
  input: ResponseInput,
  options: { source: ResponseSource; idempotencyKey?: string | undefined; client?: SubmittingClient },
): Promise<{ id: string; created: boolean }> {
  const { definition, version } = await requireSurveyVersion(store, surveyId);
  let scope: { key: string; client: SubmittingClient } | undefined;
  if (options.idempotencyKey !== undefined) {
    if (options.client === undefined) throw new Error('An idempotency key needs the client it belongs to');
    const checked = checkIdempotencyKey(options.idempotencyKey);
    if ('problem' in checked) throw new CanvassError('response.invalid', 'The idempotency key is not valid', { problems: [checked.problem] });
    scope = { key: checked.key, client: options.client };
  }
  // One response names one organisation: read that one, not the whole register, on every submission.
  const org = typeof input.org === 'string' && input.org.trim() !== '' ? await store.organisations.get(input.org.trim()) : undefined;
  const result = validateResponse(definition, input, (id) => (org?.id === id ? org : undefined));
  if (!result.ok) {
    throw new CanvassError('response.invalid', `The response to '${surveyId}' was not stored: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`, { problems: result.problems });
  }
  // New responses belong to the survey's latest wave, and record the definition version they were validated against.
  const response = { ...result.response, wave: waveForNewResponses(definition, undefined), definitionVersion: version };
  if (scope === undefined) return store.responses.insert(surveyId, response, options.source);
  const outcome = await store.responses.insert(surveyId, { ...response, idempotency: { ...scope, requestHash: idempotencyRequestHash(response) } }, options.source);
  if (!outcome.created && !outcome.sameRequest) {
    throw new CanvassError('response.idempotency-conflict', 'This Idempotency-Key was used with a different request body; use a new key for a new response', {
      problems: [{ where: 'Idempotency-Key', code: 'key-reused', message: `the key '${scope.key}' was already used to send a different response to '${surveyId}'; this one was not stored`, expected: 'a new key for each new response, and the same body when retrying' }],
    });
  }
  return { id: outcome.id, created: outcome.created };
}
