import { compactSet, type RespondentSet } from '../analysis/respondent-sets/respondent-set.js';
import { MemoryDisclosureLedger, type DisclosureLedger, type LedgerConflict, type PublishedGroup } from '../disclosure/disclosure-ledger.js';
import type { LedgerKey } from '../storage/disclosure-ledger-repository.js';
import type { Store } from '../storage/store.js';
import type { LoadedSnapshot } from './survey-results.js';

/**
 * A survey's stored disclosure ledger, for one release (a results query, a benchmark report):
 * the groups recorded under the snapshot's survey, wave, unit and data version whose sizes could
 * matter are read into memory first, the release is checked against them, and `save` stores what
 * it released. Concurrency is kept simple: a group recorded meanwhile by another request is left
 * as it is (insert or ignore on its digest); two requests racing with groups that nest too
 * closely could both be released — the window is one request.
 */
export class StoredDisclosureLedger implements DisclosureLedger {
  private readonly released: PublishedGroup[] = [];

  private constructor(
    private readonly store: Store,
    private readonly key: LedgerKey,
    private readonly memory: MemoryDisclosureLedger,
  ) {}

  /**
   * Reads the groups that could conflict with figures of the given base sizes (per question):
   * those within minBase − 1 respondents of one (the same size included, so an identical group
   * is not recorded twice). A large survey's ledger is never read whole.
   */
  static async open(store: Store, loaded: LoadedSnapshot, unit: string, sizes: ReadonlyMap<string, readonly number[]>): Promise<StoredDisclosureLedger> {
    const minBase = loaded.definition.disclosure.minBase;
    const key: LedgerKey = { surveyId: loaded.definition.id, wave: loaded.wave ?? null, unit, dataVersion: loaded.dataVersion };
    const memory = new MemoryDisclosureLedger(minBase);
    for (const entry of await store.disclosureLedger.near(key, sizeRanges(sizes, minBase))) memory.record(entry);
    return new StoredDisclosureLedger(store, key, memory);
  }

  conflict(questionId: string, set: RespondentSet): LedgerConflict | undefined {
    return this.memory.conflict(questionId, set);
  }

  record(group: PublishedGroup): boolean {
    const fresh = this.memory.record(group);
    if (fresh) this.released.push({ ...group, ...compactSet(group) });
    return fresh;
  }

  /** How many released groups wait to be saved. */
  get unsaved(): number {
    return this.released.length;
  }

  /** Stores the groups released since the ledger was opened or last saved. */
  async save(): Promise<void> {
    await this.store.disclosureLedger.record(this.key, this.released);
    this.released.length = 0;
  }
}

/** Per question, the sizes within minBase − 1 of a figure's base, as merged inclusive ranges. */
function sizeRanges(sizes: ReadonlyMap<string, readonly number[]>, minBase: number): Map<string, Array<[number, number]>> {
  const ranges = new Map<string, Array<[number, number]>>();
  for (const [id, list] of sizes) {
    const merged: Array<[number, number]> = [];
    for (const size of [...list].filter((s) => s > 0).sort((a, b) => a - b)) {
      const last = merged.at(-1);
      if (last && size - (minBase - 1) <= last[1] + 1) last[1] = size + minBase - 1;
      else merged.push([Math.max(1, size - (minBase - 1)), size + minBase - 1]);
    }
    if (merged.length > 0) ranges.set(id, merged);
  }
  return ranges;
}
