import type { FastifyReply } from 'fastify';
import type { Definition } from '../../definition/schema.js';
import { localiseDefinition } from '../../definition/localise-definition.js';
import { surveyClosesAt } from '../../operations/fieldwork/survey-closing.js';
import type { Store } from '../../storage/store.js';
import { messagePage } from '../message-page.js';
import { pageMessages } from '../page-messages.js';
import { respondentPaths } from './respondent-paths.js';

/**
 * Answers with the "survey has closed" page (410 Gone: the survey was here and takes nothing
 * more) when the survey's closing date has passed, and says whether it did. Its links, form pages
 * and sending all end here; the confirmation of a response sent before stays readable.
 */
export async function replyIfClosed(store: Store, definition: Definition, reply: FastifyReply, now = new Date(), language?: string): Promise<boolean> {
  const closes = await surveyClosesAt(store, definition);
  if (closes === undefined || closes.getTime() > now.getTime()) return false;
  // In the respondent's language (one of the survey's; see journey-context.ts), else the default.
  const m = pageMessages(language ?? 'en');
  const shown = language === undefined ? definition : localiseDefinition(definition, language);
  const iso = closes.toISOString();
  const page = messagePage({ heading: m.surveyClosed, paragraphs: [m.closedAt(shown.title, iso.slice(11, 16), iso.slice(0, 10)), m.closedParagraph] }, { name: shown.title, url: respondentPaths(definition.id).start });
  void reply.view('message.njk', language === undefined ? page : { ...page, page: { ...page.page, htmlLang: language, skipLinkText: m.skipLink } }, 410);
  return true;
}
