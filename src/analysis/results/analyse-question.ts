import type { Net, Option, QuestionType } from '../../definition/schema.js';
import { choicePatterns, estimateMultiSelect, estimateSingleChoice, type CategoryEstimates } from './category-estimates.js';
import { designMean } from '../design/design-mean.js';
import { intervalMethods, type IntervalMethod } from '../intervals/interval-methods.js';
import { kishEffectiveSize } from '../design/kish-effective-size.js';
import { studentQuantile } from '../intervals/logit-interval.js';
import type { ChoiceQuestionResult, Estimate, QuestionResult } from './results-model.js';
import type { SurveyDesign } from '../design/survey-design.js';
import type { CategoricalQuestion, Column } from '../snapshot/survey-snapshot.js';
import { isoDay } from '../snapshot/date-months.js';
import { numberDistribution } from './number-distribution.js';

export interface AnalyseContext {
  design: SurveyDesign;
  interval: IntervalMethod;
  /** Whether weights differ between respondents (then Kish figures are reported). */
  weighted: boolean;
}

interface AnalyseArgs<C extends Column> extends AnalyseContext {
  column: C;
  /** 0/1: respondents in the filter (and group). */
  domain: Uint8Array;
  /** The domain is everyone: the question's whole base can be shared, not rebuilt. */
  everyone?: boolean;
}

/** A question's result and the respondents in its base (for disclosure control and comparisons). */
export interface Analysed {
  result: QuestionResult;
  inBase: Uint8Array;
}

type Analysers = { [K in Exclude<QuestionType, 'grid'>]: (args: AnalyseArgs<Extract<Column, { question: { type: K } }>>) => Analysed };

/** How each question type is analysed; every type must be here. */
export const questionAnalysers = {
  single: analyseSingle,
  scale: analyseSingle,
  multiple: analyseMulti,
  number: analyseNumber,
  text: analyseText,
  date: analyseDate,
} satisfies Analysers;

export function analyseColumn(column: Column, domain: Uint8Array, context: AnalyseContext, everyone = false): Analysed {
  const analyser = (questionAnalysers as Record<string, (args: AnalyseArgs<Column>) => Analysed>)[column.question.type];
  if (!analyser) throw new Error(`no analysis for question type '${column.question.type}'`);
  return analyser({ column, domain, everyone, ...context });
}

/**
 * The respondents in a question's base within a domain: those in the domain who answered
 * (single, scale, multiple, number, text), leaving out non-substantive answers when the
 * question's base is `substantive`.
 */
export function questionBase(column: Column, domain: Uint8Array): Uint8Array {
  const everyone = wholeBase(column);
  const inBase = new Uint8Array(domain.length);
  for (let i = 0; i < inBase.length; i++) inBase[i] = everyone[i]! & domain[i]!;
  return inBase;
}

const wholeBases = new WeakMap<Column, Uint8Array>();

/** The question's base among all respondents, computed once per snapshot column (read only). */
export function wholeBase(column: Column): Uint8Array {
  let base = wholeBases.get(column);
  if (!base) wholeBases.set(column, (base = computeBase(column)));
  return base;
}

/** Whether a respondent with each code is in a choice question's base, at code + 1 (no answer, −1, at 0: never). */
function choiceBaseByCode(column: Extract<Column, { kind: 'choice' }>): Uint8Array {
  return Uint8Array.from([0, ...column.question.options.map((o) => (column.question.base === 'substantive' && o.nonSubstantive ? 0 : 1))]);
}

function computeBase(column: Column): Uint8Array {
  const n = column.kind === 'choice' ? column.codes.length : column.kind === 'number' ? column.values.length : column.answered.length;
  const inBase = new Uint8Array(n);
  switch (column.kind) {
    case 'choice': {
      // In the base by code (−1, no answer, at 0), looked up without a branch per respondent.
      const byCode = choiceBaseByCode(column);
      const { codes } = column;
      for (let i = 0; i < n; i++) inBase[i] = byCode[codes[i]! + 1]!;
      return inBase;
    }
    case 'multi': {
      const { answered, chosen, question } = column;
      if (question.base !== 'substantive') {
        inBase.set(answered);
        return inBase;
      }
      const substantive = question.options.map((o) => !o.nonSubstantive);
      if (chosen.length <= 31) {
        const patterns = choicePatterns(chosen);
        const mask = substantive.reduce((bits, yes, k) => (yes ? bits | (1 << k) : bits), 0);
        for (let i = 0; i < n; i++) inBase[i] = answered[i]! & ((patterns[i]! & mask) !== 0 ? 1 : 0);
        return inBase;
      }
      for (let i = 0; i < n; i++) if (answered[i] && chosen.some((c, p) => substantive[p] && c[i])) inBase[i] = 1;
      return inBase;
    }
    case 'number':
      for (let i = 0; i < n; i++) if (!Number.isNaN(column.values[i]!)) inBase[i] = 1;
      return inBase;
    case 'text':
      inBase.set(column.answered);
      return inBase;
  }
}

function weightFigures(context: AnalyseContext, inBase: Uint8Array): { effectiveBase: number | null; designEffect: number | null } {
  if (!context.weighted) return { effectiveBase: null, designEffect: null };
  const kish = kishEffectiveSize(context.design.weights, inBase);
  return kish ? { effectiveBase: kish.effectiveSize, designEffect: kish.designEffect } : { effectiveBase: null, designEffect: null };
}

function kishFigures(context: AnalyseContext, estimates: CategoryEstimates): { effectiveBase: number | null; designEffect: number | null } {
  if (!context.weighted || estimates.base === 0) return { effectiveBase: null, designEffect: null };
  const effectiveBase = (estimates.weightedBase * estimates.weightedBase) / estimates.sumSquaredWeights;
  return { effectiveBase, designEffect: estimates.base / effectiveBase };
}

function toEstimates(items: Array<Option | Net>, estimates: CategoryEstimates, interval: IntervalMethod | null, offset = 0): Estimate[] {
  return items.map((item, k) => {
    const e = estimates.categories[offset + k]!;
    if (estimates.base === 0) {
      return { code: item.code, label: item.label, count: 0, percent: null, se: null, ci95: null, base: 0, weightedBase: 0, suppressed: false };
    }
    const ci = interval === null ? null : intervalMethods[interval].interval({ p: e.p, variance: e.variance, n: estimates.base, df: estimates.df });
    return {
      code: item.code,
      label: item.label,
      count: e.count,
      percent: 100 * e.p,
      se: 100 * Math.sqrt(e.variance),
      ci95: ci ? [100 * ci[0], 100 * ci[1]] : null,
      base: estimates.base,
      weightedBase: estimates.weightedBase,
      suppressed: false,
    };
  });
}

/** Single choice and scales: percent of the base choosing each option and each net. */
function analyseSingle(args: AnalyseArgs<Extract<Column, { kind: 'choice' }>>): Analysed {
  const { column } = args;
  return analyseChoice(args, (inBase, nets) => estimateSingleChoice(args.design, inBase, column.codes, column.question.options.length, nets, inBase === wholeBase(column) ? choiceBaseByCode(column) : undefined));
}

/**
 * Dates: percent of the base in each period (month or year) as a single choice, with the
 * earliest, latest and median answer in the domain (the median the lower middle date, so it is a
 * date someone gave; unweighted, as a number's median is).
 */
function analyseDate(args: AnalyseArgs<Extract<Column, { kind: 'choice' }>>): Analysed {
  const analysed = analyseSingle(args);
  const { column } = args;
  const result = analysed.result as ChoiceQuestionResult;
  const days: number[] = [];
  if ('days' in column) for (let i = 0; i < analysed.inBase.length; i++) if (analysed.inBase[i]) days.push(column.days[i]!);
  days.sort((a, b) => a - b);
  const period = column.question.type === 'date' ? column.question.period : 'month';
  result.dates = days.length === 0 ? { earliest: null, latest: null, median: null, period } : { earliest: isoDay(days[0]!), latest: isoDay(days.at(-1)!), median: isoDay(days[Math.floor((days.length - 1) / 2)]!), period };
  return analysed;
}

/** Multiple choice: percent of respondents who answered choosing each option (may sum past 100). */
function analyseMulti(args: AnalyseArgs<Extract<Column, { kind: 'multi' }>>): Analysed {
  return analyseChoice(args, (inBase, nets) => estimateMultiSelect(args.design, inBase, args.column.chosen, nets));
}

/** Every option and net of a choice question, estimated over its base by the column's estimator. */
function analyseChoice(args: AnalyseArgs<Extract<Column, { kind: 'choice' | 'multi' }>>, estimate: (inBase: Uint8Array, nets: number[][]) => CategoryEstimates): Analysed {
  const { column, domain } = args;
  const { question } = column;
  const inBase = args.everyone ? wholeBase(column) : questionBase(column, domain);
  const estimates = estimate(inBase, netMembers(question));
  return { inBase, result: choiceResult(question, estimates, args) };
}

/** Each net of a choice question as the indices of its options. */
export function netMembers(question: CategoricalQuestion): number[][] {
  return question.nets.map((net) => net.options.map((code) => question.options.findIndex((o) => o.code === code)));
}

/**
 * A choice question's result from the estimates of its options, then its nets; without
 * intervals when only compared with (`intervals: false`).
 */
export function choiceResult(question: CategoricalQuestion, estimates: CategoryEstimates, context: AnalyseContext, intervals = true): ChoiceQuestionResult {
  const interval = intervals ? context.interval : null;
  return {
    id: question.id,
    type: question.type,
    text: question.text,
    base: estimates.base,
    weightedBase: estimates.weightedBase,
    ...kishFigures(context, estimates),
    suppressed: false,
    options: toEstimates(question.options, estimates, interval),
    nets: toEstimates(question.nets, estimates, interval, question.options.length),
  };
}

/**
 * Numbers: the design-based mean with its standard error and a t interval on n − 1 degrees of
 * freedom, and the unweighted median (R type 7), minimum and maximum of the answers in the domain.
 */
function analyseNumber(args: AnalyseArgs<Extract<Column, { kind: 'number' }>>): Analysed {
  const { column, domain, design } = args;
  const inBase = args.everyone ? wholeBase(column) : questionBase(column, domain);
  const values: number[] = [];
  for (let i = 0; i < inBase.length; i++) if (inBase[i]) values.push(column.values[i]!);
  values.sort((a, b) => a - b);
  const base = values.length;
  const common = { id: column.question.id, type: 'number' as const, text: column.question.text, base, suppressed: false, ...weightFigures(args, inBase) };
  if (base === 0) return { inBase, result: { ...common, weightedBase: 0, mean: null, se: null, ci95: null, median: null, min: null, max: null } };
  const mean = designMean(design, column.values, inBase);
  const se = Math.sqrt(mean.variance);
  const t = base > 1 ? studentQuantile(0.975, Math.max(1, base - 1)) : Number.NaN;
  const mid = (base - 1) / 2;
  const median = values[Math.floor(mid)]! + (values[Math.ceil(mid)]! - values[Math.floor(mid)]!) * (mid - Math.floor(mid));
  return {
    inBase,
    result: {
      ...common,
      weightedBase: mean.weightedBase,
      mean: mean.mean,
      se,
      ci95: Number.isFinite(t) ? [mean.mean - t * se, mean.mean + t * se] : null,
      median,
      min: values[0]!,
      max: values[base - 1]!,
      distribution: numberDistribution(column.values, inBase, design.weights)!,
    },
  };
}

function analyseText(args: AnalyseArgs<Extract<Column, { kind: 'text' }>>): Analysed {
  const { column, domain, design } = args;
  const inBase = args.everyone ? wholeBase(column) : questionBase(column, domain);
  let base = 0;
  let weightedBase = 0;
  for (let i = 0; i < inBase.length; i++) {
    if (inBase[i]) {
      base++;
      weightedBase += design.weights[i]!;
    }
  }
  return { inBase, result: { id: column.question.id, type: 'text', text: column.question.text, base, weightedBase, effectiveBase: null, designEffect: null, suppressed: false } };
}
