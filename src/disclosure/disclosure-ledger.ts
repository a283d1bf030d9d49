import type { RespondentSet } from '../analysis/respondent-set.js';

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
  conflict(questionId: string, members: Uint32Array, size: number): LedgerConflict | undefined;
  /** Records a released figure's group; false when it was recorded already (it keeps its first name). */
  record(group: PublishedGroup): boolean;
}

/** Groups of one question and one size, stored one after another in one array. */
interface SizeBucket {
  words: Uint32Array;
  count: number;
  wheres: string[];
  /** Entry positions by hash of their words, to find an identical group without a scan. */
  byHash: Map<number, number[]>;
}

/**
 * The ledger in memory. Groups are indexed by question and size, so a check looks only at the
 * sizes within minBase − 1 of the new group's (2·(minBase − 1) buckets), not at every group
 * published; within a bucket a non-nested group is usually told apart by its first word.
 */
export class MemoryDisclosureLedger implements DisclosureLedger {
  private readonly questions = new Map<string, Map<number, SizeBucket>>();
  private wordCount: number | undefined;

  constructor(readonly minBase: number) {}

  conflict(questionId: string, members: Uint32Array, size: number): LedgerConflict | undefined {
    const sizes = this.questions.get(questionId);
    if (!sizes) return undefined;
    this.checkLength(members);
    // A group already published is released again without a scan: had it nested too closely with
    // another, one of the two would not have been recorded, and repeating it reveals nothing.
    const same = sizes.get(size);
    if (same && indexOf(same, members) >= 0) return undefined;
    for (let d = 1; d < this.minBase; d++) {
      const smaller = sizes.get(size - d);
      if (smaller) {
        const at = findNested(smaller, members, 'inside');
        if (at >= 0) return { where: smaller.wheres[at]!, size: size - d };
      }
      const larger = sizes.get(size + d);
      if (larger) {
        const at = findNested(larger, members, 'around');
        if (at >= 0) return { where: larger.wheres[at]!, size: size + d };
      }
    }
    return undefined;
  }

  record(group: PublishedGroup): boolean {
    this.checkLength(group.members);
    let sizes = this.questions.get(group.questionId);
    if (!sizes) this.questions.set(group.questionId, (sizes = new Map()));
    let bucket = sizes.get(group.size);
    if (!bucket) sizes.set(group.size, (bucket = { words: new Uint32Array(4 * group.members.length), count: 0, wheres: [], byHash: new Map() }));
    if (indexOf(bucket, group.members) >= 0) return false;
    const w = group.members.length;
    if ((bucket.count + 1) * w > bucket.words.length) {
      const grown = new Uint32Array(2 * bucket.words.length);
      grown.set(bucket.words);
      bucket.words = grown;
    }
    bucket.words.set(group.members, bucket.count * w);
    const hash = hashWords(group.members);
    bucket.byHash.set(hash, [...(bucket.byHash.get(hash) ?? []), bucket.count]);
    bucket.wheres.push(group.where);
    bucket.count++;
    return true;
  }

  /** How many distinct groups are recorded, over all questions. */
  get size(): number {
    let n = 0;
    for (const sizes of this.questions.values()) for (const bucket of sizes.values()) n += bucket.count;
    return n;
  }

  /** Every group of one snapshot has the same number of words; a different one is a programming error. */
  private checkLength(members: Uint32Array): void {
    this.wordCount ??= members.length;
    if (members.length !== this.wordCount) throw new Error(`a disclosure ledger holds groups of ${this.wordCount} words; this one has ${members.length} (another snapshot?)`);
  }
}

/** The entry identical to `members`, or −1. */
function indexOf(bucket: SizeBucket, members: Uint32Array): number {
  const w = members.length;
  for (const at of bucket.byHash.get(hashWords(members)) ?? []) {
    let equal = true;
    for (let i = 0, o = at * w; i < w && equal; i++, o++) equal = bucket.words[o] === members[i];
    if (equal) return at;
  }
  return -1;
}

/**
 * The first entry of the bucket inside `members` ('inside'), or containing it ('around'), or −1.
 * Entries are of another size than `members`, so nested means strictly nested.
 */
function findNested(bucket: SizeBucket, members: Uint32Array, how: 'inside' | 'around'): number {
  const w = members.length;
  const words = bucket.words;
  for (let at = 0, o = 0; at < bucket.count; at++, o += w) {
    let nested = true;
    if (how === 'inside') {
      for (let i = 0; i < w; i++) {
        if ((words[o + i]! & ~members[i]!) !== 0) {
          nested = false;
          break;
        }
      }
    } else {
      for (let i = 0; i < w; i++) {
        if ((members[i]! & ~words[o + i]!) !== 0) {
          nested = false;
          break;
        }
      }
    }
    if (nested) return at;
  }
  return -1;
}

/** FNV-1a over the words: only to find identical groups quickly (equality is checked word by word). */
function hashWords(words: Uint32Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ words[i]!, 0x01000193);
  return hash >>> 0;
}
