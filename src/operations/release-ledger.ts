import { filterSet, reindexSet } from '../analysis/respondent-sets/reindex-set.js';
import { compactSet, type RespondentSet } from '../analysis/respondent-sets/respondent-set.js';
import { MemoryDisclosureLedger, type DisclosureLedger, type LedgerConflict, type PublishedGroup } from '../disclosure/disclosure-ledger.js';
import type { LedgerKey } from '../storage/disclosure-ledger-repository.js';
import type { Release } from '../storage/releases-repository.js';
import type { Store } from '../storage/store.js';

/** The ledger entries of releases are over sequence numbers, not snapshot rows: one data version for them all. */
export const releaseDataVersion = 'releases';

/**
 * The disclosure ledger of a survey's releases (one wave and unit of analysis), spanning every
 * release: groups are kept as the sequence numbers of their responses, which stay the same from
 * one release to the next (a snapshot's row numbers do not), so a figure of release 2 is checked
 * against what release 1 published.
 *
 * Two releases' figures of the same group are as good as published side by side, and so is
 * their difference: the respondents the group gained in between. So besides each figure's group,
 * the ledger holds, for every earlier release, the part of the group that release did not
 * publish — and a new figure is released only if neither its group nor any such part nests
 * within minBase − 1 respondents of a group published before. Two successive releases of the same
 * figure whose group gained 1 to minBase − 1 respondents conflict at once (the earlier group is
 * in the ledger); a peer group that gained 12 beside one of its organisations that gained 11 of
 * them conflicts through their parts (12 against 11: the twelfth would be recovered).
 */
export class ReleaseLedger implements DisclosureLedger {
  private readonly released: PublishedGroup[] = [];
  private readonly mapped = new WeakMap<Uint32Array, RespondentSet>();
  private readonly parts = new WeakMap<Uint32Array, Array<{ number: number; part: RespondentSet }>>();

  private constructor(
    private readonly store: Store,
    private readonly key: LedgerKey,
    private readonly memory: MemoryDisclosureLedger,
    private readonly seqs: Float64Array,
    private readonly span: number,
    private readonly earlier: ReadonlyArray<{ number: number; published: (seq: number) => boolean }>,
  ) {}

  /**
   * Opens the ledger of a release's figures: `seqs` gives each row of the release's snapshot its
   * response's sequence number; `earlier` are the survey's earlier releases of the same wave.
   */
  static async open(store: Store, key: { surveyId: string; wave: string | null; unit: string }, minBase: number, seqs: Float64Array, earlier: readonly Release[], sizes: ReadonlyMap<string, readonly number[]>): Promise<ReleaseLedger> {
    const full: LedgerKey = { ...key, dataVersion: releaseDataVersion };
    const memory = new MemoryDisclosureLedger(minBase, true);
    const releases = earlier.map((r) => ({ number: r.number, published: publishedBy(r) }));
    // A part of a group new since an earlier release is no larger than all that is new since it.
    let newest = 0;
    for (const r of releases) {
      let unpublished = 0;
      for (let i = 0; i < seqs.length; i++) if (!r.published(seqs[i]!)) unpublished++;
      newest = Math.max(newest, unpublished);
    }
    for (const entry of await store.disclosureLedger.near(full, sizeRanges(sizes, minBase, newest))) memory.record(entry);
    const span = seqs.length === 0 ? 1 : seqs[seqs.length - 1]! + 1;
    return new ReleaseLedger(store, full, memory, seqs, span, releases);
  }

  conflict(questionId: string, set: RespondentSet): LedgerConflict | undefined {
    const own = this.toSeqs(set);
    const direct = this.memory.conflict(questionId, own);
    if (direct) return direct;
    for (const { number, part } of this.partsOf(own)) {
      const near = this.memory.conflict(questionId, part);
      if (near) return { where: `${near.where}, against the ${part.size} respondents this group gained since release ${number}`, size: near.size };
    }
    return undefined;
  }

  record(group: PublishedGroup): boolean {
    const own = this.toSeqs(group);
    const fresh = this.memory.record({ ...group, ...own });
    if (fresh) this.released.push({ ...group, ...own });
    for (const { number, part } of this.partsOf(own)) {
      const where = `${group.where}: the respondents it gained since release ${number}`;
      if (this.memory.record({ questionId: group.questionId, ...part, where })) this.released.push({ questionId: group.questionId, ...part, where });
    }
    return fresh;
  }

  get unsaved(): number {
    return this.released.length;
  }

  /** Stores what was released since the ledger was opened or last saved. */
  async save(): Promise<void> {
    await this.store.disclosureLedger.record(this.key, this.released);
    this.released.length = 0;
  }

  /** A release snapshot's set as sequence numbers (sets are shared between reports: each is mapped once). */
  private toSeqs(set: RespondentSet): RespondentSet {
    let mapped = this.mapped.get(set.members);
    if (!mapped || mapped.size !== set.size) {
      mapped = reindexSet(set, this.seqs, this.span);
      this.mapped.set(set.members, mapped);
    }
    return mapped;
  }

  /** For each earlier release, the members it did not publish, when some but not all of them. */
  private partsOf(own: RespondentSet): Array<{ number: number; part: RespondentSet }> {
    let parts = this.parts.get(own.members);
    if (!parts) {
      parts = [];
      for (const release of this.earlier) {
        const part = filterSet(own, (seq) => !release.published(seq));
        if (part.size > 0 && part.size < own.size) parts.push({ number: release.number, part: compactSet(part) });
      }
      this.parts.set(own.members, parts);
    }
    return parts;
  }
}

/** Whether a response (by sequence number) is among those a release publishes. */
export function publishedBy(release: Release): (seq: number) => boolean {
  const held = new Set(release.heldBack);
  return (seq) => seq <= release.highWaterSeq && !held.has(seq);
}

/**
 * Per question, the sizes a check can meet a conflict at, as merged inclusive ranges: within
 * minBase − 1 of a figure's base, and up to minBase − 1 beyond the largest part new since an
 * earlier release. A large survey's ledger is never read whole.
 */
function sizeRanges(sizes: ReadonlyMap<string, readonly number[]>, minBase: number, newest: number): Map<string, Array<[number, number]>> {
  const ranges = new Map<string, Array<[number, number]>>();
  for (const [id, list] of sizes) {
    const spans: Array<[number, number]> = list.filter((s) => s > 0).map((s) => [Math.max(1, s - (minBase - 1)), s + minBase - 1]);
    if (newest > 0) spans.push([1, newest + minBase - 1]);
    spans.sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const span of spans) {
      const last = merged.at(-1);
      if (last && span[0] <= last[1] + 1) last[1] = Math.max(last[1], span[1]);
      else merged.push([...span]);
    }
    if (merged.length > 0) ranges.set(id, merged);
  }
  return ranges;
}
