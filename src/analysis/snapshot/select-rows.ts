import type { OrgAttributes } from './respondent-record.js';
import type { Column, SurveySnapshot } from './survey-snapshot.js';

/**
 * A snapshot of some of another's respondents: the given rows (increasing), in their order, as a
 * snapshot of its own — the respondents left out are not in its design at all (not a domain:
 * their strata counts do not include them). Organisations are those of the rows kept, in the
 * order they first appear. The columns are copies; the source is not changed.
 *
 * Example: rows [0, 2] of a snapshot of three respondents at organisations a, b, a give a
 * snapshot of two respondents, both at organisation a (orgs [a], orgIndex [0, 0]).
 */
export function selectRows(snapshot: SurveySnapshot, rows: Uint32Array): SurveySnapshot {
  const n = rows.length;
  const orgPosition = new Int32Array(snapshot.orgs.length).fill(-1);
  const orgs: OrgAttributes[] = [];
  const orgIndex = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    if (row >= snapshot.n || (i > 0 && row <= rows[i - 1]!)) throw new Error(`rows to select must increase and lie below ${snapshot.n}; row ${i} is ${row}`);
    const o = snapshot.orgIndex[row]!;
    if (orgPosition[o] === -1) {
      orgPosition[o] = orgs.length;
      orgs.push(snapshot.orgs[o]!);
    }
    orgIndex[i] = orgPosition[o]!;
  }
  const columns = new Map<string, Column>();
  for (const [id, column] of snapshot.columns) columns.set(id, selectColumn(column, rows));
  const selected: SurveySnapshot = { definition: snapshot.definition, n, orgs, orgIndex, columns };
  if (snapshot.versions) selected.versions = pick(snapshot.versions, rows, (size) => new Uint16Array(size));
  if (snapshot.introductions) selected.introductions = snapshot.introductions;
  return selected;
}

function pick<T extends Int16Array | Uint16Array | Uint8Array | Float64Array>(values: T, rows: Uint32Array, make: (n: number) => T): T {
  const out = make(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]!]!;
  return out;
}

function selectColumn(column: Column, rows: Uint32Array): Column {
  const bytes = (values: Uint8Array) => pick(values, rows, (n) => new Uint8Array(n));
  switch (column.kind) {
    case 'choice':
      return { ...column, codes: pick(column.codes, rows, (n) => new Int16Array(n)) };
    case 'multi':
      return { ...column, answered: bytes(column.answered), chosen: column.chosen.map(bytes) };
    case 'number':
      return { ...column, values: pick(column.values, rows, (n) => new Float64Array(n)) };
    case 'text':
      return { ...column, answered: bytes(column.answered) };
  }
}
