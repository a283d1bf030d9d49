import { parse } from 'csv-parse/sync';
import type { Problem } from '../errors/catalogue.js';
import { organisationSchema, type Organisation } from './organisation.js';

export const registerColumns = ['id', 'name', 'type', 'nation', 'region', 'parent', 'headcount'] as const;
const requiredColumns = ['id', 'name', 'type', 'nation'] as const;

export type RegisterResult = { ok: true; organisations: Organisation[] } | { ok: false; problems: Problem[] };

/**
 * Reads a register CSV (header: id,name,type,nation[,region,parent,headcount]); rows are
 * numbered as a spreadsheet shows them, the header being row 1. Every bad row is reported;
 * a parent may be in the file or among `knownIds` (already in the database).
 */
export function parseRegisterCsv(text: string, knownIds: ReadonlySet<string> = new Set()): RegisterResult {
  let rows: string[][];
  try {
    // Ragged rows are reported per row below (column-count) instead of failing the whole file.
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (error) {
    return { ok: false, problems: [{ where: 'file', code: 'csv-syntax', message: (error as Error).message }] };
  }
  const [header, ...body] = rows;
  if (!header) return { ok: false, problems: [{ where: 'file', code: 'empty', message: 'the file is empty', expected: `a header row: ${registerColumns.join(',')}` }] };
  const problems: Problem[] = [];
  const columns = header.map((h) => h.trim());
  for (const column of columns) {
    if (!(registerColumns as readonly string[]).includes(column)) problems.push({ where: `row 1, column ${column}`, code: 'unknown-column', message: `'${column}' is not a register column`, expected: registerColumns.join(', ') });
  }
  for (const column of requiredColumns) {
    if (!columns.includes(column)) problems.push({ where: 'row 1', code: 'missing-column', message: `the column '${column}' is missing`, expected: `a header with ${requiredColumns.join(', ')}` });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (body.length === 0) return { ok: false, problems: [{ where: 'file', code: 'empty', message: 'the file has a header but no organisations' }] };

  const organisations: Organisation[] = [];
  const firstRow = new Map<string, number>();
  body.forEach((cells, i) => {
    const row = i + 2;
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
  for (const org of organisations) {
    if (org.parent && !firstRow.has(org.parent) && !knownIds.has(org.parent)) {
      problems.push({ where: `row ${firstRow.get(org.id)}, column parent`, code: 'unknown-parent', message: `parent '${org.parent}' is not in the register`, expected: 'the id of another organisation' });
    }
    if (org.parent === org.id) problems.push({ where: `row ${firstRow.get(org.id)}, column parent`, code: 'own-parent', message: 'an organisation cannot be its own parent' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, organisations };
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
