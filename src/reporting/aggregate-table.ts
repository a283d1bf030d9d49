import type { Comparison, Estimate, QuestionResult, SurveyResults } from '../analysis/results/results-model.js';
import { analysisDefinition } from '../definition/analysis-questions.js';
import { isChoiceQuestion, type Definition } from '../definition/schema.js';
import type { Table, TableColumn, TableRow } from './table-columns.js';
import { tableToCsv } from './table-csv.js';

/** What a row of the aggregates is: an option of a question, a net of options, or a mean. */
export const figureTypes = ['option', 'net', 'mean'] as const;

/** The group of the rows that are not broken down: everyone within the filter. */
export const allGroup = { key: 'all', label: 'All' } as const;

/**
 * Results as a tidy table, one row per figure: for everyone (group "all") and, with a breakdown,
 * for each group; within those, each option and net of a choice question and the mean of a
 * number question (text questions have no figures). The results come with disclosure control
 * already applied, and a suppressed figure keeps its row, with empty numbers and the reason, so
 * a reader sees that it exists and why it is not shown. Numbers are unrounded.
 *
 * The columns carry code lists taken from the definition (not only the codes that happen to
 * appear), and comparison and change columns only when the results have them.
 */
export function aggregateTable(results: SurveyResults, definition: Definition): Table {
  const scopes = [{ key: allGroup.key, label: allGroup.label, questions: results.questions }, ...(results.groups ?? [])];
  const estimates = scopes.flatMap((s) => s.questions.flatMap((q) => (q.type === 'number' || q.type === 'text' ? [] : [...q.options, ...q.nets])));
  const withComparison = estimates.some((e) => e.comparison !== undefined);
  const withChange = estimates.some((e) => e.change !== undefined);
  const columns = aggregateColumns(results, definition, scopes.map((s) => s.key), { comparison: withComparison, change: withChange });

  const rows: TableRow[] = [];
  for (const scope of scopes) {
    for (const question of scope.questions) {
      const common = {
        survey: results.survey,
        wave: results.wave,
        unit: results.unit,
        filter: results.filter,
        by: results.by,
        group: scope.key,
        group_label: scope.label,
        question_id: question.id,
        question_text: question.text,
      };
      for (const { cells, estimate } of figuresOf(question)) {
        rows.push({
          ...common,
          ...cells,
          ...(withComparison ? comparisonCells('comparison', estimate?.comparison) : {}),
          ...(withChange ? { ...comparisonCells('change', estimate?.change), change_previous_percent: estimate?.change?.previousPercent ?? null } : {}),
        });
      }
    }
  }
  return { columns, rows };
}

/** The aggregates as CSV, for the export and the open-data package. */
export function aggregatesToCsv(results: SurveyResults, definition: Definition): string {
  return tableToCsv(aggregateTable(results, definition));
}

interface Figure {
  cells: TableRow;
  estimate?: Estimate;
}

function figuresOf(question: QuestionResult): Figure[] {
  if (question.type === 'text') return [];
  if (question.type === 'number') {
    const cells: TableRow = {
      figure_type: 'mean',
      code: null,
      label: 'Mean',
      count: null,
      percent: null,
      mean: question.mean,
      se: question.se,
      ci_low: question.ci95?.[0] ?? null,
      ci_high: question.ci95?.[1] ?? null,
      base: question.base,
      weighted_base: question.weightedBase,
      suppressed: question.suppressed,
      reason: question.reason ?? null,
    };
    return [{ cells }];
  }
  const figure = (figureType: 'option' | 'net', e: Estimate): Figure => ({
    cells: {
      figure_type: figureType,
      code: e.code,
      label: e.label,
      count: e.count,
      percent: e.percent,
      mean: null,
      se: e.se,
      ci_low: e.ci95?.[0] ?? null,
      ci_high: e.ci95?.[1] ?? null,
      base: e.base,
      weighted_base: e.weightedBase,
      suppressed: e.suppressed,
      reason: e.reason ?? null,
    },
    estimate: e,
  });
  return [...question.options.map((e) => figure('option', e)), ...question.nets.map((e) => figure('net', e))];
}

function comparisonCells(prefix: 'comparison' | 'change', comparison: Comparison | undefined): Record<string, string | number | null> {
  const tested = comparison && comparison.status !== 'not-tested' ? comparison : undefined;
  return {
    [`${prefix}_against`]: comparison?.against ?? null,
    [`${prefix}_status`]: comparison?.status ?? null,
    [`${prefix}_difference`]: tested?.difference ?? null,
    [`${prefix}_z`]: tested?.z ?? null,
    [`${prefix}_p_value`]: tested?.pValue ?? null,
    [`${prefix}_adjusted_p_value`]: tested?.adjustedPValue ?? null,
    [`${prefix}_reason`]: comparison?.status === 'not-tested' ? comparison.reason : null,
  };
}

function aggregateColumns(results: SurveyResults, definition: Definition, groupKeys: readonly string[], present: { comparison: boolean; change: boolean }): TableColumn[] {
  // As analysis sees the questions: a grid's statements each GRID.STATEMENT; a date's periods (2024-03) come from its results.
  const analysed = analysisDefinition(definition).questions;
  const choice = analysed.filter(isChoiceQuestion);
  const questionIds = analysed.filter((q) => q.type !== 'text').map((q) => q.id);
  const periods = results.questions.flatMap((q) => (q.type === 'date' ? q.options.map((o) => o.code) : []));
  const codes = [...new Set([...choice.flatMap((q) => [...q.options.map((o) => o.code), ...q.nets.map((n) => n.code)]), ...periods])].sort();
  const people = results.unit === 'organisations' ? 'organisations' : 'respondents';
  const percentUnit = 'percentage points';
  const columns: TableColumn[] = [
    { name: 'survey', type: 'string', title: 'Survey', description: 'The id of the survey.', enum: [results.survey], required: true, width: 18 },
    { name: 'wave', type: 'string', title: 'Wave', description: 'The wave of a repeated survey the figures are for; empty for a survey without waves.', width: 8 },
    {
      name: 'unit',
      type: 'string',
      title: 'Unit of analysis',
      description: 'respondents: each respondent counts once; organisations: each organisation counts once (each respondent weighted 1/n of their organisation). "61% of organisations" and "61% of respondents" are different claims.',
      enum: ['respondents', 'organisations'],
      required: true,
      width: 12,
    },
    { name: 'filter', type: 'string', title: 'Filter', description: 'The filter expression the figures are restricted to (for example "gap_confidence in (not-very-confident, not-at-all-confident)"); empty for everyone.', width: 20 },
    { name: 'by', type: 'string', title: 'Breakdown', description: 'The field the groups break down by (org.ATTRIBUTE, an attribute of the survey\'s register, or a single-choice question id); empty without a breakdown.', width: 12 },
    { name: 'group', type: 'string', title: 'Group', description: `The key of the group of the breakdown, or "${allGroup.key}" for everyone within the filter.`, enum: groupKeys, required: true, width: 16 },
    { name: 'group_label', type: 'string', title: 'Group label', description: 'The name of the group.', required: true, width: 20 },
    { name: 'question_id', type: 'string', title: 'Question id', description: 'The id of the question (see the codebook for its codes).', enum: questionIds, required: true, width: 20 },
    { name: 'question_text', type: 'string', title: 'Question', description: 'The question as respondents saw it.', required: true, width: 50 },
    {
      name: 'figure_type',
      type: 'string',
      title: 'Figure type',
      description: 'option: the share choosing one answer; net: the share choosing any of several answers (such as "agree" = strongly agree + agree); mean: the mean of a number question.',
      enum: figureTypes,
      required: true,
      width: 10,
    },
    { name: 'code', type: 'string', title: 'Code', description: 'The code of the option or net within its question (see the codebook); empty for a mean.', ...(codes.length > 0 ? { enum: codes } : {}), width: 22 },
    { name: 'label', type: 'string', title: 'Label', description: 'What the code means; "Mean" for a mean.', required: true, width: 40 },
    { name: 'count', type: 'integer', title: 'Count', description: 'Unweighted number of respondents in the base who gave the answer (or any answer of the net); empty when suppressed or for a mean.', numFmt: '0', width: 8 },
    {
      name: 'percent',
      type: 'number',
      title: 'Percent',
      description: `Design-weighted percentage (0–100, unrounded) of the base, as a share of ${people}; options of a multi-select question add up to more than 100. Empty when suppressed, when the base is empty, or for a mean.`,
      width: 9,
    },
    { name: 'mean', type: 'number', title: 'Mean', description: 'Design-weighted mean of a number question, in its own units; empty otherwise or when suppressed.', width: 9 },
    { name: 'se', type: 'number', title: 'Standard error', description: `Design-based standard error (Taylor linearisation): ${percentUnit} for an option or net, the question's units for a mean.`, width: 9 },
    { name: 'ci_low', type: 'number', title: '95% interval, lower', description: `Lower end of the 95% interval (${results.intervalLabel}), in the figure's units.`, width: 9 },
    { name: 'ci_high', type: 'number', title: '95% interval, upper', description: `Upper end of the 95% interval (${results.intervalLabel}), in the figure's units.`, width: 9 },
    { name: 'base', type: 'integer', title: 'Base', description: 'Unweighted number of respondents the figure is out of: those asked who answered (or gave a substantive answer, by the question\'s base rule), within the filter and group.', numFmt: '0', width: 8 },
    { name: 'weighted_base', type: 'number', title: 'Weighted base', description: 'The base with the design weights applied.', numFmt: '0.0', width: 10 },
    { name: 'suppressed', type: 'boolean', title: 'Suppressed', description: `true when disclosure control withholds the figure (an unweighted base under ${results.minBase}, a complement under ${results.minBase}, or secondary suppression); its numbers are then empty.`, required: true, width: 11 },
    { name: 'reason', type: 'string', title: 'Reason for suppression', description: 'Why the figure is suppressed; empty when it is shown.', width: 40 },
  ];
  const comparisonColumns = (prefix: 'comparison' | 'change', what: string): TableColumn[] => [
    { name: `${prefix}_against`, type: 'string', title: `${what}: against`, description: prefix === 'comparison' ? 'What the group is compared with: "rest" is everyone else within the filter.' : 'The wave the figure is compared with.', width: 12 },
    { name: `${prefix}_status`, type: 'string', title: `${what}: result`, description: 'significant or not-significant at the 5% level (two-sided z test of independent samples), or not-tested (a base under 30, or a figure suppressed or missing).', enum: ['significant', 'not-significant', 'not-tested'], width: 14 },
    { name: `${prefix}_difference`, type: 'number', title: `${what}: difference`, description: `Difference in ${percentUnit}, from unrounded values (this figure minus the other).`, width: 10 },
    { name: `${prefix}_z`, type: 'number', title: `${what}: z`, description: 'z = (p₂ − p₁)/√(V₁ + V₂).', numFmt: '0.00', width: 8 },
    { name: `${prefix}_p_value`, type: 'number', title: `${what}: p-value`, description: 'Two-sided p-value of the z test.', numFmt: '0.0000', width: 10 },
    { name: `${prefix}_adjusted_p_value`, type: 'number', title: `${what}: adjusted p-value`, description: 'The p-value adjusted for multiple comparisons across the question\'s figures, when an adjustment was asked for.', numFmt: '0.0000', width: 10 },
    { name: `${prefix}_reason`, type: 'string', title: `${what}: why not tested`, description: 'Why the difference was not tested; empty when it was.', width: 30 },
  ];
  return [
    ...columns,
    ...(present.comparison ? comparisonColumns('comparison', 'Compared with the rest') : []),
    ...(present.change ? [...comparisonColumns('change', 'Change since the compared wave'), { name: 'change_previous_percent', type: 'number', title: 'Percent in the compared wave', description: 'The same figure in the compared wave (0–100, unrounded).', width: 10 } satisfies TableColumn] : []),
  ];
}
