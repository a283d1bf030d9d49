import type { SurveyResults } from '../analysis/results/results-model.js';
import type { Definition } from '../definition/schema.js';
import { aggregateTable } from './aggregate-table.js';
import { codebookTable } from './codebook.js';
import { openDataLicences, type OpenDataLicence } from './open-data-licences.js';
import { aboutResults } from './results-about.js';
import type { Table, TableColumn } from './table-columns.js';
import { tableToCsv } from './table-csv.js';

/** The files of an open-data package, by their names in the package's folder. */
export interface OpenDataFiles {
  'datapackage.json': string;
  'aggregates.csv': string;
  'codebook.csv': string;
}

export const openDataFileNames = ['datapackage.json', 'aggregates.csv', 'codebook.csv'] as const satisfies ReadonlyArray<keyof OpenDataFiles>;

/** A Table Schema field, as the Frictionless Table Schema specification defines it. */
export interface TableSchemaField {
  name: string;
  type: TableColumn['type'];
  title: string;
  description: string;
  trueValues?: string[];
  falseValues?: string[];
  constraints?: { required?: boolean; enum?: string[] };
}

export interface OpenDataOptions {
  licence: OpenDataLicence;
  /** When the package is made (the descriptor's `created`). */
  created: Date;
  /** Which data the figures are of, as the pages say ("Release 2 of 30 November 2026: …"): the descriptor's `version`, and its description's first line. */
  data?: string;
}

/**
 * An open-data package of a survey's results: `aggregates.csv` (the tidy table of figures,
 * disclosure control applied), `codebook.csv` (every question's option and net codes with their
 * labels) and a Frictionless Tabular Data Package descriptor, `datapackage.json`, describing
 * every field of both files: its type, title, description, code list (`constraints.enum`) and
 * that an empty cell is a missing value. A definition's notice (the built-in survey's data is
 * reconstructed from the published figures, not the original responses) opens the description.
 */
export function openDataPackage(results: SurveyResults, definition: Definition, options: OpenDataOptions): OpenDataFiles {
  const aggregates = aggregateTable(results, definition);
  const codebook = codebookTable(definition, { nets: true });
  const licence = openDataLicences[options.licence];
  const descriptor = {
    profile: 'tabular-data-package',
    name: `${results.survey}-aggregates`,
    title: `${results.title}: aggregate results`,
    ...(options.data ? { version: options.data.replace(/^Release (\d+).*/, '$1') } : {}),
    description: `${options.data ? `${options.data}. ` : ''}${packageDescription(results, definition)}`,
    licenses: [{ name: options.licence, title: licence.title, path: licence.path }],
    sources: [{ title: definition.publisher ? `${definition.title} (${definition.publisher})` : definition.title }],
    created: options.created.toISOString(),
    keywords: ['survey', 'public sector', results.survey],
    resources: [
      csvResource('aggregates', 'Aggregate results', 'One row per figure: each option and net of a choice question and the mean of a number question, for everyone and for each group of the breakdown.', aggregates),
      {
        ...csvResource('codebook', 'Codebook', 'The code list: every option and net of each choice question, with its label. A code is identified by question_id and code together.', codebook),
        schema: { ...tableSchema(codebook), primaryKey: ['question_id', 'code'] },
      },
    ],
  };
  return {
    'datapackage.json': `${JSON.stringify(descriptor, null, 2)}\n`,
    'aggregates.csv': tableToCsv(aggregates),
    'codebook.csv': tableToCsv(codebook),
  };
}

function csvResource(name: string, title: string, description: string, table: Table) {
  return {
    name,
    path: `${name}.csv`,
    profile: 'tabular-data-resource',
    title,
    description,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    dialect: { delimiter: ',', lineTerminator: '\n', quoteChar: '"', doubleQuote: true, header: true },
    schema: tableSchema(table),
  };
}

/** The Table Schema of a table: its fields in column order, empty cells as missing values. */
export function tableSchema(table: Table): { fields: TableSchemaField[]; missingValues: string[] } {
  return { fields: table.columns.map(schemaField), missingValues: [''] };
}

function schemaField(column: TableColumn): TableSchemaField {
  const constraints = {
    ...(column.required ? { required: true } : {}),
    ...(column.enum ? { enum: [...column.enum] } : {}),
  };
  return {
    name: column.name,
    type: column.type,
    title: column.title,
    description: column.description,
    ...(column.type === 'boolean' ? { trueValues: ['true'], falseValues: ['false'] } : {}),
    ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
  };
}

function packageDescription(results: SurveyResults, definition: Definition): string {
  const about = aboutResults(results)
    .filter(([key, value]) => value !== null && !['Survey', 'Title', 'Notice'].includes(key))
    .map(([key, value]) => `${key}: ${value}.`);
  return [
    ...(definition.notice ? [definition.notice.trim()] : []),
    'Aggregate figures only, with disclosure control applied; the individual responses are not part of this package.',
    ...(definition.description ? [definition.description.trim()] : []),
    ...(definition.fieldwork ? [`Fieldwork ${definition.fieldwork.start} to ${definition.fieldwork.end}.`] : []),
    about.join(' '),
    'Text cells that would start with =, +, -, @, a tab or a carriage return begin with an extra \' so that spreadsheets do not run them as formulas.',
  ].join('\n\n');
}
