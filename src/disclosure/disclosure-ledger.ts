import { isSubset, sameMembers } from '../analysis/respondent-sets/respondent-set-nesting.js';
import { compactSet, wordsFor, type RespondentSet } from '../analysis/respondent-sets/respondent-set.js';

/**
 * The group behind one released figure: the respondents in its base (in its filter and group,
 * and in the question's base), for one question of one survey, wave, unit of analysis and data
 * version — the ledger itself is kept per such key by whoever owns it.
 */
export interface PublishedGroup extends RespondentSet {
  questionId: string;
  /** Where it was published, to name it in a reason: the filter, and the group of a breakdown. */
  where: string;
}

/**
 * The ledger's name for the groups behind a question's figures that a later definition version
 * added (offered from version `since`: analysis/results/offered-bases.ts). Those figures are over
 * the respondents offered them, not the question's base, so their groups are checked and recorded
 * apart from the question's own: each such figure's groups are only ever held against groups of
 * the same figures.
 */
export function offeredGroupKey(questionId: string, since: number): string {
  return `${questionId}@${since}`;
}

/** A published group that a new figure's group nests with at a distance of 1 to minBase − 1. */
export interface LedgerConflict {
  where: string;
  size: number;
}

/**
 * A record of the groups behind figures already released, consulted before anything else is.
 * Per-query rules (minimum base, complements, secondary suppression) cannot see two figures of
 * different queries: "barriers includes cost and barriers includes procurement" (11 respondents)
 * inside a group of another query with 16 gives away 5 respondents' answers by subtraction. The
 * ledger can: a new figure is released only if no published group of the same question nests with
 * its group (either way) at a difference of 1 to minBase − 1 respondents. Identical groups are
 * fine (the same respondents again reveal nothing new).
 */
export interface DisclosureLedger {
  /** The published group of the question that `set` nests with too closely, if any. */
  conflict(questionId: string, set: RespondentSet): LedgerConflict | undefined;
  /**
   * Records a released figure's group; false when it was recorded already (it keeps its first
   * name). Sets given to a ledger are kept, not copied (also one given to `conflict` that matches
   * a recorded group): they must not change afterwards, as no respondent set does.
   */
  record(group: PublishedGroup): boolean;
}

/** Groups of one question and one size. */
interface SizeBucket {
  sets: RespondentSet[];
  wheres: string[];
  /** Entry positions by hash of their members, to find an identical group without a scan. */
  byHash: Map<number, number[]>;
}

/**
 * The ledger in memory. Groups are indexed by question and size, so a check looks only at the
 * sizes within minBase − 1 of the new group's (2·(minBase − 1) buckets), not at every group
 * published; within a bucket a non-nested group is usually told apart by its first word or id
 * (see `isSubset`). Groups are held in their smaller form (respondent-set.ts): every
 * organisation's benchmark of a national survey is 60,000 groups, mostly of a few hundred
 * respondents out of half a million.
 */
export class MemoryDisclosureLedger implements DisclosureLedger {
  private readonly questions = new Map<string, Map<number, SizeBucket>>();
  private rowCount: number | undefined;

  /**
   * `spanning`: groups may span different numbers of rows — sets over sequence numbers, which
   * keep their meaning as responses arrive (a release's sets span up to its last response's).
   */
  constructor(
    readonly minBase: number,
    private readonly spanning = false,
  ) {}

  conflict(questionId: string, set: RespondentSet): LedgerConflict | undefined {
    const sizes = this.questions.get(questionId);
    if (!sizes) return undefined;
    this.checkRows(set);
    // A group already published is released again without a scan: had it nested too closely with
    // another, one of the two would not have been recorded, and repeating it reveals nothing.
    const same = sizes.get(set.size);
    if (same && indexOf(same, set) >= 0) return undefined;
    for (let d = 1; d < this.minBase; d++) {
      const smaller = sizes.get(set.size - d);
      if (smaller) {
        const at = smaller.sets.findIndex((published) => isSubset(published, set));
        if (at >= 0) return { where: smaller.wheres[at]!, size: set.size - d };
      }
      const larger = sizes.get(set.size + d);
      if (larger) {
        const at = larger.sets.findIndex((published) => isSubset(set, published));
        if (at >= 0) return { where: larger.wheres[at]!, size: set.size + d };
      }
    }
    return undefined;
  }

  record(group: PublishedGroup): boolean {
    this.checkRows(group);
    let sizes = this.questions.get(group.questionId);
    if (!sizes) this.questions.set(group.questionId, (sizes = new Map()));
    let bucket = sizes.get(group.size);
    if (!bucket) sizes.set(group.size, (bucket = { sets: [], wheres: [], byHash: new Map() }));
    if (indexOf(bucket, group) >= 0) return false;
    const set = compactSet(group);
    const hash = hashOf(set);
    const same = bucket.byHash.get(hash);
    if (same) same.push(bucket.sets.length);
    else bucket.byHash.set(hash, [bucket.sets.length]);
    bucket.sets.push({ form: set.form, members: set.members, size: set.size, rows: set.rows });
    bucket.wheres.push(group.where);
    return true;
  }

  /** How many distinct groups are recorded, over all questions. */
  get size(): number {
    let n = 0;
    for (const sizes of this.questions.values()) for (const bucket of sizes.values()) n += bucket.sets.length;
    return n;
  }

  /**
   * Every group of one snapshot spans the same rows (a bitset stored before sets had two forms
   * says only its words: 32 rows each); another span is a programming error.
   */
  private checkRows(set: RespondentSet): void {
    if (this.spanning) return;
    this.rowCount ??= set.rows;
    if (wordsFor(set.rows) !== wordsFor(this.rowCount)) {
      throw new Error(`a disclosure ledger holds groups of a snapshot of ${this.rowCount} rows; this one is of ${set.rows} (another snapshot?)`);
    }
  }
}

/**
 * The entry with the same members as `set`, or −1. A match in another array (a group read back
 * from the database, checked again with the sector's set of this run, say) takes the caller's
 * array, so the next check of the same set is by identity, not a comparison of 15,625 words —
 * every organisation's report checks the same sector and peer-group sets again.
 */
function indexOf(bucket: SizeBucket, set: RespondentSet): number {
  for (const at of bucket.byHash.get(hashOf(set)) ?? []) {
    const entry = bucket.sets[at]!;
    if (!sameMembers(entry, set)) continue;
    if (entry.members !== set.members && entry.form === set.form) bucket.sets[at] = { ...entry, members: set.members };
    return at;
  }
  return -1;
}

/**
 * Hashes already taken, by members array: the sector's and a peer group's sets are checked once
 * per organisation's report, and a bitset's hash goes over all its words.
 */
const hashes = new WeakMap<Uint32Array, number>();

/**
 * FNV-1a over the set's compact form (its form, then its words or ids), so the same whichever form
 * the set comes in: only to find identical groups quickly (equality is checked member by member).
 */
function hashOf(set: RespondentSet): number {
  let hash = hashes.get(set.members);
  if (hash === undefined) {
    const compact = compactSet(set);
    hash = Math.imul(0x811c9dc5 ^ (compact.form === 'ids' ? 1 : 2), 0x01000193);
    const words = compact.members;
    for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ words[i]!, 0x01000193);
    hash >>>= 0;
    hashes.set(set.members, hash);
  }
  return hash;
}
