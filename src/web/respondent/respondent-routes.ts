import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { questionTypeOf } from '../../definition/question-types/registry.js';
import { responseReference, saveDraft, startDraft, submitDraft, findDraft, moveDraft } from '../../operations/respondent-drafts.js';
import { answerQuestion, canShow, resumeStep, stepAfter, stepBefore, withoutHidden, type JourneyStep } from '../../operations/respondent-journey.js';
import { messagePage } from '../message-page.js';
import { reportPaths } from '../reports/report-paths.js';
import { csrfCheck } from '../security.js';
import type { WebContext } from '../web-context.js';
import { answerErrorMessage } from './answer-errors.js';
import { formBody } from '../form-body.js';
import { formAnswer } from './question-fields.js';
import { localiseDefinition, supportedLanguage } from '../../definition/localise-definition.js';
import { draftCookieName, languageOf, loadJourney, loadSurvey, pageLanguage, setDraftCookie, setLanguageCookie, stateOf, stepPath, type Journey } from './journey-context.js';
import { checkAnswersPage, confirmationPage, organisationPage, questionPage, savedPage, startPage } from './respondent-pages.js';
import { respondentPaths } from './respondent-paths.js';
import { replyIfClosed } from './survey-closed.js';

type SurveyParams = { Params: { surveyId: string } };
type QuestionParams = { Params: { surveyId: string; questionId: string } };
type ChangeQuery = { Querystring: { change?: string } };

/** The language toggle's links: the same page with `?lang=CODE`. */
function withoutLanguage(url: string): string {
  const address = new URL(url, 'http://canvass.invalid');
  address.searchParams.delete('lang');
  return `${address.pathname}${address.search}`;
}

/**
 * The respondent's journey at /s/SURVEY: start, organisation, one question per page, check
 * answers, send, confirmation; save and return. Every step is a plain GET or a form POST that
 * redirects (post/redirect/get), so it all works without JavaScript, and the Back link of each
 * page is worked out from the answers, not from browser history.
 */
export async function respondentRoutes(app: FastifyInstance, context: WebContext): Promise<void> {
  const { store } = context;
  const csrf = csrfCheck(app);
  const seeOther = (reply: FastifyReply, path: string) => reply.redirect(path, 303);

  // Pages here show answers and resume links: never keep them in a shared cache.
  app.addHook('onSend', async (_request: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
  });

  // A closed survey answers every page of the journey with the closed page, except the
  // confirmation of a response already sent.
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const surveyId = (request.params as { surveyId?: unknown } | undefined)?.surveyId;
    if (typeof surveyId !== 'string' || request.routeOptions.url === '/s/:surveyId/confirmation') return;
    const definition = await store.surveys.get(surveyId);
    if (definition && (await replyIfClosed(store, definition, reply, new Date(), languageOf(definition, request, undefined)))) return reply;
    return undefined;
  });

  // The GOV.UK language toggle: a link to the same page with ?lang=CODE. The choice is kept in a
  // cookie and, once there is one, with the draft (so the resume link brings it back); then the
  // page is shown again at its own address. A language the survey is not given in is ignored.
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const surveyId = (request.params as { surveyId?: unknown } | undefined)?.surveyId;
    const asked = (request.query as { lang?: unknown } | undefined)?.lang;
    if (request.method !== 'GET' || typeof surveyId !== 'string' || asked === undefined || reply.sent) return undefined;
    const definition = await loadSurvey(store, surveyId);
    const language = supportedLanguage(definition, asked);
    setLanguageCookie(reply, definition.id, language);
    const draft = await findDraft(store, definition.id, request.cookies[draftCookieName]);
    if (draft && draft.submittedAt === undefined) await store.drafts.setLanguage(draft.id, language);
    return reply.redirect(withoutLanguage(request.url), 303);
  });

  /** Where a returning respondent picks up: the organisation page, a question, or check answers. */
  function resumeOf(journey: Journey): string {
    if (!journey.org) return journey.paths.organisation;
    return stepPath(journey, resumeStep(journey.definition, stateOf(journey.draft!), journey.org));
  }

  /** Sends a respondent who is not at this point of the journey to where they are; undefined when they are. */
  function misplaced(journey: Journey): string | undefined {
    if (!journey.draft) return journey.paths.start;
    if (journey.draft.submittedAt !== undefined) return journey.paths.confirmation;
    if (!journey.org) return journey.paths.organisation;
    return undefined;
  }

  app.get<SurveyParams>('/s/:surveyId', async (request, reply) => {
    const journey = await loadJourney(store, request, request.params.surveyId);
    const inProgress = journey.draft && journey.draft.submittedAt === undefined;
    const model = startPage(journey.definition, {
      start: journey.definition.submissions.open ? { href: journey.paths.organisation } : undefined,
      resumeHref: inProgress ? resumeOf(journey) : undefined,
      reportHref: (await store.publishedReports.isPublished(journey.definition.id)) ? reportPaths.survey(journey.definition.id) : undefined,
      language: journey.language,
    });
    return reply.view('start.njk', model);
  });

  app.get<SurveyParams & ChangeQuery>('/s/:surveyId/organisation', async (request, reply) => {
    const journey = await loadJourney(store, request, request.params.surveyId);
    const inProgress = journey.draft && journey.draft.submittedAt === undefined;
    if (inProgress && journey.draft?.invitationId !== undefined) return reply.redirect(resumeOf(journey));
    if (!inProgress && !journey.definition.submissions.open) return reply.redirect(journey.paths.start);
    const organisations = await store.organisations.list();
    const model = organisationPage(journey, organisations, inProgress ? journey.draft?.orgId : undefined, undefined, request.query.change === '1');
    return reply.view('organisation.njk', { ...model, csrfToken: reply.generateCsrf() });
  });

  app.post<SurveyParams>('/s/:surveyId/organisation', { preHandler: csrf }, async (request, reply) => {
    const journey = await loadJourney(store, request, request.params.surveyId);
    const body = formBody(request);
    const change = body._mode === 'change';
    const inProgress = journey.draft && journey.draft.submittedAt === undefined ? journey.draft : undefined;
    if (inProgress?.invitationId !== undefined) return seeOther(reply, resumeOf(journey));
    if (!inProgress && !journey.definition.submissions.open) return seeOther(reply, journey.paths.start);
    const orgId = typeof body.org === 'string' ? body.org.trim() : '';
    const org = orgId === '' ? undefined : await store.organisations.get(orgId);
    if (!org) {
      const model = organisationPage(journey, await store.organisations.list(), undefined, journey.messages.selectOrganisation, change);
      return reply.view('organisation.njk', { ...model, csrfToken: reply.generateCsrf() }, 400);
    }
    let draft = inProgress;
    if (!draft) {
      const started = await startDraft(store, journey.definition.id, { orgId: org.id, language: journey.language.language });
      setDraftCookie(reply, journey.definition.id, started.token, new Date(started.draft.expiresAt));
      draft = started.draft;
    }
    // Another organisation can change which questions are asked (conditions on org.type and so on).
    const state = withoutHidden(journey.definition, stateOf(draft), org);
    await saveDraft(store, draft, { ...state, orgId: org.id });
    const next: JourneyStep = change ? resumeStep(journey.definition, state, org) : stepAfter(journey.definition, state, org, '', 'continue');
    return seeOther(reply, stepPath({ paths: journey.paths, draft }, next));
  });

  app.get<QuestionParams & ChangeQuery>('/s/:surveyId/questions/:questionId', async (request, reply) => {
    const journey = await loadJourney(store, request, request.params.surveyId);
    const elsewhere = misplaced(journey);
    if (elsewhere) return reply.redirect(elsewhere);
    const { definition, draft, org } = journey;
    const question = definition.questions.find((q) => q.id === request.params.questionId);
    const state = stateOf(draft!);
    if (!question || !canShow(definition, state, org, question.id)) return reply.redirect(resumeOf(journey));
    const change = request.query.change === '1';
    const backLink = change ? journey.paths.check : stepPath(journey, stepBefore(definition, state, org, { kind: 'question', questionId: question.id }));
    const model = questionPage(journey, question, state.answers[question.id], undefined, { change, backLink });
    return reply.view('question.njk', { ...model, csrfToken: reply.generateCsrf() });
  });

  app.post<QuestionParams>('/s/:surveyId/questions/:questionId', { preHandler: csrf }, async (request, reply) => {
    const journey = await loadJourney(store, request, request.params.surveyId);
    const elsewhere = misplaced(journey);
    if (elsewhere) return seeOther(reply, elsewhere);
    const { definition, org } = journey;
    const draft = journey.draft!;
    const question = definition.questions.find((q) => q.id === request.params.questionId);
    const state = stateOf(draft);
    if (!question || !canShow(definition, state, org, question.id)) return seeOther(reply, resumeOf(journey));
    const body = formBody(request);
    const change = body._mode === 'change';
    const raw = formAnswer(question, body);
    const parsed = questionTypeOf(question).parseAnswer(question, raw, question.id);
    const blankButRequired = parsed.problems.length === 0 && parsed.value === undefined && question.required;

    if (body._action === 'save') {
      // Keep an answer that is valid; a blank or unfinished one is not saved, and the question
      // stays unvisited, so coming back resumes here rather than past it.
      const next = parsed.problems.length === 0 && parsed.value !== undefined ? answerQuestion(definition, state, org, question.id, parsed.value) : state;
      await saveDraft(store, draft, { ...next, orgId: draft.orgId });
      return seeOther(reply, journey.paths.saved);
    }

    const problem = parsed.problems[0] ?? (blankButRequired ? { code: 'required' } : undefined);
    if (problem) {
      const backLink = change ? journey.paths.check : stepPath(journey, stepBefore(definition, state, org, { kind: 'question', questionId: question.id }));
      const model = questionPage(journey, question, raw, answerErrorMessage(question, problem, journey.messages), { change, backLink, problems: parsed.problems });
      return reply.view('question.njk', { ...model, csrfToken: reply.generateCsrf() }, 400);
    }
    const next = answerQuestion(definition, state, org, question.id, parsed.value);
    if (!(await saveDraft(store, draft, { ...next, orgId: draft.orgId }))) return seeOther(reply, journey.paths.confirmation);
    return seeOther(reply, stepPath(journey, stepAfter(definition, next, org, question.id, change ? 'change' : 'continue')));
  });

  app.get<SurveyParams>('/s/:surveyId/check-answers', async (request, reply) => {
    const journey = await loadJourney(store, request, request.params.surveyId);
    const elsewhere = misplaced(journey);
    if (elsewhere) return reply.redirect(elsewhere);
    const resume = resumeStep(journey.definition, stateOf(journey.draft!), journey.org);
    if (resume.kind === 'question') return reply.redirect(stepPath(journey, resume));
    return reply.view('check-answers.njk', { ...checkAnswersPage(journey), csrfToken: reply.generateCsrf() });
  });

  app.post<SurveyParams>('/s/:surveyId/check-answers', { preHandler: csrf, config: { rateLimit: context.rateLimits.submissions } }, async (request, reply) => {
    const journey = await loadJourney(store, request, request.params.surveyId);
    const elsewhere = misplaced(journey);
    if (elsewhere) return seeOther(reply, elsewhere);
    const outcome = await submitDraft(store, journey.stored, journey.draft!);
    switch (outcome.status) {
      case 'submitted':
        return seeOther(reply, journey.paths.confirmation);
      case 'invalid':
        return reply.view('check-answers.njk', { ...checkAnswersPage(journey, outcome.problems), csrfToken: reply.generateCsrf() }, 400);
      case 'invitation-unusable':
        return reply.view('message.njk', messagePage(unusableInvitation(outcome.invitation), { name: journey.definition.title, url: journey.paths.start }), 410);
    }
  });

  app.get<SurveyParams>('/s/:surveyId/confirmation', async (request, reply) => {
    const journey = await loadJourney(store, request, request.params.surveyId);
    const responseId = journey.draft?.responseId;
    if (responseId === undefined) return reply.redirect(journey.paths.start);
    return reply.view('confirmation.njk', confirmationPage(journey.definition, responseReference(responseId), journey.language));
  });

  app.get<SurveyParams>('/s/:surveyId/saved', async (request, reply) => {
    const journey = await loadJourney(store, request, request.params.surveyId);
    if (!journey.draft || !journey.token || journey.draft.submittedAt !== undefined) return reply.redirect(journey.paths.start);
    const resumeUrl = `${request.protocol}://${request.host}${journey.paths.resume(journey.token)}`;
    return reply.view('saved.njk', savedPage(journey, resumeUrl, journey.draft.expiresAt, resumeOf(journey)));
  });

  app.get<{ Params: { surveyId: string; token: string } }>('/s/:surveyId/resume/:token', async (request, reply) => {
    const stored = await loadSurvey(store, request.params.surveyId);
    const paths = respondentPaths(stored.id);
    const linked = request.params.token;
    // In the browser that holds the draft the link opens it as it is; in any other, an open
    // draft moves there under a new token (see moveDraft): nobody reads what another typed.
    const held = request.cookies[draftCookieName] === linked;
    const found = held ? await findDraft(store, stored.id, linked) : undefined;
    const moved = held ? undefined : await moveDraft(store, stored.id, linked);
    const draft = found ?? moved?.draft;
    const token = held ? linked : moved?.token;
    const language = pageLanguage(stored, languageOf(stored, request, draft), paths.start);
    const definition = localiseDefinition(stored, language.language);
    if (!draft || token === undefined) {
      const m = language.messages;
      const page = messagePage({ heading: m.linkExpired, paragraphs: m.linkExpiredParagraphs, button: { text: m.startAgain, href: paths.start } }, { name: definition.title, url: paths.start });
      return reply.view('message.njk', { ...page, page: { ...page.page, htmlLang: language.language, skipLinkText: m.skipLink } }, 404);
    }
    // The secret moves from the address into the cookie, and the address bar no longer shows it;
    // the language chosen comes back with the draft.
    setDraftCookie(reply, stored.id, token, new Date(draft.expiresAt));
    if (draft.language !== undefined) setLanguageCookie(reply, stored.id, supportedLanguage(stored, draft.language));
    const org = draft.orgId === undefined ? undefined : await store.organisations.get(draft.orgId);
    const journey: Journey = { definition, stored, language, messages: language.messages, paths, draft, token, org };
    return reply.redirect(draft.submittedAt !== undefined ? paths.confirmation : resumeOf(journey));
  });
}

export function unusableInvitation(status: 'used' | 'expired' | 'revoked' | 'usable') {
  switch (status) {
    case 'used':
      return { heading: 'This invitation link has already been used', paragraphs: ['Each of these links can be used for one response. If you have not taken part yet, ask the person who sent it for a new link.'] };
    case 'expired':
      return { heading: 'This invitation link has expired', paragraphs: ['Ask the person who sent it for a new link.'] };
    default:
      return { heading: 'This invitation link is no longer valid', paragraphs: ['Ask the person who sent it for a new link.'] };
  }
}
