import { roundHalfUp } from '../analysis/results/round-half-up.js';
import type { ChoiceQuestionResult, Estimate, QuestionResult, SurveyResults } from '../analysis/results/results-model.js';
import { analysisDefinition, findAnalysedQuestion, gridStatementOf } from '../definition/analysis-questions.js';
import type { Definition, Question } from '../definition/schema.js';
import { describeCondition } from './describe-condition.js';
import { reportMessages } from './report-messages.js';
import { questionFindings, type Finding } from './finding-sentences.js';
import { figureOfferedNote, questionOfferedNote } from './offered-note.js';
import { distributionFigures } from './number-distribution-figures.js';
import type { MethodologyItem, ReportChart, ReportSection, ReportTable, SurveyReport, TableCell } from './report-model.js';

export interface SurveyReportOptions {
  /** Labels of organisation attribute values (organisation types), for conditions in words. */
  attributeLabels?: Readonly<Record<string, string>>;
  /** When the responses were submitted, against the stated fieldwork dates (see fieldworkDatesOf): the methodology warns of any outside them. */
  submissions?: SubmissionsAgainstFieldwork;
  /** The language of the definition's texts (see definition/localise-definition.ts); English when absent. */
  language?: string;
}

/** How many responses were submitted before and after the stated fieldwork, of how many, and the first and last times (ISO 8601). */
export interface SubmissionsAgainstFieldwork {
  responses: number;
  before: number;
  after: number;
  first: string | null;
  last: string | null;
}

/**
 * The report of a survey's results (disclosure control already applied): title and fieldwork,
 * key findings as sentences, a section per question with its findings, a chart and the same
 * figures in a table, and the methodology. Pure: charts are described here and drawn later.
 */
export function buildSurveyReport(definition: Definition, results: SurveyResults, options: SurveyReportOptions = {}): SurveyReport {
  const labels = options.attributeLabels ?? {};
  const filter = results.filter ? { source: results.filter, words: describeCondition(results.filter, definition, labels) } : null;
  const sections = results.questions.map((result) => section(definition, questionOf(definition, result.id), result, results, labels));
  chartGridsTogether(definition, results, sections);
  return {
    kind: 'survey',
    surveyId: results.survey,
    ...(options.language !== undefined && options.language !== 'en' ? { language: options.language } : {}),
    title: results.title,
    subtitle: filter ? `Findings for ${filter.words}` : reportMessages(options.language).findings,
    description: definition.description ?? null,
    notice: results.notice,
    publisher: definition.publisher ?? null,
    fieldwork: fieldworkOf(definition, results.wave),
    wave: results.wave,
    respondents: results.respondents,
    organisations: results.organisations,
    filter,
    unit: results.unit,
    keyFindings: keyFindings(definition, sections),
    sections,
    methodology: [...methodology(definition, results), ...fieldworkWarning(definition, results.wave, options.submissions)],
  };
}

/**
 * The headline of each question: the figure its definition names as `headline`, else its first
 * finding (its first net, or its most chosen substantive answer).
 */
function keyFindings(definition: Definition, sections: readonly ReportSection[]): Finding[] {
  return sections.flatMap((s) => {
    const headline = questionOf(definition, s.id);
    const figures = s.findings.filter((f) => f.kind !== 'text' && f.kind !== 'suppressed');
    const chosen = ('headline' in headline && headline.headline !== undefined ? figures.find((f) => f.code === headline.headline) : undefined) ?? figures[0];
    return chosen ? [chosen] : [];
  });
}

function section(definition: Definition, question: Question, result: QuestionResult, results: SurveyResults, labels: Readonly<Record<string, string>>): ReportSection {
  const baseText = baseDescription(definition, question, result, results, labels);
  const findings = questionFindings(question, result, { unit: results.unit, baseDescription: baseText });
  const asked = questionOfferedNote(result);
  const published = asPublishedNote(result.asPublishedIn, results.unit);
  const note = [asked && `This question was ${asked}.`, published].filter(Boolean).join(' ') || published;
  const common = { id: question.id, heading: question.text, baseText, findings, note };
  if (result.suppressed) return { ...common, typeNote: typeNotes[question.type], chart: null, table: null, suppressed: result.reason ?? 'disclosure control' };
  if (result.type === 'text') return { ...common, typeNote: typeNotes.text, chart: null, table: null, suppressed: null };
  if (result.type === 'number') {
    // No lowest or highest answer: a report is for publishing, and each is one respondent's answer.
    const rows: TableCell[][] = [
      [{ text: 'Mean' }, numeric(result.mean, 1), numeric(result.ci95?.[0] ?? null, 1, result.ci95?.[1] ?? null)],
      [{ text: 'Median' }, numeric(result.median, 1), { text: '' }],
    ];
    const distribution = result.distribution ? distributionFigures(question, result.distribution, results.unit, baseText) : null;
    return {
      ...common,
      typeNote: typeNotes.number,
      chart: distribution?.chart ?? null,
      chartTable: distribution?.table ?? null,
      table: { caption: `${question.text} (base: ${baseText})`, head: [{ text: 'Statistic' }, { text: 'Value', format: 'numeric' }, { text: '95% interval', format: 'numeric' }], rows },
      suppressed: null,
    };
  }
  const chart = choiceChart(question, result, results.unit);
  return { ...common, typeNote: typeNotes[result.type], chart: chart.bars.some((b) => b.value !== null) ? chart : null, table: choiceTable(question, result, baseText, results), suppressed: null };
}

const typeNotes = {
  single: 'One answer per respondent.',
  scale: 'One answer per respondent, on a scale.',
  multiple: 'More than one answer could be given, so percentages may add up to more than 100.',
  number: 'A number per respondent.',
  text: 'Written answers are read by the survey team and never published.',
  grid: 'One answer per statement, on a scale.',
  date: 'A date per respondent, counted by the month (or year) it falls in.',
} as const satisfies Record<Question['type'], string>;

/** Options then nets, in the definition's order, as the table lists them. */
function figuresOf(result: ChoiceQuestionResult): Array<{ estimate: Estimate; net: boolean }> {
  return [...result.options.map((estimate) => ({ estimate, net: false })), ...result.nets.map((estimate) => ({ estimate, net: true }))];
}

function figureLabel(estimate: Estimate, net: boolean): string {
  return net ? `Net: ${estimate.label}` : estimate.label;
}

/** The chart shows exactly the table's numbers: the same rounding of the same estimates. */
function choiceChart(question: Question, result: ChoiceQuestionResult, unit: string): Extract<ReportChart, { kind: 'bars' }> {
  return {
    kind: 'bars',
    // A grid statement's id is GRID.STATEMENT: a dot is no character of an SVG id.
    id: `question-${question.id.replace(/[_.]/g, '-')}-chart`,
    title: question.text,
    description: `Percentage of ${unit} giving each answer, with 95% intervals. The same figures are in the table below.`,
    bars: figuresOf(result).map(({ estimate, net }) => ({
      label: figureLabel(estimate, net),
      value: estimate.percent === null ? null : roundHalfUp(estimate.percent),
      ...(estimate.ci95 ? { low: roundHalfUp(estimate.ci95[0]), high: roundHalfUp(estimate.ci95[1]) } : {}),
    })),
  };
}

function choiceTable(question: Question, result: ChoiceQuestionResult, baseText: string, results: SurveyResults): ReportTable {
  const withChange = result.options.some((o) => o.change) || result.nets.some((n) => n.change);
  const head: TableCell[] = [
    { text: 'Answer' },
    { text: `% of ${results.unit}`, format: 'numeric' },
    { text: '95% interval', format: 'numeric' },
    { text: 'Count', format: 'numeric' },
    ...(withChange ? [{ text: `Change since ${results.compareWave ?? 'previous wave'}`, format: 'numeric' as const }] : []),
  ];
  const rows = figuresOf(result).map(({ estimate, net }): TableCell[] => {
    const offered = figureOfferedNote(estimate);
    const label = offered ? `${figureLabel(estimate, net)} (${offered})` : figureLabel(estimate, net);
    if (estimate.suppressed) return [{ text: label }, { text: 'Suppressed', format: 'numeric' }, { text: estimate.reason ?? '' }, { text: '' }, ...(withChange ? [{ text: '' }] : [])];
    return [
      { text: label },
      estimate.percent === null ? { text: 'no base', format: 'numeric' } : { text: `${roundHalfUp(estimate.percent)}%`, format: 'numeric' },
      estimate.ci95 ? { text: `${roundHalfUp(estimate.ci95[0])}% to ${roundHalfUp(estimate.ci95[1])}%`, format: 'numeric' } : { text: '', format: 'numeric' },
      { text: estimate.count === null ? '' : String(estimate.count), format: 'numeric' },
      ...(withChange ? [{ text: changeText(estimate), format: 'numeric' as const }] : []),
    ];
  });
  return { caption: `${question.text} (base: ${baseText})`, head, rows };
}

function changeText(estimate: Estimate): string {
  const change = estimate.change;
  if (!change) return '';
  if (change.status === 'not-tested') return 'not tested';
  const points = roundHalfUp(change.difference);
  return `${points > 0 ? '+' : ''}${points} ${Math.abs(points) === 1 ? 'point' : 'points'}${change.status === 'significant' ? ' (significant)' : ' (not significant)'}`;
}

function numeric(value: number | null, digits: number, upper: number | null = null): TableCell {
  if (value === null) return { text: '', format: 'numeric' };
  const text = roundHalfUp(value, digits).toLocaleString('en-GB');
  return { text: upper === null ? text : `${text} to ${roundHalfUp(upper, digits).toLocaleString('en-GB')}`, format: 'numeric' };
}

/**
 * Who a question's figures are of, in words, with the number: "all 235 respondents", "the 143
 * respondents asked: those who answered “Yes” to …" (a required question), "the 67 respondents who
 * answered, of those asked: …" (an optional one), "the 220 respondents who answered".
 */
export function baseDescription(definition: Definition, question: Question, result: QuestionResult, results: SurveyResults, labels: Readonly<Record<string, string>>): string {
  if (result.base === null) return 'not shown (suppressed)';
  const who = results.filter ? `respondents in this report` : 'respondents';
  const base = result.base.toLocaleString('en-GB');
  const substantive = question.base === 'substantive' ? ', not counting “Don’t know” answers' : '';
  // A required question's base is everyone asked; an optional one's only those of them who answered.
  if (question.showIf) return `the ${base} ${who} ${question.required ? 'asked' : 'who answered, of those asked'}: ${describeCondition(question.showIf, definition, labels)}${substantive}`;
  if (result.base === results.respondents) return `all ${base} ${who}${substantive}`;
  return `the ${base} ${who} who answered${substantive}`;
}

/**
 * A grid's statements are charted together: the first statement's section carries one chart with
 * a bar per statement — the percentage in the grid's headline net (else its first net, else its
 * first option) — and every statement keeps its own table.
 */
function chartGridsTogether(definition: Definition, results: SurveyResults, sections: ReportSection[]): void {
  const byId = new Map(results.questions.map((r) => [r.id, r]));
  const grids = new Map<string, Array<{ section: ReportSection; result: ChoiceQuestionResult; statement: string }>>();
  for (const section of sections) {
    const question = analysisDefinition(definition).questions.find((q) => q.id === section.id);
    const of = question && gridStatementOf(question);
    const result = byId.get(section.id);
    if (!of || !result || result.type === 'number' || result.type === 'text') continue;
    const list = grids.get(of.grid.id) ?? [];
    list.push({ section, result, statement: of.statement.text });
    grids.set(of.grid.id, list);
  }
  for (const [id, statements] of grids) {
    const grid = definition.questions.find((q) => q.id === id);
    if (grid?.type !== 'grid') continue;
    const code = grid.headline ?? grid.nets[0]?.code ?? grid.options[0]!.code;
    const label = [...grid.nets, ...grid.options].find((f) => f.code === code)!.label;
    const bars = statements.map(({ result, statement }) => {
      const estimate = [...result.nets, ...result.options].find((e) => e.code === code);
      const shown = estimate && !estimate.suppressed && estimate.percent !== null ? estimate : undefined;
      return { label: statement, value: shown ? roundHalfUp(shown.percent!) : null, ...(shown?.ci95 ? { low: roundHalfUp(shown.ci95[0]), high: roundHalfUp(shown.ci95[1]) } : {}) };
    });
    statements.forEach(({ section }) => (section.chart = null));
    if (bars.some((b) => b.value !== null)) {
      statements[0]!.section.chart = {
        kind: 'bars',
        id: `question-${grid.id.replace(/_/g, '-')}-chart`,
        title: `${grid.text} (${label})`,
        description: `Percentage of ${results.unit} answering “${label}” for each statement, with 95% intervals. The same figures are in each statement's table below.`,
        bars,
      };
    }
  }
}

function questionOf(definition: Definition, id: string): Question {
  const question = findAnalysedQuestion(definition, id);
  if (!question) throw new Error(`results name question ${id}, which the definition does not have`);
  return question;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The stated fieldwork dates (YYYY-MM-DD): the wave's when it has them, else the survey's; undefined when none are stated. */
export function fieldworkDatesOf(definition: Definition, wave: string | null): { start: string; end: string } | undefined {
  return (wave ? definition.waves?.find((w) => w.id === wave)?.fieldwork : undefined) ?? definition.fieldwork;
}

/** Fieldwork dates in words: "9 January 2017 to 24 February 2017", from the wave's dates when it has them. */
export function fieldworkOf(definition: Definition, wave: string | null): string | null {
  const dates = fieldworkDatesOf(definition, wave);
  if (!dates) return null;
  return `${dateFormat.format(new Date(`${dates.start}T00:00:00Z`))} to ${dateFormat.format(new Date(`${dates.end}T00:00:00Z`))}`;
}

/**
 * A warning when responses were submitted outside the stated fieldwork: the dates a report
 * prints are the definition's, and readers take them as when the answers were given.
 */
function fieldworkWarning(definition: Definition, wave: string | null, submissions: SubmissionsAgainstFieldwork | undefined): MethodologyItem[] {
  const stated = fieldworkOf(definition, wave);
  if (!stated || !submissions || submissions.before + submissions.after === 0) return [];
  const outside = submissions.before + submissions.after;
  const sides = [submissions.before > 0 ? `${submissions.before.toLocaleString('en-GB')} before it` : '', submissions.after > 0 ? `${submissions.after.toLocaleString('en-GB')} after it` : ''].filter(Boolean).join(' and ');
  const span = submissions.first && submissions.last ? `; responses are dated ${dateFormat.format(new Date(submissions.first))} to ${dateFormat.format(new Date(submissions.last))}` : '';
  const all = outside === submissions.responses ? (outside === 1 ? 'The only response was' : `All ${outside.toLocaleString('en-GB')} responses were`) : `${outside.toLocaleString('en-GB')} of ${submissions.responses.toLocaleString('en-GB')} responses were`;
  return [{ key: 'Warning: fieldwork dates', value: `${all} submitted outside the stated fieldwork (${stated}): ${sides}${span}. Check the dates before relying on them.` }];
}

function methodology(definition: Definition, results: SurveyResults): MethodologyItem[] {
  const items: MethodologyItem[] = [
    { key: 'Respondents', value: `${results.respondents.toLocaleString('en-GB')} respondents at ${results.organisations.toLocaleString('en-GB')} organisations${results.wave ? ` (wave ${results.wave})` : ''}.` },
    { key: 'Bases', value: 'Every percentage is of the respondents asked the question who answered it (its base, given beside each figure); “Don’t know” answers count in the base unless a question says otherwise.' },
    {
      key: 'Unit of analysis',
      value: results.unit === 'respondents' ? 'Respondents: each respondent counts once, so percentages are “of respondents”.' : 'Organisations: each organisation counts once, whatever its number of respondents, so percentages are “of organisations”.',
    },
    { key: 'Weighting and design', value: designText(results) },
    { key: 'Intervals', value: `95% intervals: ${results.intervalLabel}. Differences are tested only where both bases are at least 30; otherwise they are marked “not tested”.` },
    {
      key: 'Disclosure control',
      value: `A figure is shown only when its unweighted base is at least ${results.minBase}; complementary and secondary suppression stop a hidden figure being recovered by subtraction. Suppressed figures say why.`,
    },
    { key: 'Rounding', value: 'Percentages are rounded half-up to whole numbers from unrounded values, for display only; they may not add up to 100.' },
  ];
  if (results.filter) items.push({ key: 'Filter', value: `This report describes ${describeCondition(results.filter, definition)} (filter: ${results.filter}).` });
  if (results.compareWave) items.push({ key: 'Change', value: `Changes are since wave ${results.compareWave}, questions matched by id; z-tests of two independent samples.` });
  if (results.notice) items.push({ key: 'About the data', value: results.notice });
  return items;
}

function designText(results: SurveyResults): string {
  const d = results.design;
  const raking = d.raking
    ? ` Weights raked to ${d.raking.margins.join(', ')} (${d.raking.iterations} iterations${d.raking.converged ? '' : ', not converged'}); Kish effective sample size ${roundHalfUp(d.raking.effectiveSize, 1)}, design effect ${roundHalfUp(d.raking.designEffect, 2)}.`
    : '';
  return `Design-based estimates (Taylor linearisation): weights ${d.weights}; strata ${d.strata}; clusters ${d.clusters}; finite population correction ${d.fpc}.${raking}`;
}

/** The note on figures shown as an earlier release published them (see EarlierFigures in the disclosure layer). */
export function asPublishedNote(release: number | undefined, unit: string): string | null {
  if (release === undefined) return null;
  return `These figures are as published in release ${release}: too few ${unit} have been added since to publish new ones without revealing their answers.`;
}
