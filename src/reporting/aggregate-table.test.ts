import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ChoiceQuestionResult, SurveyResults } from '../analysis/results/results-model.js';
import { exportDefinition, exportResults, suppressionReason } from '../../test/support/export-fixtures.js';
import { aggregateTable, aggregatesToCsv } from './aggregate-table.js';

const table = aggregateTable(exportResults, exportDefinition);
const rowsOf = (group: string, question: string) => table.rows.filter((r) => r.group === group && r.question_id === question);

describe('aggregateTable', () => {
  it('has one row per option and net of each choice question and one per mean, for everyone and then each group; text questions have none', () => {
    const figures = (questions: SurveyResults['questions']) =>
      questions.flatMap((q) => (q.type === 'text' ? [] : q.type === 'number' ? [`${q.id}:mean`] : [...q.options.map((o) => `${q.id}:option:${o.code}`), ...q.nets.map((n) => `${q.id}:net:${n.code}`)]));
    const expected = [
      ...figures(exportResults.questions).map((f) => `all|${f}`),
      ...exportResults.groups!.flatMap((g) => figures(g.questions).map((f) => `${g.key}|${f}`)),
    ];
    const actual = table.rows.map((r) => `${r.group}|${r.question_id}:${r.figure_type}${r.figure_type === 'mean' ? '' : `:${r.code}`}`);
    expect(actual).toEqual(expected);
    expect(table.rows.some((r) => r.question_id === 'note')).toBe(false);
  });

  it('copies each figure unrounded, with its interval, bases and the survey, filter, breakdown and unit', () => {
    const tool = exportResults.questions[0] as ChoiceQuestionResult;
    const chat = tool.options[1]!;
    expect(rowsOf('all', 'tool')[1]).toMatchObject({
      survey: 'demo',
      wave: null,
      unit: 'respondents',
      filter: 'staff >= 1',
      by: 'org.nation',
      group_label: 'All',
      question_text: tool.text,
      figure_type: 'option',
      code: 'chat',
      label: 'Chat',
      count: chat.count,
      percent: chat.percent,
      mean: null,
      se: chat.se,
      ci_low: chat.ci95![0],
      ci_high: chat.ci95![1],
      base: chat.base,
      weighted_base: chat.weightedBase,
      suppressed: false,
      reason: null,
    });
    expect(chat.percent! % 1).not.toBe(0);
  });

  it('gives a number question one mean row, with its interval and no count or percent', () => {
    const [mean] = rowsOf('all', 'staff');
    expect(mean).toMatchObject({ figure_type: 'mean', code: null, label: 'Mean', count: null, percent: null, mean: 12.25, se: 1.5, ci_low: 9.3, ci_high: 15.2, base: 120 });
  });

  it('keeps a suppressed figure as a row with empty numbers and the reason', () => {
    const wales = rowsOf('Wales', 'agree');
    expect(wales.map((r) => r.code)).toEqual(['strongly-agree', 'agree', 'disagree', 'agreeing']);
    for (const row of [...wales, ...rowsOf('Wales', 'staff')]) {
      expect(row).toMatchObject({ group_label: 'Wales', suppressed: true, reason: suppressionReason, count: null, percent: null, se: null, ci_low: null, ci_high: null, base: null, weighted_base: null });
    }
  });

  it('adds comparison columns when the results compare groups, filled for tested figures only', () => {
    expect(table.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['comparison_against', 'comparison_status', 'comparison_difference', 'comparison_p_value']));
    expect(rowsOf('England', 'tool')[0]).toMatchObject({ comparison_against: 'rest', comparison_status: 'significant', comparison_difference: 10.25, comparison_z: 2.1, comparison_p_value: 0.0357, comparison_reason: null });
    expect(rowsOf('all', 'tool')[0]).toMatchObject({ comparison_against: null, comparison_status: null, comparison_difference: null });
  });

  it('has no comparison or change columns when the results have neither', () => {
    const topline: SurveyResults = { ...exportResults, by: null, groups: undefined };
    const names = aggregateTable(topline, exportDefinition).columns.map((c) => c.name);
    expect(names.filter((n) => n.startsWith('comparison_') || n.startsWith('change_'))).toEqual([]);
    expect(aggregateTable(topline, exportDefinition).rows.every((r) => r.group === 'all' && r.by === null)).toBe(true);
  });

  it('adds change columns for a compared wave, with the earlier percent and why a change was not tested', () => {
    const tool = exportResults.questions[0] as ChoiceQuestionResult;
    const changed: SurveyResults = {
      ...exportResults,
      by: null,
      groups: undefined,
      compareWave: '2016',
      questions: [
        {
          ...tool,
          options: [
            { ...tool.options[0]!, change: { against: 'wave 2016', status: 'not-significant', difference: -1.5, z: -0.3, pValue: 0.76, previousPercent: 26.5 } },
            { ...tool.options[1]!, change: { against: 'wave 2016', status: 'not-tested', reason: 'not asked in that wave', previousPercent: null } },
            tool.options[2]!,
          ],
        },
        ...exportResults.questions.slice(1),
      ],
    };
    const rows = aggregateTable(changed, exportDefinition).rows;
    expect(rows[0]).toMatchObject({ change_against: 'wave 2016', change_status: 'not-significant', change_difference: -1.5, change_p_value: 0.76, change_previous_percent: 26.5, change_reason: null });
    expect(rows[1]).toMatchObject({ change_status: 'not-tested', change_difference: null, change_previous_percent: null, change_reason: 'not asked in that wave' });
    expect(rows[2]).toMatchObject({ change_status: null });
  });

  it('declares code lists taken from the definition, and every value in the table is in its list', () => {
    const enumOf = (name: string) => table.columns.find((c) => c.name === name)!.enum;
    expect(enumOf('question_id')).toEqual(['tool', 'agree', 'staff']);
    expect(enumOf('code')).toEqual(['agree', 'agreeing', 'chat', 'disagree', 'dont-know', 'email', 'strongly-agree']);
    expect(enumOf('group')).toEqual(['all', 'England', 'Wales']);
    for (const column of table.columns.filter((c) => c.enum)) {
      for (const row of table.rows) if (row[column.name] !== null) expect(column.enum, column.name).toContain(row[column.name]);
    }
  });
});

describe('aggregatesToCsv', () => {
  const [header, ...rows] = parse(aggregatesToCsv(exportResults, exportDefinition)) as string[][];
  const cell = (row: string[], name: string) => row[header!.indexOf(name)];

  it('writes the columns as the header and one line per row', () => {
    expect(header).toEqual(table.columns.map((c) => c.name));
    expect(rows).toHaveLength(table.rows.length);
  });

  it('writes numbers in full, booleans as true/false and a suppressed figure with empty numbers and its reason', () => {
    const chat = (exportResults.questions[0] as ChoiceQuestionResult).options[1]!;
    expect(Number(cell(rows[1]!, 'percent'))).toBe(chat.percent);
    expect(cell(rows[1]!, 'suppressed')).toBe('false');
    const wales = rows.find((r) => cell(r, 'group') === 'Wales')!;
    expect([cell(wales, 'count'), cell(wales, 'percent'), cell(wales, 'se'), cell(wales, 'base'), cell(wales, 'suppressed'), cell(wales, 'reason')]).toEqual(['', '', '', '', 'true', suppressionReason]);
  });

  it('neutralises a label a spreadsheet would run as a formula', () => {
    expect(cell(rows[0]!, 'label')).toBe('\'=HYPERLINK("http://example.com","Email")');
  });
});
