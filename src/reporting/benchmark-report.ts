import { findAnalysedQuestion } from '../definition/analysis-questions.js';
import type { BenchmarkFigure, BenchmarkQuestion, OrganisationBenchmarkReport } from '../analysis/benchmarks/organisation-benchmark-report.js';
import type { Comparison, Estimate } from '../analysis/results/results-model.js';
import { roundHalfUp } from '../analysis/results/round-half-up.js';
import type { Definition } from '../definition/schema.js';
import { describeComparison, fillTemplate, type Finding } from './finding-sentences.js';
import type { BenchmarkReportView, MethodologyItem, ReportChart, ReportSection, TableCell } from './report-model.js';
import { asPublishedNote, fieldworkOf } from './survey-report.js';
import { offeredNote } from './offered-note.js';

/** How many of an organisation's people answered, against its headcount in the register when known. */
export interface ResponseRate {
  responses: number;
  headcount: number | null;
}

/**
 * An organisation's benchmark report page (disclosure control already applied to the figures):
 * its response rate, a key finding per question — its score beside its peer group's and the
 * sector median, with its quartile and whether the difference from the rest of the sector is
 * significant — an overview chart of those headline figures, and a table per question.
 */
export function buildBenchmarkReport(definition: Definition, benchmark: OrganisationBenchmarkReport, rate: ResponseRate): BenchmarkReportView {
  const orgName = benchmark.organisation.name;
  const headlines = benchmark.questions.map((q) => ({ question: q, figure: headlineFigure(definition, q) }));
  const perQuestion = headlines.flatMap(({ question, figure }) => (figure ? [benchmarkFinding(definition, question, figure, benchmark)] : []));
  // An organisation with too few respondents has no figure of its own anywhere: say so once.
  const keyFindings: Finding[] =
    perQuestion.length > 0 && perQuestion.every((f) => f.kind === 'suppressed') && benchmark.respondents < benchmark.minBase
      ? [
          {
            questionId: '',
            kind: 'suppressed',
            percent: null,
            base: benchmark.respondents,
            sentence: `${orgName} has ${plural(benchmark.respondents, 'respondent')}, fewer than the ${benchmark.minBase} a figure needs, so none of its own figures are shown; its peer group's and the sector's are, in the tables below.`,
          },
        ]
      : perQuestion;
  const sections = benchmark.questions.map((q): ReportSection => {
    const headline = perQuestion.find((f) => f.questionId === q.id);
    return {
      id: q.id,
      heading: q.text,
      typeNote: q.type === 'multiple' ? 'More than one answer could be given, so percentages may add up to more than 100.' : 'One answer per respondent.',
      baseText: baseText(q, orgName),
      findings: headline ? [headline] : [],
      chart: null,
      table: benchmarkTable(q, benchmark),
      suppressed: null,
      note: asPublishedNote(q.asPublishedIn, 'respondents'),
    };
  });
  return {
    kind: 'benchmark',
    surveyId: benchmark.survey,
    title: benchmark.title,
    subtitle: benchmark.title,
    notice: benchmark.notice,
    fieldwork: fieldworkOf(definition, benchmark.wave),
    wave: benchmark.wave,
    organisation: { id: benchmark.organisation.id, name: orgName, typeLabel: benchmark.organisation.typeLabel },
    summary: [
      { key: 'Organisation type', value: benchmark.organisation.typeLabel },
      { key: 'Respondents', value: String(benchmark.respondents) },
      { key: 'Response rate', value: responseRateText(rate) },
      { key: 'Peer group', value: `${benchmark.peerGroup.label}: ${plural(benchmark.peerGroup.organisations, 'organisation')}, ${plural(benchmark.peerGroup.respondents, 'respondent')}` },
      { key: 'Sector', value: `${plural(benchmark.sector.organisations, 'organisation')}, ${plural(benchmark.sector.respondents, 'respondent')}` },
      ...(benchmark.wave ? [{ key: 'Wave', value: benchmark.wave }] : []),
    ],
    keyFindings,
    overview: overviewChart(headlines, orgName),
    sections,
    methodology: methodology(benchmark),
  };
}

export function responseRateText(rate: ResponseRate): string {
  if (rate.headcount === null || rate.headcount <= 0) return `${plural(rate.responses, 'response')}; the register gives no headcount, so no rate`;
  return `${roundHalfUp((100 * rate.responses) / rate.headcount, 1)}% (${plural(rate.responses, 'response')} from ${rate.headcount.toLocaleString('en-GB')} staff)`;
}

/**
 * The figure a question is summed up by: the one its definition names as `headline`, else its first net (the "agree" of a scale), else the
 * substantive option most chosen across the sector — the same figure for every organisation,
 * so reports can be compared.
 */
function headlineFigure(definition: Definition, question: BenchmarkQuestion): BenchmarkFigure | undefined {
  const defined = findAnalysedQuestion(definition, question.id);
  const named = defined && 'headline' in defined && defined.headline !== undefined ? question.figures.find((f) => f.code === defined.headline) : undefined;
  if (named) return named;
  const nets = question.figures.filter((f) => f.kind === 'net');
  if (nets.length > 0) return nets[0];
  const q = findAnalysedQuestion(definition, question.id);
  const nonSubstantive = new Set(q && 'options' in q ? q.options.filter((o) => o.nonSubstantive).map((o) => o.code) : []);
  const options = question.figures.filter((f) => f.kind === 'option' && !nonSubstantive.has(f.code));
  return options.reduce<BenchmarkFigure | undefined>((best, f) => (best === undefined || (f.sector.percent ?? -1) > (best.sector.percent ?? -1) ? f : best), undefined);
}

function benchmarkFinding(definition: Definition, question: BenchmarkQuestion, figure: BenchmarkFigure, benchmark: OrganisationBenchmarkReport): Finding {
  const orgName = benchmark.organisation.name;
  const own = figure.organisation;
  const base = `base: ${plural(own.base ?? 0, 'respondent')} at ${orgName}`;
  if (own.suppressed || own.percent === null) {
    return { questionId: question.id, code: figure.code, kind: 'suppressed', percent: null, base: null, sentence: `${orgName}'s figure for “${figure.label}” in answer to “${question.text}” is not shown: ${own.reason ?? 'no base'}.` };
  }
  const q = findAnalysedQuestion(definition, question.id);
  const override = q && 'options' in q ? (figure.kind === 'net' ? q.nets.find((n) => n.code === figure.code)?.finding : q.options.find((o) => o.code === figure.code)?.finding) : undefined;
  const template = override ?? q?.finding ?? '{percent} of {unit} answered “{label}” when asked “{question}”';
  const percent = roundHalfUp(own.percent);
  const lead = fillTemplate(template, {
    percent: `${percent}%`,
    count: String(own.count ?? ''),
    base: String(own.base ?? ''),
    unit: `${benchmark.unit} at ${orgName}`,
    label: figure.label,
    label_lower: /^[A-Z][a-z]/.test(figure.label) ? figure.label[0]!.toLowerCase() + figure.label.slice(1) : figure.label,
    question: question.text,
  });
  const peer = figure.peerGroup.suppressed || figure.peerGroup.percent === null ? 'its peer group’s figure is not shown' : `${roundHalfUp(figure.peerGroup.percent)}% across its peer group (${benchmark.peerGroup.label.toLowerCase()})`;
  const median = figure.sectorMedian === null ? 'no sector median' : `a sector median of ${roundHalfUp(figure.sectorMedian)}%`;
  const quartile = figure.quartile === null ? '' : `, placing it ${(figure.better ? quartileWords : quartileWordsByPercent)[figure.quartile]}`;
  const significance = figure.vsSector ? describeComparison(figure.vsSector, 'benchmark') : undefined;
  const sentence = `${lead[0]!.toUpperCase()}${lead.slice(1)} (${base}), compared with ${peer} and ${median}${quartile}${significance ? `; ${significance.text}` : ''}.`;
  return { questionId: question.id, code: figure.code, kind: figure.kind, percent, base: own.base, sentence, ...(significance ? { significance } : {}) };
}

/** Where the question says which end is better (see definition/polarity.ts): quartile 1 is the best quarter. */
const quartileWords = { 1: 'among the best quarter of organisations', 2: 'in the second-best quarter', 3: 'in the second-worst quarter', 4: 'among the worst quarter of organisations' } as const;
/** Where it does not, a high percentage is neither good nor bad: quartile 1 is the highest quarter. */
const quartileWordsByPercent = { 1: 'among the quarter of organisations with the highest percentages', 2: 'in the second-highest quarter', 3: 'in the second-lowest quarter', 4: 'among the quarter of organisations with the lowest percentages' } as const;

function baseText(question: BenchmarkQuestion, orgName: string): string {
  const own = question.figures[0]?.organisation;
  return own?.base === null || own?.base === undefined ? `${orgName}'s base is not shown` : `${plural(own.base, 'respondent')} at ${orgName}`;
}

function percentText(estimate: Estimate): string {
  if (estimate.suppressed) return 'Suppressed';
  return estimate.percent === null ? 'no base' : `${roundHalfUp(estimate.percent)}%`;
}

function comparisonText(comparison: Comparison | null): string {
  if (comparison === null) return 'withheld';
  if (comparison.status === 'not-tested') return 'not tested';
  const points = roundHalfUp(comparison.difference);
  return `${points > 0 ? '+' : ''}${points} ${Math.abs(points) === 1 ? 'point' : 'points'}, ${comparison.status === 'significant' ? 'significant' : 'not significant'}`;
}

function benchmarkTable(question: BenchmarkQuestion, benchmark: OrganisationBenchmarkReport): ReportSection['table'] {
  const head: TableCell[] = [
    { text: 'Answer' },
    { text: benchmark.organisation.name, format: 'numeric' },
    { text: `Peer group (${benchmark.peerGroup.label})`, format: 'numeric' },
    { text: 'Sector', format: 'numeric' },
    { text: 'Sector median (interquartile range)', format: 'numeric' },
    { text: 'Quartile', format: 'numeric' },
    { text: 'Against the rest of the sector', format: 'numeric' },
    { text: 'Against the rest of the peer group', format: 'numeric' },
  ];
  const rows = question.figures.map((f): TableCell[] => [
    // An option a later definition version added: its figures are over the respondents offered it.
    { text: `${f.kind === 'net' ? `Net: ${f.label}` : f.label}${f.offeredFrom === undefined ? '' : ` (${offeredNote(f.offeredFrom)})`}` },
    { text: percentText(f.organisation), format: 'numeric' },
    { text: percentText(f.peerGroup), format: 'numeric' },
    { text: percentText(f.sector), format: 'numeric' },
    {
      text: f.sectorMedian === null ? '' : `${roundHalfUp(f.sectorMedian)}%${f.sectorQuartiles.lower === null || f.sectorQuartiles.upper === null ? '' : ` (${roundHalfUp(f.sectorQuartiles.lower)}% to ${roundHalfUp(f.sectorQuartiles.upper)}%)`}`,
      format: 'numeric',
    },
    { text: f.quartile === null ? '' : String(f.quartile), format: 'numeric' },
    { text: comparisonText(f.vsSector), format: 'numeric' },
    { text: comparisonText(f.vsPeerGroup), format: 'numeric' },
  ]);
  return { caption: `${question.text} (${baseText(question, benchmark.organisation.name)})`, head, rows };
}

/**
 * One row per question: the headline figure of this organisation as a dot against the sector's
 * median and middle half (the quartiles), the same rounded numbers as the tables.
 */
function overviewChart(headlines: Array<{ question: BenchmarkQuestion; figure: BenchmarkFigure | undefined }>, orgName: string): ReportChart | null {
  const rows = headlines.flatMap(({ question, figure }) => {
    if (!figure) return [];
    const own = figure.organisation;
    const rounded = (value: number | null) => (value === null ? null : roundHalfUp(value));
    return [
      {
        label: `${question.id}: ${figure.kind === 'net' ? `Net: ${figure.label}` : figure.label}`,
        value: own.suppressed || own.percent === null ? null : roundHalfUp(own.percent),
        median: rounded(figure.sectorMedian),
        lower: rounded(figure.sectorQuartiles.lower),
        upper: rounded(figure.sectorQuartiles.upper),
      },
    ];
  });
  // Without a figure of the organisation's own (all suppressed) or a sector median, there is
  // nothing to compare: the tables say why, and a chart of empty marks would tell a screen reader
  // nothing.
  if (!rows.some((r) => r.value !== null) || !rows.some((r) => r.median !== null)) return null;
  return {
    kind: 'benchmark',
    id: 'benchmark-overview',
    title: `${orgName} against the sector`,
    description: `Each question's headline figure for ${orgName} (a dot), the median organisation of the sector (a tick) and the middle half of organisations (a bar), in percent. The same figures are in the tables below.`,
    rows,
    organisationLabel: orgName,
  };
}

function methodology(benchmark: OrganisationBenchmarkReport): MethodologyItem[] {
  return [
    { key: 'Peer group', value: `The organisations that share its value of the survey’s peer-group attribute (${benchmark.peerGroup.label}).` },
    { key: 'Sector median and quartiles', value: `The median and quartiles of organisation scores (each organisation counts once; R quantile type 7), over organisations with a base of at least ${benchmark.minBase}. Quartile 1 is the best quarter of organisations where the question says which end of its answers is better, and the quarter with the highest percentages where it does not.` },
    { key: 'Significance', value: `The organisation is tested against the rest of the sector and the rest of its peer group (two independent samples, 5% level), only where both bases are at least 30; otherwise “not tested”.` },
    { key: 'Intervals', value: `95% intervals: ${benchmark.intervalLabel}.` },
    { key: 'Design', value: `Weights ${benchmark.design.weights}; strata ${benchmark.design.strata}; finite population correction ${benchmark.design.fpc}; unit of analysis: ${benchmark.unit}.` },
    { key: 'Disclosure control', value: `Figures with an unweighted base under ${benchmark.minBase} are suppressed, as are figures that would reveal one by subtraction.` },
    ...(benchmark.notice ? [{ key: 'About the data', value: benchmark.notice }] : []),
  ];
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-GB')} ${noun}${n === 1 ? '' : 's'}`;
}
