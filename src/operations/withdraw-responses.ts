import { CanvassError } from '../errors/canvass-error.js';
import type { Problem } from '../errors/catalogue.js';
import type { WithdrawalState } from '../storage/responses-repository.js';
import { inTransaction, type Store } from '../storage/store.js';
import { recordAudit } from './audit-log.js';
import { requireSurvey } from './survey-lookup.js';

export interface WithdrawalRequest {
  /** Response ids, or the references respondents are given (`3F2A-9C1D`, see responseReference). */
  ids: readonly string[];
  /** Why: kept with each response and in the audit log. Required. */
  reason: string;
  /** Erase the answers as well (a data-subject request), not only leave them out. */
  erase?: boolean;
  /** Who withdraws them, as the audit log names them (see adminActor, cliActor). */
  actor: string;
  now?: Date;
}

export interface WithdrawalOutcome {
  /** The ids withdrawn (or erased), in the order they were named. */
  ids: string[];
  erased: boolean;
}

/** The longest reason kept, in characters. */
export const maxReasonLength = 500;

const reference = /^([0-9a-f]{4})-?([0-9a-f]{4})$/i;

/**
 * Withdraws responses of a survey: a test response, a bad import, a respondent's request. Each
 * keeps its row and sequence number (nothing is renumbered, so releases keep naming the same
 * responses) with when, by whom and why, and leaves everything computed from now on: drafts of
 * results, benchmarks, reports and exports; later releases, and releases read again (whose
 * figures the release ledger then withholds or shows as published, as for any group that moved
 * by fewer than minBase); raw exports; counts and response rates. Pages already published stay
 * as they were: they hold aggregates, no one's answers.
 *
 * With `erase` the answers are erased too: the row keeps only its id, number, survey,
 * organisation, wave, source, time sent and the withdrawal; answers, fingerprint, idempotency
 * key and request hash are cleared and the drafts it was sent from are deleted. A response
 * withdrawn earlier may be erased later.
 *
 * All or nothing, in one transaction with its audit log entry (ids, reason, erase; never
 * answers): an id that is no response of the survey, or one withdrawn (erased) already, refuses
 * the whole request with every such id named.
 */
export async function withdrawResponses(store: Store, surveyId: string, request: WithdrawalRequest): Promise<WithdrawalOutcome> {
  await requireSurvey(store, surveyId);
  const reason = request.reason.trim();
  if (reason === '') throw new CanvassError('option.invalid', 'Give the reason the responses are withdrawn: it is kept with them and in the audit log');
  if ([...reason].length > maxReasonLength) throw new CanvassError('option.invalid', `The reason is ${[...reason].length} characters long: keep it to ${maxReasonLength}`);
  if (reason.includes('\u0000')) throw new CanvassError('option.invalid', 'The reason holds a NUL character: remove it');
  const named = [...new Set(request.ids.map((id) => id.trim()).filter((id) => id !== ''))];
  if (named.length === 0) throw new CanvassError('option.invalid', 'Name the responses to withdraw by their ids (a respondent’s reference such as 3F2A-9C1D will do)');
  const erase = request.erase === true;
  return inTransaction(store, async (tx) => {
    const { ids, problems } = await resolveWithdrawal(tx, surveyId, named, erase);
    if (problems.length > 0) throw refusal(problems, named.length, erase);
    const changed = await tx.responses.withdraw(surveyId, ids, { by: request.actor, reason, erase, ...(request.now ? { now: request.now } : {}) });
    // Another withdrawal took some of them between the check and the update: keep nothing.
    if (changed !== ids.length) throw new CanvassError('response.withdrawn', `Some of these responses were ${erase ? 'erased' : 'withdrawn'} by someone else a moment ago; nothing was ${erase ? 'erased' : 'withdrawn'}: look again and retry`);
    if (erase) await tx.drafts.deleteForResponses(ids);
    await recordAudit(tx, { actor: request.actor, action: 'responses.withdraw', surveyId, details: { ids, reason, erase, responses: ids.length } });
    return { ids, erased: erase };
  });
}

/** The ids named (a reference taken as the one response whose id it begins), and what stops each that cannot be withdrawn. */
async function resolveWithdrawal(store: Store, surveyId: string, named: readonly string[], erase: boolean): Promise<{ ids: string[]; problems: Problem[] }> {
  const states = await store.responses.withdrawalStates(surveyId, named);
  const ids: string[] = [];
  const problems: Problem[] = [];
  for (const given of named) {
    let state = states.get(given);
    const asReference = reference.exec(given);
    if (!state && asReference) {
      const matches = await store.responses.idsWithPrefix(surveyId, `${asReference[1]}${asReference[2]}`.toLowerCase());
      if (matches.length > 1) {
        problems.push({ where: given, code: 'ambiguous-reference', message: `the reference '${given}' begins the ids of more than one response in survey '${surveyId}': give the full id` });
        continue;
      }
      if (matches.length === 1) state = (await store.responses.withdrawalStates(surveyId, matches)).get(matches[0]!);
    }
    if (!state) {
      problems.push({ where: given, code: 'unknown-response', message: `no response '${given}' in survey '${surveyId}'` });
      continue;
    }
    if (erase && state.erasedAt !== null) problems.push({ where: given, code: 'already-erased', message: `response '${state.id}' was erased already (${when(state.erasedAt)})` });
    else if (!erase && state.withdrawnAt !== null) problems.push({ where: given, code: 'already-withdrawn', message: `response '${state.id}' was withdrawn already (${withdrawnWhen(state)})` });
    else if (!ids.includes(state.id)) ids.push(state.id);
  }
  return { ids, problems };
}

const when = (at: string) => `on ${at.slice(0, 10)} at ${at.slice(11, 16)} UTC`;
const withdrawnWhen = (state: WithdrawalState) => `${when(state.withdrawnAt!)} by ${state.withdrawnBy ?? 'someone unknown'}: ${state.withdrawnReason ?? 'no reason kept'}`;

/** The error refusing a request: one problem as its message; several as problems under a count. */
function refusal(problems: readonly Problem[], named: number, erase: boolean): CanvassError {
  const code = problems.some((p) => p.code === 'unknown-response' || p.code === 'ambiguous-reference') ? 'response.not-found' : 'response.withdrawn';
  const verb = erase ? 'erased' : 'withdrawn';
  if (problems.length === 1) return new CanvassError(code, `${capitalise(problems[0]!.message)}; nothing was ${verb}`);
  return new CanvassError(code, `${problems.length} of the ${named} responses named cannot be ${verb}, so none was:`, { problems });
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
