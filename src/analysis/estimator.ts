import { wilsonInterval } from './wilson-interval.js';

/** A percentage with its 95% interval, both 0–100 and unrounded; null when the base is empty. */
export interface ProportionEstimate {
  percent: number | null;
  ci95: [number, number] | null;
}

/**
 * How a proportion and its interval are estimated. Callers hand over the respondents in the
 * base and those with the attribute as 0/1 masks, so a design-based estimator (weights,
 * strata, finite population correction) can replace the simple one without changing them.
 */
export interface ProportionEstimator {
  /** Named in results so every figure says how its interval was made. */
  readonly interval: string;
  estimate(hasAttribute: Uint8Array, inBase: Uint8Array, count: number, base: number): ProportionEstimate;
}

/** Plain counts, no design information: p̂ = x/n with the textbook Wilson interval. */
export const simpleRandomSampleEstimator: ProportionEstimator = {
  interval: 'wilson',
  estimate(_hasAttribute, _inBase, count, base) {
    if (base === 0) return { percent: null, ci95: null };
    const interval = wilsonInterval(count, base)!;
    return { percent: (100 * count) / base, ci95: [100 * interval[0], 100 * interval[1]] };
  },
};
