import { pageLayout, type PageOptions } from './page-layout.js';
import type { ViewModel } from './views.js';

/** The govuk-frontend macros a component page (views/page.njk) can call. */
export type GovukMacro =
  | 'govukButton'
  | 'govukCheckboxes'
  | 'govukDetails'
  | 'govukErrorSummary'
  | 'govukFileUpload'
  | 'govukInput'
  | 'govukInsetText'
  | 'govukNotificationBanner'
  | 'govukPagination'
  | 'govukPanel'
  | 'govukPasswordInput'
  | 'govukRadios'
  | 'govukSelect'
  | 'govukSummaryList'
  | 'govukTable'
  | 'govukTextarea'
  | 'govukWarningText';

export type Component =
  | { kind: 'heading'; text: string; level: 1 | 2 | 3; size: 'xl' | 'l' | 'm' | 's'; caption?: string; id?: string }
  | { kind: 'paragraph'; text: string; classes?: string }
  | { kind: 'link'; text: string; href: string }
  | { kind: 'list'; items: string[] }
  /** A plain list of links, one a line. */
  | { kind: 'links'; items: Array<{ text: string; href: string }> }
  /** Preformatted text, such as a JSON example. */
  | { kind: 'code'; text: string }
  | { kind: 'govuk'; macro: GovukMacro; params: Record<string, unknown> }
  /**
   * A GOV.UK table whose columns sort on the server: each sortable header is a link to the page
   * sorted by it, marked with aria-sort (govuk-frontend has no sortable table; this works without
   * JavaScript and by keyboard). The first cell of a row is its header.
   */
  | { kind: 'sortableTable'; caption: string; head: SortableHeader[]; rows: Array<Array<{ text: string; numeric?: boolean }>> };

export interface SortableHeader {
  text: string;
  numeric?: boolean;
  /** The link that sorts by this column, and how the table is sorted by it now. */
  sort?: { href: string; state: 'ascending' | 'descending' | 'none' };
}

/** A form of components; a post gets the CSRF token as a hidden field. */
export type FormComponent = { kind: 'form'; method: 'get' | 'post'; action: string; enctype?: 'multipart/form-data'; components: Component[] };

export type PageComponent = Component | FormComponent;

export const heading = (text: string, options: { level?: 1 | 2 | 3; size?: 'xl' | 'l' | 'm' | 's'; caption?: string; id?: string } = {}): Component => ({
  kind: 'heading',
  text,
  level: options.level ?? 1,
  size: options.size ?? (options.level === 2 ? 'm' : options.level === 3 ? 's' : 'l'),
  ...(options.caption ? { caption: options.caption } : {}),
  ...(options.id ? { id: options.id } : {}),
});
export const paragraph = (text: string, classes?: string): Component => ({ kind: 'paragraph', text, ...(classes ? { classes } : {}) });
export const link = (text: string, href: string): Component => ({ kind: 'link', text, href });
export const links = (items: Array<{ text: string; href: string }>): Component => ({ kind: 'links', items });
export const govuk = (macro: GovukMacro, params: Record<string, unknown>): Component => ({ kind: 'govuk', macro, params });
export const form = (method: 'get' | 'post', action: string, components: Component[], enctype?: 'multipart/form-data'): FormComponent => ({ kind: 'form', method, action, components, ...(enctype ? { enctype } : {}) });

/** An error summary linking each message to its field, as GOV.UK asks; nothing when there are no errors. */
export function errorSummary(errors: ReadonlyArray<{ text: string; href: string }>): Component[] {
  return errors.length === 0 ? [] : [govuk('govukErrorSummary', { titleText: 'There is a problem', errorList: errors })];
}

export function componentPage(layout: PageOptions, components: PageComponent[], options: { fullWidth?: boolean } = {}): ViewModel {
  return { page: pageLayout(layout), components, fullWidth: options.fullWidth ?? false };
}
