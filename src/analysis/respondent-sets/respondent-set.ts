/**
 * A set of respondents of one snapshot, in whichever of two forms is smaller:
 *
 * - `bits`: a bitset, bit i of word i >>> 5 is snapshot row i — "is A inside B" is one AND-NOT per
 *   32 respondents, and a large group stays small (a national survey of 500,000 respondents:
 *   62.5 kB whatever the group's size);
 * - `ids`: the members' row ids in increasing order, when there are fewer of them than the bitset
 *   has words (size < n/32). An organisation's base of 500 respondents is then 2 kB instead of
 *   62.5 kB; every organisation's benchmark of a national survey records 60,000 such groups in the
 *   disclosure ledger, 120 MB as ids against 3.75 GB as bitsets.
 *
 * Disclosure control compares the groups behind published figures by nesting
 * (see respondent-set-nesting.ts), which works between any two forms.
 */
export interface RespondentSet {
  form: 'bits' | 'ids';
  /** The bitset (`bits`: ⌈rows/32⌉ words) or the sorted row ids (`ids`: `size` of them). */
  members: Uint32Array;
  /** The number of respondents in the set. */
  size: number;
  /** The number of rows of the snapshot the set is of (what a bitset of it spans). */
  rows: number;
}

/** The number of words of a bitset of `rows` rows. */
export function wordsFor(rows: number): number {
  return Math.ceil(rows / 32);
}

/** Whether a set of `size` of `rows` respondents is smaller as ids than as a bitset. */
export function idsAreSmaller(size: number, rows: number): boolean {
  return size < wordsFor(rows);
}

/** The set of rows whose mask value is 1 (a 0/1 mask, as filters and bases are kept), in its smaller form. */
export function respondentSet(mask: Uint8Array): RespondentSet {
  let size = 0;
  for (let i = 0; i < mask.length; i++) size += mask[i] ? 1 : 0;
  if (idsAreSmaller(size, mask.length)) {
    const ids = new Uint32Array(size);
    for (let i = 0, at = 0; at < size; i++) if (mask[i]) ids[at++] = i;
    return { form: 'ids', members: ids, size, rows: mask.length };
  }
  const bits = new Uint32Array(wordsFor(mask.length));
  for (let i = 0; i < mask.length; i++) if (mask[i]) bits[i >>> 5]! |= 1 << (i & 31);
  return { form: 'bits', members: bits, size, rows: mask.length };
}

/** The set of the given row ids (increasing, each below `rows`), in its smaller form; the array is kept, not copied. */
export function respondentSetOfIds(ids: Uint32Array, rows: number): RespondentSet {
  return compactSet({ form: 'ids', members: ids, size: ids.length, rows });
}

/**
 * The same set in its smaller form (the set itself when it is in it already). Both forms of a
 * set are valid everywhere; this keeps what is held — and stored — small, and a set read in the
 * other form (a bitset stored before sets had two forms, say) like any other.
 */
export function compactSet(set: RespondentSet): RespondentSet {
  const ids = idsAreSmaller(set.size, set.rows);
  if (ids === (set.form === 'ids')) return set;
  if (ids) return { form: 'ids', members: rowIds(set), size: set.size, rows: set.rows };
  const bits = new Uint32Array(wordsFor(set.rows));
  for (const i of set.members) bits[i >>> 5]! |= 1 << (i & 31);
  return { form: 'bits', members: bits, size: set.size, rows: set.rows };
}

/** The members' row ids in increasing order (the `ids` form's own array, not a copy). */
export function rowIds(set: RespondentSet): Uint32Array {
  if (set.form === 'ids') return set.members;
  const ids = new Uint32Array(set.size);
  let at = 0;
  const words = set.members;
  for (let w = 0; w < words.length; w++) {
    let word = words[w]!;
    while (word !== 0) {
      const low = word & -word;
      ids[at++] = (w << 5) + 31 - Math.clz32(low);
      word ^= low;
    }
  }
  if (at !== set.size) throw new Error(`a respondent set says it has ${set.size} members but its bitset has ${at}`);
  return ids;
}

/** Whether snapshot row `row` is in the set. */
export function hasRow(set: RespondentSet, row: number): boolean {
  if (set.form === 'bits') return ((set.members[row >>> 5] ?? 0) >>> (row & 31)) % 2 === 1;
  return indexOfId(set.members, row, 0) >= 0;
}

/**
 * The position of `id` in the increasing `ids` from `from` on, or −1: galloping (1, 2, 4, … ahead)
 * then binary search, so walking a small set's ids through a large one costs a logarithm per id,
 * not a pass over the large one.
 */
export function indexOfId(ids: Uint32Array, id: number, from: number): number {
  let lo = from;
  let step = 1;
  let hi = from;
  while (hi < ids.length && ids[hi]! < id) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, ids.length - 1);
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const value = ids[mid]!;
    if (value === id) return mid;
    if (value < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
