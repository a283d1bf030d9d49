import { roundHalfUp } from '../analysis/results/round-half-up.js';
import type { Estimate, QuestionResult, SurveyResults } from '../analysis/results/results-model.js';

const labelWidth = 38;
const minColumn = 7;
const maxColumn = 11;

/**
 * Results broken down (`canvass results --by X`) as one compact cross-tab per question: a row per
 * option and net, a column for everyone and one per group, whole percentages; a base row above;
 * `*` marks a group's figure significantly different from the rest, `–` one not shown. Groups
 * whose names are too long for their column are listed in full above the tables.
 */
export function formatResultsCrosstab(results: SurveyResults): string {
  const groups = results.groups ?? [];
  const columns = [{ label: 'All', respondents: results.respondents }, ...groups.map((g) => ({ label: g.label, respondents: g.respondents }))];
  const widths = columns.map((c) => Math.max(minColumn, Math.min(maxColumn, c.label.length + 1)));
  const lines: string[] = [];
  lines.push(results.title);
  if (results.data) lines.push(results.data.label);
  if (results.notice) lines.push(`Note: ${results.notice}`);
  lines.push(`${results.respondents} respondents at ${results.organisations} organisations${results.wave ? ` · wave ${results.wave}` : ''}${results.filter ? ` · filter: ${results.filter}` : ''} · unit: ${results.unit} · by ${results.by}`);
  lines.push(`95% intervals: ${results.intervalLabel} (in --json). Figures with a base under ${results.minBase} are suppressed (–); * differs significantly from the rest of the respondents.`);
  const cut = columns.filter((c, i) => c.label.length + 1 > widths[i]!);
  if (cut.length > 0) lines.push(`Groups: ${groups.map((g) => `${g.label} (${g.respondents})`).join('; ')}`);
  lines.push('', `${''.padEnd(labelWidth)}${columns.map((c, i) => cell(c.label, widths[i]!)).join('')}`);
  for (const q of results.questions) {
    // Matched by id: a question broken down by itself has no figures in the groups (left blank).
    const inGroups = groups.map((g) => g.questions.find((x) => x.id === q.id));
    lines.push('', `${q.id}: ${truncate(q.text, 100)}`);
    lines.push(row('base', [q, ...inGroups].map((x) => (x === undefined ? '' : x.base === null ? '–' : String(x.base))), widths));
    if (q.type === 'text') continue;
    if (q.type === 'number') {
      for (const [name, of] of [
        ['mean', (x: QuestionResult) => (x.type === 'number' ? x.mean : null)],
        ['median', (x: QuestionResult) => (x.type === 'number' ? x.median : null)],
      ] as const) {
        lines.push(row(name, [q, ...inGroups].map((x) => (x === undefined ? '' : x.suppressed ? '–' : number(of(x)))), widths));
      }
      continue;
    }
    const figures = [...q.options.map((o) => ({ code: o.code, label: o.label, kind: 'options' as const })), ...q.nets.map((n) => ({ code: n.code, label: `net: ${n.label}`, kind: 'nets' as const }))];
    for (const figure of figures) {
      const cells = [q, ...inGroups].map((x) => {
        if (x === undefined) return '';
        if (x.type === 'number' || x.type === 'text') return '–';
        return percent(x[figure.kind].find((e) => e.code === figure.code));
      });
      lines.push(row(figure.label, cells, widths));
    }
    if (q.type === 'multiple') lines.push('  (more than one answer allowed: percentages may add up to more than 100)');
  }
  return `${lines.join('\n')}\n`;
}

function percent(e: Estimate | undefined): string {
  if (!e || e.suppressed || e.percent === null) return '–';
  return `${roundHalfUp(e.percent)}%${e.comparison?.status === 'significant' ? '*' : ''}`;
}

function number(value: number | null): string {
  return value === null ? '–' : String(roundHalfUp(value, 1));
}

function row(label: string, cells: readonly string[], widths: readonly number[]): string {
  return `  ${truncate(label, labelWidth - 2).padEnd(labelWidth - 2)}${cells.map((c, i) => cell(c, widths[i]!)).join('')}`.trimEnd();
}

function cell(text: string, width: number): string {
  return truncate(text, width - 1).padStart(width);
}

function truncate(text: string, width: number): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length <= width ? one : `${one.slice(0, width - 1)}…`;
}
