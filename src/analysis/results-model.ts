/** The results object: what `canvass results --json` prints and the API returns. */

export interface FigureResult {
  code: string;
  label: string;
  /** Unweighted count of respondents with this answer. */
  count: number;
  /** 0–100, unrounded; null when the base is 0. */
  percent: number | null;
  ci95: [number, number] | null;
}

export interface ChoiceQuestionResult {
  id: string;
  type: 'single' | 'multiple' | 'scale';
  text: string;
  /** Unweighted: respondents asked who answered (or gave a substantive answer, by the question's base rule). */
  base: number;
  options: FigureResult[];
  nets: FigureResult[];
}

export interface NumberQuestionResult {
  id: string;
  type: 'number';
  text: string;
  base: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

export interface TextQuestionResult {
  id: string;
  type: 'text';
  text: string;
  /** How many answered; the texts themselves are for admins only and never in results. */
  base: number;
}

export type QuestionResult = ChoiceQuestionResult | NumberQuestionResult | TextQuestionResult;

export interface GroupResult {
  key: string;
  label: string;
  respondents: number;
  questions: QuestionResult[];
}

export interface SurveyResults {
  survey: string;
  title: string;
  notice: string | null;
  respondents: number;
  organisations: number;
  filter: string | null;
  by: string | null;
  unit: 'respondents';
  interval: string;
  questions: QuestionResult[];
  groups?: GroupResult[];
}
