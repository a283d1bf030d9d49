import { describe, expect, it } from 'vitest';
import { roundHalfUp } from './round-half-up.js';

describe('rounding for display', () => {
  it('rounds halves up, away from zero', () => {
    expect(roundHalfUp(12.5)).toBe(13);
    expect(roundHalfUp(-12.5)).toBe(-13);
    expect(roundHalfUp(64.516129)).toBe(65);
    expect(roundHalfUp(37.87)).toBe(38);
    expect(roundHalfUp(2.4999)).toBe(2);
  });

  it('rounds to decimal places as written, despite binary floating point', () => {
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(0.125, 2)).toBe(0.13);
    expect(roundHalfUp(-0.4)).toBe(0);
    expect(Object.is(roundHalfUp(-0.4), -0)).toBe(false);
  });
});
