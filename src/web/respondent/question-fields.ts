import type { Answer, ChoiceQuestion, Question } from '../../definition/schema.js';

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
  | { macro: 'characterCount'; params: Record<string, unknown> };

/** The id an error summary links to: the first radio or checkbox, or the input itself. */
export function fieldId(question: Question): string {
  return question.id;
}

/**
 * `value` is what to show as chosen or typed: a stored answer, or the raw value just submitted
 * when the page is shown again with an error (so nothing typed is lost).
 */
export function questionField(question: Question, value: unknown, error: string | undefined): QuestionField {
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
          items: choiceItems(question, (code) => value === code),
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
          items: choiceItems(question, (code) => chosen.has(code)),
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
        },
      };
  }
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
function choiceItems(question: ChoiceQuestion, checked: (code: string) => boolean): Array<Record<string, unknown>> {
  const set = (o: ChoiceQuestion['options'][number]) => o.exclusive || o.nonSubstantive;
  let firstTrailing = question.options.length;
  while (firstTrailing > 0 && set(question.options[firstTrailing - 1]!)) firstTrailing--;
  const items: Array<Record<string, unknown>> = [];
  question.options.forEach((option, i) => {
    if (i === firstTrailing && i > 0) items.push({ divider: 'or' });
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
export function answerText(question: Question, answer: Answer | undefined): string {
  if (answer === undefined) return 'Not answered';
  if (question.type === 'number') return `${answer}${question.unit ? ` ${question.unit}` : ''}`;
  if (question.type === 'text') return String(answer);
  const codes = Array.isArray(answer) ? answer : [String(answer)];
  return codes.map((code) => question.options.find((o) => o.code === code)?.label ?? code).join('\n');
}
