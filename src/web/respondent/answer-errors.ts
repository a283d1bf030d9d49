import type { Problem } from '../../errors/catalogue.js';
import type { Question } from '../../definition/schema.js';
import { pageMessages, type PageMessages } from '../page-messages.js';

type ProblemLike = Pick<Problem, 'code'> & Partial<Pick<Problem, 'message'>> & { parts?: readonly ('day' | 'month' | 'year')[] };

/**
 * Error messages a respondent reads, in the GOV.UK style ("Select which best describes your
 * role", "Enter a number between 0 and 100"), built from the question and the problem code that
 * validation gives, in the page's language (see page-messages.ts). Problems stay data; only their
 * wording is decided here.
 */
export function answerErrorMessage(question: Question, problem: ProblemLike, messages: PageMessages = pageMessages('en')): string {
  const e = messages.errors;
  if (question.type === 'date' && problem.code !== 'required') {
    const date = dateMessage(question, problem, messages);
    if (date !== undefined) return date;
  }
  switch (problem.code) {
    case 'required':
      return requiredMessage(question, messages);
    case 'exclusive-combined': {
      const exclusive = question.type === 'multiple' ? question.options.find((o) => o.exclusive) : undefined;
      return exclusive ? e.exclusiveCombined(exclusive.label) : e.selectFewer;
    }
    case 'too-many-choices':
      return question.type === 'multiple' && question.maxSelected !== undefined ? e.selectNoMoreThan(question.maxSelected) : e.selectFewer;
    case 'duplicate-answer':
      return e.selectOnce;
    case 'not-a-number':
      return question.type === 'number' && question.integer ? e.wholeNumberLike : e.numberLike;
    case 'not-an-integer':
      return e.wholeNumberLike;
    case 'out-of-range':
      return question.type === 'number' ? e.range(question.integer, question.min, question.max) : e.numberInRange;
    case 'text-too-long':
      return question.type === 'text' ? e.tooLong(question.maxLength) : e.answerTooLong;
    default:
      // An answer no form control can produce (an edited page, an option since removed).
      return question.type === 'number' || question.type === 'text' ? e.enterAgain : e.selectShown;
  }
}

/** A date input's problems (see question-types/date.ts), by code and the fields they mark. */
function dateMessage(question: Extract<Question, { type: 'date' }>, problem: ProblemLike, messages: PageMessages): string | undefined {
  const e = messages.errors;
  switch (problem.code) {
    case 'date-incomplete': {
      // The fields missing: the problem's parts, else those its (English) message names.
      const parts = problem.parts ?? (['day', 'month', 'year'] as const).filter((part) => problem.message?.includes(part));
      return parts.length > 0 ? e.dateIncomplete(parts) : undefined;
    }
    case 'not-a-date':
      return problem.message?.startsWith('Year must') ? e.yearFourNumbers : e.dateNotReal;
    case 'date-too-early':
      return question.min !== undefined ? e.dateTooEarly(messages.longDate(question.min)) : undefined;
    case 'date-too-late':
      return question.max !== undefined ? e.dateTooLate(messages.longDate(question.max)) : undefined;
    default:
      return undefined;
  }
}

function requiredMessage(question: Question, messages: PageMessages): string {
  const e = messages.errors;
  const text = question.text.trim().replace(/\?$/, '');
  switch (question.type) {
    case 'single':
    case 'scale':
      // "Which best describes your role?" reads well as "Select which best describes your role".
      return /^which\b/i.test(text) && e.selectWhich ? e.selectWhich(lowerFirst(text)) : e.selectAnswer;
    case 'multiple': {
      const main = /^what are (the .+)$/i.exec(text);
      if (main?.[1] && e.selectMain) return e.selectMain(main[1]);
      const exclusive = question.options.find((o) => o.exclusive);
      return exclusive ? e.selectAtLeastOneOr(exclusive.label) : e.selectAtLeastOne;
    }
    case 'number':
      return question.integer ? e.enterWholeNumber : e.enterNumber;
    case 'text':
      return e.enterAnswer;
    case 'date':
      return e.enterDate;
    case 'grid':
      return e.selectEachStatement;
  }
}

/** A grid statement's message: which statement, in the GOV.UK style. */
export function statementErrorMessage(statementText: string, problem: Pick<Problem, 'code'>, messages: PageMessages = pageMessages('en')): string {
  return problem.code === 'required' ? messages.errors.statementRequired(statementText) : messages.errors.statementInvalid(statementText);
}

function lowerFirst(text: string): string {
  // Keep acronyms ("IT strategy") as they are; only a capitalised first word is lowered.
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
