import { compactSet, rowIds, type RespondentSet } from './respondent-set.js';

/**
 * The same respondents under other ids: member i becomes `ids[i]`, where `ids` increases (a
 * snapshot's rows to their responses' sequence numbers, which stay the same from one release to
 * the next while row numbers do not). The result spans `rows` ids and is in its smaller form.
 *
 * Example: {0, 2} through ids [5, 9, 12] is {5, 12}.
 */
export function reindexSet(set: RespondentSet, ids: ArrayLike<number>, rows: number): RespondentSet {
  const from = rowIds(set);
  const to = new Uint32Array(from.length);
  for (let k = 0; k < from.length; k++) to[k] = ids[from[k]!]!;
  return compactSet({ form: 'ids', members: to, size: to.length, rows });
}

/**
 * The members for which `keep` holds, in the smaller form; the set itself when all do.
 *
 * Example: {5, 12, 20} keeping ids above 10 is {12, 20}.
 */
export function filterSet(set: RespondentSet, keep: (id: number) => boolean): RespondentSet {
  const ids = rowIds(set);
  const kept = ids.filter(keep);
  if (kept.length === ids.length) return set;
  return compactSet({ form: 'ids', members: kept, size: kept.length, rows: set.rows });
}
