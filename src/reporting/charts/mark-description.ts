/**
 * The accessible label each data mark of a chart carries, and how to read it back. One format,
 * written when a chart is built and parsed by `chartValues`, so tests (of a chart, or of a
 * report that must show the same numbers in its chart and its table) can read the figures out
 * of the SVG itself rather than trust the input.
 *
 * `Yes: 38% (Your organisation), 95% interval 33% to 43%` — the label, the figure as drawn, the
 * series when there are several, and a range when there is one. The label is everything before
 * the last `: <number>%` that the rest of the format fits, so labels may contain colons and
 * brackets.
 */

/** What a data mark is, said by its aria-roledescription; chartValues reads only these. */
export const markRoles = {
  bar: 'bar',
  dot: 'dot',
  median: 'median',
  valueLabel: 'value',
} as const;

export type RangeKind = 'interval' | 'quartiles';

const rangeWords: Record<RangeKind, string> = {
  interval: '95% interval',
  quartiles: 'middle half of organisations',
};

export interface MarkFigure {
  label: string;
  /** The figure as printed, such as '38' or '38.5'. */
  shown: string;
  group?: string;
  range?: { kind: RangeKind; low: string; high: string };
}

export function describeMark(figure: MarkFigure): string {
  const group = figure.group === undefined ? '' : ` (${figure.group})`;
  const range = figure.range ? `, ${rangeWords[figure.range.kind]} ${figure.range.low}% to ${figure.range.high}%` : '';
  return `${figure.label}: ${figure.shown}%${group}${range}`;
}

const number = '(-?\\d+(?:\\.\\d+)?)';
const markPattern = new RegExp(`^([\\s\\S]*): ${number}%(?: \\(([\\s\\S]*)\\))?(?:, (${Object.values(rangeWords).join('|')}) ${number}% to ${number}%)?$`);

/** The figure a mark's label describes, or null when the label is not in this format. */
export function parseMarkDescription(description: string): MarkFigure | null {
  const match = markPattern.exec(description);
  if (!match) return null;
  const [, label, shown, group, words, low, high] = match as unknown as [string, string, string, string | undefined, string | undefined, string | undefined, string | undefined];
  const figure: MarkFigure = { label, shown };
  if (group !== undefined) figure.group = group;
  if (words !== undefined && low !== undefined && high !== undefined) {
    const kind = (Object.keys(rangeWords) as RangeKind[]).find((k) => rangeWords[k] === words)!;
    figure.range = { kind, low, high };
  }
  return figure;
}
