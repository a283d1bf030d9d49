import type { RegisterSchema } from '../definition/schema.js';
import type { Problem } from '../errors/catalogue.js';
import { groupRowProblems } from '../errors/group-row-problems.js';
import { readCsvTable } from '../tabular/read-csv-table.js';
import type { Organisation } from './organisation.js';
import { isAttributeId, openOrganisationSchema, organisationSchemaFor } from './organisation-schema.js';

/** `columns`: the file's header, which says the attributes it gives (empty cells included). */
export type RegisterResult = { ok: true; organisations: Organisation[]; columns: string[] } | { ok: false; problems: Problem[] };

/** The columns a register file may have: the fixed ones and each attribute given (not computed). */
export function registerColumns(register: RegisterSchema | undefined): string[] {
  return ['id', 'name', ...(register?.attributes ?? []).filter((a) => a.type !== 'bands').map((a) => a.id), 'parent', 'headcount'];
}

function requiredColumns(register: RegisterSchema | undefined): string[] {
  return ['id', 'name', ...(register?.attributes ?? []).filter((a) => a.type !== 'bands' && a.required).map((a) => a.id)];
}

/**
 * Reads a register CSV: columns id, name[, parent, headcount] and the register's attributes by
 * id. With a register schema, every column must be one of its attributes (bands are computed and
 * never given) and every value one it allows; without one, any column named like an attribute
 * id is a text attribute. Rows are numbered as a spreadsheet shows them, the header being row 1.
 * Every bad row is reported, and a problem that repeats over rows once ("rows 2–41, column
 * type"); a parent may be in the file or among `knownIds` (already in the database).
 */
export function parseRegisterCsv(text: string, register?: RegisterSchema, knownIds: ReadonlySet<string> = new Set()): RegisterResult {
  const allowed = registerColumns(register);
  const required = requiredColumns(register);
  const read = readCsvTable(text);
  if (!read.ok) return { ok: false, problems: [read.problem.code === 'empty' ? { ...read.problem, expected: `a header row: ${allowed.join(',')}` } : read.problem] };
  const problems: Problem[] = [];
  const columns = read.table.header;
  const body = read.table.rows;
  const seenColumns = new Set<string>();
  for (const column of columns) {
    if (seenColumns.has(column)) problems.push({ where: `row 1, column ${column}`, code: 'duplicate-column', message: `the column '${column}' appears twice` });
    seenColumns.add(column);
    const computed = register?.attributes.find((a) => a.id === column && a.type === 'bands');
    if (computed?.type === 'bands') problems.push({ where: `row 1, column ${column}`, code: 'computed-column', message: `'${column}' is computed from ${computed.of} (bands); it is not given in the register`, expected: `leave the column out; give ${computed.of}` });
    else if (register ? !allowed.includes(column) : !allowed.includes(column) && !isAttributeId(column)) {
      problems.push({
        where: `row 1, column ${column}`,
        code: 'unknown-column',
        message: register ? `'${column}' is not a register column` : `'${column}' is not a column name`,
        expected: register ? `${allowed.join(', ')} (declare other attributes in the register schema)` : 'id, name, parent, headcount, and attributes named with lower-case letters, digits and _',
      });
    }
  }
  for (const column of required) {
    if (!columns.includes(column)) problems.push({ where: 'row 1', code: 'missing-column', message: `the column '${column}' is missing`, expected: `a header with ${required.join(', ')}` });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (body.length === 0) return { ok: false, problems: [{ where: 'file', code: 'empty', message: 'the file has a header but no organisations' }] };

  const schema = register ? organisationSchemaFor(register) : openOrganisationSchema(columns);
  const numeric = new Set(['headcount', ...(register?.attributes ?? []).filter((a) => a.type === 'number').map((a) => a.id)]);
  const organisations: Organisation[] = [];
  const firstRow = new Map<string, number>();
  body.forEach(({ row, cells }) => {
    if (cells.length !== columns.length) {
      problems.push({ where: `row ${row}`, code: 'column-count', message: `the row has ${cells.length} cells but the header has ${columns.length}`, expected: `${columns.length} cells` });
      return;
    }
    const record: Record<string, unknown> = {};
    columns.forEach((column, c) => {
      const value = (cells[c] ?? '').trim();
      if (value === '') return;
      record[column] = numeric.has(column) && /^-?\d+(?:\.\d+)?$/.test(value) ? Number(value) : value;
    });
    const parsed = schema.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? 'row');
        problems.push({ where: `row ${row}, column ${column}`, code: 'invalid', message: issue.message.replace(/^Invalid input: expected (\w+), received undefined$/, `'${column}' is required`), ...expectedFor(column, numeric) });
      }
      return;
    }
    const org = parsed.data as Organisation;
    const earlier = firstRow.get(org.id);
    if (earlier !== undefined) {
      problems.push({ where: `row ${row}, column id`, code: 'duplicate-id', message: `'${org.id}' is already used in row ${earlier}`, expected: 'a unique id' });
      return;
    }
    firstRow.set(org.id, row);
    organisations.push(org);
  });
  const parents = new Map(organisations.map((o) => [o.id, o.parent]));
  for (const org of organisations) {
    if (org.parent && !firstRow.has(org.parent) && !knownIds.has(org.parent)) {
      problems.push({ where: `row ${firstRow.get(org.id)}, column parent`, code: 'unknown-parent', message: `parent '${org.parent}' is not in the register`, expected: 'the id of another organisation' });
    }
    if (org.parent === org.id) problems.push({ where: `row ${firstRow.get(org.id)}, column parent`, code: 'own-parent', message: 'an organisation cannot be its own parent' });
    else if (inCycle(org, parents)) problems.push({ where: `row ${firstRow.get(org.id)}, column parent`, code: 'parent-cycle', message: `'${org.id}' is its own ancestor through its parents`, expected: 'parents that end at an organisation without a parent' });
  }
  return problems.length > 0 ? { ok: false, problems: groupRowProblems(problems) } : { ok: true, organisations, columns };
}

function inCycle(org: Organisation, parents: ReadonlyMap<string, string | undefined>): boolean {
  let current = org.parent;
  for (let steps = 0; current !== undefined && steps <= parents.size; steps++) {
    if (current === org.id) return true;
    current = parents.get(current);
  }
  return false;
}

function expectedFor(column: string, numeric: ReadonlySet<string>): { expected?: string } {
  if (column === 'headcount') return { expected: 'a positive whole number, or empty' };
  if (column === 'id') return { expected: 'a kebab-case id' };
  if (numeric.has(column)) return { expected: 'a number, or empty' };
  return {};
}
