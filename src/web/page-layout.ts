import { pageMessages, type PageMessages } from './page-messages.js';

/** What the layout template (views/layout.njk) needs around a page's content: govuk macro parameters. */
export interface PageLayout {
  documentTitle: string;
  header: { logoText: string; url: string };
  serviceNavigation: {
    serviceName: string;
    serviceUrl: string;
    navigation?: Array<{ text: string; href: string; current?: boolean }>;
    navigationLabel?: string;
  };
  backLink?: { href: string; text: string };
  /** Load accessible-autocomplete, which enhances a select marked `data-canvass-autocomplete`. */
  autocomplete?: boolean;
  /** The page's language (`<html lang>`); English when absent. */
  htmlLang?: string;
  skipLinkText?: string;
  /** The GOV.UK language toggle (govukLanguageNavigation's parameters), on a page in several languages. */
  languageNavigation?: { ariaLabel: string; items: Array<{ text: string; lang: string; href?: string; current?: boolean }> };
}

/** A respondent page's language: its page texts and the survey's other languages to toggle to. */
export interface PageLanguage {
  language: string;
  messages: PageMessages;
  /** Every language of the survey, with the address that switches to it (the current one included). */
  toggle: Array<{ language: string; href: string }>;
}

export interface PageOptions {
  /** The page's own title, usually its h1. */
  title: string;
  serviceName: string;
  serviceUrl: string;
  /** Prefixes the document title with "Error: " so screen reader users hear it first. */
  hasErrors?: boolean;
  backLink?: string | undefined;
  navigation?: PageLayout['serviceNavigation']['navigation'];
  autocomplete?: boolean;
  /** A respondent page in a survey's language; without it, English with no toggle. */
  language?: PageLanguage | undefined;
}

export const productName = 'Canvass';

/** The layout of a page, with a title in the GOV.UK pattern: "Error: Page – Service – Canvass". */
export function pageLayout(options: PageOptions): PageLayout {
  const parts = [options.title, options.serviceName, productName].filter((part, i, all) => all.indexOf(part) === i);
  const language = options.language;
  const messages = language?.messages;
  return {
    documentTitle: `${options.hasErrors ? (messages?.errorPrefix ?? 'Error: ') : ''}${parts.join(' – ')}`,
    header: { logoText: productName, url: '/' },
    serviceNavigation: {
      serviceName: options.serviceName,
      serviceUrl: options.serviceUrl,
      ...(options.navigation ? { navigation: options.navigation, navigationLabel: 'Admin menu' } : {}),
      ...(messages ? { ariaLabel: messages.serviceInformation, menuButtonText: messages.menu } : {}),
    },
    ...(options.backLink ? { backLink: { href: options.backLink, text: messages?.back ?? 'Back' } } : {}),
    ...(options.autocomplete ? { autocomplete: true } : {}),
    ...(language ? { htmlLang: language.language, skipLinkText: language.messages.skipLink } : {}),
    ...(language && language.toggle.length > 1
      ? {
          languageNavigation: {
            ariaLabel: language.messages.languageNavigationLabel,
            // Each language named in itself and marked as in it (lang, hreflang), as GOV.UK's toggle does.
            items: language.toggle.map((t) => ({ text: pageMessages(t.language).languageName === 'English' && t.language !== 'en' ? t.language : pageMessages(t.language).languageName, lang: t.language, ...(t.language === language.language ? { current: true } : { href: t.href }) })),
          },
        }
      : {}),
  };
}
