import type { z } from 'zod';
import type { Problem } from '../errors/catalogue.js';
import { nulCharacterProblems } from '../errors/nul-characters.js';
import { checkExpression } from './expression/check.js';
import { parseExpression, ExpressionSyntaxError } from './expression/parse.js';
import { translationProblems } from './localise-definition.js';
import { migrateDefinition } from './migrate.js';
import { questionTypeOf } from './question-types/registry.js';
import { readYamlText } from './read-yaml.js';
import { checkRegister, registerOf } from './register-attributes.js';
import { definitionSchema, questionSchema, questionTypes, registerSchema, type Definition, type Question, type RegisterSchema } from './schema.js';

export type DefinitionResult = { ok: true; definition: Definition } | { ok: false; problems: Problem[] };

export interface LoadOptions {
  /** A register schema read from a file of its own (see load-register-schema.ts), taken as the definition's `register`. */
  register?: unknown;
}

export { maxYamlAliasCount } from './read-yaml.js';

/** Reads a definition from YAML or JSON text (JSON is YAML) and validates it. Never throws on bad input. */
export function loadDefinitionText(text: string, options: LoadOptions = {}): DefinitionResult {
  const read = readYamlText(text);
  if (!read.ok) return read;
  return validateDefinition(read.raw, options);
}

/**
 * Validates a parsed definition, listing every problem with where it is: the shape of each
 * question on its own (so one bad question does not hide the next), then what only the whole
 * can tell — duplicate ids, conditions naming unknown or later questions, nets naming unknown
 * options, exclusive options in single-choice questions.
 */
export function validateDefinition(input: unknown, options: LoadOptions = {}): DefinitionResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, problems: [{ where: 'file', code: 'not-an-object', message: 'a definition is a mapping with format, id, title and questions' }] };
  }
  // Before anything else reads the text: a NUL would fail on PostgreSQL only, far from here.
  const nul = nulCharacterProblems(input, '');
  if (nul.length > 0) return { ok: false, problems: nul };
  const migrated = migrateDefinition(input as Record<string, unknown>);
  if (migrated.problems.length > 0) return { ok: false, problems: migrated.problems };
  const raw = migrated.raw;
  if (options.register !== undefined) {
    if (raw.register !== undefined) return { ok: false, problems: [{ where: 'register', code: 'register-twice', message: 'the definition declares its register and a register file was given too', expected: 'the register in one place: the definition or its own file' }] };
    raw.register = options.register;
  }

  const problems: Problem[] = [];
  const rawQuestions = Array.isArray(raw.questions) ? raw.questions : undefined;
  const questions: Array<Question | undefined> = [];
  rawQuestions?.forEach((rawQuestion: unknown, i) => {
    const where = questionWhere(i, rawQuestion);
    const type = (rawQuestion as { type?: unknown } | null)?.type;
    if (!(questionTypes as readonly unknown[]).includes(type)) {
      problems.push({ where: `${where}.type`, code: 'unknown-question-type', message: type === undefined ? 'the question has no type' : `'${String(type)}' is not a question type`, expected: questionTypes.join(', ') });
      questions.push(undefined);
      return;
    }
    const parsed = questionSchema.safeParse(rawQuestion);
    if (parsed.success) questions.push(parsed.data);
    else {
      problems.push(...zodProblems(parsed.error, where));
      questions.push(undefined);
    }
  });

  const parsed = definitionSchema.safeParse(rawQuestions ? { ...raw, questions: questions.filter((q) => q !== undefined) } : raw);
  if (!parsed.success) {
    // Each question's problems are listed above; with those left out, a non-empty list can look empty.
    problems.push(...zodProblems(parsed.error, '').filter((p) => rawQuestions === undefined || (!p.where.startsWith('questions[') && !(p.where === 'questions' && rawQuestions.length > 0))));
  }
  const rawIds = (rawQuestions ?? []).map((q: unknown) => (q as { id?: unknown } | null)?.id);
  // The register's own problems are listed once, under `register`; conditions are checked against it only when it is sound.
  const declared = parsed.success ? parsed.data.register : raw.register === undefined ? undefined : registerSchema.safeParse(raw.register).data;
  const register = raw.register === undefined ? registerOf({}) : declared;
  const registerProblems = declared ? checkRegister(declared, 'register') : [];
  problems.push(...registerProblems);
  problems.push(...checkWhole(questions, rawIds, registerProblems.length === 0 && register ? register : null));

  const waveIds = parsed.success ? (parsed.data.waves ?? []).map((w) => w.id) : [];
  waveIds.forEach((id, i) => {
    if (waveIds.indexOf(id) !== i) problems.push({ where: `waves[${i}]`, code: 'duplicate-id', message: `wave id '${id}' is used twice`, expected: 'a unique wave id' });
  });
  if (parsed.success) problems.push(...translationProblems(parsed.data));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, definition: parsed.data };
}

function questionWhere(i: number, rawQuestion: unknown): string {
  const id = (rawQuestion as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? `questions[${i}] (${id})` : `questions[${i}]`;
}

function zodProblems(error: z.ZodError, prefix: string): Problem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    const where = `${prefix}${path}`.replace(/^\./, '') || 'file';
    if (issue.code === 'unrecognized_keys') {
      return { where, code: 'unknown-field', message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`, expected: 'only the fields of the format (check the spelling)' };
    }
    if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) {
      return { where, code: 'missing-field', message: `'${String(issue.path.at(-1))}' is required`, expected: issue.expected };
    }
    return { where, code: issue.code, message: issue.message };
  });
}

function checkWhole(questions: Array<Question | undefined>, rawIds: unknown[], register: RegisterSchema | null): Problem[] {
  const problems: Problem[] = [];
  const firstIndex = new Map<string, number>();
  questions.forEach((question, i) => {
    if (!question) return;
    const where = `questions[${i}] (${question.id})`;
    const earlier = firstIndex.get(question.id);
    if (earlier !== undefined) {
      problems.push({ where, code: 'duplicate-id', message: `question id '${question.id}' is already used by questions[${earlier}]`, expected: 'a unique question id' });
    } else firstIndex.set(question.id, i);
    problems.push(...questionTypeOf(question).checkDefinition(question, where));
  });
  // A question that failed its own checks still exists for conditions (by its id, in its place),
  // so a condition naming it is not reported again as naming an unknown question.
  const unchecked = new Set<string>();
  const known = questions.map((q, i) => {
    if (q) return q;
    const id = typeof rawIds[i] === 'string' ? (rawIds[i] as string) : `\u0000${i}`;
    unchecked.add(id);
    return { id, type: 'text' } as Question;
  });
  questions.forEach((question, i) => {
    if (!question?.showIf) return;
    const where = `questions[${i}] (${question.id}).showIf`;
    try {
      const expression = parseExpression(question.showIf);
      problems.push(...checkExpression(expression, { definition: { questions: known }, where, beforeQuestionIndex: i, unchecked, register }));
    } catch (error) {
      if (!(error instanceof ExpressionSyntaxError)) throw error;
      problems.push({ where, code: 'expression-syntax', message: error.message });
    }
  });
  return problems;
}
