import { z } from 'zod';
import type { Problem } from '../../errors/catalogue.js';
import type { ContactRole } from '../../storage/contacts-repository.js';
import { readCsvTable } from '../../tabular/read-csv-table.js';

/** The columns of a contacts file: `language` may be left out; the others are required. */
export const contactColumns = ['org', 'email', 'name', 'role', 'language'] as const;
export const contactRoles: readonly ContactRole[] = ['respondent', 'lead'];

export interface ContactRow {
  row: number;
  orgId: string;
  email: string;
  name: string;
  role: ContactRole;
  language: string | undefined;
}

const emailSchema = z.email();

/** Text from the file as a message quotes it: at most 100 characters, control characters and line breaks escaped. */
function shown(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is escaped
  return text.slice(0, 100).replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
const languagePattern = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** One contact's fields, checked as a file row or an admin form is: problems named by `where(column)`. */
export function checkContactFields(
  fields: { org: string; email: string; name: string; role: string; language: string },
  where: (column: string) => string,
  knownOrg: (id: string) => boolean,
): { ok: true; contact: Omit<ContactRow, 'row'> } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const org = fields.org.trim();
  const email = fields.email.trim();
  const name = fields.name.trim();
  const role = fields.role.trim().toLowerCase();
  const language = fields.language.trim();
  if (org === '') problems.push({ where: where('org'), code: 'required', message: 'the organisation is missing', expected: 'an organisation id from the register' });
  else if (!knownOrg(org)) problems.push({ where: where('org'), code: 'unknown-organisation', message: `'${shown(org)}' is not an organisation in the register`, expected: 'an organisation id from the register (canvass orgs import adds them)' });
  if (email === '') problems.push({ where: where('email'), code: 'required', message: 'the email address is missing', expected: 'an address like name@example.org' });
  else if (email.length > 254 || !emailSchema.safeParse(email).success) problems.push({ where: where('email'), code: 'invalid-email', message: `'${shown(email)}' is not an email address`, expected: 'an address like name@example.org' });
  if (name === '') problems.push({ where: where('name'), code: 'required', message: 'the name is missing', expected: 'the name to greet them by' });
  // eslint-disable-next-line no-control-regex -- a name goes into an email's text: no control characters
  else if (name.length > 200 || /[\u0000-\u001f\u007f]/.test(name)) problems.push({ where: where('name'), code: 'invalid-name', message: 'the name is longer than 200 characters or holds a control character or line break', expected: 'a name on one line' });
  if (!(contactRoles as readonly string[]).includes(role)) problems.push({ where: where('role'), code: 'invalid-role', message: `'${shown(role)}' is not a role`, expected: 'respondent or lead' });
  if (language !== '' && !languagePattern.test(language)) problems.push({ where: where('language'), code: 'invalid-language', message: `'${shown(language)}' is not a language tag`, expected: 'a tag like en or cy, or nothing for the default texts' });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, contact: { orgId: org, email: email.toLowerCase(), name, role: role as ContactRole, language: language === '' ? undefined : language } };
}

/**
 * Reads and checks a whole contacts file before anything is stored: columns org, email, name, role
 * (respondent or lead) and optionally language; every organisation in the register; each address
 * an email address, once per role in the file and not already a contact of that role
 * (`existing`: role NUL address). Every problem is named by row and column as a spreadsheet
 * numbers them.
 */
export function parseContactsCsv(text: string, knownOrg: (id: string) => boolean, existing: ReadonlySet<string>): { ok: true; contacts: ContactRow[] } | { ok: false; problems: Problem[]; rows: number } {
  const read = readCsvTable(text);
  if (!read.ok) return { ok: false, rows: 0, problems: [read.problem.code === 'empty' ? { ...read.problem, expected: `a header row: ${contactColumns.join(',')}` } : read.problem] };
  const { header, rows } = read.table;
  const problems: Problem[] = [];
  const seen = new Set<string>();
  header.forEach((column) => {
    if (seen.has(column)) problems.push({ where: `row 1, column ${column}`, code: 'duplicate-column', message: `the column '${column}' appears twice` });
    seen.add(column);
    if (!(contactColumns as readonly string[]).includes(column)) problems.push({ where: `row 1, column ${column}`, code: 'unknown-column', message: `'${shown(column)}' is not a column of a contacts file`, expected: contactColumns.join(', ') });
  });
  for (const column of contactColumns.filter((c) => c !== 'language')) {
    if (!header.includes(column)) problems.push({ where: 'row 1', code: 'missing-column', message: `the '${column}' column is missing`, expected: `a header row: ${contactColumns.join(',')}` });
  }
  if (problems.length > 0) return { ok: false, rows: rows.length, problems };
  if (rows.length === 0) return { ok: false, rows: 0, problems: [{ where: 'file', code: 'empty', message: 'the file has a header but no contacts' }] };

  const contacts: ContactRow[] = [];
  const firstRow = new Map<string, number>();
  for (const { row, cells } of rows) {
    if (cells.length !== header.length) {
      problems.push({ where: `row ${row}`, code: 'column-count', message: `the row has ${cells.length} cells but the header has ${header.length}`, expected: `${header.length} cells` });
      continue;
    }
    const cell = (column: string) => (header.includes(column) ? (cells[header.indexOf(column)] ?? '') : '');
    const checked = checkContactFields({ org: cell('org'), email: cell('email'), name: cell('name'), role: cell('role'), language: cell('language') }, (column) => `row ${row}, column ${column}`, knownOrg);
    if (!checked.ok) {
      problems.push(...checked.problems);
      continue;
    }
    const key = `${checked.contact.role}\u0000${checked.contact.email}`;
    const before = firstRow.get(key);
    if (before !== undefined) {
      problems.push({ where: `row ${row}, column email`, code: 'duplicate', message: `${checked.contact.email} is a ${checked.contact.role} in row ${before} already`, expected: 'each address once per role' });
      continue;
    }
    firstRow.set(key, row);
    if (existing.has(key)) {
      problems.push({ where: `row ${row}, column email`, code: 'already-stored', message: `${checked.contact.email} is already a ${checked.contact.role} of this survey`, expected: 'only contacts not yet added (remove a contact to change it)' });
      continue;
    }
    contacts.push({ row, ...checked.contact });
  }
  return problems.length > 0 ? { ok: false, problems, rows: rows.length } : { ok: true, contacts };
}
