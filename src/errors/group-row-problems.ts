import type { Problem } from './catalogue.js';

/**
 * Folds problems that repeat over rows of a file into one: the same problem (code, message and
 * what was expected) at the same place in each row — `row 2, column type`, `row 3, column type`, …
 * — becomes `rows 2–41, column type`, rows that do not follow on listed apart (`rows 2–5, 9,
 * 12–14`). A file whose every row has the same two mistakes reads as two problems, not 80.
 * Problems not about a row, and those about one row only, stay as they are; the first of each
 * group keeps its place in the list.
 */
export function groupRowProblems(problems: readonly Problem[]): Problem[] {
  const groups = new Map<string, { problem: Problem; place: string; rows: number[] }>();
  const out: Array<Problem | { group: string }> = [];
  for (const problem of problems) {
    const match = /^row (\d+)(.*)$/s.exec(problem.where);
    if (!match) {
      out.push(problem);
      continue;
    }
    const place = match[2]!;
    const key = JSON.stringify([place, problem.code, problem.message, problem.expected ?? null]);
    const group = groups.get(key);
    if (group) group.rows.push(Number(match[1]));
    else {
      groups.set(key, { problem, place, rows: [Number(match[1])] });
      out.push({ group: key });
    }
  }
  return out.map((item) => {
    if (!('group' in item)) return item;
    const { problem, place, rows } = groups.get(item.group)!;
    return rows.length === 1 ? problem : { ...problem, where: `rows ${rowRanges(rows)}${place}` };
  });
}

/** Row numbers as ranges: [2, 3, 4, 5, 9, 12, 13, 14] is "2–5, 9, 12–14" (two in a row are "2, 3"). */
export function rowRanges(rows: readonly number[]): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (j === i) parts.push(String(sorted[i]));
    else if (j === i + 1) parts.push(`${sorted[i]}, ${sorted[j]}`);
    else parts.push(`${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}
