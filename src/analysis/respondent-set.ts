/**
 * A set of respondents of one snapshot as a bitset: bit i of word i >>> 5 is snapshot row i.
 * Disclosure control compares the groups behind published figures by nesting; a bitset makes
 * "is A inside B" one AND-NOT per 32 respondents, and keeps a recorded group small (a national
 * survey of 500,000 respondents: 62.5 kB).
 */
export interface RespondentSet {
  members: Uint32Array;
  /** The number of respondents in the set (bits set). */
  size: number;
}

/** The set of rows whose mask value is 1 (a 0/1 mask, as filters and bases are kept). */
export function respondentSet(mask: Uint8Array): RespondentSet {
  const members = new Uint32Array(Math.ceil(mask.length / 32));
  let size = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i]) {
      members[i >>> 5]! |= 1 << (i & 31);
      size++;
    }
  }
  return { members, size };
}
