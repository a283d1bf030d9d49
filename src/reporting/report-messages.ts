/**
 * A survey report's own headings and labels, per language (the survey's texts come from its
 * definition's translations). Generated sentences — findings without a template in the
 * definition, bases, table headings, chart descriptions and the methodology — are English only
 * for now; a report in another language marks them `lang="en"` so screen readers read them right.
 * Welsh written for Canvass, to be reviewed by a translator (listed in the README).
 */
export interface ReportMessages {
  /** The language's name in itself, for the language toggle. */
  languageName: string;
  languageNavigationLabel: string;
  findings: string;
  publishedReport: string;
  keyFindings: string;
  resultsByQuestion: string;
  methodology: string;
  note: string;
  data: string;
  fieldwork: string;
  wave: string;
  respondents: string;
  organisations: string;
  publishedBy: string;
  filter: string;
  base: string;
}

const english: ReportMessages = {
  languageName: 'English',
  languageNavigationLabel: 'Language',
  findings: 'Findings',
  publishedReport: 'Published report',
  keyFindings: 'Key findings',
  resultsByQuestion: 'Results by question',
  methodology: 'Methodology',
  note: 'Note',
  data: 'Data',
  fieldwork: 'Fieldwork',
  wave: 'Wave',
  respondents: 'Respondents',
  organisations: 'Organisations',
  publishedBy: 'Published by',
  filter: 'Filter',
  base: 'Base',
};

const welsh: ReportMessages = {
  languageName: 'Cymraeg',
  languageNavigationLabel: 'Dewis iaith',
  findings: 'Canfyddiadau',
  publishedReport: 'Adroddiad cyhoeddedig',
  keyFindings: 'Prif ganfyddiadau',
  resultsByQuestion: 'Canlyniadau fesul cwestiwn',
  methodology: 'Methodoleg',
  note: 'Nodyn',
  data: 'Data',
  fieldwork: 'Gwaith maes',
  wave: 'Ton',
  respondents: 'Ymatebwyr',
  organisations: 'Sefydliadau',
  publishedBy: 'Cyhoeddwyd gan',
  filter: 'Hidlydd',
  base: 'Sylfaen',
};

const catalogues: Readonly<Record<string, ReportMessages>> = { en: english, cy: welsh };

export function reportMessages(language: string | undefined): ReportMessages {
  const found = catalogues[language ?? 'en'];
  // A language without a catalogue: English texts, but never named "English" in the toggle.
  return found ?? { ...english, languageName: language ?? english.languageName };
}
