import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChartRenderer } from '../../src/reporting/charts/chart-renderer.js';
import { distributionFigures } from '../../src/reporting/number-distribution-figures.js';
import { chromiumAvailable, describeViolations, openChromium, wcagViolations, type BrowserTab } from './support/browser.js';

/**
 * Charts are inlined into report pages as SVG. Here each kind is inlined into a minimal page and
 * checked as a browser and axe-core see it: an image named by the chart's title and described
 * by its description, with no WCAG 2.2 A or AA violations.
 */

const barChart = {
  title: 'Does your organisation have a digital strategy?',
  description: 'Percent of respondents (base 235). Bars show each answer, lines the 95% interval.',
  unit: 'percent' as const,
  bars: [
    { label: 'Yes', value: 38, low: 32, high: 44 },
    { label: 'No, but one is being written by the digital team & its partners', value: 55, low: 49, high: 61 },
    { label: "Don't know", value: 7 },
    { label: 'Prefer not to say', value: null },
  ],
};

const groupedChart = {
  title: 'Has a digital strategy: Anytown Council, its peer group and the sector',
  description: 'Percent of respondents in each.',
  unit: 'percent' as const,
  showTitle: false,
  bars: [
    { label: 'Yes', value: 38, group: 'Your organisation' },
    { label: 'Yes', value: 41, group: 'Peer group' },
    { label: 'Yes', value: 45, group: 'Sector' },
    { label: 'No', value: null, group: 'Your organisation' },
    { label: 'No', value: 52, group: 'Peer group' },
    { label: 'No', value: 50, group: 'Sector' },
  ],
};

const benchmarkChart = {
  title: 'Anytown Council against the sector',
  description: 'For each figure, the council’s percent, the median organisation’s and the middle half of organisations.',
  unit: 'percent' as const,
  organisationLabel: 'Anytown Council',
  rows: [
    { label: 'Has a digital strategy', value: 38, median: 45, lower: 30, upper: 60 },
    { label: 'Leaders understand digital', value: null, median: 50, lower: 40, upper: 62 },
    { label: 'Staff have the skills they need', value: 88, median: 70, lower: 55, upper: 80 },
  ],
};

// A number question's ranges, as a report charts them (the second range merged by disclosure control).
const distributionChart = {
  ...distributionFigures(
    { id: 'team_size', type: 'number', text: 'About how many people work in your team?', integer: true, unit: 'people', required: false, base: 'answered' } as Parameters<typeof distributionFigures>[0],
    {
      integer: true,
      merged: true,
      bins: [
        { from: 0, to: 20, count: 19, percent: 47.5 },
        { from: 20, to: 60, count: 17, percent: 42.5 },
        { from: 60, to: 80, count: 0, percent: 0 },
        { from: 80, to: 120, count: 10, percent: 10 },
      ],
    },
    'respondents',
    'the 40 respondents who answered',
  )!.chart,
  unit: 'percent' as const,
};

interface AxNode {
  role?: { value?: string };
  name?: { value?: string };
  description?: { value?: string };
}

describe.skipIf(!chromiumAvailable())('charts inlined into a page', () => {
  let tab: BrowserTab;
  let charts: string[];
  beforeAll(async () => {
    const renderer = new ChartRenderer();
    charts = [await renderer.barChart(barChart), await renderer.barChart(groupedChart), await renderer.benchmarkChart(benchmarkChart), await renderer.barChart(distributionChart)];
    tab = await openChromium({ javaScript: true });
    const sections = charts.map((svg, i) => `<h2>Chart ${i + 1}</h2>${svg}<p>The same figures are in the table below the chart.</p>`).join('');
    await tab.page.setContent(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Charts</title></head><body><main><h1>Charts</h1>${sections}</main></body></html>`);
  });
  afterAll(async () => {
    await tab?.close();
  });

  it('have no WCAG 2.2 A or AA violations that axe-core can find', async () => {
    expect(describeViolations(await wcagViolations(tab.page))).toEqual([]);
  });

  it('are each one image, named by the chart title and described by its description', async () => {
    const session = await tab.context.newCDPSession(tab.page);
    const { nodes } = (await session.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    const images = nodes.filter((n) => n.role?.value === 'image').map((n) => ({ name: n.name?.value, description: n.description?.value }));
    expect(images).toEqual([barChart, groupedChart, benchmarkChart, distributionChart].map((c) => ({ name: c.title, description: c.description })));
  });
});
