import { describe, expect, it } from 'vitest';
import { shownPercent } from './shown-percent.js';

describe('shownPercent', () => {
  it('prints the value as the caller rounded it', () => {
    expect(shownPercent(38, undefined, 'bar 1')).toBe('38');
    expect(shownPercent(38.5, undefined, 'bar 1')).toBe('38.5');
    expect(shownPercent(0, undefined, 'bar 1')).toBe('0');
  });

  it('pads to the decimal places the table shows', () => {
    expect(shownPercent(38, 1, 'bar 1')).toBe('38.0');
    expect(shownPercent(38.5, 1, 'bar 1')).toBe('38.5');
  });

  it('refuses a value with more places than shown instead of rounding it again', () => {
    expect(() => shownPercent(38.25, 1, 'bar 2 (No)')).toThrow(/bar 2 \(No\): 38.25 has more than 1 decimal places/);
  });

  it('refuses what is not a percent', () => {
    for (const bad of [-1, 100.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => shownPercent(bad, undefined, 'bar 1')).toThrow(/from 0 to 100/);
  });
});
