import { roundHalfUp } from '../analysis/results/round-half-up.js';
import type { Estimate, QuestionResult, SurveyResults } from '../analysis/results/results-model.js';
import { figureOfferedNote, questionOfferedNote } from '../reporting/offered-note.js';

const labelWidth = 58;

/** The results as a readable terminal table: whole percentages, counts, bases and 95% intervals. */
export function formatResultsTable(results: SurveyResults): string {
  const lines: string[] = [];
  lines.push(results.title);
  if (results.data) lines.push(results.data.label);
  if (results.notice) lines.push(`Note: ${results.notice}`);
  lines.push(
    `${results.respondents} respondents at ${results.organisations} organisations` +
      `${results.wave ? ` · wave ${results.wave}` : ''}${results.compareWave ? ` (changes since wave ${results.compareWave})` : ''}` +
      `${results.filter ? ` · filter: ${results.filter}` : ''} · unit: ${results.unit}`,
  );
  lines.push(
    `Design: weights ${results.design.weights}; strata ${results.design.strata}; clusters ${results.design.clusters}; FPC ${results.design.fpc}` +
      `${results.design.raking ? ` (Kish effective size ${roundHalfUp(results.design.raking.effectiveSize, 1)}, design effect ${roundHalfUp(results.design.raking.designEffect, 2)})` : ''}`,
  );
  lines.push(`95% intervals: ${results.intervalLabel}. Figures with a base under ${results.minBase} are suppressed.`);
  lines.push('');
  lines.push(...formatQuestions(results.questions));
  for (const group of results.groups ?? []) {
    lines.push(`=== ${results.by} = ${group.label} (${group.respondents} respondents) ===`, '');
    lines.push(...formatQuestions(group.questions));
  }
  return `${lines.join('\n')}\n`;
}

function formatQuestions(questions: QuestionResult[]): string[] {
  const lines: string[] = [];
  for (const q of questions) {
    const asked = questionOfferedNote(q);
    lines.push(`${q.id}: ${truncate(q.text, 90)} (base ${q.base ?? 'suppressed'}${asked ? `; ${asked}` : ''})`);
    if (q.suppressed) lines.push(`  suppressed: ${q.reason}`);
    else if (q.type === 'text') lines.push(`  ${q.base} written answers (shown to admins only)`);
    else if (q.type === 'number') lines.push(`  mean ${format(q.mean)} · median ${format(q.median)} · min ${format(q.min)} · max ${format(q.max)}`);
    else {
      lines.push(`  ${'answer'.padEnd(labelWidth)} ${'n'.padStart(5)} ${'%'.padStart(5)}   95% CI${q.options.some((o) => o.comparison) ? '     vs rest' : ''}`);
      for (const o of q.options) lines.push(row(o, ''));
      for (const net of q.nets) lines.push(row(net, 'net: '));
      if (q.type === 'multiple') lines.push('  (more than one answer allowed: percentages may add up to more than 100)');
      if (q.dates) lines.push(`  earliest ${q.dates.earliest ?? '–'} · median ${q.dates.median ?? '–'} · latest ${q.dates.latest ?? '–'} (counted by ${q.dates.period})`);
    }
    lines.push('');
  }
  return lines;
}

function row(figure: Estimate, prefix: string): string {
  const percent = figure.percent === null ? '–' : `${roundHalfUp(figure.percent)}%`;
  const ci = figure.ci95 ? `${roundHalfUp(figure.ci95[0])}–${roundHalfUp(figure.ci95[1])}%` : '';
  return `  ${truncate(prefix + figure.label, labelWidth).padEnd(labelWidth)} ${String(figure.count ?? "–").padStart(5)} ${percent.padStart(5)}   ${ci.padEnd(9)}${comparison(figure)}`.trimEnd();
}

function comparison(figure: Estimate): string {
  const offered = figureOfferedNote(figure);
  return [describe(figure.comparison, 'vs rest'), describe(figure.change, 'change'), offered && `  (${offered})`].filter(Boolean).join(' ');
}

function describe(c: Estimate['comparison'], what: string): string {
  if (!c) return '';
  if (what === 'change' && c.status === 'not-tested') return `  ${what}: not tested`;
  if (c.status === 'not-tested') return '  not tested';
  const sign = c.difference > 0 ? '+' : '';
  return `  ${what === 'change' ? `${what}: ` : ''}${sign}${roundHalfUp(c.difference)} pts${c.status === 'significant' ? ' (significant)' : ''}`;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

function format(value: number | null): string {
  return value === null ? '–' : String(roundHalfUp(value, 2));
}
