import { roundHalfUp } from '../analysis/results/round-half-up.js';
import type { Comparison, Estimate, QuestionResult } from '../analysis/results/results-model.js';
import type { FindingPlaceholder } from '../definition/finding-template.js';
import type { Question } from '../definition/schema.js';
import { longDate } from '../definition/question-types/date.js';
import { reportTexts, type ReportTexts } from './report-texts.js';

/** One finding: a sentence about one figure, with the figure and its base as data beside it. */
export interface Finding {
  questionId: string;
  /** The option or net code; undefined for a question-level finding (a mean, a count of comments). */
  code?: string;
  kind: 'option' | 'net' | 'mean' | 'text' | 'suppressed';
  /** Rounded for display (whole percent, half-up), as the sentence states it. */
  percent: number | null;
  base: number | null;
  sentence: string;
  /** The sentence follows a template the definition gave (in the report's language), not Canvass's own English one. */
  templated?: true;
  /** Significant, not significant or not tested, when the figure is compared with something. */
  significance?: { against: string; status: Comparison['status']; text: string };
}

export interface FindingContext {
  /** "respondents" or "organisations": which claim a percentage makes. */
  unit: 'respondents' | 'organisations';
  /** Who the base is, in words, e.g. "all 235 respondents" or "the 143 respondents asked". */
  baseDescription: string;
  /** The generated texts' language (report-texts.ts); English when absent. */
  texts?: ReportTexts;
}

/**
 * The finding sentences of one question: for a choice question, one per substantive option and
 * net that is shown (nets first, then options from the largest), "Don't know"-type answers left
 * out; for a number question its mean and median; for a text question how many wrote one (the
 * texts are never published). A suppressed question gets one sentence saying why, and no figure.
 *
 * Templates: the option's or net's own `finding`, else the question's, else the type's default.
 * Placeholders: {percent} "38%", {count}, {base}, {unit}, {label}, {label_lower} (first letter
 * lower-cased), {question}. Example: `{percent} of {unit} name {label_lower} as a barrier`.
 */
export function questionFindings(question: Question, result: QuestionResult, context: FindingContext): Finding[] {
  const t = context.texts ?? reportTexts('en');
  const unit = t.unit(context.unit);
  const withBase = (sentence: string) => t.withBase(sentence, context.baseDescription);
  if (result.suppressed) {
    return [{ questionId: question.id, kind: 'suppressed', percent: null, base: null, sentence: t.suppressedFinding(question.text, t.reason(result.reason ?? 'disclosure control')) }];
  }
  if (result.type === 'text' || question.type === 'text') {
    const n = result.base ?? 0;
    const sentence = question.finding ? `${withBase(upperFirst(fillTemplate(question.finding, { base: String(n), unit, question: question.text })))}.` : t.textFinding(n, context.unit, question.text);
    return [{ questionId: question.id, kind: 'text', percent: null, base: n, sentence }];
  }
  if (result.type === 'number' || question.type === 'number') {
    if (result.type !== 'number' || result.mean === null) return [];
    const unitText = question.type === 'number' && question.unit ? ` ${question.unit}` : '';
    const templated = question.finding ? upperFirst(fillTemplate(question.finding, { base: String(result.base ?? ''), unit, question: question.text })) : undefined;
    return [
      {
        questionId: question.id,
        kind: 'mean',
        percent: null,
        base: result.base,
        sentence: `${withBase(t.meanFinding(question.text, `${formatNumber(result.mean, t.locale)}${unitText}`, `${formatNumber(result.median ?? result.mean, t.locale)}${unitText}`, templated))}.`,
      },
    ];
  }
  if (question.type === 'date' || question.type === 'grid' || result.type === 'date') {
    const dates = result.type === 'date' ? result.dates : undefined;
    if (!dates || dates.earliest === null || dates.latest === null || dates.median === null) return [];
    const day = (iso: string) => (t.locale === 'en-GB' ? longDate(iso) : new Intl.DateTimeFormat(t.locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`)));
    return [
      {
        questionId: question.id,
        kind: 'mean',
        percent: null,
        base: result.base,
        sentence: `${withBase(t.dateFinding(question.text, day(dates.earliest), day(dates.latest), day(dates.median)))}.`,
      },
    ];
  }
  const nonSubstantive = new Set(question.options.filter((o) => o.nonSubstantive).map((o) => o.code));
  const figures: Array<{ estimate: Estimate; kind: 'option' | 'net'; override: string | undefined }> = [
    ...result.nets.map((estimate) => ({ estimate, kind: 'net' as const, override: question.nets.find((n) => n.code === estimate.code)?.finding })),
    ...[...result.options]
      .filter((o) => !nonSubstantive.has(o.code))
      .sort((a, b) => (b.percent ?? -1) - (a.percent ?? -1))
      .map((estimate) => ({ estimate, kind: 'option' as const, override: question.options.find((o) => o.code === estimate.code)?.finding })),
  ];
  return figures
    .filter(({ estimate }) => !estimate.suppressed && estimate.percent !== null)
    .map(({ estimate, kind, override }) => {
      const template = override ?? question.finding ?? t.findingTemplates[question.type];
      const percent = roundHalfUp(estimate.percent!);
      const comparison = estimate.change ?? estimate.comparison;
      const significance = comparison ? describeComparison(comparison, estimate.change ? 'change' : 'group', t) : undefined;
      const text = fillTemplate(template, {
        percent: `${percent}%`,
        count: String(estimate.count ?? ''),
        base: String(estimate.base ?? result.base ?? ''),
        unit,
        label: estimate.label,
        label_lower: lowerFirst(estimate.label),
        question: question.text,
      });
      return {
        questionId: question.id,
        code: estimate.code,
        kind,
        percent,
        base: estimate.base ?? result.base,
        sentence: `${withBase(upperFirst(text))}${significance ? `; ${significance.text}` : ''}.`,
        ...((override ?? question.finding) !== undefined ? { templated: true as const } : {}),
        ...(significance ? { significance } : {}),
      };
    });
}

/** How a comparison reads in a sentence: significant, not significant, or not tested (and why). */
export function describeComparison(comparison: Comparison, kind: 'change' | 'group' | 'benchmark', texts: ReportTexts = reportTexts('en')): NonNullable<Finding['significance']> {
  // Benchmarks compare with "rest of the sector": a noun phrase that wants its article.
  const against = kind === 'benchmark' && !/^the /.test(comparison.against) ? `the ${comparison.against}` : comparison.against;
  if (comparison.status === 'not-tested') {
    return { against: comparison.against, status: 'not-tested', text: texts.notTested(against, texts.reason(comparison.reason)) };
  }
  const points = roundHalfUp(Math.abs(comparison.difference));
  const direction = comparison.difference > 0 ? 'up' : comparison.difference < 0 ? 'down' : 'none';
  const significant = comparison.status === 'significant';
  const text = texts.comparison({ kind: kind === 'change' ? 'change' : 'group', against, direction, points, significant, p: formatP(comparison.pValue) });
  return { against: comparison.against, status: significant ? 'significant' : 'not-significant', text };
}

/** Fills `{name}` placeholders; one without a value is left as written (definitions are checked on load). */
export function fillTemplate(template: string, values: Readonly<Partial<Record<FindingPlaceholder, string>>>): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => values[name as FindingPlaceholder] ?? whole);
}

function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${roundHalfUp(p, 3)}`;
}

function formatNumber(value: number, locale: string): string {
  return roundHalfUp(value, 1).toLocaleString(locale);
}

function lowerFirst(text: string): string {
  // Keep acronyms ("IT skills", "GDS") as written.
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

function upperFirst(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}
