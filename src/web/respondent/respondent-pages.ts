import type { Definition, Question } from '../../definition/schema.js';
import type { Problem } from '../../errors/catalogue.js';
import { draftDays } from '../../operations/respondent-drafts.js';
import { askedQuestions } from '../../operations/respondent-journey.js';
import type { Organisation } from '../../register/organisation.js';
import { pageLayout, type PageLanguage } from '../page-layout.js';
import { pageMessages, type PageMessages } from '../page-messages.js';
import type { ViewModel } from '../views.js';
import { answerErrorMessage, statementErrorMessage } from './answer-errors.js';
import { stateOf, type Journey } from './journey-context.js';
import { answerText, fieldId, questionField, statementFieldId, type FieldErrorDetail } from './question-fields.js';

/** View models of the respondent's pages: the parameters of the govuk macros each template calls. */

function layout(definition: Definition, title: string, options: { hasErrors?: boolean; backLink?: string | undefined; autocomplete?: boolean; language?: PageLanguage | undefined } = {}) {
  return pageLayout({ title, serviceName: definition.title, serviceUrl: `/s/${definition.id}`, ...options });
}

/** A day as people read it in the page's language (27 March 2024), in the UK's time zone. */
export function formatDate(iso: string | Date, messages: PageMessages = pageMessages('en')): string {
  const day = new Date(iso).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
  return messages.longDate(day);
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
  /** The page's language and toggle; without it, English. */
  language?: PageLanguage | undefined;
}

export function startPage(definition: Definition, options: StartOptions): ViewModel {
  const m = options.language?.messages ?? pageMessages('en');
  const minBase = definition.disclosure.minBase;
  const about = [
    ...(definition.description ? [definition.description] : []),
    m.minutesToComplete(minutesToComplete(definition)),
    ...(options.invitedOrg ? [m.invitedAs(options.invitedOrg.name)] : []),
  ];
  const privacy = [...m.privacy(minBase, draftDays), ...(definition.publisher ? [m.runBy(definition.publisher)] : [])];
  const start = options.start;
  return {
    page: layout(definition, definition.title, { language: options.language }),
    heading: definition.title,
    about,
    privacyHeading: m.howAnswersAreUsed,
    privacy,
    resumeButton: options.resumeHref ? { text: m.continueSaved, href: options.resumeHref } : undefined,
    // With answers saved, the way in is to continue them (any answer can be changed from there).
    startButton: start && 'href' in start && !options.resumeHref ? { text: m.startNow, href: start.href, isStartButton: true } : undefined,
    startFormAction: start && 'formAction' in start ? start.formAction : undefined,
    startFormButton: start && 'formAction' in start ? { text: m.startNow, isStartButton: true, preventDoubleClick: true } : undefined,
    invitationOnly: start === undefined ? { text: m.invitationOnly } : undefined,
    resultsHeading: m.results,
    reportLink: options.reportHref ? { text: m.readReport, href: options.reportHref } : undefined,
  };
}

export function organisationPage(journey: Journey, organisations: readonly Organisation[], selected: string | undefined, error: string | undefined, change: boolean): ViewModel {
  const m = journey.messages;
  const title = m.whichOrganisation;
  return {
    page: layout(journey.definition, title, { hasErrors: error !== undefined, backLink: change ? journey.paths.check : journey.paths.start, autocomplete: true, language: journey.language }),
    errorSummary: error ? { titleText: m.thereIsAProblem, errorList: [{ text: error, href: '#org' }] } : undefined,
    formAction: journey.paths.organisation,
    change,
    field: {
      id: 'org',
      name: 'org',
      label: { text: title, isPageHeading: true, classes: 'govuk-label--l' },
      hint: { text: m.organisationHint },
      items: [
        { value: '', text: m.chooseOrganisation, selected: !selected },
        ...[...organisations].sort((a, b) => a.name.localeCompare(b.name, journey.language.language)).map((o) => ({ value: o.id, text: o.name, selected: o.id === selected })),
      ],
      attributes: { 'data-canvass-autocomplete': '' },
      ...(error ? { errorMessage: { text: error } } : {}),
    },
    continueButton: { text: m.continue, preventDoubleClick: true },
  };
}

export function questionPage(journey: Journey, question: Question, value: unknown, error: string | undefined, options: { change: boolean; backLink: string; problems?: readonly Problem[] }): ViewModel {
  const m = journey.messages;
  const detail = error === undefined ? {} : errorDetail(question, options.problems ?? [], m);
  const errorList =
    question.type === 'grid' && detail.statements
      ? Object.entries(detail.statements).map(([id, text]) => ({ text, href: `#${statementFieldId(question, id)}` }))
      : error
        ? [{ text: error, href: `#${fieldId(question, detail)}` }]
        : [];
  return {
    page: layout(journey.definition, question.text, { hasErrors: error !== undefined, backLink: options.backLink, language: journey.language }),
    errorSummary: error ? { titleText: m.thereIsAProblem, errorList } : undefined,
    formAction: journey.paths.question(question.id),
    change: options.change,
    field: questionField(question, value, error, detail, m),
    continueButton: { text: options.change ? m.saveAndReturn : m.continue, name: '_action', value: 'continue', preventDoubleClick: true },
    saveButton: { text: m.saveAndComeBack, name: '_action', value: 'save', classes: 'govuk-button--secondary' },
  };
}

/**
 * Which parts of a field an error marks: a grid's statements in error, each with its message
 * (every statement when a required grid was left blank), a date's fields.
 */
function errorDetail(question: Question, problems: readonly Problem[], messages: PageMessages): FieldErrorDetail {
  if (question.type === 'grid') {
    const statements: Record<string, string> = {};
    for (const statement of question.statements) {
      const problem = problems.find((p) => p.where === `${question.id}.${statement.id}`) ?? (problems.length === 0 ? { code: 'required' } : undefined);
      if (problem) statements[statement.id] = statementErrorMessage(statement.text, problem, messages);
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
  const { definition, draft, org, paths, messages: m } = journey;
  const state = draft ? stateOf(draft) : { answers: {}, visited: [] };
  const asked = askedQuestions(definition, state.answers, org);
  const byId = new Map(definition.questions.map((q) => [q.id, q]));
  const errorList = problems.map((problem) => {
    // A grid statement's problem is at GRID.STATEMENT.
    const question = byId.get(problem.where) ?? byId.get(problem.where.split('.')[0]!);
    return question
      ? { text: answerErrorMessage(question, problem, m), href: paths.question(question.id, true) }
      : { text: problem.code === 'unknown-org' || problem.code === 'missing-org' ? m.selectOrganisation : problem.message, href: paths.organisation };
  });
  const title = m.checkAnswers;
  return {
    page: layout(definition, title, { hasErrors: problems.length > 0, backLink: asked.length > 0 ? paths.question(asked.at(-1)!.id) : paths.organisation, language: journey.language }),
    heading: title,
    errorSummary: problems.length > 0 ? { titleText: m.thereIsAProblem, errorList } : undefined,
    summary: {
      classes: 'govuk-!-margin-bottom-9',
      rows: [
        {
          key: { text: m.organisation },
          value: { text: org?.name ?? m.notChosen },
          ...(draft?.invitationId === undefined ? { actions: { items: [{ href: `${paths.organisation}?change=1`, text: m.change, visuallyHiddenText: m.organisation.toLowerCase() }] } } : {}),
        },
        ...asked.map((question) => ({
          key: { text: question.text },
          value: { text: answerText(question, state.answers[question.id], m), classes: 'canvass-lines' },
          actions: { items: [{ href: paths.question(question.id, true), text: m.change, visuallyHiddenText: question.text }] },
        })),
      ],
    },
    sendHeading: m.nowSend,
    declaration: m.declaration,
    formAction: paths.check,
    submitButton: { text: m.sendResponse, preventDoubleClick: true },
  };
}

export function confirmationPage(definition: Definition, reference: string, language?: PageLanguage): ViewModel {
  const m = language?.messages ?? pageMessages('en');
  return {
    page: layout(definition, m.responseSent, { language }),
    panel: { titleText: m.responseSent, text: m.yourReference(reference) },
    nextHeading: m.whatHappensNext,
    next: m.nextParagraphs,
  };
}

export function savedPage(journey: Journey, resumeUrl: string, expiresAt: string, continueHref: string): ViewModel {
  const m = journey.messages;
  return {
    page: layout(journey.definition, m.answersSaved, { language: journey.language }),
    heading: m.answersSaved,
    intro: m.comeBackUntil(formatDate(expiresAt, m)),
    resumeLink: { text: resumeUrl, classes: 'canvass-break-anywhere', attributes: { 'data-resume-link': '' } },
    warning: { text: m.resumeWarning, iconFallbackText: m.warning },
    continueButton: { text: m.continueNow, href: continueHref },
  };
}
