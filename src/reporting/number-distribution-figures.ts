import { roundHalfUp } from '../analysis/results/round-half-up.js';
import type { DistributionBin, NumberDistribution, SurveyResults } from '../analysis/results/results-model.js';
import type { Question } from '../definition/schema.js';
import type { ReportChart, ReportTable } from './report-model.js';

/**
 * A number question's distribution in a report: a bar per range — the weighted percentage of the
 * base whose answer is in it, rounded as the table shows it — and the same figures as a table
 * (the chart's text alternative). Ranges disclosure control merged are said to be.
 */
export function distributionFigures(question: Question, distribution: NumberDistribution, unit: SurveyResults['unit'], baseText: string): { chart: Extract<ReportChart, { kind: 'bars' }>; table: ReportTable } | null {
  if (distribution.bins.length === 0) return null;
  const last = distribution.bins.length - 1;
  const rows = distribution.bins.map((bin, i) => ({ bin, label: rangeLabel(bin, distribution.integer, i === last), percent: roundHalfUp(bin.percent) }));
  const unitText = question.type === 'number' && question.unit ? ` (${question.unit})` : '';
  const merged = distribution.merged ? ' Ranges with too few respondents to show alone are merged with a neighbour.' : '';
  return {
    chart: {
      kind: 'bars',
      // A grid statement's id is GRID.STATEMENT: a dot is no character of an SVG id.
      id: `question-${question.id.replace(/[_.]/g, '-')}-distribution`,
      title: question.text,
      description: `Percentage of ${unit} whose answer${unitText} is in each range, from the lowest range to the highest.${merged} The same figures are in the table below.`,
      bars: rows.map(({ label, percent }) => ({ label, value: percent })),
    },
    table: {
      caption: `${question.text}: answers by range${unitText} (base: ${baseText})`,
      head: [{ text: 'Range' }, { text: `% of ${unit}`, format: 'numeric' }, { text: 'Count', format: 'numeric' }],
      rows: rows.map(({ bin, label, percent }) => [{ text: label }, { text: `${percent}%`, format: 'numeric' }, { text: String(bin.count), format: 'numeric' }]),
    },
  };
}

/** "0 to 4" (whole numbers: `to` − 1), "7" (one whole number), "0.5 to under 1", and the last of other ranges "2.5 to 3". */
export function rangeLabel(bin: DistributionBin, integer: boolean, last: boolean): string {
  const n = (x: number) => x.toLocaleString('en-GB', { maximumFractionDigits: 10 });
  if (integer) return bin.to - 1 === bin.from ? n(bin.from) : `${n(bin.from)} to ${n(bin.to - 1)}`;
  if (bin.from === bin.to) return n(bin.from);
  return last ? `${n(bin.from)} to ${n(bin.to)}` : `${n(bin.from)} to under ${n(bin.to)}`;
}
