import { roundHalfUp } from '../analysis/results/round-half-up.js';
import type { ChoiceQuestionResult, Estimate, QuestionResult, SurveyResults } from '../analysis/results/results-model.js';
import { analysisDefinition, findAnalysedQuestion, gridStatementOf } from '../definition/analysis-questions.js';
import type { Definition, Question } from '../definition/schema.js';
import { describeCondition } from './describe-condition.js';
import { reportMessages } from './report-messages.js';
import { reportTexts, type ReportTexts } from './report-texts.js';
import { questionFindings, type Finding } from './finding-sentences.js';
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
  const t = reportTexts(options.language);
  const filter = results.filter ? { source: results.filter, words: describeCondition(results.filter, definition, labels, t.condition) } : null;
  const sections = results.questions.map((result) => section(definition, questionOf(definition, result.id), result, results, labels, t));
  chartGridsTogether(definition, results, sections, t);
  return {
    kind: 'survey',
    surveyId: results.survey,
    ...(options.language !== undefined && options.language !== 'en' ? { language: options.language } : {}),
    title: results.title,
    subtitle: filter ? t.filteredSubtitle(filter.words) : reportMessages(options.language).findings,
    description: definition.description ?? null,
    notice: results.notice,
    publisher: definition.publisher ?? null,
    fieldwork: fieldworkOf(definition, results.wave, t),
    wave: results.wave,
    respondents: results.respondents,
    organisations: results.organisations,
    filter,
    unit: results.unit,
    keyFindings: keyFindings(definition, sections),
    sections,
    methodology: [...methodology(definition, results, t), ...fieldworkWarning(definition, results.wave, options.submissions, t)],
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

function section(definition: Definition, question: Question, result: QuestionResult, results: SurveyResults, labels: Readonly<Record<string, string>>, t: ReportTexts): ReportSection {
  const baseText = baseDescription(definition, question, result, results, labels, t);
  const findings = questionFindings(question, result, { unit: results.unit, baseDescription: baseText, texts: t });
  const asked = result.offeredFrom === undefined ? undefined : t.questionOffered(result.offeredFrom);
  const published = asPublishedNote(result.asPublishedIn, results.unit, t);
  const note = [asked, published].filter(Boolean).join(' ') || published;
  const common = { id: question.id, heading: question.text, baseText, findings, note };
  const typeNotes = t.typeNotes;
  if (result.suppressed) return { ...common, typeNote: typeNotes[question.type], chart: null, table: null, suppressed: t.reason(result.reason ?? 'disclosure control') };
  if (result.type === 'text') return { ...common, typeNote: typeNotes.text, chart: null, table: null, suppressed: null };
  if (result.type === 'number') {
    // No lowest or highest answer: a report is for publishing, and each is one respondent's answer.
    const rows: TableCell[][] = [
      [{ text: t.mean }, numeric(result.mean, 1, t), numeric(result.ci95?.[0] ?? null, 1, t, result.ci95?.[1] ?? null)],
      [{ text: t.median }, numeric(result.median, 1, t), { text: '' }],
    ];
    const distribution = result.distribution ? distributionFigures(question, result.distribution, results.unit, baseText) : null;
    return {
      ...common,
      typeNote: typeNotes.number,
      chart: distribution?.chart ?? null,
      chartTable: distribution?.table ?? null,
      table: { caption: t.withBase(question.text, baseText), head: [{ text: t.statistic }, { text: t.value, format: 'numeric' }, { text: t.interval95, format: 'numeric' }], rows },
      suppressed: null,
    };
  }
  const chart = choiceChart(question, result, results.unit, t);
  return { ...common, typeNote: typeNotes[result.type], chart: chart.bars.some((b) => b.value !== null) ? chart : null, table: choiceTable(question, result, baseText, results, t), suppressed: null };
}

/** Options then nets, in the definition's order, as the table lists them. */
function figuresOf(result: ChoiceQuestionResult): Array<{ estimate: Estimate; net: boolean }> {
  return [...result.options.map((estimate) => ({ estimate, net: false })), ...result.nets.map((estimate) => ({ estimate, net: true }))];
}

function figureLabel(estimate: Estimate, net: boolean, t: ReportTexts): string {
  return net ? t.net(estimate.label) : estimate.label;
}

/** The chart shows exactly the table's numbers: the same rounding of the same estimates. */
function choiceChart(question: Question, result: ChoiceQuestionResult, unit: SurveyResults['unit'], t: ReportTexts): Extract<ReportChart, { kind: 'bars' }> {
  return {
    kind: 'bars',
    // A grid statement's id is GRID.STATEMENT: a dot is no character of an SVG id.
    id: `question-${question.id.replace(/[_.]/g, '-')}-chart`,
    title: question.text,
    description: t.choiceChartDescription(unit),
    bars: figuresOf(result).map(({ estimate, net }) => ({
      label: figureLabel(estimate, net, t),
      value: estimate.percent === null ? null : roundHalfUp(estimate.percent),
      ...(estimate.ci95 ? { low: roundHalfUp(estimate.ci95[0]), high: roundHalfUp(estimate.ci95[1]) } : {}),
    })),
  };
}

function choiceTable(question: Question, result: ChoiceQuestionResult, baseText: string, results: SurveyResults, t: ReportTexts): ReportTable {
  const withChange = result.options.some((o) => o.change) || result.nets.some((n) => n.change);
  const head: TableCell[] = [
    { text: t.answer },
    { text: t.percentOf(results.unit), format: 'numeric' },
    { text: t.interval95, format: 'numeric' },
    { text: t.count, format: 'numeric' },
    ...(withChange ? [{ text: t.changeSince(results.compareWave), format: 'numeric' as const }] : []),
  ];
  const rows = figuresOf(result).map(({ estimate, net }): TableCell[] => {
    const offered = estimate.offeredFrom === undefined ? undefined : t.figureOffered(estimate.offeredFrom, estimate.base);
    const label = offered ? `${figureLabel(estimate, net, t)} (${offered})` : figureLabel(estimate, net, t);
    if (estimate.suppressed) return [{ text: label }, { text: t.suppressed, format: 'numeric' }, { text: t.reason(estimate.reason ?? '') }, { text: '' }, ...(withChange ? [{ text: '' }] : [])];
    return [
      { text: label },
      estimate.percent === null ? { text: t.noBase, format: 'numeric' } : { text: `${roundHalfUp(estimate.percent)}%`, format: 'numeric' },
      estimate.ci95 ? { text: t.range(`${roundHalfUp(estimate.ci95[0])}%`, `${roundHalfUp(estimate.ci95[1])}%`), format: 'numeric' } : { text: '', format: 'numeric' },
      { text: estimate.count === null ? '' : String(estimate.count), format: 'numeric' },
      ...(withChange ? [{ text: changeText(estimate, t), format: 'numeric' as const }] : []),
    ];
  });
  return { caption: t.withBase(question.text, baseText), head, rows };
}

function changeText(estimate: Estimate, t: ReportTexts): string {
  const change = estimate.change;
  if (!change) return '';
  return t.changeCell({ status: change.status, points: change.status === 'not-tested' ? 0 : roundHalfUp(change.difference) });
}

function numeric(value: number | null, digits: number, t: ReportTexts, upper: number | null = null): TableCell {
  if (value === null) return { text: '', format: 'numeric' };
  const text = roundHalfUp(value, digits).toLocaleString(t.locale);
  return { text: upper === null ? text : t.range(text, roundHalfUp(upper, digits).toLocaleString(t.locale)), format: 'numeric' };
}

/**
 * Who a question's figures are of, in words, with the number: "all 235 respondents", "the 143
 * respondents asked: those who answered “Yes” to …" (a required question), "the 67 respondents who
 * answered, of those asked: …" (an optional one), "the 220 respondents who answered".
 */
export function baseDescription(definition: Definition, question: Question, result: QuestionResult, results: SurveyResults, labels: Readonly<Record<string, string>>, t: ReportTexts = reportTexts('en')): string {
  if (result.base === null) return t.baseSuppressed;
  const inReport = Boolean(results.filter);
  const base = result.base.toLocaleString(t.locale);
  const substantive = question.base === 'substantive';
  // A required question's base is everyone asked; an optional one's only those of them who answered.
  if (question.showIf) return t.baseAsked(base, inReport, question.required === true, describeCondition(question.showIf, definition, labels, t.condition), substantive);
  if (result.base === results.respondents) return t.baseAll(base, inReport, substantive);
  return t.baseAnswered(base, inReport, substantive);
}

/**
 * A grid's statements are charted together: the first statement's section carries one chart with
 * a bar per statement — the percentage in the grid's headline net (else its first net, else its
 * first option) — and every statement keeps its own table.
 */
function chartGridsTogether(definition: Definition, results: SurveyResults, sections: ReportSection[], t: ReportTexts): void {
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
        description: t.gridChartDescription(results.unit, label),
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

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string): Intl.DateTimeFormat {
  let format = dateFormats.get(locale);
  if (!format) dateFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })));
  return format;
}

/** The stated fieldwork dates (YYYY-MM-DD): the wave's when it has them, else the survey's; undefined when none are stated. */
export function fieldworkDatesOf(definition: Definition, wave: string | null): { start: string; end: string } | undefined {
  return (wave ? definition.waves?.find((w) => w.id === wave)?.fieldwork : undefined) ?? definition.fieldwork;
}

/** Fieldwork dates in words: "9 January 2017 to 24 February 2017", from the wave's dates when it has them. */
export function fieldworkOf(definition: Definition, wave: string | null, t: ReportTexts = reportTexts('en')): string | null {
  const dates = fieldworkDatesOf(definition, wave);
  if (!dates) return null;
  return t.dateRange(dateFormat(t.locale).format(new Date(`${dates.start}T00:00:00Z`)), dateFormat(t.locale).format(new Date(`${dates.end}T00:00:00Z`)));
}

/**
 * A warning when responses were submitted outside the stated fieldwork: the dates a report
 * prints are the definition's, and readers take them as when the answers were given.
 */
function fieldworkWarning(definition: Definition, wave: string | null, submissions: SubmissionsAgainstFieldwork | undefined, t: ReportTexts): MethodologyItem[] {
  const stated = fieldworkOf(definition, wave, t);
  if (!stated || !submissions || submissions.before + submissions.after === 0) return [];
  const outside = submissions.before + submissions.after;
  const n = (value: number) => value.toLocaleString(t.locale);
  const day = (iso: string) => dateFormat(t.locale).format(new Date(iso));
  const value = t.methodology.fieldworkWarning({
    outside: n(outside),
    responses: n(submissions.responses),
    all: outside === submissions.responses,
    only: outside === 1,
    before: submissions.before > 0 ? n(submissions.before) : null,
    after: submissions.after > 0 ? n(submissions.after) : null,
    stated,
    first: submissions.first && submissions.last ? day(submissions.first) : null,
    last: submissions.first && submissions.last ? day(submissions.last) : null,
  });
  return [{ key: t.methodology.fieldworkWarningKey, value }];
}

function methodology(definition: Definition, results: SurveyResults, t: ReportTexts): MethodologyItem[] {
  const m = t.methodology;
  const items: MethodologyItem[] = [
    { key: m.respondentsKey, value: m.respondents(results.respondents.toLocaleString(t.locale), results.organisations.toLocaleString(t.locale), results.wave) },
    { key: m.basesKey, value: m.bases },
    { key: m.unitKey, value: m.unit(results.unit) },
    { key: m.designKey, value: designText(results, t) },
    { key: m.intervalsKey, value: m.intervals(results.interval, results.intervalLabel) },
    { key: m.disclosureKey, value: m.disclosure(results.minBase) },
    { key: m.roundingKey, value: m.rounding },
  ];
  if (results.filter) items.push({ key: m.filterKey, value: m.filter(describeCondition(results.filter, definition, {}, t.condition), results.filter) });
  if (results.compareWave) items.push({ key: m.changeKey, value: m.change(results.compareWave) });
  if (results.notice) items.push({ key: m.aboutDataKey, value: results.notice });
  return items;
}

function designText(results: SurveyResults, t: ReportTexts): string {
  const d = results.design;
  const raking = d.raking
    ? { margins: d.raking.margins.join(', '), iterations: d.raking.iterations, converged: d.raking.converged, effectiveSize: String(roundHalfUp(d.raking.effectiveSize, 1)), designEffect: String(roundHalfUp(d.raking.designEffect, 2)) }
    : undefined;
  return t.methodology.design(d, raking);
}

/** The note on figures shown as an earlier release published them (see EarlierFigures in the disclosure layer). */
export function asPublishedNote(release: number | undefined, unit: 'respondents' | 'organisations', t: ReportTexts = reportTexts('en')): string | null {
  if (release === undefined) return null;
  return t.asPublished(release, unit);
}
