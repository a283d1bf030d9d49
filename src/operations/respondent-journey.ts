import { registerOf, withBands } from '../definition/register-attributes.js';
import { evaluateExpression } from '../definition/expression/evaluate.js';
import type { Answers, Definition, Question } from '../definition/schema.js';
import type { Organisation } from '../register/organisation.js';
import { conditionsOf, respondentContext } from '../responses/validate-response.js';

/**
 * The respondent's way through a questionnaire, one question per page: which questions they are
 * asked given their answers so far, where "Continue" and "Back" lead, and which answers to drop
 * when a changed answer hides a question. Pure: the web layer stores the state in a draft.
 */
export interface JourneyState {
  answers: Answers;
  /** Questions the respondent has been through (answered, or left blank when optional). */
  visited: readonly string[];
}

export type JourneyStep = { kind: 'question'; questionId: string } | { kind: 'check' };
export type BackStep = JourneyStep | { kind: 'organisation' };

type Org = Organisation | undefined;

/**
 * The questions asked, in order. Each condition is evaluated on the answers to the questions
 * asked before it, so an answer left over from a question that is now hidden counts for nothing.
 */
export function askedQuestions(definition: Definition, answers: Answers, org: Org): Question[] {
  const kept: Answers = {};
  const context = respondentContext(kept, org && withBands(org, registerOf(definition)));
  const conditions = conditionsOf(definition);
  const asked: Question[] = [];
  for (const question of definition.questions) {
    const condition = conditions.get(question.id);
    if (condition && !evaluateExpression(condition, context)) continue;
    asked.push(question);
    if (Object.hasOwn(answers, question.id)) kept[question.id] = answers[question.id]!;
  }
  return asked;
}

/** The state without answers to, or visits of, questions that their conditions now hide. */
export function withoutHidden(definition: Definition, state: JourneyState, org: Org): JourneyState {
  const asked = new Set(askedQuestions(definition, state.answers, org).map((q) => q.id));
  const answers: Answers = {};
  for (const [id, answer] of Object.entries(state.answers)) if (asked.has(id)) answers[id] = answer;
  return { answers, visited: state.visited.filter((id) => asked.has(id)) };
}

/**
 * Where "Continue" leads from a question. Going through the questions, the next one asked.
 * After changing an answer from "Check your answers", the next asked question not yet visited
 * (one the change revealed), else back to "Check your answers".
 */
export function stepAfter(definition: Definition, state: JourneyState, org: Org, questionId: string, mode: 'continue' | 'change'): JourneyStep {
  const asked = askedQuestions(definition, state.answers, org);
  const index = asked.findIndex((q) => q.id === questionId);
  const later = index === -1 ? asked : asked.slice(index + 1);
  const next = mode === 'continue' ? later[0] : later.find((q) => !state.visited.includes(q.id));
  return next ? { kind: 'question', questionId: next.id } : { kind: 'check' };
}

/** Where "Back" leads: the previous question asked, or the organisation page before the first. */
export function stepBefore(definition: Definition, state: JourneyState, org: Org, from: JourneyStep): BackStep {
  const asked = askedQuestions(definition, state.answers, org);
  const index = from.kind === 'check' ? asked.length : asked.findIndex((q) => q.id === from.questionId);
  const previous = index > 0 ? asked[index - 1] : undefined;
  return previous ? { kind: 'question', questionId: previous.id } : { kind: 'organisation' };
}

/** Where a returning respondent picks up: the first question asked and not yet visited, else "Check your answers". */
export function resumeStep(definition: Definition, state: JourneyState, org: Org): JourneyStep {
  const next = askedQuestions(definition, state.answers, org).find((q) => !state.visited.includes(q.id));
  return next ? { kind: 'question', questionId: next.id } : { kind: 'check' };
}

/**
 * Whether a question page may be shown: the question is asked and every question asked before
 * it has been visited. A page further on (a bookmarked or guessed address) sends the respondent
 * to where they left off instead, so no required question is skipped by jumping ahead.
 */
export function canShow(definition: Definition, state: JourneyState, org: Org, questionId: string): boolean {
  const asked = askedQuestions(definition, state.answers, org);
  const index = asked.findIndex((q) => q.id === questionId);
  return index !== -1 && asked.slice(0, index).every((q) => state.visited.includes(q.id));
}

/** The state after answering a question (undefined: left blank); drops what the answer hides. */
export function answerQuestion(definition: Definition, state: JourneyState, org: Org, questionId: string, answer: Answers[string] | undefined): JourneyState {
  const answers: Answers = { ...state.answers };
  if (answer === undefined) delete answers[questionId];
  else answers[questionId] = answer;
  const visited = state.visited.includes(questionId) ? state.visited : [...state.visited, questionId];
  return withoutHidden(definition, { answers, visited }, org);
}
