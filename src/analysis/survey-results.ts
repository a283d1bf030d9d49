import type { Expression, FieldRef } from '../definition/expression/ast.js';
import { fieldName } from '../definition/expression/ast.js';
import { analyseColumn } from './analyse-question.js';
import { simpleRandomSampleEstimator, type ProportionEstimator } from './estimator.js';
import { filterMask } from './filter-mask.js';
import type { GroupResult, QuestionResult, SurveyResults } from './results-model.js';
import { columnOf, type SurveySnapshot } from './survey-snapshot.js';

export interface ResultsOptions {
  filter?: { source: string; expression: Expression };
  /** Break every figure down by an organisation attribute or by a single-choice/scale question. */
  by?: FieldRef;
  /** Labels for breakdown keys that are not question options (organisation types, say). */
  groupLabels?: Readonly<Record<string, string>>;
  estimator?: ProportionEstimator;
}

/** The topline of a survey (within a filter), and optionally the same per group of a breakdown. */
export function computeResults(snapshot: SurveySnapshot, options: ResultsOptions = {}): SurveyResults {
  const estimator = options.estimator ?? simpleRandomSampleEstimator;
  const domain = filterMask(snapshot, options.filter?.expression);
  const results: SurveyResults = {
    survey: snapshot.definition.id,
    title: snapshot.definition.title,
    notice: snapshot.definition.notice ?? null,
    respondents: count(domain),
    organisations: countOrgs(snapshot, domain),
    filter: options.filter?.source ?? null,
    by: options.by ? fieldName(options.by) : null,
    unit: 'respondents',
    interval: estimator.interval,
    questions: analyseAll(snapshot, domain, estimator),
  };
  if (options.by) {
    // Groups with nobody in the filter are left out rather than shown as empty tables.
    results.groups = breakdownGroups(snapshot, options.by, options.groupLabels ?? {}).flatMap(({ key, label, mask }) => {
      for (let i = 0; i < mask.length; i++) mask[i] = mask[i]! & domain[i]!;
      const respondents = count(mask);
      return respondents === 0 ? [] : [{ key, label, respondents, questions: analyseAll(snapshot, mask, estimator) } satisfies GroupResult];
    });
  }
  return results;
}

function analyseAll(snapshot: SurveySnapshot, domain: Uint8Array, estimator: ProportionEstimator): QuestionResult[] {
  return snapshot.definition.questions.map((q) => analyseColumn(columnOf(snapshot, q.id), domain, estimator));
}

function count(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i]!;
  return n;
}

function countOrgs(snapshot: SurveySnapshot, mask: Uint8Array): number {
  const seen = new Set<number>();
  for (let i = 0; i < mask.length; i++) if (mask[i]) seen.add(snapshot.orgIndex[i]!);
  return seen.size;
}

/** The groups of a breakdown, in option order for questions and key order for attributes. */
function breakdownGroups(snapshot: SurveySnapshot, by: FieldRef, labels: Readonly<Record<string, string>>): Array<{ key: string; label: string; mask: Uint8Array }> {
  if (by.kind === 'org') {
    const keys = new Map<string, number[]>();
    snapshot.orgs.forEach((org, p) => {
      const value = (org as unknown as Record<string, unknown>)[by.attribute];
      if (value === undefined || value === null || value === '') return;
      const key = String(value);
      keys.set(key, [...(keys.get(key) ?? []), p]);
    });
    return [...keys.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, positions]) => {
        const orgs = new Set(positions);
        const mask = new Uint8Array(snapshot.n);
        for (let i = 0; i < mask.length; i++) if (orgs.has(snapshot.orgIndex[i]!)) mask[i] = 1;
        return { key, label: labels[key] ?? key, mask };
      });
  }
  const column = columnOf(snapshot, by.id);
  if (column.kind !== 'choice') throw new Error(`a breakdown needs a single-choice or scale question; '${by.id}' is ${column.question.type}`);
  return column.question.options.map((option, p) => {
    const mask = new Uint8Array(snapshot.n);
    for (let i = 0; i < mask.length; i++) if (column.codes[i] === p) mask[i] = 1;
    return { key: option.code, label: option.label, mask };
  });
}
