import { CanvassError } from '../../errors/canvass-error.js';
import { chartId, checkChartId } from './accessible-svg.js';
import { keyView, layoutKey } from './chart-key.js';
import type { BenchmarkChartInput, BenchmarkRow } from './chart-model.js';
import type { ChartPlan } from './chart-plan.js';
import { baseConfig, chartLayout, govukColours } from './chart-theme.js';
import { describeMark, markRoles } from './mark-description.js';
import { shownPercent } from './shown-percent.js';
import { normaliseLabel, wrapText } from './text-layout.js';

/** What the sector's median marks are called in their labels (and by chartValues). */
export const sectorMedianGroup = 'Sector median';
const defaultOrganisationLabel = 'Your organisation';

interface BenchmarkDatum {
  row: string;
  /** The row's place: the y axis sorts by it, as a kept view would otherwise keep rows of earlier charts in their old places. */
  order: number;
  value: number | null;
  median: number | null;
  lower: number | null;
  upper: number | null;
  valueText: string | null;
  valueDescription: string | null;
  medianDescription: string | null;
}

/**
 * One row per figure: the sector's middle half of organisations as a grey bar, the median
 * organisation as a black tick, the organisation as a blue dot, and the organisation's percent
 * printed in a column at the right. A mark whose figure is null is left out; a row with no
 * figure at all is left out.
 */
export function planBenchmarkChart(input: BenchmarkChartInput): ChartPlan {
  const organisationLabel = normaliseLabel(input.organisationLabel ?? defaultOrganisationLabel);
  const data = input.rows
    .map((row, i) => benchmarkDatum(row, i, organisationLabel, input.decimals, `row ${i + 1} (${row.label})`))
    .filter((d): d is BenchmarkDatum => d !== null);
  checkDistinct(input.rows);
  const lines = Math.max(1, ...data.map((d) => d.row.split('\n').length));
  const key = benchmarkKey(organisationLabel);
  return {
    // The rows are part of the shape: a reused view keeps its axis labels in the order it first drew them.
    shapeKey: `benchmark:${lines}:key${key.lines}:${JSON.stringify(data.map((d) => d.row))}`,
    spec: () => benchmarkChartSpec(lines, key.lines),
    datasets: { rows: data, key: key.data },
    signals: { chartTitle: input.showTitle === false ? '' : wrapText(input.title, chartLayout.titleWidth, chartLayout.titleFontSize, true) },
    title: normaliseLabel(input.title),
    description: normaliseLabel(input.description),
    id: input.id === undefined ? chartId(input) : checkChartId(input.id),
  };
}

function checkDistinct(rows: readonly BenchmarkRow[]): void {
  const seen = new Set<string>();
  for (const [i, row] of rows.entries()) {
    const label = normaliseLabel(row.label);
    if (seen.has(label)) throw new CanvassError('internal', `row ${i + 1} (${label}) appears twice in the benchmark chart`);
    seen.add(label);
  }
}

function benchmarkDatum(row: BenchmarkRow, order: number, organisationLabel: string, decimals: number | undefined, where: string): BenchmarkDatum | null {
  if ((row.lower === null) !== (row.upper === null)) throw new CanvassError('internal', `${where} has one sector quartile but not the other`);
  if (row.lower !== null && row.median === null) throw new CanvassError('internal', `${where} has sector quartiles but no median`);
  if (row.value === null && row.median === null) return null;
  const label = normaliseLabel(row.label);
  const valueText = row.value === null ? null : shownPercent(row.value, decimals, where);
  let medianDescription: string | null = null;
  if (row.median !== null) {
    const shown = shownPercent(row.median, decimals, where);
    const range = row.lower !== null && row.upper !== null ? { kind: 'quartiles' as const, low: shownPercent(row.lower, decimals, where), high: shownPercent(row.upper, decimals, where) } : undefined;
    if (row.lower !== null && row.upper !== null && !(row.lower <= row.median && row.median <= row.upper)) {
      throw new CanvassError('internal', `${where}: the median ${row.median} is not between the quartiles ${row.lower} and ${row.upper}`);
    }
    medianDescription = describeMark({ label, shown, group: sectorMedianGroup, ...(range ? { range } : {}) });
  }
  return {
    row: wrapText(label, chartLayout.labelWidth, chartLayout.labelFontSize).join('\n'),
    order,
    value: row.value,
    median: row.median,
    lower: row.lower,
    upper: row.upper,
    valueText: valueText === null ? null : `${valueText}%`,
    valueDescription: valueText === null ? null : describeMark({ label, shown: valueText, group: organisationLabel }),
    medianDescription,
  };
}

/** Colours of the three marks: the organisation stands out; the sector's spread is background. */
const markColours = { organisation: govukColours.blue, quartiles: govukColours.midGrey, median: govukColours.text };

/** The key starts where the plot does and may run over the column of values. */
const keyWidth = chartLayout.plotWidth + 100;

function benchmarkKey(organisationLabel: string) {
  return layoutKey(
    [
      { label: organisationLabel, swatch: 'circle', colour: markColours.organisation },
      { label: 'Median organisation', swatch: 'tick', colour: markColours.median },
      { label: 'Middle half of organisations', swatch: 'bar', colour: markColours.quartiles },
    ],
    keyWidth,
  );
}

/** The x axis is at the top of the plot, under the key: the chart can be 60 rows tall. */
function benchmarkChartSpec(lines: number, keyLines: number): Record<string, unknown> {
  const { lineHeight, plotWidth, labelFontSize } = chartLayout;
  const rowStep = Math.max(32, lines * lineHeight + 12);
  const y = { field: 'row', type: 'nominal', sort: { field: 'order', op: 'min' }, scale: { paddingInner: 0, paddingOuter: 0 } };
  const x = { type: 'quantitative', scale: { domain: [0, 100], nice: false }, axis: { orient: 'top' } };
  const withValue = [{ filter: 'datum.value != null' }];
  const chart = {
    width: plotWidth,
    height: { step: rowStep },
    data: { name: 'rows' },
    layer: [
      {
        transform: [{ filter: 'datum.lower != null' }],
        mark: { type: 'bar', height: 14, opacity: 1, color: markColours.quartiles, aria: false },
        encoding: { y, x: { ...x, field: 'lower' }, x2: { field: 'upper' } },
      },
      {
        transform: [{ filter: 'datum.median != null' }],
        mark: { type: 'tick', thickness: 3, size: 26, opacity: 1, color: markColours.median, aria: true, ariaRoleDescription: markRoles.median },
        encoding: { y, x: { ...x, field: 'median' }, description: { field: 'medianDescription' } },
      },
      {
        transform: withValue,
        mark: { type: 'point', filled: true, opacity: 1, size: 170, color: markColours.organisation, stroke: govukColours.white, strokeWidth: 1.5, aria: true, ariaRoleDescription: markRoles.dot },
        encoding: { y, x: { ...x, field: 'value' }, description: { field: 'valueDescription' } },
      },
      {
        transform: withValue,
        mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: labelFontSize, fontWeight: 'bold', color: markColours.organisation, x: plotWidth + 16, aria: true, ariaRoleDescription: markRoles.valueLabel },
        encoding: { y, text: { field: 'valueText' }, description: { field: 'valueDescription' } },
      },
    ],
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    params: [{ name: 'chartTitle', value: '' }],
    title: { text: { expr: 'chartTitle' } },
    vconcat: [keyView(keyLines, keyWidth), chart],
    config: baseConfig(),
  };
}
