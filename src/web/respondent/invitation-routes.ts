import type { FastifyInstance, FastifyReply } from 'fastify';
import { findInvitation } from '../../operations/invitations.js';
import { startDraft } from '../../operations/respondent-drafts.js';
import { resumeStep } from '../../operations/respondent-journey.js';
import { messagePage } from '../message-page.js';
import { csrfCheck } from '../security.js';
import type { WebContext } from '../web-context.js';
import { defaultLanguageOf, localiseDefinition, supportedLanguage } from '../../definition/localise-definition.js';
import { loadSurvey, pageLanguage, setDraftCookie, setLanguageCookie, stepPath } from './journey-context.js';
import { startPage } from './respondent-pages.js';
import { invitationPath, respondentPaths } from './respondent-paths.js';
import { unusableInvitation } from './respondent-routes.js';
import { replyIfClosed } from './survey-closed.js';

type TokenParams = { Params: { token: string }; Querystring: { lang?: string } };

/**
 * Invitation links, /i/TOKEN. Opening one (GET) only shows the start page and changes nothing —
 * mail scanners and link previews open links too. "Start now" posts, starting a draft for the
 * invitation's organisation; only a submitted response counts against the link.
 */
export async function invitationRoutes(app: FastifyInstance, context: WebContext): Promise<void> {
  const { store } = context;

  app.addHook('onSend', async (_request, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
  });

  async function open(token: string, reply: FastifyReply, lang?: string) {
    const found = await findInvitation(store, token);
    if (!found) {
      void reply.view('message.njk', messagePage({ heading: 'This invitation link is not valid', paragraphs: ['Check that you copied the entire link. If it still does not work, ask the person who sent it for a new link.'] }), 404);
      return undefined;
    }
    const definition = await loadSurvey(store, found.invitation.surveyId);
    if (await replyIfClosed(store, definition, reply, new Date(), supportedLanguage(definition, lang))) return undefined;
    if (found.status !== 'usable') {
      void reply.view('message.njk', messagePage(unusableInvitation(found.status), { name: definition.title, url: respondentPaths(definition.id).start }), 410);
      return undefined;
    }
    const org = await store.organisations.get(found.invitation.orgId);
    return { invitation: found.invitation, definition, org };
  }

  app.get<TokenParams>('/i/:token', async (request, reply) => {
    const opened = await open(request.params.token, reply, request.query.lang);
    if (!opened) return reply;
    await store.invitations.markOpened(opened.invitation.id);
    // The language comes in the address (?lang=, from the toggle or the invitation email), and
    // goes on with the form that starts the draft.
    const language = pageLanguage(opened.definition, supportedLanguage(opened.definition, request.query.lang), request.url);
    const formAction = `${invitationPath(request.params.token)}${language.language === defaultLanguageOf(opened.definition) ? '' : `?lang=${encodeURIComponent(language.language)}`}`;
    const model = startPage(localiseDefinition(opened.definition, language.language), { start: { formAction }, invitedOrg: opened.org, language });
    return reply.view('start.njk', { ...model, csrfToken: reply.generateCsrf() });
  });

  app.post<TokenParams>('/i/:token', { preHandler: csrfCheck(app) }, async (request, reply) => {
    const opened = await open(request.params.token, reply);
    if (!opened) return reply;
    const { definition, invitation, org } = opened;
    const language = supportedLanguage(definition, request.query.lang);
    const { draft, token } = await startDraft(store, definition.id, { orgId: invitation.orgId, invitationId: invitation.id, language });
    setDraftCookie(reply, definition.id, token, new Date(draft.expiresAt));
    setLanguageCookie(reply, definition.id, language);
    const paths = respondentPaths(definition.id);
    const first = resumeStep(definition, { answers: {}, visited: [] }, org);
    return reply.redirect(stepPath({ paths, draft }, first), 303);
  });
}
