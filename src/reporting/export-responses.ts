import { stringify } from 'csv-stringify/sync';
import { questionTypeOf } from '../definition/question-types/registry.js';
import type { Answers, Definition } from '../definition/schema.js';
import { csvQuoting, neutraliseCell } from './csv-cell.js';

export interface ExportableResponse {
  id: string;
  org: string;
  answers: Answers;
  submittedAt: string;
  wave?: string | null;
}

/**
 * Raw responses as CSV: response_id, org, submitted_at, wave, then a column per question in
 * questionnaire order (multi-select codes joined by ';'). Text cells are neutralised against
 * formula injection. The file imports back with `canvass responses import`.
 */
export function responsesToCsv(definition: Definition, responses: readonly ExportableResponse[]): string {
  const header = ['response_id', 'org', 'submitted_at', 'wave', ...definition.questions.map((q) => q.id)];
  const rows = responses.map((r) => [
    neutraliseCell(r.id),
    neutraliseCell(r.org),
    r.submittedAt,
    neutraliseCell(r.wave ?? ''),
    ...definition.questions.map((q) => {
      const answer = r.answers[q.id];
      if (answer === undefined) return '';
      return typeof answer === 'number' ? String(answer) : neutraliseCell(questionTypeOf(q).toCell(q, answer));
    }),
  ]);
  return stringify([header, ...rows], { record_delimiter: 'unix', ...csvQuoting });
}

/** Raw responses as JSON: the survey id, then one object per response with its answers. */
export function responsesToJson(definition: Definition, responses: readonly ExportableResponse[]): string {
  return `${JSON.stringify(
    {
      survey: definition.id,
      notice: definition.notice ?? null,
      responses: responses.map((r) => ({ id: r.id, org: r.org, submittedAt: r.submittedAt, wave: r.wave ?? null, answers: r.answers })),
    },
    null,
    2,
  )}\n`;
}
