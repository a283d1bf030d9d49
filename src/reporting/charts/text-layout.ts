import * as vega from 'vega';

/**
 * Text measurement and line wrapping for charts rendered without a browser or canvas.
 *
 * Vega measures text with node-canvas when it is installed and otherwise guesses 0.8 em per
 * character — nearly twice the real width of Arial, which pushes labels far from their bars
 * and wastes half the chart. These widths are Arial's (metric-compatible with Helvetica; GDS
 * Transport, drawn where it is installed, is close), in thousandths of an em, so layout is close
 * to what the reader's browser draws, and the same on every machine whether or not node-canvas
 * is present (the SVG must not depend on it: same input, same SVG).
 */

/** Advance widths of the printable ASCII characters (space to ~), in thousandths of an em. */
const asciiWidths = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 to ?
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ to O
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P to _
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` to o
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p to ~
];
const otherWidths: Record<string, number> = { '’': 222, '‘': 222, '“': 333, '”': 333, '–': 556, '—': 1000, '…': 1000, '£': 556, '€': 556, '·': 278, '\u00a0': 278 };
/** Letters outside ASCII (accented, Welsh ŵ ŷ) are about as wide as an average lowercase letter. */
const defaultWidth = 556;
/** Bold Arial runs about 8% wider. */
const boldFactor = 1.08;

export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    units += code >= 32 && code <= 126 ? asciiWidths[code - 32]! : (otherWidths[char] ?? defaultWidth);
  }
  return (units / 1000) * fontSize * (bold ? boldFactor : 1);
}

/** One line of plain text: runs of whitespace (newlines included) become one space. */
export function normaliseLabel(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Splits text into lines no wider than `maxWidth` at spaces; a word wider than a line on its own
 * keeps a line to itself (never cut: the label must stay readable whole).
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of normaliseLabel(text).split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(candidate, fontSize, bold) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

interface VegaTextItem {
  fontSize?: number;
  fontWeight?: string | number;
  text?: unknown;
}

interface VegaTextMetrics {
  width: (item: VegaTextItem, text?: unknown) => number;
}

let installed = false;

/**
 * Makes Vega measure text with {@link textWidth}. Vega's text metrics are one object shared by
 * the process; only charts use Vega here, so setting it once, before the first chart, is safe.
 */
export function useArialMetrics(): void {
  if (installed) return;
  const metrics = (vega as unknown as { textMetrics: VegaTextMetrics }).textMetrics;
  metrics.width = (item, text) => {
    const value = text ?? item.text;
    const string = value == null ? '' : Array.isArray(value) ? value.join(' ') : String(value);
    const weight = item.fontWeight;
    return textWidth(string, item.fontSize ?? 11, weight === 'bold' || (typeof weight === 'number' && weight >= 600));
  };
  installed = true;
}
