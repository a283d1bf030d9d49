import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { snapshotValues } from '../../../test/support/snapshot-values.js';
import { loadDefinitionText } from '../../definition/load-definition.js';
import { parseRegisterCsv } from '../../register/parse-register-csv.js';
import { generateResponses } from '../../surveys/digital-gap-2017/generate-responses.js';
import { AppendableSnapshot, type SequencedResponse } from './appendable-snapshot.js';
import { choicePatterns } from './choice-patterns.js';
import { decodeSnapshotChunk, encodeSnapshotChunk } from './snapshot-chunk.js';
import { buildSnapshot } from './survey-snapshot.js';

const loaded = loadDefinitionText(readFileSync(new URL('../../surveys/digital-gap-2017/definition.yaml', import.meta.url), 'utf8'));
if (!loaded.ok) throw new Error('built-in definition invalid');
const definition = loaded.definition;
const register = parseRegisterCsv(readFileSync(new URL('../../surveys/digital-gap-2017/organisations.csv', import.meta.url), 'utf8'));
if (!register.ok) throw new Error('built-in register invalid');
const orgs = new Map(register.organisations.map((o) => [o.id, o]));
const generated = generateResponses(register.organisations.map((o) => o.id));
// Sequence numbers with gaps, as a table shared by several surveys gives them.
const responses: SequencedResponse[] = generated.map((r, i) => ({ seq: 3 * i + 5, org: r.org, answers: i % 2 === 0 ? JSON.stringify(r.answers) : r.answers }));
const expected = buildSnapshot(
  definition,
  generated.map((r) => ({ org: orgs.get(r.org)!, answers: r.answers })),
);

const viewOf = (rows: AppendableSnapshot) => rows.view(definition, rows.organisationIds.map((id) => orgs.get(id)!));

/** The bit patterns a view hands over with its multi-select columns equal those made afresh from their 0/1 arrays. */
function expectKeptPatterns(rows: AppendableSnapshot): void {
  const multis = [...viewOf(rows).snapshot.columns.values()].filter((c) => c.kind === 'multi');
  expect(multis.length).toBeGreaterThan(0);
  for (const column of multis) {
    const kept = choicePatterns(column.chosen);
    expect(kept.length).toBe(rows.size);
    expect([...kept]).toEqual([...choicePatterns(column.chosen.map((c) => c.slice()))]);
    expect(kept.some((p) => p !== 0)).toBe(true);
  }
}

describe('AppendableSnapshot', () => {
  it('appended in batches, from a capacity of 1, equals the snapshot SnapshotBuilder makes of the same responses', () => {
    const rows = new AppendableSnapshot(definition, 1);
    for (let i = 0; i < responses.length; i += 17) rows.appendResponses(responses.slice(i, i + 17));
    const { snapshot, seqs } = viewOf(rows);
    expect(snapshotValues(snapshot)).toEqual(snapshotValues(expected));
    expect([...seqs]).toEqual(responses.map((r) => r.seq));
    expect(rows.highWaterSeq).toBe(responses.at(-1)!.seq);
    expectKeptPatterns(rows);
  });

  it('appended with answers by question position equals it too', () => {
    const rows = new AppendableSnapshot(definition, 8);
    const position = new Map(definition.questions.map((q, k) => [q.id, k]));
    for (const r of responses) {
      const answers = new Array<unknown>(definition.questions.length);
      const given = typeof r.answers === 'string' ? (JSON.parse(r.answers) as Record<string, unknown>) : r.answers;
      for (const [id, answer] of Object.entries(given)) answers[position.get(id)!] = answer;
      rows.appendByPosition(r.seq, r.org, answers);
    }
    expect(snapshotValues(viewOf(rows).snapshot)).toEqual(snapshotValues(expected));
    expect(() => rows.appendByPosition(responses[0]!.seq, responses[0]!.org, [])).toThrow('does not follow');
    expectKeptPatterns(rows);
  });

  it('made from encoded chunks of its rows, and then appended to, equals it too', () => {
    const source = new AppendableSnapshot(definition);
    source.appendResponses(responses.slice(0, 150));
    const rebuilt = new AppendableSnapshot(definition, 4);
    for (const [from, to] of [[0, 0], [0, 64], [64, 100], [100, 150]] as const) rebuilt.appendChunk(decodeSnapshotChunk(encodeSnapshotChunk(source.chunk(from, to))));
    rebuilt.appendResponses(responses.slice(150));
    expect(snapshotValues(viewOf(rebuilt).snapshot)).toEqual(snapshotValues(expected));
    expectKeptPatterns(rebuilt);
  });

  it('hands out views that do not change when rows are appended afterwards, in the same buffers or new ones', () => {
    const rows = new AppendableSnapshot(definition, 256);
    rows.appendResponses(responses.slice(0, 100));
    const early = viewOf(rows);
    const before = snapshotValues(early.snapshot);
    rows.appendResponses(responses.slice(100, 200));
    rows.appendResponses(responses.slice(200));
    expect(early.snapshot.n).toBe(100);
    expect(snapshotValues(early.snapshot)).toEqual(before);
    expect(early.seqs.length).toBe(100);
  });

  it('copies into buffers of its own: appending to the copy leaves the original as it was', () => {
    const rows = new AppendableSnapshot(definition);
    rows.appendResponses(responses.slice(0, 100));
    const copy = rows.copy(10);
    copy.appendResponses(responses.slice(100, 120));
    expect(rows.size).toBe(100);
    expect(copy.size).toBe(120);
    rows.appendResponses(responses.slice(100));
    expect(snapshotValues(viewOf(rows).snapshot)).toEqual(snapshotValues(expected));
  });

  it('refuses rows that do not follow the last one, and chunks of other columns', () => {
    const rows = new AppendableSnapshot(definition);
    rows.appendResponses(responses.slice(0, 2));
    expect(() => rows.appendResponses([responses[1]!])).toThrow('does not follow');
    const chunk = decodeSnapshotChunk(encodeSnapshotChunk(rows.chunk(0, 2)));
    expect(() => rows.appendChunk(chunk)).toThrow('does not follow');
    expect(() => new AppendableSnapshot(definition).appendChunk({ ...chunk, columns: chunk.columns.slice(1) })).toThrow('columns');
    const multi = chunk.columns.findIndex((c) => c.kind === 'multi');
    expect(() => new AppendableSnapshot(definition).appendChunk({ ...chunk, columns: chunk.columns.map((c, k) => (k === 0 ? chunk.columns[multi]! : c)) })).toThrow('a multi column for question');
  });

  it('finds the row of a sequence number and the first row of an organisation', () => {
    const rows = new AppendableSnapshot(definition);
    rows.appendResponses(responses);
    expect(rows.rowOf(responses[42]!.seq)).toBe(42);
    expect(rows.rowOf(responses[42]!.seq + 1)).toBe(-1);
    expect(rows.firstRowOf(rows.organisationIds.indexOf(responses[42]!.org))).toBeLessThanOrEqual(42);
  });
});
