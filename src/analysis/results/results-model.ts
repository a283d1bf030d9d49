/** The results object: what `canvass results --json` prints and the API returns. */

/** A test of a difference: significant or not, or not tested (a base under the minimum). */
export type Comparison =
  | {
      against: string;
      status: 'significant' | 'not-significant';
      /** Percentage points, from unrounded values. */
      difference: number;
      z: number;
      pValue: number;
      /** With a multiple-comparison adjustment (BH or Holm) across the question's figures. */
      adjustedPValue?: number;
    }
  | { against: string; status: 'not-tested'; reason: string };

/** One figure: an option or a net of a question, within the filter (and group). */
export interface Estimate {
  code: string;
  label: string;
  /** Unweighted respondents with this answer; null when suppressed. */
  count: number | null;
  /** 0–100, unrounded; null when the base is empty or the figure is suppressed. */
  percent: number | null;
  /** Standard error in percentage points (design-based). */
  se: number | null;
  ci95: [number, number] | null;
  /** Unweighted base of the figure. */
  base: number | null;
  weightedBase: number | null;
  suppressed: boolean;
  /** Why it is suppressed (disclosure control). */
  reason?: string;
  /** Against the rest of the population (in a breakdown). */
  comparison?: Comparison;
  /** Against the same figure in the compared wave. */
  change?: Comparison & { previousPercent: number | null };
  /** The definition version that introduced the option (or net): its base is only the respondents who answered that version or a later one. Absent: offered with its question. */
  offeredFrom?: number;
}

interface QuestionCommon {
  id: string;
  text: string;
  /** Unweighted: respondents asked who answered (or gave a substantive answer, by the question's base rule). */
  base: number | null;
  weightedBase: number | null;
  /** Kish (Σw)²/Σw² over the base, and its design effect n/n_eff: how much weighting costs. */
  effectiveBase: number | null;
  designEffect: number | null;
  suppressed: boolean;
  reason?: string;
  /** In a release: the figures are as an earlier release (this number) published them, its group having grown too little since. */
  asPublishedIn?: number;
  /** The definition version that introduced the question, when after the first: it was asked only of respondents who answered that version or a later one. */
  offeredFrom?: number;
}

export interface ChoiceQuestionResult extends QuestionCommon {
  /** `date`: the options are the periods (months, or years when the answers span more than 36 months) the answered dates fall in. */
  type: 'single' | 'multiple' | 'scale' | 'date';
  options: Estimate[];
  nets: Estimate[];
  /**
   * Rao–Scott test of this question against the breakdown (single choice and scales). With options
   * a later definition version added, over the respondents offered every option: those from
   * version `offeredFrom` on.
   */
  test?: { method: string; statistic: number; df: [number, number] | number; pValue: number; offeredFrom?: number } | { method: string; status: 'not-tested'; reason: string; offeredFrom?: number };
  /** A date question's earliest, latest and median (the lower middle one) answer, YYYY-MM-DD, and what its options count by. */
  dates?: { earliest: string | null; latest: string | null; median: string | null; period: 'month' | 'year' };
}

export interface NumberQuestionResult extends QuestionCommon {
  type: 'number';
  mean: number | null;
  se: number | null;
  ci95: [number, number] | null;
  median: number | null;
  /** The lowest and highest answers: each is one respondent's answer, so published (release) results withhold them (null). */
  min: number | null;
  max: number | null;
  /** How the answers are spread: ranges in ascending order (see analysis/results/number-distribution.ts). */
  distribution?: NumberDistribution;
}

/**
 * A number question's answers counted in ranges. Integer questions' ranges hold whole numbers,
 * `from` to `to − 1`; other ranges hold `from` ≤ v < `to`, the last one `to` as well.
 */
export interface NumberDistribution {
  integer: boolean;
  bins: DistributionBin[];
  /** Disclosure control merged neighbouring ranges holding fewer respondents than the minimum base. */
  merged?: boolean;
}

export interface DistributionBin {
  from: number;
  to: number;
  /** Unweighted respondents whose answer is in the range. */
  count: number;
  /** Weighted percent of the question's base, 0–100, unrounded. */
  percent: number;
}

export interface TextQuestionResult extends QuestionCommon {
  /** How many answered; the texts themselves are for admins only and never in results. */
  type: 'text';
}

export type QuestionResult = ChoiceQuestionResult | NumberQuestionResult | TextQuestionResult;

export interface GroupResult {
  key: string;
  label: string;
  respondents: number;
  questions: QuestionResult[];
}

export interface DesignSummary {
  weights: string;
  strata: string;
  clusters: string;
  fpc: string;
  /** Present when weights were raked to margins. */
  raking?: { margins: string[]; iterations: number; converged: boolean; effectiveSize: number; designEffect: number };
}

export interface SurveyResults {
  survey: string;
  title: string;
  notice: string | null;
  wave: string | null;
  respondents: number;
  organisations: number;
  filter: string | null;
  by: string | null;
  /** respondents: each respondent counts once; organisations: each organisation counts once. */
  unit: 'respondents' | 'organisations';
  design: DesignSummary;
  interval: string;
  intervalLabel: string;
  /** The smallest unweighted base shown (disclosure control). */
  minBase: number;
  compareWave?: string;
  questions: QuestionResult[];
  groups?: GroupResult[];
  /** Whose data: a release's (its number and label) or a draft of live data (release null), as the operations that load the data say. */
  data?: { release: number | null; label: string };
}
