import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { withEarlierQuestions } from '../definition/definition-changes.js';
import { CanvassError } from '../errors/canvass-error.js';
import { analystLayout } from '../reporting/analyst-variables.js';
import { csvQuoting } from '../reporting/csv-cell.js';
import { rScript } from '../reporting/r-script.js';
import { spssSyntax } from '../reporting/spss-syntax.js';
import type { Store } from '../storage/store.js';
import { recordAudit } from './audit-log.js';
import { requireSurvey } from './survey-lookup.js';

/** Formats of analyst files: a data file with the script that reads and labels it. */
export const analystFormats = ['spss', 'r'] as const;
export type AnalystFormat = (typeof analystFormats)[number];

export function isAnalystFormat(format: string): format is AnalystFormat {
  return (analystFormats as readonly string[]).includes(format);
}

export interface AnalystExport {
  count: number;
  /** The data file's name (SURVEY.csv) and the script's (SURVEY.sps or SURVEY.R), to be written side by side. */
  dataFile: string;
  scriptFile: string;
  /** The data file's bytes, a page of responses at a time. */
  data: Readable;
  /** The script: call it once `data` has been read to its end (string widths come from the data). */
  script: () => string;
}

/**
 * Raw responses for SPSS (or PSPP) or R: a CSV of numeric codes (see analyst-variables.ts) and the
 * syntax or script that reads it with variable labels, value labels and missing values (see
 * spss-syntax.ts, r-script.ts). Read page by page like every raw export; recorded in the audit
 * log as one (format spss or r) before the first byte.
 */
export async function openAnalystExport(store: Store, surveyId: string, format: string, options: { actor: string; pageSize?: number }): Promise<AnalystExport> {
  if (!isAnalystFormat(format)) throw new CanvassError('option.invalid', `"${format}" is not an analyst format: use spss or r`);
  // As the raw export: a variable for every question of every version, those removed after the current ones.
  const definition = withEarlierQuestions(await requireSurvey(store, surveyId), await store.surveys.allVersions(surveyId));
  const layout = analystLayout(definition);
  const { count, pages } = await store.responses.pagesInArrivalOrder(surveyId, options);
  await recordAudit(store, { actor: options.actor, action: 'responses.export', surveyId, details: { format, responses: count } });
  const stringColumns = layout.variables.flatMap((v, i) => (v.kind === 'string' ? [i] : []));
  const widths = new Map<string, number>();
  let finished = false;
  async function* text(): AsyncGenerator<string> {
    yield stringify([layout.variables.map((v) => v.name)], { record_delimiter: 'unix' });
    for await (const page of pages) {
      const records = page.map(layout.record);
      for (const record of records) {
        for (const i of stringColumns) {
          const bytes = Buffer.byteLength(record[i]!, 'utf8');
          const name = layout.variables[i]!.name;
          if (bytes > (widths.get(name) ?? 0)) widths.set(name, bytes);
        }
      }
      if (records.length > 0) yield stringify(records, { record_delimiter: 'unix', ...csvQuoting });
    }
    finished = true;
  }
  const dataFile = `${definition.id}.csv`;
  return {
    count,
    dataFile,
    scriptFile: `${definition.id}.${format === 'spss' ? 'sps' : 'R'}`,
    data: Readable.from(text(), { objectMode: false }),
    script: () => {
      if (!finished) throw new Error('the script of an analyst export was asked for before its data was read');
      return format === 'spss' ? spssSyntax(definition, layout.variables, { dataFile, stringWidths: widths, count }) : rScript(definition, layout.variables, { dataFile, count });
    },
  };
}
