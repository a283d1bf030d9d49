import type { ChoiceQuestion, Definition, MultipleQuestion, NumberQuestion, Question, TextQuestion } from '../definition/schema.js';
import type { OrgAttributes, RespondentRecord } from './respondent-record.js';

export type Column =
  /** Single choice and scale: the option index per respondent, −1 when not answered. */
  | { kind: 'choice'; question: Exclude<ChoiceQuestion, MultipleQuestion>; codes: Int16Array }
  /** Multiple choice: whether each respondent answered, and one 0/1 array per option. */
  | { kind: 'multi'; question: MultipleQuestion; answered: Uint8Array; chosen: Uint8Array[] }
  /** Number: the value per respondent, NaN when not answered. */
  | { kind: 'number'; question: NumberQuestion; values: Float64Array }
  /** Free text: only whether it was answered; texts never enter analysis. */
  | { kind: 'text'; question: TextQuestion; answered: Uint8Array };

/**
 * A columnar snapshot of one survey's responses: one typed array per question, built once and
 * reused by every query. Filters become 0/1 masks over respondents.
 */
export interface SurveySnapshot {
  definition: Definition;
  n: number;
  orgs: OrgAttributes[];
  /** Index into `orgs` per respondent. */
  orgIndex: Int32Array;
  columns: Map<string, Column>;
}

export function buildSnapshot(definition: Definition, records: readonly RespondentRecord[]): SurveySnapshot {
  const n = records.length;
  const orgPosition = new Map<string, number>();
  const orgs: OrgAttributes[] = [];
  const orgIndex = new Int32Array(n);
  records.forEach((record, i) => {
    let position = orgPosition.get(record.org.id);
    if (position === undefined) {
      position = orgs.length;
      orgPosition.set(record.org.id, position);
      orgs.push(record.org);
    }
    orgIndex[i] = position;
  });
  const columns = new Map<string, Column>();
  for (const question of definition.questions) columns.set(question.id, buildColumn(question, records));
  return { definition, n, orgs, orgIndex, columns };
}

function buildColumn(question: Question, records: readonly RespondentRecord[]): Column {
  const n = records.length;
  switch (question.type) {
    case 'single':
    case 'scale': {
      const position = new Map(question.options.map((o, i) => [o.code, i]));
      const codes = new Int16Array(n).fill(-1);
      records.forEach((r, i) => {
        const answer = r.answers[question.id];
        if (typeof answer === 'string') codes[i] = position.get(answer) ?? -1;
      });
      return { kind: 'choice', question, codes };
    }
    case 'multiple': {
      const position = new Map(question.options.map((o, i) => [o.code, i]));
      const answered = new Uint8Array(n);
      const chosen = question.options.map(() => new Uint8Array(n));
      records.forEach((r, i) => {
        const answer = r.answers[question.id];
        if (!Array.isArray(answer) || answer.length === 0) return;
        answered[i] = 1;
        for (const code of answer) {
          const p = position.get(code);
          if (p !== undefined) chosen[p]![i] = 1;
        }
      });
      return { kind: 'multi', question, answered, chosen };
    }
    case 'number': {
      const values = new Float64Array(n).fill(Number.NaN);
      records.forEach((r, i) => {
        const answer = r.answers[question.id];
        if (typeof answer === 'number') values[i] = answer;
      });
      return { kind: 'number', question, values };
    }
    case 'text': {
      const answered = new Uint8Array(n);
      records.forEach((r, i) => {
        if (typeof r.answers[question.id] === 'string') answered[i] = 1;
      });
      return { kind: 'text', question, answered };
    }
  }
}

/** The snapshot's column for a question; throws on an id the definition does not have. */
export function columnOf(snapshot: SurveySnapshot, questionId: string): Column {
  const column = snapshot.columns.get(questionId);
  if (!column) throw new Error(`survey '${snapshot.definition.id}' has no question '${questionId}'`);
  return column;
}
