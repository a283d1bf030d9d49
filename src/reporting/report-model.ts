import type { Finding } from './finding-sentences.js';

/** What a report page shows, ready for its template: text and numbers, no HTML but the charts' SVG. */

/** One bar of a chart: the number the table beside it shows, rounded the same way. */
export interface ReportChartBar {
  label: string;
  /** Percent, rounded for display exactly as in the table; null (left out) when suppressed. */
  value: number | null;
  low?: number;
  high?: number;
  group?: string;
}

/** One row of a benchmark overview: the organisation's percent against the sector's median and quartiles, as its tables show them. */
export interface ReportBenchmarkRow {
  label: string;
  value: number | null;
  median: number | null;
  lower: number | null;
  upper: number | null;
}

/** A chart of a report, described here and drawn to SVG (filled in `svg`) by draw-report-charts.ts. */
export type ReportChart = { id: string; title: string; description: string; svg?: string } & (
  | { kind: 'bars'; bars: ReportChartBar[] }
  | { kind: 'benchmark'; rows: ReportBenchmarkRow[]; organisationLabel: string }
);

/** A table cell as govuk-frontend's table macro takes it. */
export interface TableCell {
  text: string;
  format?: 'numeric';
}

export interface ReportTable {
  caption: string;
  head: TableCell[];
  rows: TableCell[][];
}

export interface ReportSection {
  id: string;
  heading: string;
  /** "Single choice", "More than one answer allowed", …: how to read the figures. */
  typeNote: string;
  baseText: string;
  findings: Finding[];
  chart: ReportChart | null;
  /** The chart's figures as a table, when `table` holds other figures (a number question's ranges beside its mean). */
  chartTable?: ReportTable | null;
  table: ReportTable | null;
  suppressed: string | null;
  /** Said beside the figures: that they are as an earlier release published them, say. */
  note?: string | null;
}

export interface MethodologyItem {
  key: string;
  value: string;
}

export interface SurveyReport {
  kind: 'survey';
  surveyId: string;
  title: string;
  /** "Findings" or, for a filtered report, which group it describes. */
  subtitle: string;
  description: string | null;
  notice: string | null;
  publisher: string | null;
  fieldwork: string | null;
  wave: string | null;
  respondents: number;
  organisations: number;
  filter: { source: string; words: string } | null;
  unit: 'respondents' | 'organisations';
  keyFindings: Finding[];
  sections: ReportSection[];
  methodology: MethodologyItem[];
  /** What data the figures are of: "Release 2 of 30 November 2026", or that they are a draft of live data. */
  dataStatus?: string | null;
  /** The language of the survey's texts, when not English (`<html lang>`, and the report's own headings). */
  language?: string;
}

export interface BenchmarkReportView {
  kind: 'benchmark';
  surveyId: string;
  title: string;
  subtitle: string;
  notice: string | null;
  fieldwork: string | null;
  wave: string | null;
  organisation: { id: string; name: string; typeLabel: string };
  summary: MethodologyItem[];
  keyFindings: Finding[];
  overview: ReportChart | null;
  sections: ReportSection[];
  methodology: MethodologyItem[];
  /** As a survey report's. */
  dataStatus?: string | null;
}

export type AnyReport = SurveyReport | BenchmarkReportView;
