import { describe, expect, it } from 'vitest';
import type { ChartBar, ChartValue } from './chart-model.js';
import { ChartRenderer } from './chart-renderer.js';
import { chartValues } from './chart-values.js';

const renderer = new ChartRenderer();

/** What chartValues should find for the bars that are shown, in input order. */
function expectedValues(bars: readonly ChartBar[]): ChartValue[] {
  return bars
    .filter((bar) => bar.value !== null)
    .map((bar) => ({
      label: bar.label,
      value: bar.value!,
      ...(bar.group === undefined ? {} : { group: bar.group }),
      ...(bar.low === undefined ? {} : { low: bar.low, high: bar.high }),
    }));
}

describe('chartValues reads back the figures a chart shows', () => {
  it('one per bar of a bar chart, with its interval, leaving out suppressed bars', async () => {
    const bars: ChartBar[] = [
      { label: 'Yes', value: 38, low: 32, high: 44 },
      { label: 'No: not yet (but soon)', value: 55.5, low: 49, high: 61.5 },
      { label: "Don't know & <other>", value: 0 },
      { label: 'Prefer not to say', value: null },
      { label: 'All of them', value: 100, low: 97, high: 100 },
    ];
    const values = chartValues(await renderer.barChart({ title: 'Strategy', description: 'Percent of respondents.', unit: 'percent', bars }));
    expect(values).toEqual(expectedValues(bars));
  });

  it('one per bar of each series of a grouped chart', async () => {
    const bars: ChartBar[] = [
      { label: 'Yes', value: 38, group: 'Your organisation', low: 30, high: 46 },
      { label: 'Yes', value: 41, group: 'Peer group' },
      { label: 'Yes', value: 45, group: 'Sector' },
      { label: 'No', value: null, group: 'Your organisation' },
      { label: 'No', value: 52, group: 'Peer group' },
      { label: 'No', value: 50, group: 'Sector' },
    ];
    const values = chartValues(await renderer.barChart({ title: 'Strategy', description: 'd', unit: 'percent', bars }));
    expect(values).toEqual(expectedValues(bars));
  });

  it("the organisation's dots and the sector medians with their quartiles, leaving out what is null", async () => {
    const rows = [
      { label: 'Has a digital strategy', value: 38, median: 45, lower: 30, upper: 60 },
      { label: 'Leaders understand digital', value: null, median: 50, lower: 40, upper: 62 },
      { label: 'Suppressed everywhere', value: null, median: null, lower: null, upper: null },
      { label: 'Only the organisation', value: 12, median: null, lower: null, upper: null },
      { label: 'Skills', value: 88, median: 70, lower: 55, upper: 80 },
    ];
    const values = chartValues(await renderer.benchmarkChart({ title: 'Anytown against the sector', description: 'd', unit: 'percent', organisationLabel: 'Anytown Council', rows }));
    const medians = rows.filter((r) => r.median !== null).map((r) => ({ label: r.label, value: r.median!, group: 'Sector median', low: r.lower!, high: r.upper! }));
    const dots = rows.filter((r) => r.value !== null).map((r) => ({ label: r.label, value: r.value!, group: 'Anytown Council' }));
    expect(sortValues(values)).toEqual(sortValues([...medians, ...dots]));
  });

  it('as printed, with the decimal places the table shows', async () => {
    const svg = await renderer.barChart({ title: 'T', description: 'd', unit: 'percent', decimals: 1, bars: [{ label: 'Yes', value: 38 }, { label: 'No', value: 62.5 }] });
    expect(svg).toContain('>38.0%</text>');
    expect(chartValues(svg)).toEqual([{ label: 'Yes', value: 38 }, { label: 'No', value: 62.5 }]);
  });

  it('and refuses a chart whose printed value disagrees with its bar', async () => {
    const svg = await renderer.barChart({ title: 'T', description: 'd', unit: 'percent', bars: [{ label: 'Yes', value: 38 }, { label: 'No', value: 62 }] });
    expect(() => chartValues(svg.replace('>38%</text>', '>39%</text>'))).toThrow(/prints '39%' beside the figure labelled 'Yes: 38%'/);
  });

  it('and refuses a chart that draws a bar without printing its value', async () => {
    const svg = await renderer.barChart({ title: 'T', description: 'd', unit: 'percent', bars: [{ label: 'Yes', value: 38 }, { label: 'No', value: 62 }] });
    const withoutLabel = svg.replace(/<text [^>]*aria-label="No: 62%"[^>]*>62%<\/text>/, '');
    expect(withoutLabel).not.toBe(svg);
    expect(() => chartValues(withoutLabel)).toThrow(/draws 'No: 62%' but prints no value/);
  });
});

function sortValues(values: ChartValue[]): ChartValue[] {
  return [...values].sort((a, b) => `${a.group}|${a.label}`.localeCompare(`${b.group}|${b.label}`));
}
