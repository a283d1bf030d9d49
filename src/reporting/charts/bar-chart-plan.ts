import { CanvassError } from '../../errors/canvass-error.js';
import { chartId, checkChartId } from './accessible-svg.js';
import { keyView, layoutKey, type ChartKey } from './chart-key.js';
import type { BarChartInput, ChartBar } from './chart-model.js';
import type { ChartPlan } from './chart-plan.js';
import { baseConfig, chartLayout, govukColours, seriesColours } from './chart-theme.js';
import { describeMark, markRoles } from './mark-description.js';
import { shownPercent } from './shown-percent.js';
import { normaliseLabel, wrapText } from './text-layout.js';

/** One drawn bar: everything the spec reads, precomputed so the spec stays the same for every chart of a shape. */
interface BarDatum {
  /** The row's label wrapped into lines ('\n' between them); the y axis splits it again. */
  row: string;
  /**
   * The row's place in the chart. The y axis sorts by it: a kept view's scale would otherwise
   * order rows it has seen in earlier charts by when it first saw them.
   */
  order: number;
  /** The bar's place among its row's series (0 without series): each series keeps its slot when another is suppressed. */
  slot: number;
  colour: string;
  value: number;
  low: number | null;
  high: number | null;
  /** Where the value label starts: after the bar, or after the interval when it reaches further. */
  labelAt: number;
  valueText: string;
  description: string;
}

/** Horizontal bars of percentages, one row per label; with series (`group`), a bar per series in each row and a key. */
export function planBarChart(input: BarChartInput): ChartPlan {
  const bars = input.bars.map((bar) => (bar.group === undefined ? bar : { ...bar, group: normaliseLabel(bar.group) }));
  const grouped = bars.some((bar) => bar.group !== undefined);
  const shown = bars.filter((bar): bar is ChartBar & { value: number } => bar.value !== null);
  checkBars(bars, grouped);
  // Series keep their colour and their slot in each row even when one of their bars is suppressed.
  const groups = grouped ? distinct(bars.map((bar) => bar.group!)) : [];
  if (groups.length > seriesColours.length) {
    throw new CanvassError('internal', `a bar chart has ${groups.length} series; at most ${seriesColours.length} can be told apart`);
  }
  const slotOf = (group: string | undefined) => (group === undefined ? 0 : groups.indexOf(group));
  const rowLabels = distinct(bars.map((bar) => normaliseLabel(bar.label)));
  const data = shown.map((bar, i) => barDatum(bar, slotOf(bar.group), rowLabels.indexOf(normaliseLabel(bar.label)), input.decimals, `bar ${i + 1} (${bar.label})`));
  const lines = Math.max(1, ...data.map((d) => d.row.split('\n').length));
  const seriesCount = Math.max(1, groups.length);
  const key = grouped ? layoutKey(groups.map((group, i) => ({ label: group, swatch: 'square' as const, colour: seriesColours[i]! })), keyWidth) : null;
  return {
    // The row labels are part of the shape: Vega keeps a reused view's axis labels in the order it
    // first drew them, so a view is only reused for the same rows (every organisation's chart).
    shapeKey: `bars:${key ? `grouped:${seriesCount}:key${key.lines}` : 'single'}:${lines}:${JSON.stringify(rowLabels)}`,
    spec: () => barChartSpec(key, seriesCount, lines),
    datasets: key ? { bars: data, key: key.data } : { bars: data },
    signals: { chartTitle: input.showTitle === false ? '' : wrapText(input.title, chartLayout.titleWidth, chartLayout.titleFontSize, true) },
    title: normaliseLabel(input.title),
    description: normaliseLabel(input.description),
    id: input.id === undefined ? chartId(input) : checkChartId(input.id),
  };
}

function checkBars(bars: readonly ChartBar[], grouped: boolean): void {
  const seen = new Set<string>();
  for (const [i, bar] of bars.entries()) {
    const where = `bar ${i + 1} (${bar.label})`;
    if (grouped && bar.group === undefined) throw new CanvassError('internal', `${where} has no group, but other bars of the chart do`);
    const key = `${normaliseLabel(bar.label)}\u0000${bar.group ?? ''}`;
    if (seen.has(key)) throw new CanvassError('internal', `${where} appears twice${bar.group === undefined ? '' : ` in group ${bar.group}`}`);
    seen.add(key);
    if ((bar.low === undefined) !== (bar.high === undefined)) throw new CanvassError('internal', `${where} has one end of its interval but not the other`);
  }
}

function barDatum(bar: ChartBar & { value: number }, slot: number, order: number, decimals: number | undefined, where: string): BarDatum {
  const label = normaliseLabel(bar.label);
  const valueText = shownPercent(bar.value, decimals, where);
  const hasInterval = bar.low !== undefined && bar.high !== undefined;
  const low = hasInterval ? bar.low! : null;
  const high = hasInterval ? bar.high! : null;
  let range: { kind: 'interval'; low: string; high: string } | undefined;
  if (low !== null && high !== null) {
    if (low > high) throw new CanvassError('internal', `${where}: its interval runs from ${low} down to ${high}`);
    range = { kind: 'interval', low: shownPercent(low, decimals, where), high: shownPercent(high, decimals, where) };
  }
  const figure = { label, shown: valueText, ...(bar.group === undefined ? {} : { group: bar.group }), ...(range ? { range } : {}) };
  return {
    row: wrapText(label, chartLayout.labelWidth, chartLayout.labelFontSize).join('\n'),
    order,
    slot,
    colour: seriesColours[slot]!,
    value: bar.value,
    low,
    high,
    labelAt: Math.max(bar.value, high ?? 0),
    valueText: `${valueText}%`,
    description: describeMark(figure),
  };
}

/** The key starts where the plot does and may run over the values printed beside the longest bars. */
const keyWidth = chartLayout.plotWidth + 100;

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/**
 * Rows are tall enough for their label's lines and bars keep one thickness whatever the row
 * height: the band padding takes up the difference. Series are told apart by a key above the
 * plot as well as by colour, and every bar has its value printed beside it.
 */
function barChartSpec(key: ChartKey | null, series: number, lines: number): Record<string, unknown> {
  const grouped = key !== null;
  const { barThickness, rowGap, lineHeight, plotWidth, labelFontSize } = chartLayout;
  const slotHeight = grouped ? barThickness + 4 : barThickness;
  const barsHeight = series * slotHeight;
  const rowStep = Math.max(barsHeight + rowGap, lines * lineHeight + rowGap);
  const paddingInner = 1 - barsHeight / rowStep;
  const rows = {
    y: { field: 'row', type: 'nominal', sort: { field: 'order', op: 'min' }, scale: { paddingInner, paddingOuter: paddingInner / 2 } },
    ...(grouped ? { yOffset: { field: 'slot', type: 'ordinal', scale: { domain: [...Array(series).keys()], paddingInner: 4 / slotHeight, paddingOuter: 0 } } } : {}),
  };
  const x = { type: 'quantitative', scale: { domain: [0, 100], nice: false, zero: true } };
  const chart = {
    width: plotWidth,
    height: { step: grouped ? slotHeight : rowStep },
    data: { name: 'bars' },
    layer: [
      {
        mark: { type: 'bar', opacity: 1, aria: true, ariaRoleDescription: markRoles.bar },
        encoding: { ...rows, x: { ...x, field: 'value' }, color: { field: 'colour', type: 'nominal', scale: null, legend: null }, description: { field: 'description' } },
      },
      {
        transform: [{ filter: 'datum.low != null' }],
        mark: { type: 'rule', color: govukColours.text, strokeWidth: 2, aria: false },
        encoding: { ...rows, x: { ...x, field: 'low' }, x2: { field: 'high' } },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 8, fontSize: labelFontSize, color: govukColours.text, aria: true, ariaRoleDescription: markRoles.valueLabel },
        encoding: { ...rows, x: { ...x, field: 'labelAt' }, text: { field: 'valueText' }, description: { field: 'description' } },
      },
    ],
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    params: [{ name: 'chartTitle', value: '' }],
    title: { text: { expr: 'chartTitle' } },
    ...(key ? { vconcat: [keyView(key.lines, keyWidth), chart] } : chart),
    config: baseConfig(),
  };
}
