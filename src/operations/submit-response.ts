import { CanvassError } from '../errors/canvass-error.js';
import { checkIdempotencyKey } from '../responses/idempotency-key.js';
import { validateResponse, type ResponseInput } from '../responses/validate-response.js';
import type { ResponseSource } from '../storage/responses-repository.js';
import type { Store } from '../storage/store.js';
import { requireSurvey } from './survey-lookup.js';
import { waveForNewResponses } from './survey-waves.js';

/**
 * Validates one response and stores it. A bad response is refused with every problem listed
 * and nothing stored. With an idempotency key, the same key again stores nothing and returns
 * the first response's id (`created: false`), so a replayed submission is never counted twice.
 */
export async function submitResponse(
  store: Store,
  surveyId: string,
  input: ResponseInput,
  options: { source: ResponseSource; idempotencyKey?: string | undefined },
): Promise<{ id: string; created: boolean }> {
  const definition = await requireSurvey(store, surveyId);
  let key: string | undefined;
  if (options.idempotencyKey !== undefined) {
    const checked = checkIdempotencyKey(options.idempotencyKey);
    if ('problem' in checked) throw new CanvassError('response.invalid', 'The idempotency key is not valid', { problems: [checked.problem] });
    key = checked.key;
  }
  // One response names one organisation: read that one, not the whole register, on every submission.
  const org = typeof input.org === 'string' && input.org.trim() !== '' ? await store.organisations.get(input.org.trim()) : undefined;
  const result = validateResponse(definition, input, (id) => (org?.id === id ? org : undefined));
  if (!result.ok) {
    throw new CanvassError('response.invalid', `The response to '${surveyId}' was not stored: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`, { problems: result.problems });
  }
  // New responses belong to the survey's latest wave.
  return store.responses.insert(surveyId, { ...result.response, wave: waveForNewResponses(definition, undefined), ...(key === undefined ? {} : { idempotencyKey: key }) }, options.source);
}
