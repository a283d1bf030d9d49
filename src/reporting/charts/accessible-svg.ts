import { createHash } from 'node:crypto';
import { CanvassError } from '../../errors/canvass-error.js';

/**
 * Makes Vega's SVG an accessible image when it is inlined in a page: the root becomes
 * role="img" named by the chart's title and described by its description (a <title> and <desc>
 * it points to by id, which assistive technology reads most reliably). Inside an img everything
 * is presentation, so screen readers announce the chart once, as an image with a name and a
 * description, and read its figures from the table beside it.
 */
export function accessibleSvg(svg: string, about: { id: string; title: string; description: string }): string {
  const open = /^<svg\b([^>]*)>/.exec(svg);
  if (!open) throw new CanvassError('internal', 'Vega did not produce an <svg> element');
  const titleId = `${about.id}-title`;
  const descId = `${about.id}-desc`;
  const root = `<svg${open[1]} role="img" aria-labelledby="${titleId}" aria-describedby="${descId}">`;
  const head = `<title id="${titleId}">${escapeXml(about.title)}</title><desc id="${descId}">${escapeXml(about.description)}</desc>`;
  return root + head + svg.slice(open[0].length);
}

const idPattern = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Checks a caller's id prefix, which ends up in id attributes and the references to them. */
export function checkChartId(id: string): string {
  if (!idPattern.test(id)) throw new CanvassError('internal', `chart id '${id}' must start with a letter and have only letters, digits, '-' and '_'`);
  return id;
}

/**
 * An id prefix derived from the chart's input: the same input always gives the same SVG, and
 * two different charts on one page do not share ids.
 */
export function chartId(input: unknown): string {
  return `chart-${createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 12)}`;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The reverse of XML escaping, for text read back out of an SVG. */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[entity]!;
  });
}
