/**
 * The members of a disclosure-ledger group as stored, in either of the forms the analysis layer
 * keeps respondent sets in (src/analysis/respondent-sets/respondent-set.ts): a bitset of the snapshot's rows, or
 * the members' row ids in increasing order when there are fewer of them than the bitset has words.
 */
export interface StoredMembers {
  form: 'bits' | 'ids';
  members: Uint32Array;
  /** The number of snapshot rows the group is of. */
  rows: number;
}

const marker = { bits: 0x01, ids: 0x02 } as const;
const headerBytes = 5;

/**
 * A blob: one format byte (1 bits, 2 ids), the snapshot's row count (uint32), then the words or
 * ids (uint32 each), all little-endian so every machine sharing the database reads the same.
 * Its length is 1 more than a multiple of 4, which tells it from the first format — the bitset's
 * words alone, a multiple of 4 — still read by `decodeMembers`.
 */
export function encodeMembers(stored: StoredMembers): Uint8Array {
  const bytes = Buffer.alloc(headerBytes + 4 * stored.members.length);
  bytes.writeUInt8(marker[stored.form], 0);
  bytes.writeUInt32LE(stored.rows, 1);
  for (let i = 0, o = headerBytes; i < stored.members.length; i++, o += 4) bytes.writeUInt32LE(stored.members[i]!, o);
  return bytes;
}

/** The members of a blob of either format; a first-format bitset spans 32 rows per word. */
export function decodeMembers(bytes: Uint8Array): StoredMembers {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength % 4 === 0) return { form: 'bits', members: wordsFrom(view, 0), rows: 8 * bytes.byteLength };
  const format = bytes[0];
  const form = format === marker.bits ? 'bits' : format === marker.ids ? 'ids' : undefined;
  if (!form || bytes.byteLength % 4 !== 1) throw new Error(`a disclosure-ledger blob of ${bytes.byteLength} bytes with format byte ${format} is of no known format`);
  return { form, members: wordsFrom(view, headerBytes), rows: view.getUint32(1, true) };
}

/**
 * The same members in the smaller form — row ids when there are fewer of them than a bitset of
 * the snapshot has words — as the analysis layer keeps them anyway (then they are returned as they
 * are). Groups are stored in it, and their digest is taken over it, so the same group has one
 * digest (and is stored once) whichever form it came in.
 */
export function compactMembers(stored: StoredMembers, size: number): StoredMembers {
  const words = Math.ceil(stored.rows / 32);
  const ids = size < words;
  if (ids === (stored.form === 'ids')) return stored;
  if (ids) {
    const members = new Uint32Array(size);
    let at = 0;
    stored.members.forEach((word, w) => {
      for (; word !== 0; word &= word - 1) members[at++] = (w << 5) + 31 - Math.clz32(word & -word);
    });
    return { form: 'ids', members, rows: stored.rows };
  }
  const members = new Uint32Array(words);
  for (const i of stored.members) members[i >>> 5]! |= 1 << (i & 31);
  return { form: 'bits', members, rows: stored.rows };
}

/** What a group's digest is taken over: its compact form's format byte and words, not the row count (a first-format bitset knows it only to 32 rows). */
export function digestBytes(blob: Uint8Array): Uint8Array[] {
  return [blob.subarray(0, 1), blob.subarray(headerBytes)];
}

function wordsFrom(view: DataView, offset: number): Uint32Array {
  const words = new Uint32Array((view.byteLength - offset) >>> 2);
  for (let i = 0; i < words.length; i++) words[i] = view.getUint32(offset + 4 * i, true);
  return words;
}
