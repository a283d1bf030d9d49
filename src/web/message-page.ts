import type { HttpError } from './http-errors.js';
import { pageLayout, productName } from './page-layout.js';
import { pageMessages, pageLanguages } from './page-messages.js';
import type { ViewModel } from './views.js';

export interface Message {
  heading: string;
  paragraphs: string[];
  link?: { href: string; text: string };
  button?: { text: string; href: string };
}

/** A page with a heading, a few paragraphs and perhaps a link or a button (views/message.njk). */
export function messagePage(message: Message, service: { name: string; url: string } = { name: productName, url: '/' }): ViewModel {
  return { page: pageLayout({ title: message.heading, serviceName: service.name, serviceUrl: service.url }), ...message };
}

/** Which part of the site a page belongs to: a respondent's survey (/s/, /i/), the admin, or the rest. */
export type SiteArea = 'respondent' | 'admin' | 'other';

export function siteAreaOf(url: string): SiteArea {
  if (/^\/(?:s|i)\//.test(url)) return 'respondent';
  if (/^\/admin(?:[/?]|$)/.test(url)) return 'admin';
  return 'other';
}

const refusedFormReasons = ['This can happen if the page was open for a long time, or if your browser does not accept cookies from this site.', 'Go back, reload the page and try again.'];

/**
 * The page for an error, worded for people and for where they were: what happened and what they
 * can do. A respondent's page not found, refused form and service problem are in the language they
 * chose (`language`, a code Canvass has page texts in; anything else is English).
 */
export function errorPage(error: HttpError, area: SiteArea = 'other', language?: string): ViewModel {
  if (area === 'respondent' && language !== undefined && language !== 'en' && pageLanguages.includes(language)) {
    const m = pageMessages(language);
    const inLanguage = (page: ViewModel): ViewModel => ({ ...page, page: { ...page.page, htmlLang: language, skipLinkText: m.skipLink } });
    if (error.status === 404) return inLanguage(messagePage({ heading: m.pageNotFound, paragraphs: m.pageNotFoundParagraphs }));
    if (error.status === 403 && error.code === 'request.csrf') return inLanguage(messagePage({ heading: m.answersNotSaved, paragraphs: m.formRefusedParagraphs }));
    if (error.status >= 500) return inLanguage(messagePage({ heading: m.serviceProblem, paragraphs: m.serviceProblemParagraphs }));
  }
  switch (error.status) {
    case 404:
      return messagePage({ heading: 'Page not found', paragraphs: ['If you typed the web address, check it is correct.', 'If you pasted the web address, check you copied the entire address.'] });
    case 403:
      // A form whose CSRF token did not check out: what was lost depends on whose form it was.
      if (error.code === 'request.csrf') {
        return messagePage({ heading: area === 'respondent' ? 'Sorry, your answers could not be saved' : 'Sorry, the form could not be sent', paragraphs: refusedFormReasons });
      }
      return messagePage({ heading: 'You do not have permission to see this page', paragraphs: ['If you think you should, ask the person who runs this service.'] });
    case 413:
      return messagePage({ heading: 'That was too much to send', paragraphs: [error.message, 'Go back and send less.'] });
    case 429:
      return messagePage({ heading: 'Too many attempts', paragraphs: [error.message, 'This limit protects the service and the people who use it.'] });
  }
  if (error.status >= 500) {
    return messagePage({ heading: 'Sorry, there is a problem with the service', paragraphs: ['Try again later. Any answers you saved have not been lost.'] });
  }
  return messagePage({ heading: 'Sorry, that did not work', paragraphs: [error.message, 'Go back and try again.'] });
}
