import { describe, expect, it } from 'vitest';
import type { BenchmarkFigure, OrganisationBenchmarkReport } from '../analysis/benchmarks/organisation-benchmarks.js';
import type { Comparison, Estimate } from '../analysis/results/results-model.js';
import { applyBenchmarkDisclosure } from './apply-benchmark-disclosure.js';

const estimate = (base: number, percent = 40): Estimate => ({
  code: 'yes',
  label: 'Yes',
  count: Math.round((base * percent) / 100),
  percent,
  se: 3,
  ci95: [percent - 6, percent + 6],
  base,
  weightedBase: base,
  suppressed: false,
});
const tested = (against: string): Comparison => ({ against, status: 'significant', difference: 8, z: 2.5, pValue: 0.012 });

function figure(own: number, peers: number, everyone: number): BenchmarkFigure {
  return {
    code: 'yes',
    label: 'Yes',
    kind: 'option',
    organisation: estimate(own, 48),
    peerGroup: estimate(peers),
    sector: estimate(everyone),
    sectorMedian: 41,
    sectorQuartiles: { lower: 35, upper: 47 },
    quantileType: 7,
    scoredOrganisations: 20,
    quartile: 1,
    vsSector: tested('rest of the sector'),
    vsPeerGroup: tested('rest of the peer group'),
  };
}

function report(...figures: BenchmarkFigure[]): OrganisationBenchmarkReport {
  return {
    survey: 's',
    title: 'S',
    notice: null,
    wave: null,
    organisation: { id: 'org-a', name: 'Org A', type: 'county-council', typeLabel: 'County council' },
    respondents: 50,
    peerGroup: { type: 'county-council', label: 'County council', organisations: 3, respondents: 120 },
    sector: { organisations: 30, respondents: 900 },
    design: { weights: 'none', strata: 'none', clusters: 'none', fpc: 'none' },
    interval: 'wilson',
    intervalLabel: 'Wilson',
    unit: 'respondents',
    minBase: 10,
    questions: [{ id: 'q', type: 'single', text: 'Q?', figures }],
  };
}

const disclosed = (f: BenchmarkFigure, minBase = 10) => applyBenchmarkDisclosure(report(f), { minBase }).questions[0]!.figures[0]!;
const hidden = { count: null, percent: null, se: null, ci95: null, base: null, weightedBase: null, suppressed: true };

describe('disclosure control of an organisation benchmark', () => {
  it('shows every figure, the quartile and both comparisons when all bases and their differences are large enough', () => {
    const f = figure(50, 120, 900);
    expect(disclosed(f)).toEqual(f);
  });

  it('suppresses the organisation’s own figure under the minimum base, with a reason and nothing that reveals it', () => {
    const f = disclosed(figure(9, 120, 900));
    expect(f.organisation).toEqual({ code: 'yes', label: 'Yes', ...hidden, reason: 'fewer than 10 respondents in the organisation answered' });
    expect(f.quartile).toBeNull();
    expect(f.vsSector).toBeNull();
    expect(f.vsPeerGroup).toBeNull();
    expect(f.peerGroup.suppressed).toBe(false);
    expect(f.sector.suppressed).toBe(false);
    expect(f.sectorMedian).toBe(41);
  });

  it('suppresses an organisation nobody in which answered the question', () => {
    expect(disclosed(figure(0, 120, 900)).organisation).toMatchObject({ suppressed: true, percent: null });
  });

  it('shows a figure whose base is exactly the minimum', () => {
    expect(disclosed(figure(10, 120, 900)).organisation.suppressed).toBe(false);
  });

  it('suppresses the peer group under the minimum base, and the comparison with the rest of the peer group with it', () => {
    const f = disclosed(figure(0, 8, 900));
    expect(f.peerGroup).toMatchObject({ ...hidden, reason: 'fewer than 10 respondents in the peer group answered' });
    const g = disclosed({ ...figure(10, 9, 900), organisation: estimate(10) });
    expect(g.vsPeerGroup).toBeNull();
  });

  it('suppresses the peer group when it differs from the organisation by 1 to minBase − 1 respondents, and the organisation too', () => {
    const f = disclosed(figure(50, 55, 900));
    expect(f.peerGroup).toMatchObject({ suppressed: true, reason: expect.stringMatching(/peer group without this organisation has fewer than 10/) });
    expect(f.organisation).toMatchObject({ suppressed: true, reason: expect.stringMatching(/rest of its peer group has fewer than 10/) });
    expect(f.vsPeerGroup).toBeNull();
    expect(f.vsSector).toBeNull();
  });

  it('suppresses the peer group that differs from a suppressed organisation by a few respondents', () => {
    const f = disclosed(figure(4, 12, 900));
    expect(f.peerGroup).toMatchObject({ suppressed: true, reason: expect.stringMatching(/without this organisation/) });
  });

  it('shows the peer group when the organisation is the whole of it', () => {
    const f = disclosed(figure(50, 50, 900));
    expect(f.peerGroup.suppressed).toBe(false);
    expect(f.organisation.suppressed).toBe(false);
  });

  it('suppresses the organisation when the rest of the sector is 1 to minBase − 1 respondents', () => {
    const f = disclosed(figure(50, 50, 55));
    expect(f.organisation).toMatchObject({ suppressed: true, reason: expect.stringMatching(/rest of the sector has fewer than 10/) });
    expect(f.sector.suppressed).toBe(false);
  });

  it('suppresses the peer group when the sector outside it is 1 to minBase − 1 respondents', () => {
    const f = disclosed(figure(50, 120, 125));
    expect(f.peerGroup).toMatchObject({ suppressed: true, reason: expect.stringMatching(/sector outside the peer group has fewer than 10/) });
  });

  it('suppresses the sector under the minimum base, and the comparison with the rest of the sector', () => {
    const f = disclosed(figure(3, 5, 8));
    expect(f.sector).toMatchObject({ ...hidden, reason: 'fewer than 10 respondents answered' });
    expect(f.vsSector).toBeNull();
  });

  it('uses the survey’s own minimum base', () => {
    expect(disclosed(figure(6, 120, 900), 5).organisation.suppressed).toBe(false);
    expect(disclosed(figure(6, 120, 900), 7).organisation.suppressed).toBe(true);
  });

  it('leaves the report it was given unchanged', () => {
    const original = report(figure(3, 120, 900));
    const copy = structuredClone(original);
    applyBenchmarkDisclosure(original, { minBase: 10 });
    expect(original).toEqual(copy);
  });
});
