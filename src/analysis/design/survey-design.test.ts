import { describe, expect, it } from 'vitest';
import { createDesign } from './survey-design.js';

describe('createDesign', () => {
  const keys = [7, 2, 7, 0, 2, 2, 9];
  const population = [20, 30, 20, 5, 30, 30, 4];

  it('numbers strata in order of first appearance, whether the keys are coded as Int32Array, numbers or strings', () => {
    const designs = [createDesign({ n: 7, strata: Int32Array.from(keys), population }), createDesign({ n: 7, strata: keys, population }), createDesign({ n: 7, strata: keys.map(String), population })];
    for (const design of designs) {
      expect([...design.strata]).toEqual([0, 1, 0, 2, 1, 1, 3]);
      expect(design.stratumCount).toBe(4);
      expect([...design.stratumSize]).toEqual([2, 3, 1, 1]);
      expect([...design.weights]).toEqual([10, 10, 10, 5, 10, 10, 4]);
    }
  });

  it('takes negative and very large Int32Array codes as keys too', () => {
    const design = createDesign({ n: 4, strata: Int32Array.of(-1, 2_000_000_000, -1, 5) });
    expect([...design.strata]).toEqual([0, 1, 0, 2]);
    expect(design.stratumCount).toBe(3);
  });

  it('has one stratum without strata, and none without respondents', () => {
    expect(createDesign({ n: 3 }).stratumCount).toBe(1);
    expect(createDesign({ n: 0 }).stratumCount).toBe(0);
    expect(createDesign({ n: 0, strata: new Int32Array(0) }).stratumCount).toBe(0);
  });
});
