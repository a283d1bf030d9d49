import type { ChoiceQuestion, Question } from '../definition/schema.js';

/**
 * The texts Canvass generates in a survey report — finding sentences without a template in the
 * definition, bases, table headings, chart descriptions, notes and the methodology — per
 * language, with their parameters (numbers are formatted by the caller for `locale`). The
 * report's headings are in report-messages.ts; the survey's own texts come from its definition.
 *
 * The Welsh was written for Canvass and is to be checked by a translator: every Welsh text is
 * listed in {@link welshReportTextsForReview} (and in the README). It avoids numerals before nouns
 * (Welsh mutates and counts them in the singular): "yr holl ymatebwyr (40)", "Nifer …: 5".
 */
export interface ReportTexts {
  /** The BCP 47 locale numbers and dates are formatted in. */
  locale: string;
  /** The unit of analysis in words, as `{unit}` in a finding template fills it. */
  unit: (unit: 'respondents' | 'organisations') => string;
  /** The finding sentence of each choice type when the definition gives none: {percent}, {unit}, {label}, {question}. */
  findingTemplates: Record<ChoiceQuestion['type'], string>;
  /** A sentence followed by its base: "… (base: all 40 respondents)". */
  withBase: (sentence: string, base: string) => string;
  suppressedFinding: (question: string, reason: string) => string;
  /** How many wrote an answer to a text question. */
  textFinding: (count: number, unit: 'respondents' | 'organisations', question: string) => string;
  /** A number question's mean and median, each already formatted with its unit; `templated` is the definition's finding before it. */
  meanFinding: (question: string, mean: string, median: string, templated: string | undefined) => string;
  dateFinding: (question: string, earliest: string, latest: string, median: string) => string;
  /** A comparison's words: `signed` is "+5" or "-3" (points), `size` "5 points" or "less than 1 point". */
  comparison: (c: { kind: 'change' | 'group'; against: string; direction: 'up' | 'down' | 'none'; points: number; significant: boolean; p: string }) => string;
  notTested: (against: string, reason: string) => string;
  /** A disclosure or testing reason in this language (they are made in English). */
  reason: (reason: string) => string;
  // Bases
  baseSuppressed: string;
  baseAll: (base: string, inReport: boolean, substantive: boolean) => string;
  baseAnswered: (base: string, inReport: boolean, substantive: boolean) => string;
  baseAsked: (base: string, inReport: boolean, required: boolean, condition: string, substantive: boolean) => string;
  // Conditions in words (describe-condition.ts)
  condition: ConditionTexts;
  // Sections
  typeNotes: Record<Question['type'], string>;
  questionOffered: (since: number) => string;
  figureOffered: (since: number, base: number | null) => string;
  asPublished: (release: number, unit: 'respondents' | 'organisations') => string;
  figuresNotShown: string;
  filteredSubtitle: (words: string) => string;
  // Tables
  mean: string;
  median: string;
  lowest: string;
  highest: string;
  statistic: string;
  value: string;
  interval95: string;
  answer: string;
  percentOf: (unit: 'respondents' | 'organisations') => string;
  count: string;
  changeSince: (wave: string | null | undefined) => string;
  suppressed: string;
  noBase: string;
  range: (low: string, high: string) => string;
  net: (label: string) => string;
  changeCell: (c: { status: 'significant' | 'not-significant' | 'not-tested'; points: number }) => string;
  // Charts
  choiceChartDescription: (unit: 'respondents' | 'organisations') => string;
  gridChartDescription: (unit: 'respondents' | 'organisations', label: string) => string;
  // Dates and the methodology
  dateRange: (start: string, end: string) => string;
  methodology: MethodologyTexts;
}

export interface ConditionTexts {
  those: (clause: string) => string;
  and: string;
  or: string;
  not: (clause: string) => string;
  orgIs: (attribute: string, values: string[], negated: boolean) => string;
  orgCompare: (attribute: string, operator: string, value: string) => string;
  asWritten: (field: string) => string;
  chose: (label: string, question: string) => string;
  answeredAny: (labels: string[], question: string) => string;
  answeredNone: (labels: string[], question: string) => string;
  answered: (label: string, question: string) => string;
  answeredOtherThan: (label: string, question: string) => string;
  answerCompared: (question: string, operator: '<' | '<=' | '>' | '>=' | '=' | '!=', value: string) => string;
}

export interface MethodologyTexts {
  respondentsKey: string;
  respondents: (respondents: string, organisations: string, wave: string | null) => string;
  basesKey: string;
  bases: string;
  unitKey: string;
  unit: (unit: 'respondents' | 'organisations') => string;
  designKey: string;
  design: (d: { weights: string; strata: string; clusters: string; fpc: string }, raking: { margins: string; iterations: number; converged: boolean; effectiveSize: string; designEffect: string } | undefined) => string;
  intervalsKey: string;
  intervals: (interval: string, label: string) => string;
  disclosureKey: string;
  disclosure: (minBase: number) => string;
  roundingKey: string;
  rounding: string;
  filterKey: string;
  filter: (words: string, source: string) => string;
  changeKey: string;
  change: (wave: string) => string;
  aboutDataKey: string;
  fieldworkWarningKey: string;
  fieldworkWarning: (w: { outside: string; responses: string; all: boolean; only: boolean; before: string | null; after: string | null; stated: string; first: string | null; last: string | null }) => string;
}

const englishComparisonWords = { '<': 'under', '<=': 'at most', '>': 'over', '>=': 'at least', '=': 'exactly', '!=': 'other than' } as const;

const english: ReportTexts = {
  locale: 'en-GB',
  unit: (unit) => unit,
  findingTemplates: {
    single: '{percent} of {unit} answered “{label}” when asked “{question}”',
    multiple: '{percent} of {unit} chose “{label}” when asked “{question}” (more than one answer could be given)',
    scale: '{percent} of {unit} answered “{label}” when asked “{question}”',
  },
  withBase: (sentence, base) => `${sentence} (base: ${base})`,
  suppressedFinding: (question, reason) => `Figures for “${question}” are not shown: ${reason}.`,
  textFinding: (n, unit, question) => `${n} ${n === 1 ? (unit === 'respondents' ? 'respondent' : 'organisation') : unit} wrote an answer to “${question}”; written answers are not published.`,
  meanFinding: (question, mean, median, templated) => `${templated ? `${templated}: the` : 'The'} mean answer to “${question}” was ${mean} and the median ${median}`,
  dateFinding: (question, earliest, latest, median) => `Answers to “${question}” ranged from ${earliest} to ${latest}; the median was ${median}`,
  comparison: ({ kind, against, direction, points, significant, p }) => {
    const size = points === 0 ? 'less than 1 point' : `${points} ${points === 1 ? 'point' : 'points'}`;
    const way = direction === 'up' ? (kind === 'change' ? 'up' : 'higher') : direction === 'down' ? (kind === 'change' ? 'down' : 'lower') : 'no different';
    const what = kind === 'change' ? `${way} ${size} since ${against}` : `${size} ${way} than ${against}`;
    return `${what}, ${significant ? 'a significant difference' : 'not a significant difference'} (${p})`;
  },
  notTested: (against, reason) => `the difference from ${against} was not tested (${reason})`,
  reason: (reason) => reason,
  baseSuppressed: 'not shown (suppressed)',
  baseAll: (base, inReport, substantive) => `all ${base} ${who(inReport)}${substantive ? englishSubstantive : ''}`,
  baseAnswered: (base, inReport, substantive) => `the ${base} ${who(inReport)} who answered${substantive ? englishSubstantive : ''}`,
  baseAsked: (base, inReport, required, condition, substantive) => `the ${base} ${who(inReport)} ${required ? 'asked' : 'who answered, of those asked'}: ${condition}${substantive ? englishSubstantive : ''}`,
  condition: {
    those: (clause) => `those ${clause}`,
    and: ' and ',
    or: ' or ',
    not: (clause) => `not ${clause}`,
    orgIs: (attribute, values, negated) => `at an organisation whose ${attribute} is ${negated ? 'not ' : ''}${values.join(' or ')}`,
    orgCompare: (attribute, operator, value) => `whose organisation's ${attribute} ${operator} ${value}`,
    asWritten: (field) => `with ${field} as written`,
    chose: (label, question) => `who chose ${label} in “${question}”`,
    answeredAny: (labels, question) => `who answered ${labels.join(' or ')} to “${question}”`,
    answeredNone: (labels, question) => `who answered neither ${labels.join(' nor ')} to “${question}”`,
    answered: (label, question) => `who answered ${label} to “${question}”`,
    answeredOtherThan: (label, question) => `who answered other than ${label} to “${question}”`,
    answerCompared: (question, operator, value) => `whose answer to “${question}” was ${englishComparisonWords[operator]} ${value}`,
  },
  typeNotes: {
    single: 'One answer per respondent.',
    scale: 'One answer per respondent, on a scale.',
    multiple: 'More than one answer could be given, so percentages may add up to more than 100.',
    number: 'A number per respondent.',
    text: 'Written answers are read by the survey team and never published.',
    grid: 'One answer per statement, on a scale.',
    date: 'A date per respondent, counted by the month (or year) it falls in.',
  },
  questionOffered: (since) => `This question was ${englishOffered(since)}.`,
  figureOffered: (since, base) => (base === null ? englishOffered(since) : `base ${base}, ${englishOffered(since)}`),
  asPublished: (release, unit) => `These figures are as published in release ${release}: too few ${unit} have been added since to publish new ones without revealing their answers.`,
  figuresNotShown: 'Figures for this question are not shown: ',
  filteredSubtitle: (words) => `Findings for ${words}`,
  mean: 'Mean',
  median: 'Median',
  lowest: 'Lowest',
  highest: 'Highest',
  statistic: 'Statistic',
  value: 'Value',
  interval95: '95% interval',
  answer: 'Answer',
  percentOf: (unit) => `% of ${unit}`,
  count: 'Count',
  changeSince: (wave) => `Change since ${wave ?? 'previous wave'}`,
  suppressed: 'Suppressed',
  noBase: 'no base',
  range: (low, high) => `${low} to ${high}`,
  net: (label) => `Net: ${label}`,
  changeCell: ({ status, points }) =>
    status === 'not-tested' ? 'not tested' : `${points > 0 ? '+' : ''}${points} ${Math.abs(points) === 1 ? 'point' : 'points'}${status === 'significant' ? ' (significant)' : ' (not significant)'}`,
  choiceChartDescription: (unit) => `Percentage of ${unit} giving each answer, with 95% intervals. The same figures are in the table below.`,
  gridChartDescription: (unit, label) => `Percentage of ${unit} answering “${label}” for each statement, with 95% intervals. The same figures are in each statement's table below.`,
  dateRange: (start, end) => `${start} to ${end}`,
  methodology: {
    respondentsKey: 'Respondents',
    respondents: (respondents, organisations, wave) => `${respondents} respondents at ${organisations} organisations${wave ? ` (wave ${wave})` : ''}.`,
    basesKey: 'Bases',
    bases: 'Every percentage is of the respondents asked the question who answered it (its base, given beside each figure); “Don’t know” answers count in the base unless a question says otherwise.',
    unitKey: 'Unit of analysis',
    unit: (unit) => (unit === 'respondents' ? 'Respondents: each respondent counts once, so percentages are “of respondents”.' : 'Organisations: each organisation counts once, whatever its number of respondents, so percentages are “of organisations”.'),
    designKey: 'Weighting and design',
    design: (d, raking) =>
      `Design-based estimates (Taylor linearisation): weights ${d.weights}; strata ${d.strata}; clusters ${d.clusters}; finite population correction ${d.fpc}.${
        raking ? ` Weights raked to ${raking.margins} (${raking.iterations} iterations${raking.converged ? '' : ', not converged'}); Kish effective sample size ${raking.effectiveSize}, design effect ${raking.designEffect}.` : ''
      }`,
    intervalsKey: 'Intervals',
    intervals: (_interval, label) => `95% intervals: ${label}. Differences are tested only where both bases are at least 30; otherwise they are marked “not tested”.`,
    disclosureKey: 'Disclosure control',
    disclosure: (minBase) => `A figure is shown only when its unweighted base is at least ${minBase}; complementary and secondary suppression stop a hidden figure being recovered by subtraction. Suppressed figures say why.`,
    roundingKey: 'Rounding',
    rounding: 'Percentages are rounded half-up to whole numbers from unrounded values, for display only; they may not add up to 100.',
    filterKey: 'Filter',
    filter: (words, source) => `This report describes ${words} (filter: ${source}).`,
    changeKey: 'Change',
    change: (wave) => `Changes are since wave ${wave}, questions matched by id; z-tests of two independent samples.`,
    aboutDataKey: 'About the data',
    fieldworkWarningKey: 'Warning: fieldwork dates',
    fieldworkWarning: (w) => {
      const sides = [w.before ? `${w.before} before it` : '', w.after ? `${w.after} after it` : ''].filter(Boolean).join(' and ');
      const span = w.first && w.last ? `; responses are dated ${w.first} to ${w.last}` : '';
      const all = w.all ? (w.only ? 'The only response was' : `All ${w.outside} responses were`) : `${w.outside} of ${w.responses} responses were`;
      return `${all} submitted outside the stated fieldwork (${w.stated}): ${sides}${span}. Check the dates before relying on them.`;
    },
  },
};

const englishSubstantive = ', not counting “Don’t know” answers';

function who(inReport: boolean): string {
  return inReport ? 'respondents in this report' : 'respondents';
}

function englishOffered(since: number): string {
  return `asked of respondents from definition version ${since} on`;
}

const welshUnit = (unit: 'respondents' | 'organisations') => (unit === 'respondents' ? 'ymatebwyr' : 'sefydliadau');
const welshWho = (inReport: boolean) => (inReport ? 'ymatebwyr yn yr adroddiad hwn' : 'ymatebwyr');
const welshSubstantive = ', heb gyfrif atebion “Ddim yn gwybod”';
const welshComparisonWords = { '<': 'yn llai na', '<=': 'yn ddim mwy na', '>': 'yn fwy na', '>=': 'yn o leiaf', '=': 'yn union', '!=': 'heblaw' } as const;
const welshIntervals: Readonly<Record<string, string>> = {
  wilson: 'cyfwng sgôr Wilson ar sail maint effeithiol y sampl',
  logit: 'cyfwng logit (dull "logit" svyciprop)',
  beta: 'cyfwng beta Korn–Graubard (dull "beta" svyciprop)',
  'clopper-pearson': 'cyfwng Clopper–Pearson ar sail maint effeithiol y sampl',
  'agresti-coull': 'cyfwng Agresti–Coull ar sail maint effeithiol y sampl',
  'wilson-cc': 'cyfwng Wilson gyda chywiriad parhad ar sail maint effeithiol y sampl',
};
/** The design summary's own words (see operations/resolve-design.ts); field names stay as written. */
const welshDesignWords: Readonly<Record<string, string>> = {
  none: 'dim',
  given: 'wedi’u rhoi',
  'none (equal)': 'dim (pwysau cyfartal)',
  'none (each respondent)': 'dim (pob ymatebydd ar ei ben ei hun)',
  '1/respondents of the organisation': '1/nifer ymatebwyr y sefydliad',
  'N_h/n_h from the population sizes': 'N_h/n_h o feintiau’r boblogaeth',
};
const welshDesign = (word: string) => welshDesignWords[word] ?? word;

/** The reasons the disclosure and testing layers give, in Welsh; any other is kept as written. */
const welshReasons: ReadonlyArray<[RegExp, (...groups: string[]) => string]> = [
  [/^disclosure control$/, () => 'rheoli datgelu'],
  [/^fewer than (\d+) respondents answered$/, (n) => `llai na ${n} o ymatebwyr a atebodd`],
  [/^base of (\d+) is under (\d+)$/, (n, min) => `sylfaen ${n}, llai na ${min}`],
  [/^(.+); (.+)$/, (a, b) => `${welsh.reason(a)}; ${welsh.reason(b)}`],
  [/^no estimate to compare$/, () => 'dim amcangyfrif i’w gymharu'],
  [/^no sampling variance on either side$/, () => 'dim amrywiant samplu ar y naill ochr na’r llall'],
  [/^secondary suppression: it would reveal a smaller suppressed group by subtraction$/, () => 'ataliad eilaidd: byddai’n datgelu grŵp llai sydd wedi’i atal drwy dynnu'],
  [/^secondary suppression: it would reveal, by subtraction, a smaller suppressed group of the respondents offered it$/, () => 'ataliad eilaidd: byddai’n datgelu, drwy dynnu, grŵp llai sydd wedi’i atal o’r ymatebwyr a gafodd gynnig y cwestiwn'],
  [/^secondary suppression: it would reveal, by subtraction, a group suppressed for differing by a few respondents from one published earlier$/, () => 'ataliad eilaidd: byddai’n datgelu, drwy dynnu, grŵp a ataliwyd am ei fod yn wahanol i un a gyhoeddwyd yn gynharach o ychydig o ymatebwyr'],
];

const welsh: ReportTexts = {
  locale: 'cy',
  unit: welshUnit,
  findingTemplates: {
    single: 'Atebodd {percent} o’r {unit} “{label}” pan ofynnwyd “{question}”',
    multiple: 'Dewisodd {percent} o’r {unit} “{label}” pan ofynnwyd “{question}” (roedd modd rhoi mwy nag un ateb)',
    scale: 'Atebodd {percent} o’r {unit} “{label}” pan ofynnwyd “{question}”',
  },
  withBase: (sentence, base) => `${sentence} (sylfaen: ${base})`,
  suppressedFinding: (question, reason) => `Ni ddangosir ffigurau ar gyfer “${question}”: ${reason}.`,
  textFinding: (n, unit, question) => `Nifer yr ${welshUnit(unit)} a ysgrifennodd ateb i “${question}”: ${n}. Ni chyhoeddir atebion ysgrifenedig.`,
  meanFinding: (question, mean, median, templated) => `${templated ? `${templated}: c` : 'C'}ymedr yr atebion i “${question}”: ${mean}; y canolrif: ${median}`,
  dateFinding: (question, earliest, latest, median) => `Roedd yr atebion i “${question}” rhwng ${earliest} a ${latest}; y canolrif: ${median}`,
  comparison: ({ kind, against, direction, points, significant, p }) => {
    const signed = points === 0 ? 'llai nag 1' : `${direction === 'down' ? '−' : direction === 'up' ? '+' : ''}${points}`;
    const what = kind === 'change' ? `newid ers ${against}: ${signed} (pwyntiau canran)` : `gwahaniaeth o’i gymharu â ${against}: ${signed} (pwyntiau canran)`;
    return `${what}, ${significant ? 'gwahaniaeth arwyddocaol' : 'nid yw’n wahaniaeth arwyddocaol'} (${p})`;
  },
  notTested: (against, reason) => `ni phrofwyd y gwahaniaeth o’i gymharu â ${against} (${reason})`,
  reason: (reason) => {
    for (const [pattern, words] of welshReasons) {
      const match = pattern.exec(reason);
      if (match) return words(...match.slice(1));
    }
    return reason;
  },
  baseSuppressed: 'heb ei dangos (wedi’i hatal)',
  baseAll: (base, inReport, substantive) => `yr holl ${welshWho(inReport)} (${base})${substantive ? welshSubstantive : ''}`,
  baseAnswered: (base, inReport, substantive) => `yr ${welshWho(inReport)} a atebodd (${base})${substantive ? welshSubstantive : ''}`,
  baseAsked: (base, inReport, required, condition, substantive) =>
    `yr ${welshWho(inReport)} ${required ? 'y gofynnwyd iddynt' : 'a atebodd, o’r rhai y gofynnwyd iddynt'} (${base}): ${condition}${substantive ? welshSubstantive : ''}`,
  condition: {
    those: (clause) => `y rhai ${clause}`,
    and: ' ac ',
    or: ' neu ',
    not: (clause) => `heblaw’r rhai ${clause}`,
    orgIs: (attribute, values, negated) => `mewn sefydliad (${attribute}: ${negated ? 'nid ' : ''}${values.join(' neu ')})`,
    orgCompare: (attribute, operator, value) => `mewn sefydliad (${attribute} ${operator} ${value})`,
    asWritten: (field) => `lle mae ${field} fel y’i hysgrifennwyd`,
    chose: (label, question) => `a ddewisodd ${label} yn “${question}”`,
    answeredAny: (labels, question) => `a atebodd ${labels.join(' neu ')} i “${question}”`,
    answeredNone: (labels, question) => `na atebodd ${labels.join(' na ')} i “${question}”`,
    answered: (label, question) => `a atebodd ${label} i “${question}”`,
    answeredOtherThan: (label, question) => `a roddodd ateb heblaw ${label} i “${question}”`,
    answerCompared: (question, operator, value) => `yr oedd eu hateb i “${question}” ${welshComparisonWords[operator]} ${value}`,
  },
  typeNotes: {
    single: 'Un ateb gan bob ymatebydd.',
    scale: 'Un ateb gan bob ymatebydd, ar raddfa.',
    multiple: 'Roedd modd rhoi mwy nag un ateb, felly gall y canrannau adio i fwy na 100.',
    number: 'Rhif gan bob ymatebydd.',
    text: 'Mae tîm yr arolwg yn darllen yr atebion ysgrifenedig, ac ni chânt eu cyhoeddi byth.',
    grid: 'Un ateb i bob datganiad, ar raddfa.',
    date: 'Dyddiad gan bob ymatebydd, wedi’i gyfrif yn ôl y mis (neu’r flwyddyn).',
  },
  questionOffered: (since) => `Gofynnwyd y cwestiwn hwn i ymatebwyr o fersiwn ${since} o’r diffiniad ymlaen.`,
  figureOffered: (since, base) => `${base === null ? '' : `sylfaen ${base}, `}gofynnwyd i ymatebwyr o fersiwn ${since} o’r diffiniad ymlaen`,
  asPublished: (release, unit) => `Mae’r ffigurau hyn fel y’u cyhoeddwyd yn natganiad ${release}: prin yw’r ${welshUnit(unit)} a ychwanegwyd ers hynny i gyhoeddi rhai newydd heb ddatgelu eu hatebion.`,
  figuresNotShown: 'Ni ddangosir ffigurau ar gyfer y cwestiwn hwn: ',
  filteredSubtitle: (words) => `Canfyddiadau ar gyfer ${words}`,
  mean: 'Cymedr',
  median: 'Canolrif',
  lowest: 'Isaf',
  highest: 'Uchaf',
  statistic: 'Ystadegyn',
  value: 'Gwerth',
  interval95: 'Cyfwng 95%',
  answer: 'Ateb',
  percentOf: (unit) => `% o’r ${welshUnit(unit)}`,
  count: 'Nifer',
  changeSince: (wave) => (wave ? `Newid ers ${wave}` : 'Newid ers y don flaenorol'),
  suppressed: 'Wedi’i atal',
  noBase: 'dim sylfaen',
  range: (low, high) => `${low} i ${high}`,
  net: (label) => `Cyfanswm: ${label}`,
  changeCell: ({ status, points }) => (status === 'not-tested' ? 'heb ei brofi' : `${points > 0 ? '+' : points < 0 ? '−' : ''}${Math.abs(points)} (pwyntiau canran, ${status === 'significant' ? 'arwyddocaol' : 'ddim yn arwyddocaol'})`),
  choiceChartDescription: (unit) => `Canran yr ${welshUnit(unit)} a roddodd bob ateb, gyda chyfyngau 95%. Mae’r un ffigurau yn y tabl isod.`,
  gridChartDescription: (unit, label) => `Canran yr ${welshUnit(unit)} a atebodd “${label}” i bob datganiad, gyda chyfyngau 95%. Mae’r un ffigurau yn nhabl pob datganiad isod.`,
  dateRange: (start, end) => `${start} i ${end}`,
  methodology: {
    respondentsKey: 'Ymatebwyr',
    respondents: (respondents, organisations, wave) => `Nifer yr ymatebwyr: ${respondents}. Nifer y sefydliadau: ${organisations}.${wave ? ` Ton: ${wave}.` : ''}`,
    basesKey: 'Sylfeini',
    bases:
      'Mae pob canran yn ganran o’r ymatebwyr y gofynnwyd y cwestiwn iddynt ac a’i hatebodd (ei sylfaen, a roddir wrth ymyl pob ffigur); mae atebion “Ddim yn gwybod” yn cyfrif yn y sylfaen oni bai bod cwestiwn yn dweud fel arall.',
    unitKey: 'Uned dadansoddi',
    unit: (unit) =>
      unit === 'respondents'
        ? 'Ymatebwyr: mae pob ymatebydd yn cyfrif unwaith, felly mae’r canrannau “o’r ymatebwyr”.'
        : 'Sefydliadau: mae pob sefydliad yn cyfrif unwaith, beth bynnag yw nifer ei ymatebwyr, felly mae’r canrannau “o’r sefydliadau”.',
    designKey: 'Pwysoli a dyluniad',
    design: (d, raking) =>
      `Amcangyfrifon ar sail dyluniad (llinoleiddio Taylor): pwysau ${welshDesign(d.weights)}; haenau ${welshDesign(d.strata)}; clystyrau ${welshDesign(d.clusters)}; cywiriad poblogaeth feidraidd ${welshDesign(d.fpc)}.${
        raking
          ? ` Pwysau wedi’u cribinio at ${raking.margins} (nifer yr iteriadau: ${raking.iterations}${raking.converged ? '' : ', heb gydgyfeirio'}); maint sampl effeithiol Kish: ${raking.effectiveSize}; effaith dyluniad: ${raking.designEffect}.`
          : ''
      }`,
    intervalsKey: 'Cyfyngau',
    intervals: (interval, label) => `Cyfyngau 95%: ${welshIntervals[interval] ?? label}. Dim ond lle mae’r ddwy sylfaen yn 30 o leiaf y caiff gwahaniaethau eu profi; fel arall maent wedi’u nodi’n “heb eu profi”.`,
    disclosureKey: 'Rheoli datgelu',
    disclosure: (minBase) =>
      `Dim ond pan fo’i sylfaen heb ei phwysoli yn ${minBase} o leiaf y dangosir ffigur; mae ataliad cyflenwol ac eilaidd yn atal ffigur cudd rhag cael ei adfer drwy dynnu. Mae ffigurau sydd wedi’u hatal yn dweud pam.`,
    roundingKey: 'Talgrynnu',
    rounding: 'Caiff canrannau eu talgrynnu hanner i fyny i rifau cyfan o werthoedd heb eu talgrynnu, ar gyfer eu dangos yn unig; efallai na fyddant yn adio i 100.',
    filterKey: 'Hidlydd',
    filter: (words, source) => `Mae’r adroddiad hwn yn disgrifio ${words} (hidlydd: ${source}).`,
    changeKey: 'Newid',
    change: (wave) => `Mae’r newidiadau ers ton ${wave}, a’r cwestiynau wedi’u paru yn ôl id; profion z o ddau sampl annibynnol.`,
    aboutDataKey: 'Am y data',
    fieldworkWarningKey: 'Rhybudd: dyddiadau’r gwaith maes',
    fieldworkWarning: (w) => {
      const sides = [w.before ? `cyn y cyfnod: ${w.before}` : '', w.after ? `ar ei ôl: ${w.after}` : ''].filter(Boolean).join('; ');
      const span = w.first && w.last ? `. Dyddiadau’r ymatebion: ${w.first} i ${w.last}` : '';
      const all = w.all ? `Cyflwynwyd pob ymateb (${w.outside}) y tu allan i’r gwaith maes a nodwyd` : `Nifer yr ymatebion a gyflwynwyd y tu allan i’r gwaith maes a nodwyd: ${w.outside} o ${w.responses}`;
      return `${all} (${w.stated}). ${upper(sides)}${span}. Gwiriwch y dyddiadau cyn dibynnu arnynt.`;
    },
  },
};

function upper(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

const catalogues: Readonly<Record<string, ReportTexts>> = { en: english, cy: welsh };

/** The generated texts of a report in `language`; English for a language without a catalogue (see {@link hasReportTexts}). */
export function reportTexts(language: string | undefined): ReportTexts {
  return catalogues[language ?? 'en'] ?? english;
}

/** Whether Canvass generates report texts in `language` (else they are English, marked lang="en"). */
export function hasReportTexts(language: string | undefined): boolean {
  return catalogues[language ?? 'en'] !== undefined;
}

/**
 * Every Welsh text here is Canvass's own, not yet checked against a published source: all of
 * them are for a translator's review (the README says so).
 */
export const welshReportTextsForReview: readonly (keyof ReportTexts)[] = (Object.keys(welsh) as (keyof ReportTexts)[]).filter((key) => key !== 'locale' && key !== 'unit');
