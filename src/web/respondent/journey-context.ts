import type { FastifyReply, FastifyRequest } from 'fastify';
import { languagesOf, localiseDefinition, supportedLanguage } from '../../definition/localise-definition.js';
import type { Definition } from '../../definition/schema.js';
import { CanvassError } from '../../errors/canvass-error.js';
import { findDraft } from '../../operations/respondent-drafts.js';
import type { JourneyState, JourneyStep } from '../../operations/respondent-journey.js';
import type { Organisation } from '../../register/organisation.js';
import type { Draft } from '../../storage/drafts-repository.js';
import type { Store } from '../../storage/store.js';
import type { PageLanguage } from '../page-layout.js';
import { pageMessages, type PageMessages } from '../page-messages.js';
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

/**
 * The language a respondent chose before they have a draft (the toggle on the start page), scoped
 * to the survey's pages like the draft's cookie; once there is a draft, the draft keeps it.
 */
export const languageCookieName = 'canvass_lang';

export function setLanguageCookie(reply: FastifyReply, surveyId: string, language: string): void {
  reply.setCookie(languageCookieName, language, { ...cookieDefaults, path: respondentPaths(surveyId).base, maxAge: 365 * 24 * 60 * 60 });
}

/** The page's language: the draft's, else the cookie's, else the survey's default; always one of the survey's languages. */
export function languageOf(definition: Definition, request: FastifyRequest, draft: Pick<Draft, 'language'> | undefined): string {
  return supportedLanguage(definition, draft?.language ?? request.cookies[languageCookieName]);
}

/** The page texts and the language toggle of a respondent page at this address (`?lang=` switches). */
export function pageLanguage(definition: Definition, language: string, url: string): PageLanguage {
  const address = new URL(url, 'http://canvass.invalid');
  const toggle = languagesOf(definition).map((other) => {
    address.searchParams.set('lang', other);
    return { language: other, href: `${address.pathname}${address.search}` };
  });
  return { language, messages: pageMessages(language), toggle };
}

export interface Journey {
  /** The definition in the respondent's language (see localiseDefinition): ids, codes and conditions are the stored one's. */
  definition: Definition;
  /** The definition as stored, in its default language. */
  stored: Definition;
  language: PageLanguage;
  messages: PageMessages;
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
  const language = pageLanguage(definition, languageOf(definition, request, draft), request.url);
  return { definition: localiseDefinition(definition, language.language), stored: definition, language, messages: language.messages, paths: respondentPaths(surveyId), draft, token: draft ? token : undefined, org };
}

export function stateOf(draft: Draft): JourneyState {
  return { answers: draft.answers, visited: draft.visited };
}

export function stepPath(journey: Pick<Journey, 'paths' | 'draft'>, step: JourneyStep | { kind: 'organisation' }): string {
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
