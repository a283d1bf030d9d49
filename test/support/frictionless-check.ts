import { parse } from 'csv-parse/sync';

/**
 * Checks a Tabular Data Package against the required properties and patterns of the
 * Frictionless Data Package v1 specification (profiles tabular-data-package and
 * tabular-data-resource, Table Schema), and checks each resource's CSV against its schema:
 * the header equals the field names, every cell casts to its field's type, enum and required
 * constraints hold, and the primary key is unique. No maintained JavaScript validator of the
 * specification is published on npm, so the tests carry this one. Returns the problems found.
 */
export function checkTabularDataPackage(descriptor: unknown, readResource: (path: string) => string): string[] {
  const problems: string[] = [];
  const fail = (message: string) => void problems.push(message);
  if (!isObject(descriptor)) return ['the descriptor is not a JSON object'];
  if (descriptor.profile !== 'tabular-data-package') fail(`profile is ${String(descriptor.profile)}, not tabular-data-package`);
  if (typeof descriptor.name !== 'string' || !/^([-a-z0-9._/])+$/.test(descriptor.name)) fail(`name ${String(descriptor.name)} is not lower-case letters, digits, ., _, - and /`);
  for (const key of ['title', 'description'] as const) if (descriptor[key] !== undefined && typeof descriptor[key] !== 'string') fail(`${key} is not a string`);
  if (descriptor.created !== undefined && (typeof descriptor.created !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(descriptor.created))) fail(`created ${String(descriptor.created)} is not an RFC 3339 date-time`);
  if (descriptor.licenses !== undefined) {
    if (!Array.isArray(descriptor.licenses) || descriptor.licenses.length === 0) fail('licenses is not a non-empty array');
    else
      for (const licence of descriptor.licenses) {
        if (!isObject(licence) || (licence.name === undefined && licence.path === undefined)) fail('a licence has neither name nor path');
        else if (licence.name !== undefined && (typeof licence.name !== 'string' || !/^([-a-zA-Z0-9._])+$/.test(licence.name))) fail(`licence name ${String(licence.name)} is not an Open Definition id`);
      }
  }
  if (descriptor.sources !== undefined) {
    if (!Array.isArray(descriptor.sources)) fail('sources is not an array');
    else for (const source of descriptor.sources) if (!isObject(source) || typeof source.title !== 'string' || source.title === '') fail('a source has no title');
  }
  const resources = descriptor.resources;
  if (!Array.isArray(resources) || resources.length === 0) return [...problems, 'resources is not a non-empty array'];
  const names = new Set<string>();
  for (const [index, resource] of resources.entries()) {
    const where = `resources[${index}]`;
    if (!isObject(resource)) {
      fail(`${where} is not an object`);
      continue;
    }
    if (typeof resource.name !== 'string' || !/^([-a-z0-9._/])+$/.test(resource.name)) fail(`${where}.name ${String(resource.name)} does not match the name pattern`);
    else if (names.has(resource.name)) fail(`${where}.name ${resource.name} is not unique`);
    else names.add(resource.name);
    if (resource.profile !== 'tabular-data-resource') fail(`${where}.profile is not tabular-data-resource`);
    if (typeof resource.path !== 'string' || resource.path.startsWith('/') || resource.path.includes('..')) fail(`${where}.path is not a relative path inside the package`);
    const schema = resource.schema;
    if (!isObject(schema) || !Array.isArray(schema.fields) || schema.fields.length === 0) {
      fail(`${where}.schema has no fields`);
      continue;
    }
    const fields = schema.fields as unknown[];
    const missingValues = schema.missingValues ?? [''];
    if (!Array.isArray(missingValues) || !missingValues.every((v) => typeof v === 'string')) fail(`${where}.schema.missingValues is not an array of strings`);
    const fieldProblems = fields.flatMap((field, i) => checkField(field, `${where}.schema.fields[${i}]`));
    problems.push(...fieldProblems);
    if (fieldProblems.length > 0 || typeof resource.path !== 'string') continue;
    const typedFields = fields as Field[];
    const fieldNames = typedFields.map((f) => f.name);
    if (new Set(fieldNames).size !== fieldNames.length) fail(`${where}.schema has duplicate field names`);
    const primaryKey = schema.primaryKey === undefined ? [] : Array.isArray(schema.primaryKey) ? (schema.primaryKey as string[]) : [schema.primaryKey as string];
    for (const key of primaryKey) if (!fieldNames.includes(key)) fail(`${where}.schema.primaryKey names ${key}, which is not a field`);
    problems.push(...checkData(readResource(resource.path), typedFields, missingValues as string[], primaryKey, resource.path));
  }
  return problems;
}

interface Field {
  name: string;
  type: string;
  trueValues?: string[];
  falseValues?: string[];
  constraints?: { required?: boolean; enum?: string[] };
}

const fieldTypes = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'date', 'time', 'datetime', 'year', 'yearmonth', 'duration', 'geopoint', 'geojson', 'any'];

function checkField(field: unknown, where: string): string[] {
  if (!isObject(field) || typeof field.name !== 'string' || field.name === '') return [`${where} has no name`];
  const problems: string[] = [];
  if (typeof field.type !== 'string' || !fieldTypes.includes(field.type)) problems.push(`${where} (${field.name}) has type ${String(field.type)}, not a Table Schema type`);
  if (field.constraints !== undefined) {
    if (!isObject(field.constraints)) return [...problems, `${where}.constraints is not an object`];
    const { required, enum: values } = field.constraints;
    if (required !== undefined && typeof required !== 'boolean') problems.push(`${where}.constraints.required is not a boolean`);
    if (values !== undefined && (!Array.isArray(values) || values.length === 0 || new Set(values).size !== values.length)) problems.push(`${where}.constraints.enum is not a non-empty array of unique values`);
  }
  return problems;
}

function checkData(csv: string, fields: Field[], missingValues: string[], primaryKey: string[], path: string): string[] {
  const problems: string[] = [];
  const [header, ...rows] = parse(csv) as string[][];
  const names = fields.map((f) => f.name);
  if (JSON.stringify(header) !== JSON.stringify(names)) return [`${path}: the header ${JSON.stringify(header)} is not the schema's field names ${JSON.stringify(names)}`];
  const keys = new Set<string>();
  rows.forEach((row, r) => {
    const line = r + 2;
    if (row.length !== fields.length) problems.push(`${path} row ${line}: ${row.length} cells for ${fields.length} fields`);
    fields.forEach((field, c) => {
      const cell = row[c] ?? '';
      if (missingValues.includes(cell)) {
        if (field.constraints?.required) problems.push(`${path} row ${line}: ${field.name} is required but missing`);
        return;
      }
      if (!castsTo(field, cell)) problems.push(`${path} row ${line}: ${field.name} "${cell}" is not a ${field.type}`);
      if (field.constraints?.enum && !field.constraints.enum.includes(cell)) problems.push(`${path} row ${line}: ${field.name} "${cell}" is not in its enum`);
    });
    if (primaryKey.length > 0) {
      const key = JSON.stringify(primaryKey.map((k) => row[names.indexOf(k)]));
      if (keys.has(key)) problems.push(`${path} row ${line}: primary key ${key} is not unique`);
      keys.add(key);
    }
  });
  return problems.slice(0, 20);
}

function castsTo(field: Field, cell: string): boolean {
  switch (field.type) {
    case 'integer':
      return /^[-+]?\d+$/.test(cell);
    case 'number':
      return /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(cell) || ['NaN', 'INF', '-INF'].includes(cell);
    case 'boolean':
      return [...(field.trueValues ?? ['true', 'True', 'TRUE', '1']), ...(field.falseValues ?? ['false', 'False', 'FALSE', '0'])].includes(cell);
    case 'string':
      return true;
    default:
      return false;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
