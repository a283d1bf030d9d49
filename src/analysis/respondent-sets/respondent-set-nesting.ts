import { indexOfId, type RespondentSet } from './respondent-set.js';

/**
 * Whether every member of `inner` is a member of `outer`, whichever form each is in. Made for the
 * disclosure ledger, which asks it of a new figure's group against every published group of a
 * size close by — most of them not nested at all, so each case gives up at the first member
 * missing: two bitsets word by word; ids in a bitset id by id; a bitset in ids bit by bit; ids in
 * ids by looking the first id up (a binary search: two different organisations' groups part
 * there) and walking on from it.
 */
export function isSubset(inner: RespondentSet, outer: RespondentSet): boolean {
  if (inner.size > outer.size) return false;
  if (inner.size === 0) return true;
  const a = inner.members;
  const b = outer.members;
  if (inner.form === 'bits' && outer.form === 'bits') {
    for (let w = 0; w < a.length; w++) if ((a[w]! & ~(b[w] ?? 0)) !== 0) return false;
    return true;
  }
  if (inner.form === 'ids' && outer.form === 'bits') {
    for (let k = 0; k < a.length; k++) {
      const id = a[k]!;
      if ((((b[id >>> 5] ?? 0) >>> (id & 31)) & 1) === 0) return false;
    }
    return true;
  }
  if (inner.form === 'ids') {
    for (let k = 0, from = 0; k < a.length; k++) {
      const at = indexOfId(b, a[k]!, from);
      if (at < 0) return false;
      from = at + 1;
    }
    return true;
  }
  // A bitset inside ids: only when the bitset's set is no larger, which its form makes rare.
  for (let w = 0, from = 0; w < a.length; w++) {
    let word = a[w]!;
    while (word !== 0) {
      const low = word & -word;
      const at = indexOfId(b, (w << 5) + 31 - Math.clz32(low), from);
      if (at < 0) return false;
      from = at + 1;
      word ^= low;
    }
  }
  return true;
}

/** Whether the two sets have the same members, whichever form each is in. */
export function sameMembers(a: RespondentSet, b: RespondentSet): boolean {
  if (a.size !== b.size) return false;
  if (a.members === b.members) return true;
  return isSubset(a, b);
}
