import type { Definition, Question } from '../../definition/schema.js';
import type { Problem } from '../../errors/catalogue.js';
import { draftDays } from '../../operations/respondent-drafts.js';
import { askedQuestions } from '../../operations/respondent-journey.js';
import type { Organisation } from '../../register/organisation.js';
import { pageLayout } from '../page-layout.js';
import type { ViewModel } from '../views.js';
import { answerErrorMessage, statementErrorMessage } from './answer-errors.js';
import { stateOf, type Journey } from './journey-context.js';
import { answerText, fieldId, questionField, statementFieldId, type FieldErrorDetail } from './question-fields.js';

/** View models of the respondent's pages: the parameters of the govuk macros each template calls. */

function layout(definition: Definition, title: string, options: { hasErrors?: boolean; backLink?: string | undefined; autocomplete?: boolean } = {}) {
  return pageLayout({ title, serviceName: definition.title, serviceUrl: `/s/${definition.id}`, ...options });
}

export function formatDate(iso: string | Date): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
}

/** A rough time to complete: about 25 seconds a question asked of everyone, a minute more for each text question. */
function minutesToComplete(definition: Definition): number {
  const unconditional = definition.questions.filter((q) => !q.showIf);
  const seconds = unconditional.reduce((total, q) => total + (q.type === 'text' ? 60 : 25), 0);
  return Math.max(2, Math.ceil(seconds / 60));
}

export interface StartOptions {
  /** Where "Start now" goes (a link), or where it posts (an invitation, which starts a draft). */
  start: { href: string } | { formAction: string } | undefined;
  /** The organisation an invitation is for. */
  invitedOrg?: Organisation | undefined;
  /** A draft in progress to pick up. */
  resumeHref?: string | undefined;
  /** The survey's published report, when it has one. */
  reportHref?: string | undefined;
}

export function startPage(definition: Definition, options: StartOptions): ViewModel {
  const minBase = definition.disclosure.minBase;
  const about = [
    ...(definition.description ? [definition.description] : []),
    `It takes about ${minutesToComplete(definition)} minutes.`,
    ...(options.invitedOrg ? [`You have been invited to take part as someone who works at ${options.invitedOrg.name}.`] : []),
  ];
  const privacy = [
    'You do not give your name. Your answers are recorded with the organisation you work for, so that organisations can be compared.',
    `Results are only ever published as totals for groups of at least ${minBase} people, so nobody can tell what you answered.`,
    'No IP address or anything else about your device is stored with your answers.',
    `You can save your answers and come back to them within ${draftDays} days.`,
    ...(definition.publisher ? [`This survey is run by ${definition.publisher}.`] : []),
  ];
  const start = options.start;
  return {
    page: layout(definition, definition.title),
    heading: definition.title,
    about,
    privacy,
    resumeButton: options.resumeHref ? { text: 'Continue with your saved answers', href: options.resumeHref } : undefined,
    // With answers saved, the way in is to continue them (any answer can be changed from there).
    startButton: start && 'href' in start && !options.resumeHref ? { text: 'Start now', href: start.href, isStartButton: true } : undefined,
    startFormAction: start && 'formAction' in start ? start.formAction : undefined,
    startFormButton: start && 'formAction' in start ? { text: 'Start now', isStartButton: true, preventDoubleClick: true } : undefined,
    invitationOnly: start === undefined ? { text: 'This survey is by invitation only. Use the link you were sent to take part.' } : undefined,
    reportLink: options.reportHref ? { text: 'Read the published report of this survey', href: options.reportHref } : undefined,
  };
}

export function organisationPage(journey: Journey, organisations: readonly Organisation[], selected: string | undefined, error: string | undefined, change: boolean): ViewModel {
  const title = 'Which organisation do you work for?';
  return {
    page: layout(journey.definition, title, { hasErrors: error !== undefined, backLink: change ? journey.paths.check : journey.paths.start, autocomplete: true }),
    errorSummary: error ? { titleText: 'There is a problem', errorList: [{ text: error, href: '#org' }] } : undefined,
    formAction: journey.paths.organisation,
    change,
    field: {
      id: 'org',
      name: 'org',
      label: { text: title, isPageHeading: true, classes: 'govuk-label--l' },
      hint: { text: 'If you work for more than one, choose the one you will answer about. Start typing to search the list.' },
      items: [
        { value: '', text: 'Choose your organisation', selected: !selected },
        ...[...organisations].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')).map((o) => ({ value: o.id, text: o.name, selected: o.id === selected })),
      ],
      attributes: { 'data-canvass-autocomplete': '' },
      ...(error ? { errorMessage: { text: error } } : {}),
    },
    continueButton: { text: 'Continue', preventDoubleClick: true },
  };
}

export function questionPage(journey: Journey, question: Question, value: unknown, error: string | undefined, options: { change: boolean; backLink: string; problems?: readonly Problem[] }): ViewModel {
  const detail = error === undefined ? {} : errorDetail(question, options.problems ?? []);
  const errorList =
    question.type === 'grid' && detail.statements
      ? Object.entries(detail.statements).map(([id, text]) => ({ text, href: `#${statementFieldId(question, id)}` }))
      : error
        ? [{ text: error, href: `#${fieldId(question, detail)}` }]
        : [];
  return {
    page: layout(journey.definition, question.text, { hasErrors: error !== undefined, backLink: options.backLink }),
    errorSummary: error ? { titleText: 'There is a problem', errorList } : undefined,
    formAction: journey.paths.question(question.id),
    change: options.change,
    field: questionField(question, value, error, detail),
    continueButton: { text: options.change ? 'Save and return to your answers' : 'Continue', name: '_action', value: 'continue', preventDoubleClick: true },
    saveButton: { text: 'Save and come back later', name: '_action', value: 'save', classes: 'govuk-button--secondary' },
  };
}

/**
 * Which parts of a field an error marks: a grid's statements in error, each with its message
 * (every statement when a required grid was left blank), a date's fields.
 */
function errorDetail(question: Question, problems: readonly Problem[]): FieldErrorDetail {
  if (question.type === 'grid') {
    const statements: Record<string, string> = {};
    for (const statement of question.statements) {
      const problem = problems.find((p) => p.where === `${question.id}.${statement.id}`) ?? (problems.length === 0 ? { code: 'required' } : undefined);
      if (problem) statements[statement.id] = statementErrorMessage(statement.text, problem);
    }
    return Object.keys(statements).length > 0 ? { statements } : {};
  }
  if (question.type === 'date') {
    const parts = (problems[0] as { parts?: FieldErrorDetail['parts'] } | undefined)?.parts;
    return parts ? { parts } : {};
  }
  return {};
}

export function checkAnswersPage(journey: Journey, problems: readonly Problem[] = []): ViewModel {
  const { definition, draft, org, paths } = journey;
  const state = draft ? stateOf(draft) : { answers: {}, visited: [] };
  const asked = askedQuestions(definition, state.answers, org);
  const byId = new Map(definition.questions.map((q) => [q.id, q]));
  const errorList = problems.map((problem) => {
    // A grid statement's problem is at GRID.STATEMENT.
    const question = byId.get(problem.where) ?? byId.get(problem.where.split('.')[0]!);
    return question
      ? { text: answerErrorMessage(question, problem), href: paths.question(question.id, true) }
      : { text: problem.code === 'unknown-org' || problem.code === 'missing-org' ? 'Select the organisation you work for' : problem.message, href: paths.organisation };
  });
  const title = 'Check your answers before sending them';
  return {
    page: layout(definition, title, { hasErrors: problems.length > 0, backLink: asked.length > 0 ? paths.question(asked.at(-1)!.id) : paths.organisation }),
    heading: title,
    errorSummary: problems.length > 0 ? { titleText: 'There is a problem', errorList } : undefined,
    summary: {
      classes: 'govuk-!-margin-bottom-9',
      rows: [
        {
          key: { text: 'Organisation' },
          value: { text: org?.name ?? 'Not chosen' },
          ...(draft?.invitationId === undefined ? { actions: { items: [{ href: `${paths.organisation}?change=1`, text: 'Change', visuallyHiddenText: 'organisation' }] } } : {}),
        },
        ...asked.map((question) => ({
          key: { text: question.text },
          value: { text: answerText(question, state.answers[question.id]), classes: 'canvass-lines' },
          actions: { items: [{ href: paths.question(question.id, true), text: 'Change', visuallyHiddenText: question.text }] },
        })),
      ],
    },
    formAction: paths.check,
    submitButton: { text: 'Send response', preventDoubleClick: true },
  };
}

export function confirmationPage(definition: Definition, reference: string): ViewModel {
  return {
    page: layout(definition, 'Response sent'),
    panel: { titleText: 'Response sent', text: `Your reference is ${reference}` },
    next: [
      'Thank you for taking part. Your answers have been recorded with the others from your organisation.',
      'Keep your reference if you may want to ask about your response. It is not linked to your name.',
    ],
  };
}

export function savedPage(journey: Journey, resumeUrl: string, expiresAt: string, continueHref: string): ViewModel {
  return {
    page: layout(journey.definition, 'Your answers have been saved'),
    heading: 'Your answers have been saved',
    intro: `You can come back to this survey in this browser until ${formatDate(expiresAt)}, or on any device with this link:`,
    resumeLink: { text: resumeUrl, classes: 'canvass-break-anywhere', attributes: { 'data-resume-link': '' } },
    warning: { text: 'Anyone with this link can see and change your answers. Do not share it. Opening it in another browser moves your answers there: after that, neither this link nor this browser opens them.', iconFallbackText: 'Warning' },
    continueButton: { text: 'Continue with the survey now', href: continueHref },
  };
}
