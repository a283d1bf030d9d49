import { orgAttributeValue, registerOf, withBands, type OrganisationValues } from '../definition/register-attributes.js';
import type { Problem } from '../errors/catalogue.js';
import { evaluateExpression, type EvaluationContext } from '../definition/expression/evaluate.js';
import { parseExpression } from '../definition/expression/parse.js';
import { fieldsOf, type Expression } from '../definition/expression/ast.js';
import { questionTypeOf } from '../definition/question-types/registry.js';
import type { Answers, Definition } from '../definition/schema.js';
import type { Organisation } from '../register/organisation.js';

/** An answer set as it arrives: an organisation id and raw answers keyed by question id. */
export interface ResponseInput {
  org: unknown;
  answers: unknown;
}

/** A response that passed validation: normalised answers, hidden and blank questions left out. */
export interface ValidResponse {
  org: string;
  answers: Answers;
}

export type ResponseResult = { ok: true; response: ValidResponse } | { ok: false; problems: Problem[] };

const conditionCache = new WeakMap<Definition, Map<string, Expression>>();

/** The parsed showIf of each conditional question of a definition (definitions are immutable once loaded). */
export function conditionsOf(definition: Definition): Map<string, Expression> {
  let conditions = conditionCache.get(definition);
  if (!conditions) {
    conditions = new Map();
    for (const question of definition.questions) {
      if (question.showIf) conditions.set(question.id, parseExpression(question.showIf));
    }
    conditionCache.set(definition, conditions);
  }
  return conditions;
}

/** Evaluation context over one respondent's answers and organisation. */
export function respondentContext(answers: Answers, org: OrganisationValues | undefined): EvaluationContext {
  return {
    // Own properties only: a question may be called `constructor`, which every object inherits.
    answer: (id) => (Object.hasOwn(answers, id) ? answers[id] : gridStatementAnswer(answers, id)),
    org: (attribute) => (org ? orgAttributeValue(org, attribute) : undefined),
  };
}

/** A grid statement's answer, for a reference `GRID.STATEMENT`. */
function gridStatementAnswer(answers: Answers, id: string): string | undefined {
  const dot = id.indexOf('.');
  if (dot < 0) return undefined;
  const grid = id.slice(0, dot);
  const answer = Object.hasOwn(answers, grid) ? answers[grid] : undefined;
  if (typeof answer !== 'object' || Array.isArray(answer)) return undefined;
  const statement = id.slice(dot + 1);
  return Object.hasOwn(answer, statement) ? answer[statement] : undefined;
}

/**
 * Checks an answer set against a definition and returns every problem: unknown organisation,
 * unknown question, an answer not of the question's type or codes, an answer to a question its
 * condition hides, a missing required answer, an exclusive option combined with another, a
 * number out of range, a text too long. `where` names the question, or `prefix` + question.
 */
export function validateResponse(
  definition: Definition,
  input: ResponseInput,
  findOrg: (id: string) => Organisation | undefined,
  options: { where?: (questionId: string) => string } = {},
): ResponseResult {
  const where = options.where ?? ((id: string) => id);
  const problems: Problem[] = [];
  let org: Organisation | undefined;
  if (typeof input.org !== 'string' || input.org.trim() === '') {
    problems.push({ where: where('org'), code: 'missing-org', message: 'the response does not say which organisation it is from', expected: 'an organisation id from the register' });
  } else {
    org = findOrg(input.org.trim());
    if (!org) problems.push({ where: where('org'), code: 'unknown-org', message: `'${input.org}' is not an organisation in the register`, expected: 'an organisation id from the register' });
  }
  if (typeof input.answers !== 'object' || input.answers === null || Array.isArray(input.answers)) {
    problems.push({ where: where('answers'), code: 'wrong-type', message: 'answers must be an object keyed by question id' });
    return { ok: false, problems };
  }
  const raw = input.answers as Record<string, unknown>;
  const known = new Set(definition.questions.map((q) => q.id));
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) problems.push({ where: where(key), code: 'unknown-question', message: `'${key}' is not a question in survey '${definition.id}'`, expected: 'a question id of this survey' });
  }
  const answers: Answers = {};
  const context = respondentContext(answers, org && withBands(org, registerOf(definition)));
  const conditions = conditionsOf(definition);
  const rejected = new Set<string>();
  for (const question of definition.questions) {
    const parsed = questionTypeOf(question).parseAnswer(question, Object.hasOwn(raw, question.id) ? raw[question.id] : undefined, where(question.id));
    problems.push(...parsed.problems);
    if (parsed.problems.length > 0) rejected.add(question.id);
    const condition = conditions.get(question.id);
    // Conditions refer only to earlier questions, so `answers` already holds what they read.
    const shown = condition === undefined || evaluateExpression(condition, context);
    // A condition reading a rejected answer or an unknown organisation cannot be decided, so
    // it yields no hidden-answered or required problem of its own (those would be spurious).
    const decidable = condition === undefined || fieldsOf(condition).every(({ field }) => (field.kind === 'org' ? org !== undefined : !rejected.has(field.id)));
    if (!shown) {
      if (parsed.value !== undefined && decidable) {
        problems.push({ where: where(question.id), code: 'hidden-answered', message: `'${question.id}' is only asked when ${question.showIf}, which does not hold for this response`, expected: 'no answer' });
      }
      continue;
    }
    if (parsed.value === undefined) {
      if (question.required && parsed.problems.length === 0 && decidable) {
        problems.push({ where: where(question.id), code: 'required', message: `'${question.id}' must be answered`, expected: questionTypeOf(question).expected(question) });
      }
      continue;
    }
    answers[question.id] = parsed.value;
  }
  if (problems.length > 0 || !org) return { ok: false, problems };
  return { ok: true, response: { org: org.id, answers } };
}
