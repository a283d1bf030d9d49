import type { FastifyReply } from 'fastify';
import type { Definition } from '../../definition/schema.js';
import { describeClosing, surveyClosesAt } from '../../operations/fieldwork/survey-closing.js';
import type { Store } from '../../storage/store.js';
import { messagePage } from '../message-page.js';
import { respondentPaths } from './respondent-paths.js';

/**
 * Answers with the "survey has closed" page (410 Gone: the survey was here and takes nothing
 * more) when the survey's closing date has passed, and says whether it did. Its links, form pages
 * and sending all end here; the confirmation of a response sent before stays readable.
 */
export async function replyIfClosed(store: Store, definition: Definition, reply: FastifyReply, now = new Date()): Promise<boolean> {
  const closes = await surveyClosesAt(store, definition);
  if (closes === undefined || closes.getTime() > now.getTime()) return false;
  const page = messagePage(
    { heading: 'This survey has closed', paragraphs: [`${definition.title} closed ${describeClosing(closes)}.`, 'It is no longer taking responses, and links to it no longer work. Answers you saved but did not send have not been counted.'] },
    { name: definition.title, url: respondentPaths(definition.id).start },
  );
  void reply.view('message.njk', page, 410);
  return true;
}
