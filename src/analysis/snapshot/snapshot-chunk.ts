import type { Definition } from '../../definition/schema.js';

/**
 * A run of consecutive snapshot rows as bytes, so the columnar snapshot can be kept in the
 * database and a process can start from it instead of parsing every response again. The
 * encoding is plain typed arrays laid end to end, each section aligned to 8 bytes, so decoding
 * is a few views over the blob (a copy only when the blob itself is not aligned), never a loop
 * over rows.
 *
 * Format 2 (format 1 had no definition versions), every number little-endian:
 *
 * | bytes | content |
 * | --- | --- |
 * | 4 | magic `CVSC` |
 * | 2 | format (2) |
 * | 2 | 0 |
 * | 4 | rows |
 * | 4 | columns |
 * | 4 | organisations in the chunk's dictionary |
 * | 1 | bytes per organisation index (1, 2 or 4) |
 * | 3 | 0 |
 * | 4 × columns | per column: kind (1 choice, 2 multi, 3 number, 4 text), bytes per choice code (1 or 2), options (uint16, multi only) |
 * | 4 × organisations | byte length of each organisation id |
 * | … | the ids, UTF-8, one after another |
 * | 8 × rows | sequence numbers (float64) |
 * | width × rows | organisation index into the dictionary |
 * | 2 × rows | the definition version each row's response was answered under (uint16) |
 * | per column | choice: codes (int8 or int16, −1 unanswered); multi: answered (uint8) then one uint8 array per option; number: float64 (NaN unanswered); text: answered (uint8) |
 *
 * Each section after the column table starts on a multiple of 8. Pure: typed arrays in, bytes out.
 */

export const snapshotChunkFormat = 2;

/** One question's values for the chunk's rows, as `Column` holds them without the question. */
export type ColumnData =
  | { kind: 'choice'; codes: Int16Array | Int8Array }
  | { kind: 'multi'; answered: Uint8Array; chosen: Uint8Array[] }
  | { kind: 'number'; values: Float64Array }
  | { kind: 'text'; answered: Uint8Array };

export interface SnapshotChunk {
  rows: number;
  /** Each row's response sequence number, increasing. */
  seqs: Float64Array;
  /** The chunk's own dictionary of organisation ids, in order of first appearance. */
  orgIds: string[];
  /** Per row, an index into `orgIds` (decoded in the narrowest type that holds them). */
  orgIndex: Int32Array | Uint16Array | Uint8Array;
  /** Per row, the definition version its response was answered under. */
  versions: Uint16Array;
  /** One per question, in the definition's order. */
  columns: ColumnData[];
}

const magic = [0x43, 0x56, 0x53, 0x43];
const kindCode = { choice: 1, multi: 2, number: 3, text: 4 } as const;
const kindOf = ['', 'choice', 'multi', 'number', 'text'] as const;
const headerBytes = 24;
const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

const align8 = (offset: number) => (offset + 7) & ~7;

export function encodeSnapshotChunk(chunk: SnapshotChunk): Uint8Array {
  const { rows, columns } = chunk;
  checkLengths(chunk);
  const ids = chunk.orgIds.map((id) => new TextEncoder().encode(id));
  const orgWidth = chunk.orgIds.length <= 0x100 ? 1 : chunk.orgIds.length <= 0x10000 ? 2 : 4;
  const codeWidths = columns.map((c) => (c.kind === 'choice' ? (fitsInt8(c.codes) ? 1 : 2) : 0));

  let size = headerBytes + 4 * columns.length + 4 * ids.length + ids.reduce((sum, b) => sum + b.length, 0);
  size = align8(size) + 8 * rows;
  size = align8(size + orgWidth * rows);
  size = align8(size + 2 * rows);
  columns.forEach((c, k) => {
    const bytes = c.kind === 'choice' ? codeWidths[k]! * rows : c.kind === 'multi' ? (1 + c.chosen.length) * rows : c.kind === 'number' ? 8 * rows : rows;
    size = align8(size + bytes);
  });

  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(magic, 0);
  view.setUint16(4, snapshotChunkFormat, true);
  view.setUint32(8, rows, true);
  view.setUint32(12, columns.length, true);
  view.setUint32(16, ids.length, true);
  view.setUint8(20, orgWidth);
  let at = headerBytes;
  columns.forEach((c, k) => {
    view.setUint8(at, kindCode[c.kind]);
    view.setUint8(at + 1, codeWidths[k]!);
    view.setUint16(at + 2, c.kind === 'multi' ? c.chosen.length : 0, true);
    at += 4;
  });
  for (const id of ids) {
    view.setUint32(at, id.length, true);
    at += 4;
  }
  for (const id of ids) {
    out.set(id, at);
    at += id.length;
  }
  at = align8(at);
  at = put(out, at, chunk.seqs);
  const orgIndex = orgWidth === 1 ? Uint8Array.from(chunk.orgIndex) : orgWidth === 2 ? Uint16Array.from(chunk.orgIndex) : Int32Array.from(chunk.orgIndex);
  at = put(out, at, orgIndex);
  at = put(out, at, chunk.versions);
  columns.forEach((c, k) => {
    if (c.kind === 'choice') at = put(out, at, codeWidths[k] === 1 && !(c.codes instanceof Int8Array) ? Int8Array.from(c.codes) : c.codes);
    else if (c.kind === 'multi') {
      at = put(out, at, c.answered, false);
      for (const chosen of c.chosen) at = put(out, at, chosen, false);
      at = align8(at);
    } else if (c.kind === 'number') at = put(out, at, c.values);
    else at = put(out, at, c.answered);
  });
  return out;
}

/**
 * The chunk in `bytes`. Its arrays are views over `bytes` where the blob is aligned, in the width
 * they were stored in (int8 choice codes, uint8 or uint16 organisation indexes): callers copy
 * what they keep with `TypedArray.set`, which widens as it copies. Throws on anything that is
 * not a chunk of a known format.
 */
export function decodeSnapshotChunk(bytes: Uint8Array): SnapshotChunk {
  if (bytes.byteLength < headerBytes || magic.some((b, i) => bytes[i] !== b)) throw new Error('not a snapshot chunk');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = view.getUint16(4, true);
  if (format !== snapshotChunkFormat) throw new Error(`snapshot chunk format ${format} is not known (this version reads format ${snapshotChunkFormat})`);
  const rows = view.getUint32(8, true);
  const columnCount = view.getUint32(12, true);
  const orgCount = view.getUint32(16, true);
  const orgWidth = view.getUint8(20);
  if (orgWidth !== 1 && orgWidth !== 2 && orgWidth !== 4) throw new Error(`snapshot chunk with organisation indexes of ${orgWidth} bytes`);
  // The blob's own buffer is used when 8-aligned; otherwise one aligned copy serves every section.
  const data = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  let at = headerBytes;
  const shapes = Array.from({ length: columnCount }, () => {
    const shape = { kind: kindOf[view.getUint8(at)], width: view.getUint8(at + 1), options: view.getUint16(at + 2, true) };
    if (!shape.kind) throw new Error(`snapshot chunk with a column of kind ${view.getUint8(at)}`);
    at += 4;
    return shape;
  });
  const lengths = Array.from({ length: orgCount }, (_, k) => view.getUint32(headerBytes + 4 * columnCount + 4 * k, true));
  at += 4 * orgCount;
  const decoder = new TextDecoder();
  const orgIds = lengths.map((length) => {
    const id = decoder.decode(data.subarray(at, at + length));
    at += length;
    return id;
  });
  at = align8(at);
  const take = <T extends TypedArray>(make: (buffer: ArrayBuffer, offset: number, length: number) => T, width: number, alignAfter = true): T => {
    if (at + width * rows > data.byteLength) throw new Error('snapshot chunk is cut short');
    const array = fromLittleEndian(make(data.buffer as ArrayBuffer, data.byteOffset + at, rows), width);
    at += width * rows;
    if (alignAfter) at = align8(at);
    return array;
  };
  const seqs = take((b, o, n) => new Float64Array(b, o, n), 8);
  const orgIndex = orgWidth === 1 ? take((b, o, n) => new Uint8Array(b, o, n), 1) : orgWidth === 2 ? take((b, o, n) => new Uint16Array(b, o, n), 2) : take((b, o, n) => new Int32Array(b, o, n), 4);
  const versions = take((b, o, n) => new Uint16Array(b, o, n), 2);
  const columns = shapes.map((shape): ColumnData => {
    switch (shape.kind) {
      case 'choice':
        return { kind: 'choice', codes: shape.width === 1 ? take((b, o, n) => new Int8Array(b, o, n), 1) : take((b, o, n) => new Int16Array(b, o, n), 2) };
      case 'multi': {
        const answered = take((b, o, n) => new Uint8Array(b, o, n), 1, false);
        const chosen = Array.from({ length: shape.options }, () => take((b, o, n) => new Uint8Array(b, o, n), 1, false));
        at = align8(at);
        return { kind: 'multi', answered, chosen };
      }
      case 'number':
        return { kind: 'number', values: take((b, o, n) => new Float64Array(b, o, n), 8) };
      default:
        return { kind: 'text', answered: take((b, o, n) => new Uint8Array(b, o, n), 1) };
    }
  });
  for (let i = 0; i < rows; i++) if (orgIndex[i]! >= orgCount) throw new Error(`snapshot chunk row ${i} names organisation ${orgIndex[i]} of ${orgCount}`);
  return { rows, seqs, orgIds, orgIndex, versions, columns };
}

type TypedArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Float64Array;

function put(out: Uint8Array, at: number, array: TypedArray, alignAfter = true): number {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  out.set(bytes, at);
  if (!littleEndian) swapBytes(out.subarray(at, at + bytes.length), array.BYTES_PER_ELEMENT);
  const end = at + bytes.length;
  return alignAfter ? align8(end) : end;
}

function fromLittleEndian<T extends TypedArray>(array: T, width: number): T {
  if (littleEndian || width === 1) return array;
  const copy = array.slice() as T;
  swapBytes(new Uint8Array(copy.buffer, copy.byteOffset, copy.byteLength), width);
  return copy;
}

function swapBytes(bytes: Uint8Array, width: number): void {
  if (width === 1) return;
  for (let i = 0; i < bytes.length; i += width) bytes.subarray(i, i + width).reverse();
}

function fitsInt8(codes: Int16Array | Int8Array): boolean {
  if (codes instanceof Int8Array) return true;
  for (let i = 0; i < codes.length; i++) if (codes[i]! < -128 || codes[i]! > 127) return false;
  return true;
}

function checkLengths(chunk: SnapshotChunk): void {
  const { rows } = chunk;
  const wrong = (what: string, length: number) => {
    if (length !== rows) throw new Error(`snapshot chunk of ${rows} rows given ${length} ${what}`);
  };
  wrong('sequence numbers', chunk.seqs.length);
  wrong('organisation indexes', chunk.orgIndex.length);
  wrong('definition versions', chunk.versions.length);
  for (const c of chunk.columns) {
    if (c.kind === 'choice') wrong('choice codes', c.codes.length);
    else if (c.kind === 'number') wrong('numbers', c.values.length);
    else {
      wrong('answered flags', c.answered.length);
      if (c.kind === 'multi') for (const chosen of c.chosen) wrong('option flags', chosen.length);
    }
  }
}

/**
 * Raised whenever answers would be put into columns differently (a new rule for what counts as
 * answered, say): stored chunks of an earlier version are then rebuilt, as they are when the
 * chunk format changes.
 */
export const snapshotColumnsVersion = 1;

/**
 * Everything a stored chunk's columns depend on: the chunk format and columns version, and each
 * question's id, type and option codes in order (and a grid's statement ids). Chunks are kept under (a hash of) this, so a
 * definition that changes any of them — not just its texts — starts a new store.
 */
export function snapshotLayout(definition: Definition): string {
  // A grid has a column per statement, so its statements are part of the layout (no other question's entry changes).
  const questions = definition.questions.map((q) => [q.id, q.type, 'options' in q ? q.options.map((o) => o.code) : [], ...(q.type === 'grid' ? [q.statements.map((s) => s.id)] : [])]);
  return JSON.stringify([snapshotChunkFormat, snapshotColumnsVersion, questions]);
}
