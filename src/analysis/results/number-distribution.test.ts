import { describe, expect, it } from 'vitest';
import { binEdges, numberDistribution } from './number-distribution.js';

/** Counts of `values` in each range, made here by brute force: [from, to), the last range closed for non-whole ranges. */
function countInRanges(values: number[], bins: Array<{ from: number; to: number }>, integer: boolean): number[] {
  return bins.map((b, i) => values.filter((v) => v >= b.from && (v < b.to || (!integer && i === bins.length - 1 && v === b.to))).length);
}

const everyone = (n: number) => new Uint8Array(n).fill(1);
const ones = (n: number) => new Float64Array(n).fill(1);

describe('a number question’s distribution', () => {
  it('counts whole answers in ranges of a nice whole width starting at a multiple of it', () => {
    const values = [0, 3, 7, 12, 40];
    const d = numberDistribution(values, everyone(5), ones(5))!;
    expect(d.integer).toBe(true);
    expect(d.bins.map((b) => [b.from, b.to])).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40].map((from) => [from, from + 5]));
    expect(d.bins.map((b) => b.count)).toEqual([2, 1, 1, 0, 0, 0, 0, 0, 1]);
    expect(d.bins.map((b) => b.percent)).toEqual([40, 20, 20, 0, 0, 0, 0, 0, 20]);
  });

  it('gives each of 10 or fewer distinct whole values a range of its own', () => {
    expect(binEdges(1, 5, true)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(binEdges(7, 7, true)).toEqual([7, 8]);
  });

  it('uses 5 to 10 ranges of width 1, 2, 2.5 or 5 times a power of ten over the answers, edges written as decimals', () => {
    for (const [min, max] of [[0, 1], [0.13, 0.97], [3.2, 1870.5], [-12.5, 44.1], [1000, 100000.5]] as const) {
      const edges = binEdges(min, max, false);
      const width = edges[1]! - edges[0]!;
      expect(edges.length - 1, `${min}–${max}`).toBeGreaterThanOrEqual(4);
      expect(edges.length - 1, `${min}–${max}`).toBeLessThanOrEqual(10);
      expect(edges[0]!).toBeLessThanOrEqual(min);
      expect(edges.at(-1)!).toBeGreaterThanOrEqual(max);
      const mantissa = Number((width / 10 ** Math.floor(Math.log10(width))).toPrecision(6));
      expect([1, 2, 2.5, 5]).toContain(mantissa);
      for (const e of edges) expect(String(e).length, `edge ${e}`).toBeLessThan(10);
    }
    expect(binEdges(0.1, 0.3, false)).toEqual([0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.22, 0.24, 0.26, 0.28, 0.3]);
  });

  it('has counts equal to a count made from the answers, and weighted percents of the base, leaving out respondents outside it', () => {
    const values: number[] = [];
    const weights: number[] = [];
    const inBase = new Uint8Array(300);
    for (let i = 0; i < 300; i++) {
      values.push(i % 7 === 0 ? Number.NaN : Math.round(Math.sin(i) * 1000) / 10 + 50);
      weights.push(1 + (i % 3));
      inBase[i] = Number.isNaN(values[i]!) || i % 11 === 0 ? 0 : 1;
    }
    const d = numberDistribution(values, inBase, weights)!;
    expect(d.integer).toBe(false);
    const answered = values.filter((_, i) => inBase[i]);
    expect(d.bins.map((b) => b.count)).toEqual(countInRanges(answered, d.bins, false));
    expect(d.bins.reduce((n, b) => n + b.count, 0)).toBe(answered.length);
    const total = weights.reduce((s, w, i) => s + (inBase[i] ? w : 0), 0);
    const weightIn = d.bins.map(() => 0);
    values.forEach((v, i) => {
      if (inBase[i]) weightIn[countInRanges([v], d.bins, false).indexOf(1)]! += weights[i]!;
    });
    expect(d.bins.map((b) => b.percent)).toEqual(weightIn.map((w) => expect.closeTo((w / total) * 100, 9)));
  });

  it('puts an answer on an edge in the range it starts, despite binary floating point', () => {
    const values = [0.1, 0.2, 0.3, 0.30000000000000004, 0.7];
    const d = numberDistribution(values, everyone(5), ones(5))!;
    expect(d.bins.map((b) => b.count)).toEqual(countInRanges(values, d.bins, false));
    expect(d.bins.find((b) => b.from === 0.3)!.count).toBe(2);
  });

  it('has no distribution when nobody answered', () => {
    expect(numberDistribution([Number.NaN, 4], new Uint8Array([0, 0]), ones(2))).toBeUndefined();
  });
});
