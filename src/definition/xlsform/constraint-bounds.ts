/**
 * XLSForm's `constraint` (an XPath test of the answer `.`) to and from the bounds a Canvass
 * question has, for the forms that mean exactly that: `. >= 0 and . <= 120` on a number,
 * `string-length(.) <= 500` on a text, `count-selected(.) <= 3` on a select_multiple,
 * `. >= date('2024-01-01')` on a date. A strict
 * bound on an integer becomes the next whole number (`. > 40` is `min: 41`); on a decimal it has no
 * Canvass equivalent. Anything else is a {@link ConstraintError}: a constraint is never dropped.
 */
export class ConstraintError extends Error {}

export interface Bounds {
  /** A number's bounds, or a date's (YYYY-MM-DD). */
  min?: number | string;
  max?: number | string;
  maxLength?: number;
  maxSelected?: number;
}

export type ConstraintKind = 'integer' | 'decimal' | 'text' | 'multiple' | 'date' | 'other';

const number = String.raw`(-?(?:\d+(?:\.\d*)?|\.\d+))`;
const ops = String.raw`(<=|>=|<|>)`;
const selfFirst = new RegExp(String.raw`^\.\s*${ops}\s*${number}$`);
const selfLast = new RegExp(String.raw`^${number}\s*${ops}\s*\.$`);
const lengthBound = new RegExp(String.raw`^string-length\(\s*\.\s*\)\s*(<=|<)\s*(\d+)$`);
const countBound = new RegExp(String.raw`^count-selected\(\s*\.\s*\)\s*(<=|<)\s*(\d+)$`);
const dateBound = /^\.\s*(<=|>=)\s*date\(\s*['"](\d{4}-\d{2}-\d{2})['"]\s*\)$/;

export function constraintToBounds(source: string, kind: ConstraintKind, type: string): Bounds {
  const bounds: Bounds = {};
  const unsupported = () =>
    new ConstraintError(
      kind === 'integer' || kind === 'decimal' ? `'${source}' is not supported: Canvass checks a number against a minimum and a maximum (. >= 0 and . <= 120)`
      : kind === 'text' ? `'${source}' is not supported: Canvass checks only a text's length (string-length(.) <= 500)`
      : kind === 'multiple' ? `'${source}' is not supported: Canvass checks only how many are chosen (count-selected(.) <= 3)`
      : kind === 'date' ? `'${source}' is not supported: Canvass checks a date against a first and a last day (. >= date('2024-01-01') and . <= date('2024-12-31'))`
      : `constraints on ${type} questions are not supported`,
    );
  for (const raw of source.trim().split(/\s+and\s+/i)) {
    const part = raw.trim().replace(/^\((.*)\)$/, '$1').trim();
    if (kind === 'integer' || kind === 'decimal') {
      const first = selfFirst.exec(part);
      const last = selfLast.exec(part);
      if (!first && !last) throw unsupported();
      // Written as ". OP N"; "N OP ." turns round.
      const op = first ? first[1]! : { '<': '>', '>': '<', '<=': '>=', '>=': '<=' }[last![2]!]!;
      const value = Number(first ? first[2] : last![1]);
      const strict = op === '<' || op === '>';
      if (strict && (kind === 'decimal' || !Number.isInteger(value))) {
        throw new ConstraintError(`'${part}' is a strict bound on a decimal, which Canvass cannot check (use >= or <=)`);
      }
      if (op.startsWith('>')) bounds.min = Math.max(Number(bounds.min ?? -Infinity), strict ? value + 1 : value);
      else bounds.max = Math.min(Number(bounds.max ?? Infinity), strict ? value - 1 : value);
      continue;
    }
    if (kind === 'date') {
      const match = dateBound.exec(part);
      if (!match) throw unsupported();
      if (match[1] === '>=') bounds.min = match[2]!;
      else bounds.max = match[2]!;
      continue;
    }
    const match = kind === 'text' ? lengthBound.exec(part) : kind === 'multiple' ? countBound.exec(part) : null;
    if (!match) throw unsupported();
    const limit = Number(match[2]) - (match[1] === '<' ? 1 : 0);
    if (kind === 'text') bounds.maxLength = Math.min(bounds.maxLength ?? Infinity, limit);
    else bounds.maxSelected = Math.min(bounds.maxSelected ?? Infinity, limit);
  }
  return bounds;
}

/** The `constraint` that writes these bounds, or '' when there are none. */
export function boundsToConstraint(bounds: Bounds): string {
  const parts: string[] = [];
  const value = (v: number | string) => (typeof v === 'string' ? `date('${v}')` : String(v));
  if (bounds.min !== undefined) parts.push(`. >= ${value(bounds.min)}`);
  if (bounds.max !== undefined) parts.push(`. <= ${value(bounds.max)}`);
  if (bounds.maxLength !== undefined) parts.push(`string-length(.) <= ${bounds.maxLength}`);
  if (bounds.maxSelected !== undefined) parts.push(`count-selected(.) <= ${bounds.maxSelected}`);
  return parts.join(' and ');
}
