import type { DatePart } from '../../definition/question-types/date.js';
import type { Answer, ChoiceQuestion, DateQuestion, GridQuestion, Question } from '../../definition/schema.js';
import { pageMessages, type PageMessages } from '../page-messages.js';

/**
 * The govuk-frontend macro and its parameters for one question on its own page: radios for
 * single choice and scales, checkboxes for multiple choice ("exclusive" options such as "None
 * of these" after an "or" divider), a text input for numbers and a character count for text.
 * The question is the page heading (the legend or label), as GOV.UK's one-question pattern asks.
 */
export type QuestionField =
  | { macro: 'radios'; params: Record<string, unknown> }
  | { macro: 'checkboxes'; params: Record<string, unknown> }
  | { macro: 'input'; params: Record<string, unknown> }
  | { macro: 'characterCount'; params: Record<string, unknown> }
  | { macro: 'dateInput'; params: Record<string, unknown> }
  /** A grid: the question as the page heading, then a radios fieldset per statement, its legend the statement. */
  | { macro: 'grid'; params: Record<string, unknown> & { heading: string; hint: string | undefined; statements: Array<Record<string, unknown>> } };

/** What an error marks beyond its message: a grid's statements (id → message), a date's fields. */
export interface FieldErrorDetail {
  statements?: Readonly<Record<string, string>>;
  parts?: readonly DatePart[];
}

/** The id an error summary links to: the first radio or checkbox, the input itself, a date's first field in error, a grid statement's first radio. */
export function fieldId(question: Question, detail: FieldErrorDetail = {}): string {
  if (question.type === 'date') return `${question.id}-${detail.parts?.[0] ?? 'day'}`;
  if (question.type === 'grid') return statementFieldId(question, detail.statements ? (Object.keys(detail.statements)[0] ?? question.statements[0]!.id) : question.statements[0]!.id);
  return question.id;
}

/** A grid statement's radios: the first one's id (an error summary links to it) and its form field's name. */
export function statementFieldId(grid: GridQuestion, statement: string): string {
  return `${grid.id}-${statement}`;
}
export function statementFieldName(grid: GridQuestion, statement: string): string {
  return `${grid.id}.${statement}`;
}

/**
 * The raw answer a posted form gives a question: a grid's radios (one field per statement) as an
 * object of statement → code, a date's day, month and year fields as an object, any other
 * question's field as it is. The question type's parseAnswer reads it.
 */
export function formAnswer(question: Question, body: Readonly<Record<string, unknown>>): unknown {
  const field = (name: string) => (Object.hasOwn(body, name) ? body[name] : undefined);
  if (question.type === 'grid') {
    const answer: Record<string, unknown> = {};
    for (const statement of question.statements) {
      const value = field(statementFieldName(question, statement.id));
      if (value !== undefined) answer[statement.id] = value;
    }
    return answer;
  }
  if (question.type === 'date') {
    const text = (part: DatePart) => {
      const value = field(`${question.id}-${part}`);
      return typeof value === 'string' ? value : '';
    };
    return { day: text('day'), month: text('month'), year: text('year') };
  }
  return field(question.id);
}

/**
 * `value` is what to show as chosen or typed: a stored answer, or the raw value just submitted
 * when the page is shown again with an error (so nothing typed is lost).
 */
export function questionField(question: Question, value: unknown, error: string | undefined, detail: FieldErrorDetail = {}, messages: PageMessages = pageMessages('en')): QuestionField {
  const errorMessage = error === undefined ? undefined : { text: error };
  const hint = question.hint ? { text: question.hint } : undefined;
  const common = { name: question.id, ...(hint ? { hint } : {}), ...(errorMessage ? { errorMessage } : {}) };
  switch (question.type) {
    case 'single':
    case 'scale':
      return {
        macro: 'radios',
        params: {
          ...common,
          idPrefix: fieldId(question),
          fieldset: legend(question),
          items: choiceItems(question, (code) => value === code, messages),
        },
      };
    case 'multiple': {
      const chosen = new Set(Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);
      return {
        macro: 'checkboxes',
        params: {
          ...common,
          idPrefix: fieldId(question),
          fieldset: legend(question),
          items: choiceItems(question, (code) => chosen.has(code), messages),
        },
      };
    }
    case 'number':
      return {
        macro: 'input',
        params: {
          ...common,
          id: fieldId(question),
          label: { text: question.text, isPageHeading: true, classes: 'govuk-label--l' },
          value: displayValue(value),
          // A numeric keypad has no minus sign or decimal point; offer it only when neither is needed.
          inputmode: question.integer && (question.min ?? -1) >= 0 ? 'numeric' : 'decimal',
          spellcheck: false,
          autocomplete: 'off',
          classes: 'govuk-input--width-10',
          ...(question.unit ? { suffix: { text: question.unit } } : {}),
        },
      };
    case 'text':
      return {
        macro: 'characterCount',
        params: {
          ...common,
          id: fieldId(question),
          label: { text: question.text, isPageHeading: true, classes: 'govuk-label--l' },
          value: displayValue(value),
          maxlength: question.maxLength,
          rows: 6,
          ...messages.characterCount,
        },
      };
    case 'date':
      return { macro: 'dateInput', params: { ...common, id: question.id, namePrefix: question.id, fieldset: legend(question), items: dateItems(question, value, error === undefined ? [] : (detail.parts ?? ['day', 'month', 'year']), messages) } };
    case 'grid':
      return {
        macro: 'grid',
        params: {
        heading: question.text,
        hint: question.hint,
        statements: question.statements.map((statement) => {
          const statementError = detail.statements?.[statement.id];
          const chosen = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[statement.id] : undefined;
          return {
            name: statementFieldName(question, statement.id),
            idPrefix: statementFieldId(question, statement.id),
            fieldset: { legend: { text: statement.text, classes: 'govuk-fieldset__legend--m' } },
            ...(statementError ? { errorMessage: { text: statementError } } : {}),
            items: choiceItems(question, (code) => chosen === code, messages),
          };
        }),
        },
      };
  }
}

/** The day, month and year fields of a date input, as typed (or as stored), those in error marked. */
function dateItems(question: DateQuestion, value: unknown, inError: readonly DatePart[], messages: PageMessages): Array<Record<string, unknown>> {
  const stored = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const typed = (part: DatePart): string => {
    if (stored) return String(Number(stored[part === 'year' ? 1 : part === 'month' ? 2 : 3]));
    const given = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
    return typeof given === 'string' ? given : '';
  };
  const item = (part: DatePart, label: string, width: number) => ({
    name: part,
    label,
    value: typed(part),
    classes: `govuk-input--width-${width}${inError.includes(part) ? ' govuk-input--error' : ''}`,
    inputmode: 'numeric',
    ...(part === 'day' ? { autocomplete: 'off' } : {}),
  });
  void question;
  return [item('day', messages.day, 2), item('month', messages.month, 2), item('year', messages.year, 4)];
}

function legend(question: Question) {
  return { legend: { text: question.text, isPageHeading: true, classes: 'govuk-fieldset__legend--l' } };
}

/**
 * Options as radio or checkbox items. Trailing "Don't know" and exclusive options ("None of
 * these") sit after an "or" divider, as the GOV.UK patterns show them; an exclusive checkbox
 * gets the `exclusive` behaviour, which unticks the others when JavaScript runs (without it,
 * validation says what to change).
 */
function choiceItems(question: ChoiceQuestion | GridQuestion, checked: (code: string) => boolean, messages: PageMessages): Array<Record<string, unknown>> {
  const set = (o: GridQuestion['options'][number]) => o.exclusive || o.nonSubstantive;
  let firstTrailing = question.options.length;
  while (firstTrailing > 0 && set(question.options[firstTrailing - 1]!)) firstTrailing--;
  const items: Array<Record<string, unknown>> = [];
  question.options.forEach((option, i) => {
    if (i === firstTrailing && i > 0) items.push({ divider: messages.or });
    items.push({
      value: option.code,
      text: option.label,
      checked: checked(option.code),
      ...(question.type === 'multiple' && option.exclusive ? { behaviour: 'exclusive' } : {}),
    });
  });
  return items;
}

function displayValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return '';
}

/** An answer as a respondent reads it on "Check your answers": option labels, one per line. */
export function answerText(question: Question, answer: Answer | undefined, messages: PageMessages = pageMessages('en')): string {
  if (answer === undefined) return messages.notAnswered;
  if (question.type === 'number') return `${answer}${question.unit ? ` ${question.unit}` : ''}`;
  if (question.type === 'text') return String(answer);
  if (question.type === 'date') return typeof answer === 'string' ? messages.longDate(answer) : String(answer);
  if (question.type === 'grid') {
    const codes = typeof answer === 'object' && !Array.isArray(answer) ? answer : {};
    return question.statements.map((s) => `${s.text}: ${Object.hasOwn(codes, s.id) ? (question.options.find((o) => o.code === codes[s.id])?.label ?? codes[s.id]) : messages.notAnswered}`).join('\n');
  }
  const codes = Array.isArray(answer) ? answer : [String(answer)];
  return codes.map((code) => question.options.find((o) => o.code === code)?.label ?? code).join('\n');
}
