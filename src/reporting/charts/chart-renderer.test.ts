import { describe, expect, it } from 'vitest';
import type { BarChartInput, BenchmarkChartInput } from './chart-model.js';
import { ChartRenderer, renderBarChart, renderBenchmarkChart } from './chart-renderer.js';
import { chartValues } from './chart-values.js';

const strategy: BarChartInput = {
  title: 'Does your organisation have a digital strategy?',
  description: 'Percent of respondents (base 235).',
  unit: 'percent',
  bars: [
    { label: 'Yes', value: 38, low: 32, high: 44 },
    { label: 'No, but one is being written by the digital team and its partners', value: 55, low: 49, high: 61 },
    { label: "Don't know", value: 7 },
    { label: 'Prefer not to say', value: null },
  ],
};

const compared: BarChartInput = {
  title: 'Digital strategy compared',
  description: 'Percent of respondents.',
  unit: 'percent',
  bars: [
    { label: 'Yes', value: 38, group: 'Your organisation' },
    { label: 'Yes', value: 41, group: 'Peer group' },
    { label: 'Yes', value: 45, group: 'Sector' },
    { label: 'No', value: null, group: 'Your organisation' },
    { label: 'No', value: 52, group: 'Peer group' },
    { label: 'No', value: 50, group: 'Sector' },
  ],
};

const overview: BenchmarkChartInput = {
  title: 'Anytown Council against the sector',
  description: 'The council’s percent beside the median organisation and the middle half of organisations.',
  unit: 'percent',
  organisationLabel: 'Anytown Council',
  rows: [
    { label: 'Has a digital strategy', value: 38, median: 45, lower: 30, upper: 60 },
    { label: 'Leaders understand digital', value: null, median: 50, lower: 40, upper: 62 },
    { label: 'Nothing to show', value: null, median: null, lower: null, upper: null },
  ],
};

/** Bars with values drawn from `seed`, so each chart of a sequence differs. */
function fiveBars(seed: number, extra: Partial<BarChartInput> = {}): BarChartInput {
  const bars = ['Strongly agree', 'Agree', 'Neither agree nor disagree', 'Disagree', 'Strongly disagree'].map((label, i) => {
    const value = (seed * 37 + i * 19) % 101;
    return { label: `${label}${seed % 3 === 0 ? ' with the statement as it was put to them' : ''}`, value, low: Math.max(0, value - 4), high: Math.min(100, value + 4) };
  });
  return { title: `Question ${seed}`, description: `Chart ${seed}.`, unit: 'percent', bars, ...extra };
}

function benchmarkRows(seed: number, count: number): BenchmarkChartInput {
  const rows = Array.from({ length: count }, (_, i) => {
    const median = (seed * 7 + i * 11) % 81 + 10;
    return { label: `Figure ${i + 1}${i % 4 === 0 ? ' with a label long enough to wrap onto a second line' : ''}`, value: (seed + i * 13) % 7 === 0 ? null : (seed * 3 + i * 29) % 101, median, lower: median - 10, upper: median + 10 };
  });
  return { title: `Organisation ${seed}`, description: 'd', unit: 'percent', organisationLabel: `Organisation ${'x'.repeat(seed % 30)}`, rows };
}

describe('ChartRenderer', () => {
  it('renders an SVG image named by the chart title and described by its description', async () => {
    const svg = await new ChartRenderer().barChart({ ...strategy, title: 'Strategy & <plans>', id: 'q1-chart' });
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="q1-chart-title" aria-describedby="q1-chart-desc">/);
    expect(svg).toContain('<title id="q1-chart-title">Strategy &amp; &lt;plans&gt;</title>');
    expect(svg).toContain('<desc id="q1-chart-desc">Percent of respondents (base 235).</desc>');
    expect(svg).toMatch(/<\/svg>$/);
  });

  it('prints each value at the end of its bar and leaves suppressed figures out altogether', async () => {
    const svg = await renderBarChart(strategy);
    for (const shown of ['38%', '55%', '7%']) expect(svg).toContain(`>${shown}</text>`);
    expect(svg).not.toContain('Prefer not to say');
  });

  it('wraps long row labels onto several lines and draws the title in GOV.UK type', async () => {
    const svg = await renderBarChart(strategy);
    expect(svg).toMatch(/<tspan>No, but one is being written by<\/tspan><tspan x="0" dy="20">/);
    expect(svg).toContain('font-family="&quot;GDS Transport&quot;, arial, sans-serif"');
    expect(svg).toContain('>Does your organisation have a digital strategy?</text>');
    expect(await renderBarChart({ ...strategy, showTitle: false })).not.toContain('>Does your organisation have a digital strategy?</text>');
  });

  it('draws a thin rule for each interval given', async () => {
    const svg = await renderBarChart(strategy);
    const rules = svg.match(/<g class="mark-rule role-mark[^"]*"[^>]*>([\s\S]*?)<\/g>/)?.[1] ?? '';
    expect(rules.match(/<line /g)).toHaveLength(2);
  });

  it('colours series in the order they first appear and keeps each series in the key even when its bars are suppressed', async () => {
    const svg = await renderBarChart(compared);
    const fillOf = (label: string) => new RegExp(`aria-label="${label}"[^>]*aria-roledescription="bar"[^>]*fill="(#[0-9a-f]+)"`).exec(svg)?.[1];
    expect([fillOf('Yes: 38% \\(Your organisation\\)'), fillOf('Yes: 41% \\(Peer group\\)'), fillOf('Yes: 45% \\(Sector\\)')]).toEqual(['#1d70b8', '#505a5f', '#f47738']);
    for (const series of ['Your organisation', 'Peer group', 'Sector']) expect(svg).toContain(`>${series}</text>`);
  });

  it('draws the benchmark overview with a key naming the organisation, and its percents in a column', async () => {
    const svg = await renderBenchmarkChart(overview);
    for (const text of ['Anytown Council', 'Median organisation', 'Middle half of organisations', '38%']) expect(svg).toContain(`>${text}</text>`);
    expect(svg).not.toContain('Nothing to show');
    expect(chartValues(svg).filter((v) => v.group === 'Anytown Council')).toEqual([{ label: 'Has a digital strategy', value: 38, group: 'Anytown Council' }]);
  });

  it('gives the same SVG for the same input, from a new renderer or one that has drawn other charts since', async () => {
    const reused = new ChartRenderer();
    const first = [await reused.barChart(strategy), await reused.barChart(compared), await reused.benchmarkChart(overview)];
    for (let seed = 1; seed <= 6; seed++) {
      await reused.barChart(fiveBars(seed));
      await reused.barChart({ ...compared, bars: compared.bars.map((b) => ({ ...b, group: `${b.group} ${'long '.repeat(seed)}` })) });
      await reused.benchmarkChart(benchmarkRows(seed, 8));
    }
    const again = [await reused.barChart(strategy), await reused.barChart(compared), await reused.benchmarkChart(overview)];
    const fresh = [await new ChartRenderer().barChart(strategy), await new ChartRenderer().barChart(compared), await new ChartRenderer().benchmarkChart(overview)];
    expect(again).toEqual(first);
    expect(fresh).toEqual(first);
  });

  it('keeps rows in the order given when a kept view has drawn the same labels in another order', async () => {
    const rows = (labels: string[]): BarChartInput => ({ title: 'Order', description: 'Rows in order.', unit: 'percent', bars: labels.map((label, i) => ({ label, value: 10 * (i + 1) })) });
    const reused = new ChartRenderer();
    await reused.barChart(rows(["Don't know", 'Yes', 'No']));
    const again = await reused.barChart(rows(['Yes', 'No', "Don't know"]));
    expect(chartValues(again).map((v) => v.label)).toEqual(['Yes', 'No', "Don't know"]);
    expect(again).toBe(await new ChartRenderer().barChart(rows(['Yes', 'No', "Don't know"])));
    await reused.benchmarkChart({ ...overview, rows: [...overview.rows].reverse() });
    expect(await reused.benchmarkChart(overview)).toBe(await new ChartRenderer().benchmarkChart(overview));
  });

  it('draws every chart of a sequence on a reused view exactly as a fresh view would', async () => {
    const reused = new ChartRenderer();
    for (let seed = 1; seed <= 8; seed++) {
      const input = benchmarkRows(seed, 4 + seed);
      expect(await reused.benchmarkChart(input), `benchmark ${seed}`).toBe(await new ChartRenderer().benchmarkChart(input));
      const bars = fiveBars(seed);
      expect(await reused.barChart(bars), `bars ${seed}`).toBe(await new ChartRenderer().barChart(bars));
    }
  });

  it('compiles each chart shape once and reuses it for charts of that shape', async () => {
    const renderer = new ChartRenderer();
    for (let seed = 1; seed <= 10; seed++) await renderer.barChart(fiveBars(seed * 3 + 1));
    expect(renderer.compiledShapes).toBe(1);
    await renderer.barChart(compared);
    expect(renderer.compiledShapes).toBe(2);
  });

  it('draws charts asked for at once each with its own figures', async () => {
    const renderer = new ChartRenderer();
    const inputs = Array.from({ length: 6 }, (_, i) => fiveBars(i * 3 + 1));
    const svgs = await Promise.all(inputs.map((input) => renderer.barChart(input)));
    svgs.forEach((svg, i) => expect(chartValues(svg).map((v) => v.value)).toEqual(inputs[i]!.bars.map((b) => b.value)));
  });

  it('renders a chart whose figures are all suppressed as an empty chart', async () => {
    const svg = await renderBarChart({ ...strategy, bars: strategy.bars.map((b) => ({ ...b, value: null })) });
    expect(svg).toMatch(/^<svg /);
    expect(chartValues(svg)).toEqual([]);
  });

  it('derives distinct ids for different charts, so several can share a page', async () => {
    const idOf = (svg: string) => /aria-labelledby="([^"]+)-title"/.exec(svg)?.[1];
    const a = idOf(await renderBarChart(strategy));
    expect(a).toMatch(/^chart-[0-9a-f]{12}$/);
    expect(idOf(await renderBarChart({ ...strategy, title: 'Another title' }))).not.toBe(a);
    await expect(renderBarChart({ ...strategy, id: '1 bad id' })).rejects.toThrow(/chart id '1 bad id' must start with a letter/);
  });

  it('refuses input that cannot be drawn faithfully', async () => {
    await expect(renderBarChart({ ...strategy, bars: [{ label: 'Yes', value: 101 }] })).rejects.toThrow(/from 0 to 100, got 101/);
    await expect(renderBarChart({ ...strategy, bars: [{ label: 'Yes', value: 1 }, { label: 'Yes', value: 2 }] })).rejects.toThrow(/appears twice/);
    await expect(renderBarChart({ ...strategy, bars: [{ label: 'Yes', value: 1, group: 'A' }, { label: 'No', value: 2 }] })).rejects.toThrow(/has no group/);
    await expect(renderBarChart({ ...strategy, bars: [{ label: 'Yes', value: 40, low: 45, high: 50 }] })).resolves.toContain('40%');
    await expect(renderBarChart({ ...strategy, bars: [{ label: 'Yes', value: 40, low: 50, high: 45 }] })).rejects.toThrow(/runs from 50 down to 45/);
    await expect(renderBenchmarkChart({ ...overview, rows: [{ label: 'A', value: 1, median: 50, lower: 60, upper: 70 }] })).rejects.toThrow(/median 50 is not between the quartiles/);
  });

  it('refuses a spec that Vega-Lite would quietly draw otherwise than asked', async () => {
    const spec = () => ({ data: { name: 'bars' }, height: { step: 20 }, mark: 'bar', encoding: { y: { field: 'v', type: 'quantitative' } } });
    const plan = { shapeKey: 'continuous-rows', spec, datasets: { bars: [{ v: 1 }] }, signals: {}, title: 't', description: 'd', id: 'c' };
    await expect(new ChartRenderer().render(plan)).rejects.toThrow(/Vega-Lite warned about a chart spec: .*step for "height" is dropped/);
  });
});
