import { analysisDefinition } from '../../definition/analysis-questions.js';
import type { Introductions } from '../../definition/definition-changes.js';
import type { ChoiceQuestion, Definition, MultipleQuestion, NumberQuestion, Question, TextQuestion } from '../../definition/schema.js';
import { dayNumber, periodColumn, type PeriodQuestion } from './date-months.js';
import type { OrgAttributes, RespondentRecord } from './respondent-record.js';

/** A question analysis counts by category: a choice question, or a date by period. */
export type CategoricalQuestion = ChoiceQuestion | PeriodQuestion;

export type Column =
  /** Single choice and scale: the option index per respondent, −1 when not answered. */
  | { kind: 'choice'; question: Exclude<ChoiceQuestion, MultipleQuestion>; codes: Int16Array }
  /** Date: the period (month or year, see date-months.ts) per respondent as a choice, and the day (days since 1970, NaN unanswered). */
  | { kind: 'choice'; question: PeriodQuestion; codes: Int16Array; days: Float64Array }
  /** Multiple choice: whether each respondent answered, and one 0/1 array per option. */
  | { kind: 'multi'; question: MultipleQuestion; answered: Uint8Array; chosen: Uint8Array[] }
  /** Number: the value per respondent, NaN when not answered. */
  | { kind: 'number'; question: NumberQuestion; values: Float64Array }
  /** Free text: only whether it was answered; texts never enter analysis. */
  | { kind: 'text'; question: TextQuestion; answered: Uint8Array };

/**
 * A columnar snapshot of one survey's responses: one typed array per question, built once and
 * reused by every query. Filters become 0/1 masks over respondents. A grid is a choice column per
 * statement (`GRID.STATEMENT`), and `definition` is the definition as analysis sees it (see
 * definition/analysis-questions.ts).
 */
export interface SurveySnapshot {
  definition: Definition;
  n: number;
  orgs: OrgAttributes[];
  /** Index into `orgs` per respondent. */
  orgIndex: Int32Array;
  columns: Map<string, Column>;
  /** Per respondent, the definition version their response was answered under; absent: every respondent answered the same one. */
  versions?: Uint16Array;
  /** The version that introduced each question and option; absent: every one was in the first (see offered-bases.ts). */
  introductions?: Introductions;
}

export function buildSnapshot(definition: Definition, records: readonly RespondentRecord[]): SurveySnapshot {
  const builder = new SnapshotBuilder(definition, records.length);
  for (const record of records) builder.add(record);
  return builder.finish();
}

type ColumnWriter = (i: number, answer: unknown) => void;

/**
 * Builds a snapshot one respondent at a time, so responses can be read from the store in pages
 * and never all be held as objects at once. Each respondent's own answers are visited once
 * (not every question looked up in every answer set, which is slow when answer sets differ in
 * shape, as they do with item non-response).
 */
export class SnapshotBuilder {
  private readonly orgPosition = new Map<string, number>();
  private readonly orgs: OrgAttributes[] = [];
  private readonly orgIndex: Int32Array;
  private readonly versions: Uint16Array;
  private readonly columns = new Map<string, Column>();
  private readonly writers = new Map<string, ColumnWriter>();
  private n = 0;

  constructor(
    private readonly definition: Definition,
    private readonly capacity: number,
  ) {
    this.orgIndex = new Int32Array(capacity);
    this.versions = new Uint16Array(capacity);
    for (const question of definition.questions) {
      if (question.type === 'grid') {
        const statements = question.statements.map((statement, k) => {
          const [column, writer] = columnFor(analysisDefinition(definition).questions.find((q) => q.id === `${question.id}.${statement.id}`)!, capacity);
          this.columns.set(column.question.id, column);
          return [statement.id, writer, k] as const;
        });
        this.writers.set(question.id, (i, answer) => {
          if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return;
          for (const [id, writer] of statements) if (Object.hasOwn(answer, id)) writer(i, (answer as Record<string, unknown>)[id]);
        });
        continue;
      }
      const [column, writer] = columnFor(question, capacity);
      this.columns.set(question.id, column);
      this.writers.set(question.id, writer);
    }
  }

  add(record: RespondentRecord): void {
    const i = this.n++;
    if (i >= this.capacity) throw new Error(`the snapshot was sized for ${this.capacity} respondents`);
    let position = this.orgPosition.get(record.org.id);
    if (position === undefined) {
      position = this.orgs.length;
      this.orgPosition.set(record.org.id, position);
      this.orgs.push(record.org);
    }
    this.orgIndex[i] = position;
    this.versions[i] = definitionVersion(record.definitionVersion ?? 1);
    for (const id in record.answers) this.writers.get(id)?.(i, record.answers[id]);
  }

  finish(): SurveySnapshot {
    if (this.n !== this.capacity) throw new Error(`the snapshot expected ${this.capacity} respondents and got ${this.n}`);
    for (const [id, column] of this.columns) {
      if (column.question.type === 'date' && 'days' in column) this.columns.set(id, { kind: 'choice', ...periodColumn(column.question, column.days), days: column.days });
    }
    return { definition: analysisDefinition(this.definition), n: this.n, orgs: this.orgs, orgIndex: this.orgIndex, columns: this.columns, versions: this.versions };
  }
}

/** A definition version as the snapshot keeps it (uint16). */
export function definitionVersion(version: number): number {
  if (!Number.isInteger(version) || version < 1 || version > 0xffff) throw new Error(`definition version ${version} is not one a snapshot can hold (1 to 65535)`);
  return version;
}

function columnFor(question: Question, n: number): [Column, ColumnWriter] {
  switch (question.type) {
    case 'single':
    case 'scale': {
      const position = new Map(question.options.map((o, i) => [o.code, i]));
      const codes = new Int16Array(n).fill(-1);
      return [{ kind: 'choice', question, codes }, (i, answer) => typeof answer === 'string' && (codes[i] = position.get(answer) ?? -1)];
    }
    case 'multiple': {
      const position = new Map(question.options.map((o, i) => [o.code, i]));
      const answered = new Uint8Array(n);
      const chosen = question.options.map(() => new Uint8Array(n));
      return [
        { kind: 'multi', question, answered, chosen },
        (i, answer) => {
          if (!Array.isArray(answer) || answer.length === 0) return;
          answered[i] = 1;
          for (const code of answer) {
            const p = position.get(code as string);
            if (p !== undefined) chosen[p]![i] = 1;
          }
        },
      ];
    }
    case 'number': {
      const values = new Float64Array(n).fill(Number.NaN);
      return [{ kind: 'number', question, values }, (i, answer) => typeof answer === 'number' && (values[i] = answer)];
    }
    case 'text': {
      const answered = new Uint8Array(n);
      return [{ kind: 'text', question, answered }, (i, answer) => typeof answer === 'string' && (answered[i] = 1)];
    }
    case 'date': {
      // Periods are known only once every answer is in: finish() makes the codes.
      const days = new Float64Array(n).fill(Number.NaN);
      return [{ kind: 'choice', question: { ...question, options: [], nets: [], period: 'month' }, codes: new Int16Array(0), days }, (i, answer) => (days[i] = dayNumber(answer))];
    }
    case 'grid':
      throw new Error(`grid '${question.id}' has a column per statement`);
  }
}

/** The snapshot's column for a question; throws on an id the definition does not have. */
export function columnOf(snapshot: SurveySnapshot, questionId: string): Column {
  const column = snapshot.columns.get(questionId);
  if (!column) throw new Error(`survey '${snapshot.definition.id}' has no question '${questionId}'`);
  return column;
}
