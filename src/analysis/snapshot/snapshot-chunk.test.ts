import { describe, expect, it } from 'vitest';
import type { Definition } from '../../definition/schema.js';
import { decodeSnapshotChunk, encodeSnapshotChunk, snapshotLayout, type ColumnData, type SnapshotChunk } from './snapshot-chunk.js';

const chunk: SnapshotChunk = {
  rows: 4,
  seqs: Float64Array.of(3, 7, 8, 2 ** 40),
  orgIds: ['org-b', 'org-å', 'org-a'],
  orgIndex: Int32Array.of(0, 1, 0, 2),
  versions: Uint16Array.of(1, 1, 3, 65535),
  columns: [
    { kind: 'choice', codes: Int16Array.of(0, -1, 4, 2) },
    { kind: 'multi', answered: Uint8Array.of(1, 0, 1, 1), chosen: [Uint8Array.of(1, 0, 0, 1), Uint8Array.of(0, 0, 1, 1), Uint8Array.of(0, 0, 0, 0)] },
    { kind: 'number', values: Float64Array.of(1.5, Number.NaN, -0, 1e300) },
    { kind: 'text', answered: Uint8Array.of(0, 1, 1, 0) },
    { kind: 'choice', codes: Int16Array.of(300, -1, -200, 0) },
  ],
};

/** A column's values as plain numbers, whatever width they were decoded in (NaN kept as NaN). */
function plain(column: ColumnData): unknown {
  switch (column.kind) {
    case 'choice':
      return { kind: column.kind, codes: [...column.codes] };
    case 'multi':
      return { kind: column.kind, answered: [...column.answered], chosen: column.chosen.map((c) => [...c]) };
    case 'number':
      return { kind: column.kind, values: [...column.values] };
    case 'text':
      return { kind: column.kind, answered: [...column.answered] };
  }
}

describe('snapshot chunk encoding', () => {
  it('decodes to the rows it encoded: sequence numbers, organisations and every column kind, with −1 and NaN for no answer', () => {
    const decoded = decodeSnapshotChunk(encodeSnapshotChunk(chunk));
    expect(decoded.rows).toBe(4);
    expect([...decoded.seqs]).toEqual([3, 7, 8, 2 ** 40]);
    expect(decoded.orgIds).toEqual(['org-b', 'org-å', 'org-a']);
    expect([...decoded.orgIndex]).toEqual([0, 1, 0, 2]);
    expect([...decoded.versions]).toEqual([1, 1, 3, 65535]);
    expect(decoded.columns.map(plain)).toEqual(chunk.columns.map(plain));
    expect(Object.is((decoded.columns[2] as { values: Float64Array }).values[2], -0)).toBe(true);
  });

  it('keeps choice codes that need 16 bits and stores the others in 8', () => {
    const rows = 64;
    const base = { rows, seqs: Float64Array.from({ length: rows }, (_, i) => i + 1), orgIds: ['org-a'], orgIndex: new Int32Array(rows), versions: new Uint16Array(rows).fill(1) };
    const narrow = encodeSnapshotChunk({ ...base, columns: [{ kind: 'choice', codes: Int16Array.from({ length: rows }, (_, i) => (i % 6) - 1) }] });
    const wide = encodeSnapshotChunk({ ...base, columns: [{ kind: 'choice', codes: Int16Array.from({ length: rows }, (_, i) => (i === 5 ? 300 : -1)) }] });
    expect(wide.byteLength - narrow.byteLength).toBe(rows);
    expect(decodeSnapshotChunk(narrow).columns[0]).toMatchObject({ kind: 'choice', codes: Int8Array.from({ length: rows }, (_, i) => (i % 6) - 1) });
    expect((decodeSnapshotChunk(wide).columns[0] as { codes: Int16Array }).codes[5]).toBe(300);
  });

  it('encodes an empty chunk', () => {
    const empty: SnapshotChunk = {
      rows: 0,
      seqs: new Float64Array(0),
      orgIds: [],
      orgIndex: new Int32Array(0),
      versions: new Uint16Array(0),
      columns: [{ kind: 'choice', codes: new Int16Array(0) }, { kind: 'multi', answered: new Uint8Array(0), chosen: [new Uint8Array(0), new Uint8Array(0)] }],
    };
    const decoded = decodeSnapshotChunk(encodeSnapshotChunk(empty));
    expect(decoded.rows).toBe(0);
    expect(decoded.orgIds).toEqual([]);
    expect(decoded.columns.map(plain)).toEqual([{ kind: 'choice', codes: [] }, { kind: 'multi', answered: [], chosen: [[], []] }]);
  });

  it('uses organisation indexes as wide as the dictionary needs', () => {
    const rows = 70_000;
    const orgIds = Array.from({ length: rows }, (_, i) => `org-${i}`);
    const many: SnapshotChunk = { rows, seqs: Float64Array.from({ length: rows }, (_, i) => i + 1), orgIds, orgIndex: Int32Array.from({ length: rows }, (_, i) => rows - 1 - i), versions: new Uint16Array(rows).fill(2), columns: [] };
    const decoded = decodeSnapshotChunk(encodeSnapshotChunk(many));
    expect(decoded.orgIds).toEqual(orgIds);
    expect(decoded.orgIndex[0]).toBe(rows - 1);
    expect(decoded.orgIndex[rows - 1]).toBe(0);
  });

  it('reads a blob that does not start on an aligned offset', () => {
    const bytes = encodeSnapshotChunk(chunk);
    const shifted = new Uint8Array(bytes.byteLength + 3);
    shifted.set(bytes, 3);
    const decoded = decodeSnapshotChunk(shifted.subarray(3));
    expect([...decoded.seqs]).toEqual([...chunk.seqs]);
    expect(decoded.columns.map(plain)).toEqual(chunk.columns.map(plain));
  });

  it('refuses bytes that are not a chunk, a format it does not know, or a chunk cut short', () => {
    const bytes = encodeSnapshotChunk(chunk);
    expect(() => decodeSnapshotChunk(Uint8Array.of(1, 2, 3))).toThrow('not a snapshot chunk');
    const future = bytes.slice();
    future[4] = 9;
    expect(() => decodeSnapshotChunk(future)).toThrow('format 9');
    // Format 1 had no definition versions: its chunks are rebuilt from the responses.
    const older = bytes.slice();
    older[4] = 1;
    expect(() => decodeSnapshotChunk(older)).toThrow('format 1 is not known');
    expect(() => decodeSnapshotChunk(bytes.subarray(0, bytes.byteLength - 16))).toThrow('cut short');
  });

  it('refuses a chunk whose arrays are not all of its rows', () => {
    expect(() => encodeSnapshotChunk({ ...chunk, seqs: Float64Array.of(1) })).toThrow('given 1 sequence numbers');
  });
});

describe('snapshot layout', () => {
  const question = (id: string, codes: string[]) => ({ id, type: 'single', text: `${id}?`, options: codes.map((code) => ({ code, label: code.toUpperCase() })) });
  const definition = (questions: unknown[]) => ({ id: 's', title: 'S', questions }) as unknown as Definition;

  it('changes with question ids, types and option codes, not with texts or labels', () => {
    const base = snapshotLayout(definition([question('q1', ['a', 'b'])]));
    expect(snapshotLayout(definition([{ ...question('q1', ['a', 'b']), text: 'Other wording?' }]))).toBe(base);
    expect(snapshotLayout(definition([question('q1', ['a', 'b', 'c'])]))).not.toBe(base);
    expect(snapshotLayout(definition([question('q2', ['a', 'b'])]))).not.toBe(base);
    expect(snapshotLayout(definition([{ ...question('q1', ['a', 'b']), type: 'scale' }]))).not.toBe(base);
  });
});
