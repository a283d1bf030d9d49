import { analysisDefinition } from '../../definition/analysis-questions.js';
import type { Answers, Definition, MultipleQuestion, Question } from '../../definition/schema.js';
import { dayNumber, periodColumn } from './date-months.js';
import { keepChoicePatterns, maxPatternOptions, orPatterns } from './choice-patterns.js';
import type { OrgAttributes } from './respondent-record.js';
import type { ColumnData, SnapshotChunk } from './snapshot-chunk.js';
import { definitionVersion, type Column, type SurveySnapshot } from './survey-snapshot.js';

/** A stored response as the snapshot takes it: its sequence number, organisation id, answers (JSON text, or parsed) and definition version (1 when not given). */
export interface SequencedResponse {
  seq: number;
  org: string;
  answers: string | Answers;
  version?: number;
}

/**
 * A survey's columnar snapshot that grows: rows are appended in sequence-number order, from
 * responses (parsed once) or from stored chunks (copied as they are), and `view` hands out a
 * `SurveySnapshot` of the rows so far. Columns grow by doubling their capacity; a view's arrays
 * are `subarray(0, n)` of the buffers of the moment, and rows are only ever written beyond every
 * view's end (or into new buffers), so a view never changes after it is handed out, however many
 * rows are appended meanwhile.
 *
 * Appending answers gives each column exactly what `SnapshotBuilder` gives it, so a snapshot made
 * here equals one built from scratch from the same responses in the same order — organisations
 * too are numbered in order of first appearance.
 */
export class AppendableSnapshot {
  private n = 0;
  private capacity: number;
  private seqs: Float64Array;
  private orgIndex: Int32Array;
  private versions: Uint16Array;
  private readonly orgIds: string[] = [];
  private readonly orgPosition = new Map<string, number>();
  /** A column per question of the definition's analysis (a grid's statements each have one). */
  private readonly columns: GrowableColumn[];
  private readonly analysed: readonly Question[];
  /** Per question of the definition, what writes its answer into its column or columns. */
  private readonly writers: Array<(i: number, answer: unknown) => void>;
  private readonly byId = new Map<string, (i: number, answer: unknown) => void>();

  constructor(
    readonly definition: Definition,
    capacity = 1024,
  ) {
    this.capacity = Math.max(1, capacity);
    this.seqs = new Float64Array(this.capacity);
    this.orgIndex = new Int32Array(this.capacity);
    this.versions = new Uint16Array(this.capacity);
    this.analysed = analysisDefinition(definition).questions;
    this.columns = this.analysed.map((q) => growableColumn(q, this.capacity));
    const columnOf = new Map(this.analysed.map((q, k) => [q.id, this.columns[k]!]));
    this.writers = definition.questions.map((q) => {
      if (q.type !== 'grid') {
        const column = columnOf.get(q.id)!;
        return (i: number, answer: unknown) => column.write(i, answer);
      }
      const statements = q.statements.map((s) => [s.id, columnOf.get(`${q.id}.${s.id}`)!] as const);
      return (i: number, answer: unknown) => {
        if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return;
        for (const [id, column] of statements) if (Object.hasOwn(answer, id)) column.write(i, (answer as Record<string, unknown>)[id]);
      };
    });
    definition.questions.forEach((q, k) => this.byId.set(q.id, this.writers[k]!));
  }

  /** Rows held. */
  get size(): number {
    return this.n;
  }

  /** The sequence number of the last row; 0 when there is none. */
  get highWaterSeq(): number {
    return this.n === 0 ? 0 : this.seqs[this.n - 1]!;
  }

  /** Organisation ids in the order rows first name them: `orgs[p]` of a view is the organisation `organisationIds[p]`. */
  get organisationIds(): readonly string[] {
    return this.orgIds;
  }

  /** The sequence numbers of rows [from, to). */
  seqsOf(from = 0, to = this.n): Float64Array {
    return this.seqs.subarray(from, to);
  }

  /** Appends responses, in increasing sequence numbers all above the last row's. */
  appendResponses(rows: readonly SequencedResponse[]): void {
    this.reserve(this.n + rows.length);
    for (const row of rows) {
      const i = this.n;
      if (row.seq <= this.highWaterSeq) throw new Error(`response ${row.seq} does not follow row ${this.highWaterSeq}`);
      const answers = typeof row.answers === 'string' ? (JSON.parse(row.answers) as Answers) : row.answers;
      this.seqs[i] = row.seq;
      this.orgIndex[i] = this.positionOf(row.org);
      this.versions[i] = definitionVersion(row.version ?? 1);
      for (const id in answers) this.byId.get(id)?.(i, answers[id]);
      this.n = i + 1;
    }
  }

  /**
   * Appends one response whose answers are given by question position (`answers[k]` is the answer
   * to the definition's question k, undefined when there is none), as a decoder that reads stored
   * answers straight into positions gives them; the columns get what `appendResponses` would give.
   */
  appendByPosition(seq: number, org: string, answers: ArrayLike<unknown>, version = 1): void {
    if (seq <= this.highWaterSeq) throw new Error(`response ${seq} does not follow row ${this.highWaterSeq}`);
    this.reserve(this.n + 1);
    const i = this.n;
    this.seqs[i] = seq;
    this.orgIndex[i] = this.positionOf(org);
    this.versions[i] = definitionVersion(version);
    const writers = this.writers;
    for (let k = 0; k < writers.length; k++) {
      const answer = answers[k];
      if (answer !== undefined) writers[k]!(i, answer);
    }
    this.n = i + 1;
  }

  /** Appends a decoded chunk whose rows all follow the last row; its columns must be the definition's. */
  appendChunk(chunk: SnapshotChunk): void {
    if (chunk.columns.length !== this.columns.length) throw new Error(`a snapshot chunk of ${chunk.columns.length} columns for a survey of ${this.columns.length} questions`);
    chunk.columns.forEach((data, k) => this.columns[k]!.check(data, this.analysed[k]!));
    if (chunk.rows === 0) return;
    for (let i = 1; i < chunk.rows; i++) if (!(chunk.seqs[i]! > chunk.seqs[i - 1]!)) throw new Error(`a snapshot chunk whose sequence numbers do not increase at row ${i}`);
    if (!(chunk.seqs[0]! > this.highWaterSeq)) throw new Error(`a snapshot chunk from ${chunk.seqs[0]} does not follow row ${this.highWaterSeq}`);
    this.reserve(this.n + chunk.rows);
    const at = this.n;
    this.seqs.set(chunk.seqs, at);
    const global = Int32Array.from(chunk.orgIds, (id) => this.positionOf(id));
    for (let i = 0; i < chunk.rows; i++) this.orgIndex[at + i] = global[chunk.orgIndex[i]!]!;
    this.versions.set(chunk.versions, at);
    chunk.columns.forEach((data, k) => this.columns[k]!.copyIn(data, at));
    this.n = at + chunk.rows;
  }

  /** Rows [from, to) as a chunk with its own organisation dictionary (views over the columns, for encoding at once). */
  chunk(from: number, to: number): SnapshotChunk {
    if (from < 0 || to > this.n || from > to) throw new Error(`rows ${from}–${to} of a snapshot of ${this.n}`);
    const local = new Map<number, number>();
    const orgIds: string[] = [];
    const orgIndex = new Int32Array(to - from);
    for (let i = from; i < to; i++) {
      const position = this.orgIndex[i]!;
      let k = local.get(position);
      if (k === undefined) {
        k = orgIds.length;
        local.set(position, k);
        orgIds.push(this.orgIds[position]!);
      }
      orgIndex[i - from] = k;
    }
    return { rows: to - from, seqs: this.seqs.subarray(from, to), orgIds, orgIndex, versions: this.versions.subarray(from, to), columns: this.columns.map((c) => c.slice(from, to)) };
  }

  /** The first row of the organisation at `position` of `organisationIds`, or −1. */
  firstRowOf(position: number): number {
    return this.orgIndex.subarray(0, this.n).indexOf(position);
  }

  /** The row holding sequence number `seq`, or −1. */
  rowOf(seq: number): number {
    let low = 0;
    let high = this.n - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const value = this.seqs[mid]!;
      if (value === seq) return mid;
      if (value < seq) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  /**
   * The rows so far as a snapshot of `definition` (the one this was made for, or a later one
   * with the same questions, types and option codes: its texts and labels are what the view
   * shows) with `orgs[p]` the attributes of organisation `organisationIds[p]`.
   */
  view(definition: Definition, orgs: OrgAttributes[]): { snapshot: SurveySnapshot; seqs: Float64Array } {
    if (orgs.length !== this.orgIds.length) throw new Error(`a snapshot naming ${this.orgIds.length} organisations given ${orgs.length}`);
    const n = this.n;
    const columns = new Map<string, Column>();
    const analysed = analysisDefinition(definition);
    if (analysed.questions.length !== this.analysed.length) throw new Error(`the snapshot of survey '${definition.id}' was made for other questions`);
    analysed.questions.forEach((question, k) => {
      const column = this.columns[k];
      if (!column || this.analysed[k]!.id !== question.id) throw new Error(`the snapshot of survey '${definition.id}' was made for other questions`);
      columns.set(question.id, column.view(question, n));
    });
    return { snapshot: { definition: analysed, n, orgs, orgIndex: this.orgIndex.subarray(0, n), columns, versions: this.versions.subarray(0, n) }, seqs: this.seqs.subarray(0, n) };
  }

  /** A copy with buffers of its own (room for `extra` more rows): what is appended to it leaves this one as it was. */
  copy(extra = 0): AppendableSnapshot {
    const copy = new AppendableSnapshot(this.definition, this.n + Math.max(1, extra));
    copy.appendChunk(this.chunk(0, this.n));
    return copy;
  }

  private positionOf(org: string): number {
    let position = this.orgPosition.get(org);
    if (position === undefined) {
      position = this.orgIds.length;
      this.orgPosition.set(org, position);
      this.orgIds.push(org);
    }
    return position;
  }

  /** Room for `rows` rows, doubling the capacity as often as that takes; rows held are copied into the new buffers. */
  private reserve(rows: number): void {
    if (rows <= this.capacity) return;
    let capacity = this.capacity;
    while (capacity < rows) capacity *= 2;
    this.seqs = grown(this.seqs, capacity, this.n);
    this.orgIndex = grown(this.orgIndex, capacity, this.n);
    this.versions = grown(this.versions, capacity, this.n);
    for (const column of this.columns) column.grow(capacity, this.n);
    this.capacity = capacity;
  }
}

/** One question's arrays with room to grow; `write` takes an answer as SnapshotBuilder's writers do. */
interface GrowableColumn {
  grow(capacity: number, n: number): void;
  write(i: number, answer: unknown): void;
  check(data: ColumnData, question: Question): void;
  copyIn(data: ColumnData, at: number): void;
  slice(from: number, to: number): ColumnData;
  view(question: Question, n: number): Column;
}

function growableColumn(question: Question, capacity: number): GrowableColumn {
  switch (question.type) {
    case 'single':
    case 'scale':
      return new ChoiceColumn(question, capacity);
    case 'multiple':
      return new MultiColumn(question, capacity);
    case 'number':
      return new NumberColumn(capacity);
    case 'text':
      return new TextColumn(capacity);
    case 'date':
      return new DateColumn(capacity);
    case 'grid':
      throw new Error(`grid '${question.id}' has a column per statement`);
  }
}

class ChoiceColumn implements GrowableColumn {
  private codes: Int16Array;
  /**
   * Rows [0, filled) hold a code or −1; the rest are set to −1 only when a row is written or
   * viewed, not when the buffer is made: rows that stored chunks fill are never set twice.
   */
  private filled = 0;
  private readonly position: Map<string, number>;

  constructor(question: Question & { options: Array<{ code: string }> }, capacity: number) {
    this.position = new Map(question.options.map((o, i) => [o.code, i]));
    this.codes = new Int16Array(capacity);
  }

  private fillTo(to: number): void {
    if (to <= this.filled) return;
    this.codes.fill(-1, this.filled, to);
    this.filled = to;
  }

  grow(capacity: number, n: number): void {
    this.codes = grown(this.codes, capacity, n);
    this.filled = Math.min(this.filled, n);
  }

  write(i: number, answer: unknown): void {
    this.fillTo(i + 1);
    if (typeof answer === 'string') this.codes[i] = this.position.get(answer) ?? -1;
  }

  check(data: ColumnData, question: Question): void {
    if (data.kind !== 'choice') throw wrongKind(data, question);
  }

  copyIn(data: ColumnData, at: number): void {
    const { codes } = data as Extract<ColumnData, { kind: 'choice' }>;
    this.fillTo(at);
    this.codes.set(codes, at);
    this.filled = Math.max(this.filled, at + codes.length);
  }

  slice(from: number, to: number): ColumnData {
    this.fillTo(to);
    return { kind: 'choice', codes: this.codes.subarray(from, to) };
  }

  view(question: Question, n: number): Column {
    this.fillTo(n);
    return { kind: 'choice', question: question as Exclude<Extract<Column, { kind: 'choice' }>['question'], { type: 'date' }>, codes: this.codes.subarray(0, n) };
  }
}

class MultiColumn implements GrowableColumn {
  private answered: Uint8Array;
  private chosen: Uint8Array[];
  /** Each row's choices as a bit pattern, kept as rows come (questions of up to 31 options). */
  private patterns: Int32Array | undefined;
  private readonly position: Map<string, number>;

  constructor(question: MultipleQuestion, capacity: number) {
    this.position = new Map(question.options.map((o, i) => [o.code, i]));
    this.answered = new Uint8Array(capacity);
    this.chosen = question.options.map(() => new Uint8Array(capacity));
    if (this.chosen.length <= maxPatternOptions) this.patterns = new Int32Array(capacity);
  }

  grow(capacity: number, n: number): void {
    this.answered = grown(this.answered, capacity, n);
    this.chosen = this.chosen.map((c) => grown(c, capacity, n));
    if (this.patterns) this.patterns = grown(this.patterns, capacity, n);
  }

  write(i: number, answer: unknown): void {
    if (!Array.isArray(answer) || answer.length === 0) return;
    this.answered[i] = 1;
    for (const code of answer) {
      const p = this.position.get(code as string);
      if (p === undefined) continue;
      this.chosen[p]![i] = 1;
      if (this.patterns) this.patterns[i]! |= 1 << p;
    }
  }

  check(data: ColumnData, question: Question): void {
    if (data.kind !== 'multi') throw wrongKind(data, question);
    if (data.chosen.length !== this.chosen.length) throw new Error(`a snapshot chunk with ${data.chosen.length} options for question '${question.id}', which has ${this.chosen.length}`);
  }

  copyIn(data: ColumnData, at: number): void {
    const multi = data as Extract<ColumnData, { kind: 'multi' }>;
    this.answered.set(multi.answered, at);
    multi.chosen.forEach((c, k) => this.chosen[k]!.set(c, at));
    if (this.patterns) orPatterns(multi.chosen, this.patterns, at, at + multi.answered.length, at);
  }

  slice(from: number, to: number): ColumnData {
    return { kind: 'multi', answered: this.answered.subarray(from, to), chosen: this.chosen.map((c) => c.subarray(from, to)) };
  }

  view(question: Question, n: number): Column {
    const chosen = this.chosen.map((c) => c.subarray(0, n));
    if (this.patterns) keepChoicePatterns(chosen, this.patterns.subarray(0, n));
    return { kind: 'multi', question: question as MultipleQuestion, answered: this.answered.subarray(0, n), chosen };
  }
}

class NumberColumn implements GrowableColumn {
  protected values: Float64Array;
  /** Rows [0, filled) hold a value or NaN; the rest are set to NaN when written or viewed (as ChoiceColumn's −1). */
  private filled = 0;

  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
  }

  protected fillTo(to: number): void {
    if (to <= this.filled) return;
    this.values.fill(Number.NaN, this.filled, to);
    this.filled = to;
  }

  grow(capacity: number, n: number): void {
    this.values = grown(this.values, capacity, n);
    this.filled = Math.min(this.filled, n);
  }

  write(i: number, answer: unknown): void {
    this.fillTo(i + 1);
    if (typeof answer === 'number') this.values[i] = answer;
  }

  check(data: ColumnData, question: Question): void {
    if (data.kind !== 'number') throw wrongKind(data, question);
  }

  copyIn(data: ColumnData, at: number): void {
    const { values } = data as Extract<ColumnData, { kind: 'number' }>;
    this.fillTo(at);
    this.values.set(values, at);
    this.filled = Math.max(this.filled, at + values.length);
  }

  slice(from: number, to: number): ColumnData {
    this.fillTo(to);
    return { kind: 'number', values: this.values.subarray(from, to) };
  }

  view(question: Question, n: number): Column {
    this.fillTo(n);
    return { kind: 'number', question: question as Extract<Column, { kind: 'number' }>['question'], values: this.values.subarray(0, n) };
  }
}

class TextColumn implements GrowableColumn {
  private answered: Uint8Array;

  constructor(capacity: number) {
    this.answered = new Uint8Array(capacity);
  }

  grow(capacity: number, n: number): void {
    this.answered = grown(this.answered, capacity, n);
  }

  write(i: number, answer: unknown): void {
    if (typeof answer === 'string') this.answered[i] = 1;
  }

  check(data: ColumnData, question: Question): void {
    if (data.kind !== 'text') throw wrongKind(data, question);
  }

  copyIn(data: ColumnData, at: number): void {
    this.answered.set((data as Extract<ColumnData, { kind: 'text' }>).answered, at);
  }

  slice(from: number, to: number): ColumnData {
    return { kind: 'text', answered: this.answered.subarray(from, to) };
  }

  view(question: Question, n: number): Column {
    return { kind: 'text', question: question as Extract<Column, { kind: 'text' }>['question'], answered: this.answered.subarray(0, n) };
  }
}

/** A date's answers as days since 1970 (stored in chunks as a number column); a view counts them by period. */
class DateColumn extends NumberColumn {
  override write(i: number, answer: unknown): void {
    this.fillTo(i + 1);
    if (typeof answer === 'string') this.values[i] = dayNumber(answer);
  }

  override view(question: Question, n: number): Column {
    if (question.type !== 'date') throw new Error(`question '${question.id}' is not a date`);
    this.fillTo(n);
    const days = this.values.subarray(0, n);
    return { kind: 'choice', ...periodColumn(question, days), days };
  }
}

type Growable = Int16Array | Uint16Array | Int32Array | Uint8Array | Float64Array;

/** A new buffer of `capacity` holding the first `n` values of `array`, the rest set to `fill`. */
function grown<T extends Growable>(array: T, capacity: number, n: number, fill?: number): T {
  const next = new (array.constructor as new (length: number) => T)(capacity);
  next.set(array.subarray(0, n) as never);
  if (fill !== undefined) next.fill(fill, n);
  return next;
}

function wrongKind(data: ColumnData, question: Question): Error {
  return new Error(`a snapshot chunk with a ${data.kind} column for question '${question.id}', of type ${question.type}`);
}
