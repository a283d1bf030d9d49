import { describe, expect, it } from 'vitest';
import { designMean } from './design-mean.js';
import { createDesign } from './survey-design.js';

describe('design-based mean', () => {
  it('gives the mean and s²/n with equal weights and no strata', () => {
    const result = designMean(createDesign({ n: 3 }), Float64Array.from([1, 2, 3]), [1, 1, 1]);
    expect(result.mean).toBe(2);
    expect(result.variance).toBeCloseTo(1 / 3, 12);
  });

  it('weights values and leaves out respondents outside the base or without a value', () => {
    const result = designMean(createDesign({ n: 4, weights: [1, 3, 1, 1] }), Float64Array.from([10, 20, Number.NaN, 99]), [1, 1, 1, 0]);
    expect(result.n).toBe(2);
    expect(result.mean).toBeCloseTo(17.5, 12);
    expect(result.weightedBase).toBe(4);
  });

  it('has no estimate for an empty base', () => {
    expect(designMean(createDesign({ n: 2 }), Float64Array.from([1, 2]), [0, 0]).mean).toBeNaN();
  });
});
