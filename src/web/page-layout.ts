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
}

export const productName = 'Canvass';

/** The layout of a page, with a title in the GOV.UK pattern: "Error: Page – Service – Canvass". */
export function pageLayout(options: PageOptions): PageLayout {
  const parts = [options.title, options.serviceName, productName].filter((part, i, all) => all.indexOf(part) === i);
  return {
    documentTitle: `${options.hasErrors ? 'Error: ' : ''}${parts.join(' – ')}`,
    header: { logoText: productName, url: '/' },
    serviceNavigation: {
      serviceName: options.serviceName,
      serviceUrl: options.serviceUrl,
      ...(options.navigation ? { navigation: options.navigation, navigationLabel: 'Admin menu' } : {}),
    },
    ...(options.backLink ? { backLink: { href: options.backLink, text: 'Back' } } : {}),
    ...(options.autocomplete ? { autocomplete: true } : {}),
  };
}
