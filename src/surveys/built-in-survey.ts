import { readFileSync } from 'node:fs';
import { generateResponses, type GeneratedResponse } from './digital-gap-2017/generate-responses.js';

/** A survey shipped with Canvass: its definition file, its register and its example responses. */
export interface BuiltInSurvey {
  id: string;
  summary: string;
  definitionText(): string;
  /** The register schema (its attributes and their codes), a YAML file of its own. */
  registerSchemaText(): string;
  registerCsv(): string;
  /** Example responses for the organisations of the register, in register order. */
  responses(orgIds: readonly string[]): GeneratedResponse[];
}

const asset = (path: string) => () => readFileSync(new URL(path, import.meta.url), 'utf8');

export const builtInSurveys: Readonly<Record<string, BuiltInSurvey>> = {
  'digital-gap-2017': {
    id: 'digital-gap-2017',
    summary: 'Closing the Digital Gap 2017: 235 public servants at 180 UK councils and departments (reconstructed from the published figures)',
    definitionText: asset('./digital-gap-2017/definition.yaml'),
    registerSchemaText: asset('./digital-gap-2017/register.yaml'),
    registerCsv: asset('./digital-gap-2017/organisations.csv'),
    responses: (orgIds) => generateResponses(orgIds),
  },
};
