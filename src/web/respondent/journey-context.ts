import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Definition } from '../../definition/schema.js';
import { CanvassError } from '../../errors/canvass-error.js';
import { findDraft } from '../../operations/respondent-drafts.js';
import type { JourneyState, JourneyStep } from '../../operations/respondent-journey.js';
import type { Organisation } from '../../register/organisation.js';
import type { Draft } from '../../storage/drafts-repository.js';
import type { Store } from '../../storage/store.js';
import { cookieDefaults } from '../security.js';
import { respondentPaths } from './respondent-paths.js';

/**
 * The respondent's draft travels as a cookie scoped to the survey's pages; the database has
 * only its hash. Nothing about the journey is held by the server between requests.
 */
export const draftCookieName = 'canvass_draft';

export function setDraftCookie(reply: FastifyReply, surveyId: string, token: string, expires: Date): void {
  reply.setCookie(draftCookieName, token, { ...cookieDefaults, path: respondentPaths(surveyId).base, expires });
}

export interface Journey {
  definition: Definition;
  paths: ReturnType<typeof respondentPaths>;
  draft: Draft | undefined;
  /** The draft's token as the cookie holds it (for the resume link). */
  token: string | undefined;
  org: Organisation | undefined;
}

/** The survey's definition, or "Page not found": respondents are not told which surveys exist. */
export async function loadSurvey(store: Store, surveyId: string): Promise<Definition> {
  const definition = await store.surveys.get(surveyId);
  if (!definition) throw new CanvassError('request.not-found', `There is no survey '${surveyId}'`);
  return definition;
}

export async function loadJourney(store: Store, request: FastifyRequest, surveyId: string): Promise<Journey> {
  const definition = await loadSurvey(store, surveyId);
  const token = request.cookies[draftCookieName];
  const found = await findDraft(store, surveyId, token);
  // A definition replaced while the draft was open may have dropped questions: forget their answers.
  const draft = found && { ...found, answers: Object.fromEntries(Object.entries(found.answers).filter(([id]) => definition.questions.some((q) => q.id === id))) };
  const org = draft?.orgId === undefined ? undefined : await store.organisations.get(draft.orgId);
  return { definition, paths: respondentPaths(surveyId), draft, token: draft ? token : undefined, org };
}

export function stateOf(draft: Draft): JourneyState {
  return { answers: draft.answers, visited: draft.visited };
}

export function stepPath(journey: Journey, step: JourneyStep | { kind: 'organisation' }): string {
  switch (step.kind) {
    case 'question':
      return journey.paths.question(step.questionId);
    case 'check':
      return journey.paths.check;
    case 'organisation':
      // A respondent who came by invitation has their organisation set; their way back is the start page.
      return journey.draft?.invitationId === undefined ? journey.paths.organisation : journey.paths.start;
  }
}
