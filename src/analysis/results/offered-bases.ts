import type { CategoricalQuestion, Column, SurveySnapshot } from '../snapshot/survey-snapshot.js';
import type { ChoiceQuestionResult, Estimate, QuestionResult } from './results-model.js';

/**
 * Bases under definition versions: a question or an option counts only the respondents who were
 * offered it, those whose response was answered under the version that introduced it or a later
 * one (src/definition/definition-changes.ts). A respondent of version 1 never saw an option added
 * in version 2, so they are in neither its count nor its base; the option's figure is a domain
 * estimate over the later respondents (as R's `svyciprop(~y, subset(design, version >= 2))`),
 * and the question's other figures keep their own base. Net figures are offered from the latest
 * version of their options.
 *
 * How: a column is restricted to the respondents offered it (those before are set to "not
 * answered", which leaves them in the design as a domain does), and the figures of what a later
 * version introduced are computed over that column and put in place of the same figures over the
 * whole column. A snapshot without versions, or whose respondents all answered the version that
 * introduced everything, is analysed as it is.
 */

/** The version from which respondents were offered a question (1 when the snapshot does not say). */
export function questionSince(snapshot: SurveySnapshot, questionId: string): number {
  return snapshot.introductions?.questions[questionId] ?? 1;
}

/** The version from which respondents were offered an option (never before its question). */
export function optionSince(snapshot: SurveySnapshot, questionId: string, code: string): number {
  return Math.max(questionSince(snapshot, questionId), snapshot.introductions?.options[questionId]?.[code] ?? 1);
}

/** What a later version than the question's own added to a choice question: its options (indexes) and nets (indexes), offered from `since`. */
export interface LaterOffering {
  since: number;
  options: number[];
  nets: number[];
}

/** A choice question's options and nets offered from a later version than the question itself, one entry per version, oldest first. */
export function laterOfferings(snapshot: SurveySnapshot, question: CategoricalQuestion): LaterOffering[] {
  if (!snapshot.introductions) return [];
  const own = questionSince(snapshot, question.id);
  const optionSinces = question.options.map((o) => optionSince(snapshot, question.id, o.code));
  const netSinces = question.nets.map((net) => Math.max(own, ...net.options.map((code) => optionSinces[question.options.findIndex((o) => o.code === code)] ?? own)));
  const byVersion = new Map<number, LaterOffering>();
  const entry = (since: number) => {
    let found = byVersion.get(since);
    if (!found) byVersion.set(since, (found = { since, options: [], nets: [] }));
    return found;
  };
  optionSinces.forEach((since, k) => since > own && entry(since).options.push(k));
  netSinces.forEach((since, m) => since > own && entry(since).nets.push(m));
  return [...byVersion.values()].sort((a, b) => a.since - b.since);
}

const restricted = new WeakMap<Column, Map<number, Column>>();

/**
 * The column with only the respondents who answered version `since` or later: the others as not
 * answered. The column itself when none of its respondents answered an earlier version. Made once
 * per column and version.
 */
export function offeredFrom(snapshot: SurveySnapshot, column: Column, since: number): Column {
  const versions = snapshot.versions;
  if (!versions || since <= 1) return column;
  let earlier = false;
  for (let i = 0; i < versions.length && !earlier; i++) earlier = versions[i]! < since;
  if (!earlier) return column;
  let bySince = restricted.get(column);
  if (!bySince) restricted.set(column, (bySince = new Map()));
  let made = bySince.get(since);
  if (!made) bySince.set(since, (made = restrict(column, (i) => versions[i]! < since)));
  return made;
}

/** The question's column as analysed: restricted to the respondents who were offered the question. */
export function offeredColumn(snapshot: SurveySnapshot, column: Column): Column {
  return offeredFrom(snapshot, column, questionSince(snapshot, column.question.id));
}

function restrict(column: Column, before: (i: number) => boolean): Column {
  switch (column.kind) {
    case 'choice': {
      const codes = column.codes.slice();
      for (let i = 0; i < codes.length; i++) if (before(i)) codes[i] = -1;
      return { ...column, codes };
    }
    case 'multi': {
      const answered = column.answered.slice();
      const chosen = column.chosen.map((c) => c.slice());
      for (let i = 0; i < answered.length; i++) {
        if (!before(i)) continue;
        answered[i] = 0;
        for (const c of chosen) c[i] = 0;
      }
      return { ...column, answered, chosen };
    }
    case 'number': {
      const values = column.values.slice();
      for (let i = 0; i < values.length; i++) if (before(i)) values[i] = Number.NaN;
      return { ...column, values };
    }
    case 'text': {
      const answered = column.answered.slice();
      for (let i = 0; i < answered.length; i++) if (before(i)) answered[i] = 0;
      return { ...column, answered };
    }
  }
}

/** Marks a question's result with the version it was offered from, when that is after the first. */
export function markQuestionOffer<R extends QuestionResult>(snapshot: SurveySnapshot, result: R): R {
  const since = questionSince(snapshot, result.id);
  if (since > 1) result.offeredFrom = since;
  return result;
}

/**
 * Puts the figures a later version introduced, computed over the respondents offered them
 * (`later`: the question's result over the column {@link offeredFrom} that version), in place of
 * the same figures of `result`, each marked with the version it was offered from.
 */
export function spliceOffering(result: ChoiceQuestionResult, later: ChoiceQuestionResult, offering: LaterOffering): void {
  const mark = (estimate: Estimate): Estimate => ({ ...estimate, offeredFrom: offering.since });
  for (const k of offering.options) result.options[k] = mark(later.options[k]!);
  for (const m of offering.nets) result.nets[m] = mark(later.nets[m]!);
}
