import type { Problem } from '../errors/catalogue.js';
import { readCsvTable } from '../tabular/read-csv-table.js';
import { organisationSchema, type Organisation } from './organisation-schema.js';

export const registerColumns = ['id', 'name', 'type', 'nation', 'region', 'parent', 'headcount'] as const;
const requiredColumns = ['id', 'name', 'type', 'nation'] as const;

export type RegisterResult = { ok: true; organisations: Organisation[] } | { ok: false; problems: Problem[] };

/**
 * Reads a register CSV (header: id,name,type,nation[,region,parent,headcount]); rows are
 * numbered as a spreadsheet shows them, the header being row 1. Every bad row is reported;
 * a parent may be in the file or among `knownIds` (already in the database).
 */
export function parseRegisterCsv(text: string, knownIds: ReadonlySet<string> = new Set()): RegisterResult {
  const read = readCsvTable(text);
  if (!read.ok) return { ok: false, problems: [read.problem.code === 'empty' ? { ...read.problem, expected: `a header row: ${registerColumns.join(',')}` } : read.problem] };
  const problems: Problem[] = [];
  const columns = read.table.header;
  const body = read.table.rows;
  const seenColumns = new Set<string>();
  for (const column of columns) {
    if (seenColumns.has(column)) problems.push({ where: `row 1, column ${column}`, code: 'duplicate-column', message: `the column '${column}' appears twice` });
    seenColumns.add(column);
    if (!(registerColumns as readonly string[]).includes(column)) problems.push({ where: `row 1, column ${column}`, code: 'unknown-column', message: `'${column}' is not a register column`, expected: registerColumns.join(', ') });
  }
  for (const column of requiredColumns) {
    if (!columns.includes(column)) problems.push({ where: 'row 1', code: 'missing-column', message: `the column '${column}' is missing`, expected: `a header with ${requiredColumns.join(', ')}` });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (body.length === 0) return { ok: false, problems: [{ where: 'file', code: 'empty', message: 'the file has a header but no organisations' }] };

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
      record[column] = column === 'headcount' ? (/^\d+$/.test(value) ? Number(value) : value) : value;
    });
    const parsed = organisationSchema.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? 'row');
        problems.push({ where: `row ${row}, column ${column}`, code: 'invalid', message: issue.message.replace(/^Invalid input: expected (\w+), received undefined$/, `'${column}' is required`), expected: expectedFor(column) });
      }
      return;
    }
    const earlier = firstRow.get(parsed.data.id);
    if (earlier !== undefined) {
      problems.push({ where: `row ${row}, column id`, code: 'duplicate-id', message: `'${parsed.data.id}' is already used in row ${earlier}`, expected: 'a unique id' });
      return;
    }
    firstRow.set(parsed.data.id, row);
    organisations.push(parsed.data);
  });
  const parents = new Map(organisations.map((o) => [o.id, o.parent]));
  for (const org of organisations) {
    if (org.parent && !firstRow.has(org.parent) && !knownIds.has(org.parent)) {
      problems.push({ where: `row ${firstRow.get(org.id)}, column parent`, code: 'unknown-parent', message: `parent '${org.parent}' is not in the register`, expected: 'the id of another organisation' });
    }
    if (org.parent === org.id) problems.push({ where: `row ${firstRow.get(org.id)}, column parent`, code: 'own-parent', message: 'an organisation cannot be its own parent' });
    else if (inCycle(org, parents)) problems.push({ where: `row ${firstRow.get(org.id)}, column parent`, code: 'parent-cycle', message: `'${org.id}' is its own ancestor through its parents`, expected: 'parents that end at an organisation without a parent' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, organisations };
}

function inCycle(org: Organisation, parents: ReadonlyMap<string, string | undefined>): boolean {
  let current = org.parent;
  for (let steps = 0; current !== undefined && steps <= parents.size; steps++) {
    if (current === org.id) return true;
    current = parents.get(current);
  }
  return false;
}

function expectedFor(column: string): string | undefined {
  switch (column) {
    case 'headcount':
      return 'a positive whole number, or empty';
    case 'id':
      return 'a kebab-case id';
    default:
      return undefined;
  }
}
