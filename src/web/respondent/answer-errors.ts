import type { Problem } from '../../errors/catalogue.js';
import type { NumberQuestion, Question } from '../../definition/schema.js';

/**
 * Error messages a respondent reads, in the GOV.UK style ("Select which best describes your
 * role", "Enter a number between 0 and 100"), built from the question and the problem code that
 * validation gives. Problems stay data; only their wording is decided here.
 */
export function answerErrorMessage(question: Question, problem: Pick<Problem, 'code'> & Partial<Pick<Problem, 'message'>>): string {
  if (question.type === 'date' && problem.code !== 'required' && problem.message !== undefined && /^(Date|Year) must /.test(problem.message)) return problem.message;
  switch (problem.code) {
    case 'required':
      return requiredMessage(question);
    case 'exclusive-combined': {
      const exclusive = question.type === 'multiple' ? question.options.find((o) => o.exclusive) : undefined;
      return exclusive ? `Select ‘${exclusive.label}’ or one or more of the other answers, not both` : 'Select fewer answers';
    }
    case 'too-many-choices':
      return question.type === 'multiple' && question.maxSelected !== undefined ? `Select no more than ${question.maxSelected} answers` : 'Select fewer answers';
    case 'duplicate-answer':
      return 'Select each answer only once';
    case 'not-a-number':
      return question.type === 'number' && question.integer ? 'Enter a whole number, like 25' : 'Enter a number, like 25';
    case 'not-an-integer':
      return 'Enter a whole number, like 25';
    case 'out-of-range':
      return question.type === 'number' ? rangeMessage(question) : 'Enter a number in the range asked for';
    case 'text-too-long':
      return question.type === 'text' ? `Your answer must be ${question.maxLength.toLocaleString('en-GB')} characters or fewer` : 'Your answer is too long';
    default:
      // An answer no form control can produce (an edited page, an option since removed).
      return question.type === 'number' || question.type === 'text' ? 'Enter your answer again' : 'Select one of the answers shown';
  }
}

function requiredMessage(question: Question): string {
  const text = question.text.trim().replace(/\?$/, '');
  switch (question.type) {
    case 'single':
    case 'scale':
      // "Which best describes your role?" reads well as "Select which best describes your role".
      return /^which\b/i.test(text) ? `Select ${lowerFirst(text)}` : 'Select an answer';
    case 'multiple': {
      const main = /^what are (the .+)$/i.exec(text);
      if (main?.[1]) return `Select ${main[1]}`;
      const exclusive = question.options.find((o) => o.exclusive);
      return exclusive ? `Select at least one answer, or select ‘${exclusive.label}’` : 'Select at least one answer';
    }
    case 'number':
      return question.integer ? 'Enter a whole number' : 'Enter a number';
    case 'text':
      return 'Enter your answer';
    case 'date':
      return 'Enter a date';
    case 'grid':
      return 'Select an answer for each statement';
  }
}

/** A grid statement's message: which statement, in the GOV.UK style. */
export function statementErrorMessage(statementText: string, problem: Pick<Problem, 'code'>): string {
  return problem.code === 'required' ? `Select an answer for ‘${statementText}’` : `Select one of the answers shown for ‘${statementText}’`;
}

function rangeMessage(question: NumberQuestion): string {
  const kind = question.integer ? 'a whole number' : 'a number';
  const { min, max } = question;
  if (min !== undefined && max !== undefined) return `Enter ${kind} between ${min} and ${max}`;
  if (min !== undefined) return `Enter ${kind} that is ${min} or more`;
  if (max !== undefined) return `Enter ${kind} that is ${max} or less`;
  return `Enter ${kind}`;
}

function lowerFirst(text: string): string {
  // Keep acronyms ("IT strategy") as they are; only a capitalised first word is lowered.
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
