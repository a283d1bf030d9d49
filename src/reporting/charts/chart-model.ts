/**
 * What a chart shows, apart from where the numbers came from: the report builder maps its
 * results (already through disclosure control and rounded for display) onto these, so the
 * charts never round, suppress or compute anything themselves — a chart can only show the
 * numbers its table shows.
 */

/** One bar: a percentage of one option (or net) for one series. */
export interface ChartBar {
  label: string;
  /**
   * Percent 0–100, already rounded to the precision the table shows (the chart prints it as
   * given); null when the figure is suppressed: the bar is left out and the table says why.
   */
  value: number | null;
  /** The 95% interval's ends, in percent as shown in the table; drawn as a thin rule when both are given. */
  low?: number;
  high?: number;
  /** The series, such as 'Your organisation', 'Peer group' or 'Sector'; colours follow the order series first appear. */
  group?: string;
}

export interface BarChartInput {
  /** The chart's accessible name, drawn as its heading unless `showTitle` is false. */
  title: string;
  /** A sentence or two for assistive technology: what the figures are and their base. */
  description: string;
  bars: readonly ChartBar[];
  unit: 'percent';
  /**
   * Decimal places the table shows, when it pads them ('38.0'); values must already be rounded
   * to it. Without it a value is printed as it is (38 → '38', 38.5 → '38.5').
   */
  decimals?: number;
  /** Whether to draw the title inside the chart (default true); it stays the accessible name either way. */
  showTitle?: boolean;
  /**
   * Prefix of the ids inside the SVG (its title and description); distinct for each chart of
   * one page. Defaults to one derived from the input, so the same input gives the same SVG.
   */
  id?: string;
}

/** One row of an organisation's benchmark overview: its figure against the sector's spread. */
export interface BenchmarkRow {
  /** The question option or net, such as 'Has a digital strategy'. */
  label: string;
  /** The organisation's percent as shown in its table, or null when suppressed. */
  value: number | null;
  /** The median organisation's percent, or null when no organisation is scored. */
  median: number | null;
  /** The sector's lower and upper quartiles (of organisations' percents), or null. */
  lower: number | null;
  upper: number | null;
}

export interface BenchmarkChartInput {
  title: string;
  description: string;
  rows: readonly BenchmarkRow[];
  unit: 'percent';
  /** What the organisation's dots are called in the key and labels (default 'Your organisation'). */
  organisationLabel?: string;
  decimals?: number;
  showTitle?: boolean;
  id?: string;
}

/**
 * A figure read back out of a rendered chart: the percent it shows and, for an interval or the
 * sector's spread, its two ends.
 */
export interface ChartValue {
  label: string;
  value: number;
  group?: string;
  low?: number;
  high?: number;
}
