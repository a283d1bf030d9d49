import { statementQuestionId } from './analysis-questions.js';
import type { Definition, GridQuestion, Question } from './schema.js';

/**
 * Definition versions: what changed between two versions of a survey's definition, and which
 * version introduced each question and option. Pure: definitions in, plain objects out.
 *
 * A survey's first stored definition is version 1; every import that changes anything stores the
 * next. A question or option is "introduced" by the version from which it has been in the
 * definition without a break (one removed and added again is introduced again), and only
 * respondents who answered that version or a later one were offered it: they alone are in its
 * base. Option codes are what identify an option, so changing a code is a removal and an
 * addition; changing a question's text or hint, or an option's label, is a rewording, which
 * changes no base.
 */

/** The version that introduced each question (by id) and each option (by question id, then code). */
export interface Introductions {
  questions: Record<string, number>;
  options: Record<string, Record<string, number>>;
}

export interface OptionRef {
  question: string;
  code: string;
}

/** What one definition changes against the one before it. */
export interface DefinitionChanges {
  addedQuestions: string[];
  removedQuestions: string[];
  /** Questions whose text or hint changed, with what changed. */
  rewordedQuestions: Array<{ question: string; fields: Array<'text' | 'hint'> }>;
  /** Options added to or removed from questions kept (those of added or removed questions are not listed again). */
  addedOptions: OptionRef[];
  removedOptions: OptionRef[];
  rewordedOptions: OptionRef[];
  /** Questions kept whose type changed (a number question become a choice question, say). */
  retypedQuestions: Array<{ question: string; from: Question['type']; to: Question['type'] }>;
  /** Anything else in the definition changed (title, conditions, nets, limits…). */
  otherChanges: boolean;
}

function optionsOf(question: Question): Array<{ code: string; label: string }> {
  return 'options' in question ? question.options : [];
}

/** What `next` changes against `previous`, in `next`'s question order (removed ones in `previous`'s). */
export function compareDefinitions(previous: Definition, next: Definition): DefinitionChanges {
  const before = new Map(previous.questions.map((q) => [q.id, q]));
  const after = new Map(next.questions.map((q) => [q.id, q]));
  const changes: DefinitionChanges = {
    addedQuestions: next.questions.filter((q) => !before.has(q.id)).map((q) => q.id),
    removedQuestions: previous.questions.filter((q) => !after.has(q.id)).map((q) => q.id),
    rewordedQuestions: [],
    addedOptions: [],
    removedOptions: [],
    rewordedOptions: [],
    retypedQuestions: [],
    otherChanges: false,
  };
  for (const question of next.questions) {
    const was = before.get(question.id);
    if (!was) continue;
    if (was.type !== question.type) changes.retypedQuestions.push({ question: question.id, from: was.type, to: question.type });
    const fields = (['text', 'hint'] as const).filter((field) => (was[field] ?? '') !== (question[field] ?? ''));
    if (fields.length > 0) changes.rewordedQuestions.push({ question: question.id, fields });
    const wasOptions = new Map(optionsOf(was).map((o) => [o.code, o]));
    const nowOptions = new Set(optionsOf(question).map((o) => o.code));
    for (const option of optionsOf(question)) {
      const old = wasOptions.get(option.code);
      if (!old) changes.addedOptions.push({ question: question.id, code: option.code });
      else if (old.label !== option.label) changes.rewordedOptions.push({ question: question.id, code: option.code });
    }
    for (const option of optionsOf(was)) if (!nowOptions.has(option.code)) changes.removedOptions.push({ question: question.id, code: option.code });
    if (was.type === 'grid' && question.type === 'grid') compareStatements(was, question, changes);
  }
  changes.otherChanges = !hasQuestionChanges(changes) && JSON.stringify(previous) !== JSON.stringify(next);
  return changes;
}

/** A grid's statements are questions of their own (GRID.STATEMENT): added, removed and reworded as questions are. */
function compareStatements(was: GridQuestion, now: GridQuestion, changes: DefinitionChanges): void {
  const before = new Map(was.statements.map((s) => [s.id, s]));
  const after = new Set(now.statements.map((s) => s.id));
  for (const statement of now.statements) {
    const old = before.get(statement.id);
    const id = statementQuestionId(now, statement);
    if (!old) changes.addedQuestions.push(id);
    else if (old.text !== statement.text) changes.rewordedQuestions.push({ question: id, fields: ['text'] });
  }
  for (const statement of was.statements) if (!after.has(statement.id)) changes.removedQuestions.push(statementQuestionId(was, statement));
}

function hasQuestionChanges(changes: DefinitionChanges): boolean {
  return (
    changes.addedQuestions.length + changes.removedQuestions.length + changes.rewordedQuestions.length + changes.addedOptions.length + changes.removedOptions.length + changes.rewordedOptions.length + changes.retypedQuestions.length >
    0
  );
}

/** Whether the definition changed at all (a new version is stored only then). */
export function definitionChanged(previous: Definition, next: Definition): boolean {
  return JSON.stringify(previous) !== JSON.stringify(next);
}

/** Every question and option of a survey's first version: introduced by version 1. */
export function firstIntroductions(definition: Definition, version = 1): Introductions {
  return introductionsAfter(undefined, definition, version);
}

/**
 * The introductions of `next`, stored as `version`, after `previous` with its introductions:
 * what `previous` had keeps its version, what is new (a question, an option, a code; or a
 * question whose type changed, which is a new question under the old id) gets `version`.
 */
export function introductionsAfter(previous: { definition: Definition; introductions: Introductions } | undefined, next: Definition, version: number): Introductions {
  const before = new Map(previous?.definition.questions.map((q) => [q.id, q]) ?? []);
  const result: Introductions = { questions: {}, options: {} };
  for (const question of next.questions) {
    const was = before.get(question.id);
    const kept = was !== undefined && was.type === question.type;
    const since = kept ? (previous!.introductions.questions[question.id] ?? 1) : version;
    result.questions[question.id] = since;
    if (!('options' in question)) continue;
    const wasCodes = new Set(kept ? optionsOf(was).map((o) => o.code) : []);
    const options: Record<string, number> = {};
    for (const option of question.options) {
      options[option.code] = wasCodes.has(option.code) ? Math.max(since, previous!.introductions.options[question.id]?.[option.code] ?? since) : version;
    }
    result.options[question.id] = options;
    if (question.type !== 'grid') continue;
    // Each statement is analysed as a question GRID.STATEMENT: offered from when it joined the grid, its options no earlier.
    const hadStatements = new Set(kept && was.type === 'grid' ? was.statements.map((s) => s.id) : []);
    for (const statement of question.statements) {
      const id = statementQuestionId(question, statement);
      const statementSince = hadStatements.has(statement.id) ? Math.max(since, previous!.introductions.questions[id] ?? since) : version;
      result.questions[id] = statementSince;
      result.options[id] = Object.fromEntries(Object.entries(options).map(([code, from]) => [code, Math.max(from, statementSince)]));
    }
  }
  return result;
}

/** The changes as short lines, as `canvass survey import` prints them and `survey history` sums them up. */
export function describeChanges(changes: DefinitionChanges): string[] {
  const option = (o: OptionRef) => `${o.question}: ${o.code}`;
  const lines: string[] = [];
  if (changes.addedQuestions.length > 0) lines.push(`added questions: ${changes.addedQuestions.join(', ')}`);
  if (changes.removedQuestions.length > 0) lines.push(`removed questions (their stored answers are kept): ${changes.removedQuestions.join(', ')}`);
  if (changes.retypedQuestions.length > 0) lines.push(`questions of another type: ${changes.retypedQuestions.map((r) => `${r.question} (${r.from} → ${r.to})`).join(', ')}`);
  if (changes.rewordedQuestions.length > 0) lines.push(`reworded questions: ${changes.rewordedQuestions.map((r) => `${r.question} (${r.fields.join(' and ')})`).join(', ')}`);
  if (changes.addedOptions.length > 0) lines.push(`added options: ${changes.addedOptions.map(option).join(', ')}`);
  if (changes.removedOptions.length > 0) lines.push(`removed options (their stored answers are kept): ${changes.removedOptions.map(option).join(', ')}`);
  if (changes.rewordedOptions.length > 0) lines.push(`reworded options: ${changes.rewordedOptions.map(option).join(', ')}`);
  if (lines.length === 0) lines.push(changes.otherChanges ? 'no question or option changed (other parts of the definition did)' : 'nothing changed');
  return lines;
}

/** One line summing the changes up, for a version's entry in the history. */
export function summariseChanges(changes: DefinitionChanges | null): string {
  if (changes === null) return 'first version';
  const parts: string[] = [];
  const count = (n: number, what: string) => n > 0 && parts.push(`${n} ${what}`);
  count(changes.addedQuestions.length, changes.addedQuestions.length === 1 ? 'question added' : 'questions added');
  count(changes.removedQuestions.length, changes.removedQuestions.length === 1 ? 'question removed' : 'questions removed');
  count(changes.retypedQuestions.length, changes.retypedQuestions.length === 1 ? 'question retyped' : 'questions retyped');
  count(changes.rewordedQuestions.length, changes.rewordedQuestions.length === 1 ? 'question reworded' : 'questions reworded');
  count(changes.addedOptions.length, changes.addedOptions.length === 1 ? 'option added' : 'options added');
  count(changes.removedOptions.length, changes.removedOptions.length === 1 ? 'option removed' : 'options removed');
  count(changes.rewordedOptions.length, changes.rewordedOptions.length === 1 ? 'option reworded' : 'options reworded');
  if (parts.length === 0) return changes.otherChanges ? 'no question or option changed' : 'nothing changed';
  return parts.join(', ');
}

/**
 * The current definition with, after its own questions, those only earlier versions had (a
 * removed question's stored answers are kept), oldest version first, each once: the columns of
 * a raw export, whose rows of an earlier version then import back whole under that version.
 */
export function withEarlierQuestions(current: Definition, versions: ReadonlyMap<number, Definition>): Definition {
  const questions = [...current.questions];
  const seen = new Set(questions.map((q) => q.id));
  for (const version of [...versions.keys()].sort((a, b) => a - b)) {
    for (const question of versions.get(version)!.questions) {
      if (seen.has(question.id)) continue;
      seen.add(question.id);
      questions.push(question);
    }
  }
  return questions.length === current.questions.length ? current : { ...current, questions };
}
