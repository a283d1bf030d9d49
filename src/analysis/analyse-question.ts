import type { Net, Option, QuestionType } from '../definition/schema.js';
import type { ProportionEstimator } from './estimator.js';
import type { FigureResult, QuestionResult } from './results-model.js';
import type { Column } from './survey-snapshot.js';

interface AnalyseArgs<C extends Column> {
  column: C;
  /** 0/1: respondents in the filter (and group). */
  domain: Uint8Array;
  estimator: ProportionEstimator;
}

type Analysers = { [K in QuestionType]: (args: AnalyseArgs<Extract<Column, { question: { type: K } }>>) => QuestionResult };

/** How each question type is analysed; every type must be here. */
export const questionAnalysers = {
  single: analyseChoice,
  scale: analyseChoice,
  multiple: analyseMulti,
  number: analyseNumber,
  text: ({ column, domain }) => ({ id: column.question.id, type: 'text', text: column.question.text, base: countAnd(column.answered, domain) }),
} satisfies Analysers;

export function analyseColumn(column: Column, domain: Uint8Array, estimator: ProportionEstimator): QuestionResult {
  const analyser = (questionAnalysers as Record<string, (args: AnalyseArgs<Column>) => QuestionResult>)[column.question.type];
  if (!analyser) throw new Error(`no analysis for question type '${column.question.type}'`);
  return analyser({ column, domain, estimator });
}

function countAnd(a: Uint8Array, b: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < a.length; i++) count += a[i]! & b[i]!;
  return count;
}

function figure(option: Option | Net, has: Uint8Array, inBase: Uint8Array, base: number, estimator: ProportionEstimator): FigureResult {
  const count = countAnd(has, inBase);
  return { code: option.code, label: option.label, count, ...estimator.estimate(has, inBase, count, base) };
}

/** Single choice and scales: percent of the base choosing each option and each net. */
function analyseChoice({ column, domain, estimator }: AnalyseArgs<Extract<Column, { kind: 'choice' }>>): QuestionResult {
  const { question, codes } = column;
  const substantiveOnly = question.base === 'substantive';
  const excluded = question.options.map((o) => substantiveOnly && o.nonSubstantive);
  const inBase = new Uint8Array(codes.length);
  let base = 0;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (domain[i] && code >= 0 && !excluded[code]) {
      inBase[i] = 1;
      base++;
    }
  }
  const has = (positions: Set<number>) => {
    const mask = new Uint8Array(codes.length);
    for (let i = 0; i < codes.length; i++) if (positions.has(codes[i]!)) mask[i] = 1;
    return mask;
  };
  const options = question.options.map((option, p) => figure(option, has(new Set([p])), inBase, base, estimator));
  const nets = question.nets.map((net) => figure(net, has(new Set(net.options.map((c) => question.options.findIndex((o) => o.code === c)))), inBase, base, estimator));
  return { id: question.id, type: question.type, text: question.text, base, options, nets };
}

/** Multiple choice: percent of respondents who answered choosing each option (may sum past 100). */
function analyseMulti({ column, domain, estimator }: AnalyseArgs<Extract<Column, { kind: 'multi' }>>): QuestionResult {
  const { question, answered, chosen } = column;
  const inBase = new Uint8Array(answered.length);
  const substantive = question.options.map((o) => !o.nonSubstantive);
  let base = 0;
  for (let i = 0; i < answered.length; i++) {
    if (!domain[i] || !answered[i]) continue;
    if (question.base === 'substantive' && !chosen.some((c, p) => substantive[p] && c[i])) continue;
    inBase[i] = 1;
    base++;
  }
  const options = question.options.map((option, p) => figure(option, chosen[p]!, inBase, base, estimator));
  const nets = question.nets.map((net) => {
    const any = new Uint8Array(answered.length);
    for (const code of net.options) {
      const c = chosen[question.options.findIndex((o) => o.code === code)]!;
      for (let i = 0; i < any.length; i++) any[i] = any[i]! | c[i]!;
    }
    return figure(net, any, inBase, base, estimator);
  });
  return { id: question.id, type: 'multiple', text: question.text, base, options, nets };
}

/** Numbers: base, mean, median (R type 7), minimum and maximum of the answers in the domain. */
function analyseNumber({ column, domain }: AnalyseArgs<Extract<Column, { kind: 'number' }>>): QuestionResult {
  const values: number[] = [];
  for (let i = 0; i < column.values.length; i++) if (domain[i] && !Number.isNaN(column.values[i]!)) values.push(column.values[i]!);
  values.sort((a, b) => a - b);
  const base = values.length;
  const common = { id: column.question.id, type: 'number' as const, text: column.question.text, base };
  if (base === 0) return { ...common, mean: null, median: null, min: null, max: null };
  const mid = (base - 1) / 2;
  const median = values[Math.floor(mid)]! + (values[Math.ceil(mid)]! - values[Math.floor(mid)]!) * (mid - Math.floor(mid));
  return { ...common, mean: values.reduce((s, v) => s + v, 0) / base, median, min: values[0]!, max: values[base - 1]! };
}
