import { describe, expect, it } from 'vitest';
import { compactMembers, decodeMembers, digestBytes, encodeMembers } from './ledger-members-blob.js';

describe('a disclosure-ledger group’s members as a blob', () => {
  it('round-trips both forms with the snapshot’s row count, unsigned words intact', () => {
    const ids = { form: 'ids' as const, members: Uint32Array.from([0, 7, 0xfffffffe]), rows: 500_000 };
    const bits = { form: 'bits' as const, members: Uint32Array.from([0x80000001, 0xffffffff]), rows: 60 };
    for (const stored of [ids, bits]) {
      const blob = encodeMembers(stored);
      expect(blob.byteLength % 4).toBe(1);
      expect(decodeMembers(blob)).toEqual(stored);
    }
  });

  it('reads a bitset stored before the format byte: its words alone, 32 rows to a word', () => {
    const old = Buffer.from([0x01, 0x00, 0x00, 0x80, 0x07, 0x00, 0x00, 0x00]);
    expect(decodeMembers(old)).toEqual({ form: 'bits', members: Uint32Array.from([0x80000001, 7]), rows: 64 });
  });

  it('refuses a blob of no known format', () => {
    expect(() => decodeMembers(Buffer.from([0x09, 0, 0, 0, 0]))).toThrow(/no known format/);
    expect(() => decodeMembers(Buffer.from([0x01, 0, 0]))).toThrow(/no known format/);
  });

  it('gives the same digest bytes for a group whichever form it is compacted from', () => {
    const rows = 1000;
    const bits = new Uint32Array(32);
    for (const i of [3, 64, 999]) bits[i >>> 5]! |= 1 << (i & 31);
    const fromBits = encodeMembers(compactMembers({ form: 'bits', members: bits, rows }, 3));
    const fromIds = encodeMembers(compactMembers({ form: 'ids', members: Uint32Array.from([3, 64, 999]), rows }, 3));
    expect(decodeMembers(fromBits)).toEqual({ form: 'ids', members: Uint32Array.from([3, 64, 999]), rows });
    expect(Buffer.concat(digestBytes(fromBits))).toEqual(Buffer.concat(digestBytes(fromIds)));
    // A first-format bitset knows its rows only to 32: the digest leaves the row count out.
    const old = encodeMembers(compactMembers({ form: 'bits', members: bits, rows: 1024 }, 3));
    expect(Buffer.concat(digestBytes(old))).toEqual(Buffer.concat(digestBytes(fromIds)));
  });
});
