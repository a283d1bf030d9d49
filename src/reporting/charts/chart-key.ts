import { chartLayout, govukColours } from './chart-theme.js';
import { textWidth } from './text-layout.js';

/**
 * The key (legend) of a chart, laid out here and drawn as ordinary marks. Vega's own legends
 * keep the widths of the labels they first drew when a compiled view is reused with new labels
 * (it skips re-laying out legend entries, by design), so a reused view and a fresh one would
 * draw different keys; laying the key out from measured text keeps every render the same, and
 * lets each entry show its mark as drawn — a dot, a bar, a tick.
 */

export type KeySwatch = 'square' | 'circle' | 'bar' | 'tick';

export interface KeyEntry {
  label: string;
  swatch: KeySwatch;
  colour: string;
}

/** One swatch and its label, in pixels from the key's top left. */
export interface KeyDatum {
  x: number;
  y: number;
  shape: string;
  colour: string;
  text: string;
  textX: number;
}

/** Symbol shapes, as Vega symbol names or paths in a unit square scaled to the swatch. */
const shapes: Record<KeySwatch, string> = {
  square: 'square',
  circle: 'circle',
  bar: 'M-1,-0.4H1V0.4H-1Z',
  tick: 'M-0.2,-1H0.2V1H-0.2Z',
};

const swatchSize = 16;
const swatchGap = 8;
const entryGap = 24;
const keyLineHeight = 26;

export interface ChartKey {
  data: KeyDatum[];
  /** Lines the entries take: charts whose keys take different numbers of lines have different shapes. */
  lines: number;
}

/** Entries left to right, wrapping onto another line past `maxWidth`. */
export function layoutKey(entries: readonly KeyEntry[], maxWidth: number): ChartKey {
  const data: KeyDatum[] = [];
  let x = 0;
  let line = 0;
  for (const entry of entries) {
    const width = swatchSize + swatchGap + textWidth(entry.label, chartLayout.labelFontSize);
    if (x > 0 && x + width > maxWidth) {
      line += 1;
      x = 0;
    }
    const y = line * keyLineHeight + keyLineHeight / 2;
    data.push({ x: x + swatchSize / 2, y, shape: shapes[entry.swatch], colour: entry.colour, text: entry.label, textX: x + swatchSize + swatchGap });
    x += width + entryGap;
  }
  return { data, lines: line + 1 };
}

/**
 * A Vega-Lite view that draws the key from a dataset named `key`, to stack above the chart.
 * Hidden from assistive technology: the chart's description and table say what the series are.
 */
export function keyView(lines: number, width: number): Record<string, unknown> {
  const pixels = (field: string) => ({ field, type: 'quantitative', scale: null, axis: null });
  return {
    data: { name: 'key' },
    width,
    height: lines * keyLineHeight,
    layer: [
      {
        mark: { type: 'point', filled: true, opacity: 1, size: swatchSize * swatchSize, aria: false },
        encoding: { x: pixels('x'), y: pixels('y'), shape: { field: 'shape', type: 'nominal', scale: null, legend: null }, color: { field: 'colour', type: 'nominal', scale: null, legend: null } },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: chartLayout.labelFontSize, color: govukColours.text, aria: false },
        encoding: { x: pixels('textX'), y: pixels('y'), text: { field: 'text' } },
      },
    ],
  };
}
