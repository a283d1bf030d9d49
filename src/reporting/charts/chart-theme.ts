/**
 * The look of every chart: GOV.UK colours and type, sizes in CSS pixels. Colours are chosen so
 * text is at least 4.5:1 against white and bars at least 3:1 (WCAG 1.4.3 and 1.4.11), except
 * orange, which is only used beside a printed value (the figure never depends on the colour).
 */

export const govukColours = {
  blue: '#1d70b8',
  grey: '#505a5f',
  midGrey: '#b1b4b6',
  orange: '#f47738',
  green: '#00703c',
  purple: '#4c2c92',
  text: '#0b0c0c',
  white: '#ffffff',
} as const;

/** Series colours in the order series first appear: the organisation, its peer group, the sector… */
export const seriesColours: readonly string[] = [govukColours.blue, govukColours.grey, govukColours.orange, govukColours.green, govukColours.purple];

export const chartFont = '"GDS Transport", arial, sans-serif';

export const chartLayout = {
  /** Font sizes: GOV.UK's body text on small screens, headings one step up. */
  labelFontSize: 16,
  axisFontSize: 14,
  titleFontSize: 19,
  lineHeight: 20,
  titleLineHeight: 25,
  /** Width of the 0–100% scale. */
  plotWidth: 360,
  /** Row labels wrap at this width. */
  labelWidth: 220,
  /** Titles wrap at about the width of the whole chart. */
  titleWidth: 640,
  /** Thickness of one bar, and the space a row leaves around its bars or label lines. */
  barThickness: 24,
  rowGap: 12,
} as const;

/** Vega-Lite config shared by every chart. */
export function baseConfig(): Record<string, unknown> {
  const { labelFontSize, axisFontSize, titleFontSize, lineHeight, titleLineHeight } = chartLayout;
  return {
    // Guides and decoration are hidden from assistive technology; data marks say what they show.
    aria: false,
    font: chartFont,
    background: govukColours.white,
    padding: 8,
    view: { stroke: null },
    axis: { labelColor: govukColours.text, titleColor: govukColours.text, labelFontSize: axisFontSize, title: null },
    axisX: {
      values: [0, 25, 50, 75, 100],
      labelExpr: "datum.value + '%'",
      grid: true,
      gridColor: govukColours.midGrey,
      domain: false,
      ticks: false,
      labelPadding: 6,
    },
    axisY: {
      labelFontSize,
      labelLineHeight: lineHeight,
      labelLimit: 0,
      labelPadding: 8,
      labelExpr: "split(datum.value, '\\n')",
      ticks: false,
      domainColor: govukColours.text,
    },
    title: { anchor: 'start', fontSize: titleFontSize, fontWeight: 'bold', color: govukColours.text, lineHeight: titleLineHeight, offset: 12, frame: 'bounds' },
  };
}
