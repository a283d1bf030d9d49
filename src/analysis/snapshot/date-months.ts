import type { DateQuestion, Net, Option } from '../../definition/schema.js';

/**
 * A date question as analysis counts it: its periods as options — the months answered, or the
 * years when the answers span more than {@link maxMonths} months — in time order, no nets.
 */
export type PeriodQuestion = DateQuestion & { options: Option[]; nets: Net[]; period: 'month' | 'year' };

/** More distinct months than this are counted by year: a chart or table of 40 months helps nobody. */
export const maxMonths = 36;

const dayMs = 86_400_000;
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** YYYY-MM-DD as days since 1970-01-01 (NaN for anything else): how a date column keeps its answers. */
export function dayNumber(iso: unknown): number {
  if (typeof iso !== 'string') return Number.NaN;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return Number.NaN;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / dayMs;
}

/** Days since 1970-01-01 as YYYY-MM-DD. */
export function isoDay(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

/**
 * The periods the answered dates fall in, and each respondent's period as an index into them
 * (−1 unanswered): months when there are at most {@link maxMonths} distinct ones, else years.
 */
export function periodColumn(question: DateQuestion, days: Float64Array): { question: PeriodQuestion; codes: Int16Array } {
  const monthOf = new Int32Array(days.length).fill(-1);
  const months = new Set<number>();
  for (let i = 0; i < days.length; i++) {
    const day = days[i]!;
    if (Number.isNaN(day)) continue;
    const date = new Date(day * dayMs);
    const month = date.getUTCFullYear() * 12 + date.getUTCMonth();
    monthOf[i] = month;
    months.add(month);
  }
  const byYear = months.size > maxMonths;
  const keyOf = (month: number) => (byYear ? Math.floor(month / 12) : month);
  const keys = [...new Set([...months].map(keyOf))].sort((a, b) => a - b);
  const position = new Map(keys.map((key, k) => [key, k]));
  const codes = new Int16Array(days.length).fill(-1);
  for (let i = 0; i < days.length; i++) if (monthOf[i]! >= 0) codes[i] = position.get(keyOf(monthOf[i]!))!;
  const options: Option[] = keys.map((key) => {
    const year = byYear ? key : Math.floor(key / 12);
    const code = byYear ? String(year) : `${year}-${String((key % 12) + 1).padStart(2, '0')}`;
    return { code, label: byYear ? String(year) : `${monthNames[key % 12]} ${year}`, nonSubstantive: false, exclusive: false };
  });
  return { question: { ...question, options, nets: [], period: byYear ? 'year' : 'month' }, codes };
}
