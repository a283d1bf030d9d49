import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportDefinition, exportResults } from '../../test/support/export-fixtures.js';
import { checkTabularDataPackage } from '../../test/support/frictionless-check.js';
import { openDataPackage, type OpenDataFiles, type TableSchemaField } from './open-data-package.js';

const created = new Date('2026-03-01T12:00:00.000Z');
const files = openDataPackage(exportResults, exportDefinition, { licence: 'OGL-UK-3.0', created });
const descriptor = JSON.parse(files['datapackage.json']) as {
  name: string;
  description: string;
  created: string;
  licenses: Array<{ name: string }>;
  sources: Array<{ title: string }>;
  resources: Array<{ name: string; path: keyof OpenDataFiles; schema: { fields: TableSchemaField[]; primaryKey?: string[] } }>;
};
const resource = (name: string) => descriptor.resources.find((r) => r.name === name)!;
const csvOf = (path: keyof OpenDataFiles) => parse(files[path]) as string[][];

describe('openDataPackage', () => {
  it('is a Tabular Data Package that meets the specification, and each CSV meets its schema', () => {
    expect(checkTabularDataPackage(descriptor, (path) => files[path as keyof OpenDataFiles])).toEqual([]);
  });

  it('names itself after the survey and carries its licence, source and creation time', () => {
    expect(descriptor).toMatchObject({ profile: 'tabular-data-package', name: 'demo-aggregates', created: '2026-03-01T12:00:00.000Z', licenses: [{ name: 'OGL-UK-3.0' }], sources: [{ title: 'Demo' }] });
  });

  it('describes the aggregates and the codebook as CSV resources whose field names are their header', () => {
    expect(descriptor.resources.map((r) => [r.name, r.path])).toEqual([
      ['aggregates', 'aggregates.csv'],
      ['codebook', 'codebook.csv'],
    ]);
    for (const r of descriptor.resources) expect(r.schema.fields.map((f) => f.name)).toEqual(csvOf(r.path)[0]);
  });

  it('gives every field a type, title and description', () => {
    for (const field of descriptor.resources.flatMap((r) => r.schema.fields)) {
      expect(field.type, field.name).toMatch(/^(string|integer|number|boolean)$/);
      expect(field.title.length, field.name).toBeGreaterThan(0);
      expect(field.description.length, field.name).toBeGreaterThan(10);
    }
  });

  it('gives the codes of each question in the codebook, with labels, and every code in the aggregates is one of them', () => {
    const [header, ...codebook] = csvOf('codebook.csv');
    const at = (name: string) => header!.indexOf(name);
    const listed = new Set(codebook.map((r) => `${r[at('question_id')]}:${r[at('code')]}`));
    expect(codebook.map((r) => [r[at('question_id')], r[at('kind')], r[at('code')], r[at('label')]])).toContainEqual(['agree', 'net', 'agreeing', 'Agree (strongly or not)']);
    expect(resource('codebook').schema.primaryKey).toEqual(['question_id', 'code']);
    const [aggregateHeader, ...aggregates] = csvOf('aggregates.csv');
    const used = aggregates.filter((r) => r[aggregateHeader!.indexOf('code')] !== '').map((r) => `${r[aggregateHeader!.indexOf('question_id')]}:${r[aggregateHeader!.indexOf('code')]}`);
    expect(used.length).toBeGreaterThan(0);
    for (const code of used) expect(listed).toContain(code);
  });

  it('declares the code lists as enums: question ids, codes, groups and figure types', () => {
    const enumOf = (name: string) => resource('aggregates').schema.fields.find((f) => f.name === name)!.constraints?.enum;
    expect(enumOf('question_id')).toEqual(['tool', 'agree', 'staff']);
    expect(enumOf('figure_type')).toEqual(['option', 'net', 'mean']);
    expect(enumOf('group')).toEqual(['all', 'England', 'Wales']);
    expect(enumOf('code')).toContain('agreeing');
  });

  it('opens its description with the definition’s notice and says what the figures are', () => {
    expect(descriptor.description.startsWith(exportDefinition.notice!)).toBe(true);
    expect(descriptor.description).toMatch(/Filter: staff >= 1\./);
    expect(descriptor.description).toMatch(/Breakdown: org\.nation\./);
  });

  it('is found out by the check when the CSV and the descriptor disagree', () => {
    const broken = { ...files, 'aggregates.csv': files['aggregates.csv'].replace(/,option,/, ',choice,') };
    expect(checkTabularDataPackage(descriptor, (path) => broken[path as keyof OpenDataFiles])).toEqual([expect.stringMatching(/figure_type "choice" is not in its enum/)]);
  });
});
