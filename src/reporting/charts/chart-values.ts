import { CanvassError } from '../../errors/canvass-error.js';
import { unescapeXml } from './accessible-svg.js';
import type { ChartValue } from './chart-model.js';
import { markRoles, parseMarkDescription, type MarkFigure } from './mark-description.js';

/**
 * The figures a rendered chart shows, read back out of its SVG: one per bar, per organisation
 * dot and per sector median (with the quartiles as `low`/`high`), in drawing order.
 *
 * Each data mark's accessible label says what it shows (see mark-description.ts). The printed
 * value labels are checked against those marks: every bar and dot must have a label on the
 * chart that prints exactly its figure, or this throws — so equal values here mean the reader
 * sees those numbers, not only that the marks were given them.
 */
export function chartValues(svg: string): ChartValue[] {
  const values: ChartValue[] = [];
  const printed = new Map<string, number>();
  const needsPrinting: string[] = [];
  const tags = /<([a-zA-Z]+)\b([^>]*)>/g;
  for (let match = tags.exec(svg); match; match = tags.exec(svg)) {
    const attributes = attributesOf(match[2]!);
    const role = attributes.get('aria-roledescription');
    const label = attributes.get('aria-label');
    if (label === undefined || !isDataRole(role)) continue;
    const figure = parseMarkDescription(label);
    if (!figure) throw new CanvassError('internal', `a chart's ${role} is labelled '${label}', which does not say what figure it shows`);
    if (role === markRoles.valueLabel) {
      const end = svg.indexOf('</text>', tags.lastIndex);
      const text = unescapeXml(svg.slice(tags.lastIndex, end).replace(/<[^>]*>/g, ''));
      if (text !== `${figure.shown}%`) throw new CanvassError('internal', `the chart prints '${text}' beside the figure labelled '${label}'`);
      printed.set(label, (printed.get(label) ?? 0) + 1);
      continue;
    }
    if (role !== markRoles.median) needsPrinting.push(label);
    values.push(chartValue(figure));
  }
  for (const label of needsPrinting) {
    const count = printed.get(label) ?? 0;
    if (count === 0) throw new CanvassError('internal', `the chart draws '${label}' but prints no value for it`);
    printed.set(label, count - 1);
  }
  return values;
}

const dataRoles = new Set<string>(Object.values(markRoles));

function isDataRole(role: string | undefined): role is (typeof markRoles)[keyof typeof markRoles] {
  return role !== undefined && dataRoles.has(role);
}

function attributesOf(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [, name, value] of source.matchAll(/([\w:-]+)="([^"]*)"/g)) attributes.set(name!, unescapeXml(value!));
  return attributes;
}

function chartValue(figure: MarkFigure): ChartValue {
  const value: ChartValue = { label: figure.label, value: Number(figure.shown) };
  if (figure.group !== undefined) value.group = figure.group;
  if (figure.range) {
    value.low = Number(figure.range.low);
    value.high = Number(figure.range.high);
  }
  return value;
}
