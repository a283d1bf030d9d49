import { checkFindingTemplate } from '../finding-template.js';
import type { Problem } from '../../errors/catalogue.js';
import type { DateQuestion } from '../schema.js';
import { invalid, isBlank, unanswered, type ParsedAnswer, type QuestionTypeModule } from './question-type.js';

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A date as people read it: 5 March 2024 (GOV.UK style). */
export function longDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return `${day} ${months[month - 1]} ${year}`;
}

/** A month as people read it: March 2024, from YYYY-MM. */
export function longMonth(isoMonth: string): string {
  const [year, month] = isoMonth.split('-').map(Number) as [number, number];
  return `${months[month - 1]} ${year}`;
}

/** Whether year, month and day (numbers) make a real date of the Gregorian calendar, years 1000–9999. */
function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const parts = ['day', 'month', 'year'] as const;
export type DatePart = (typeof parts)[number];

/** A problem of a date input: its message is GOV.UK's wording, and `parts` names the fields to mark. */
export interface DateProblem extends Problem {
  parts?: DatePart[];
}

function dateProblem(where: string, code: string, message: string, fields: DatePart[], expected: string): ParsedAnswer {
  const problem: DateProblem = { where, code, message, expected, parts: fields };
  return { value: undefined, problems: [problem] };
}

function listParts(missing: DatePart[]): string {
  return missing.length === 1 ? missing[0]! : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
}

/**
 * A date: YYYY-MM-DD from the API, a file or storage, or `{ day, month, year }` from the GOV.UK
 * date input. Messages are the design system's ("Date must include a month", "Date must be a real
 * date", "Date must be the same as or after 1 January 2020").
 */
export const dateType: QuestionTypeModule<DateQuestion> = {
  parseAnswer(question, raw, where) {
    if (isBlank(raw)) return unanswered();
    let year: number;
    let month: number;
    let day: number;
    if (typeof raw === 'string') {
      const match = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(raw);
      if (!match) return invalid(where, 'not-a-date', `'${raw}' is not a date written YYYY-MM-DD`, expectedDate(question));
      [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    } else if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      const given = raw as Record<string, unknown>;
      const text = (part: DatePart) => (Object.hasOwn(given, part) && typeof given[part] === 'string' ? (given[part] as string).trim() : Object.hasOwn(given, part) && typeof given[part] === 'number' ? String(given[part]) : '');
      const values = parts.map(text);
      if (values.every((v) => v === '')) return unanswered();
      const missing = parts.filter((_, k) => values[k] === '');
      if (missing.length > 0) return dateProblem(where, 'date-incomplete', `Date must include a ${listParts(missing)}`, missing, expectedDate(question));
      const notNumbers = parts.filter((_, k) => !/^\d{1,4}$/.test(values[k]!));
      if (notNumbers.length > 0) return dateProblem(where, 'not-a-date', 'Date must be a real date', notNumbers, expectedDate(question));
      [day, month, year] = values.map(Number) as [number, number, number];
      if (values[2]!.length !== 4) return dateProblem(where, 'not-a-date', 'Year must include 4 numbers', ['year'], expectedDate(question));
    } else {
      return invalid(where, 'wrong-type', `'${question.id}' takes a date written YYYY-MM-DD, not ${Array.isArray(raw) ? 'a list' : typeof raw}`, expectedDate(question));
    }
    if (!isRealDate(year, month, day)) return dateProblem(where, 'not-a-date', 'Date must be a real date', [...parts], expectedDate(question));
    const value = iso(year, month, day);
    if (question.min !== undefined && value < question.min) return dateProblem(where, 'date-too-early', `Date must be the same as or after ${longDate(question.min)}`, [...parts], expectedDate(question));
    if (question.max !== undefined && value > question.max) return dateProblem(where, 'date-too-late', `Date must be the same as or before ${longDate(question.max)}`, [...parts], expectedDate(question));
    return { value, problems: [] };
  },
  fromCell: (_question, cell) => cell,
  toCell: (_question, answer) => String(answer),
  expected: expectedDate,
  checkDefinition(question, where) {
    const problems: Problem[] = [];
    for (const bound of ['min', 'max'] as const) {
      const value = question[bound];
      if (value !== undefined && !isIsoDate(value)) problems.push({ where: `${where}.${bound}`, code: 'not-a-date', message: `${bound} '${value}' is not a real date`, expected: 'a date written YYYY-MM-DD, like 2024-03-31' });
    }
    if (question.min !== undefined && question.max !== undefined && question.min > question.max) {
      problems.push({ where, code: 'empty-range', message: `min ${question.min} is after max ${question.max}`, expected: 'min on or before max' });
    }
    if (question.finding !== undefined) problems.push(...checkFindingTemplate(question.finding, `${where}.finding`, 'question'));
    return problems;
  },
};

function expectedDate(question: DateQuestion): string {
  const bounds = question.min !== undefined && question.max !== undefined ? ` from ${question.min} to ${question.max}` : question.min !== undefined ? ` on or after ${question.min}` : question.max !== undefined ? ` on or before ${question.max}` : '';
  return `a date written YYYY-MM-DD${bounds}`;
}
