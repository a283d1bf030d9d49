import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, DisclosureLedgerTable } from './database-schema.js';
import { compactMembers, decodeMembers, digestBytes, encodeMembers, type StoredMembers } from './ledger-members-blob.js';

/**
 * Whose groups a ledger holds: one survey, wave, unit of analysis and data version. Members are
 * snapshot rows, which are the responses in arrival order, so they mean the same respondents only
 * while the responses are the same: the data version (their count and the last one's id —
 * responses are only ever added) changes whenever they do, and older entries are then not read.
 */
export interface LedgerKey {
  surveyId: string;
  wave: string | null;
  unit: string;
  dataVersion: string;
}

/**
 * A released figure's group as stored (the shape of the disclosure layer's `PublishedGroup`):
 * its members as a bitset or as row ids (see ledger-members-blob.ts).
 */
export interface LedgerEntry extends StoredMembers {
  questionId: string;
  size: number;
  where: string;
}

const chunkSize = 100;

/** The disclosure ledger of every survey: groups behind released figures (see src/disclosure/disclosure-ledger.ts). */
export class DisclosureLedgerRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The groups recorded under `key` whose question and size fall in one of the ranges given per
   * question (inclusive): a check needs only the sizes near those of the figures to release, so
   * a large survey's ledger is never read whole.
   */
  async near(key: LedgerKey, sizes: ReadonlyMap<string, ReadonlyArray<readonly [number, number]>>): Promise<LedgerEntry[]> {
    const found: LedgerEntry[] = [];
    for (const [questionId, ranges] of sizes) {
      for (let i = 0; i < ranges.length; i += chunkSize) {
        const chunk = ranges.slice(i, i + chunkSize);
        let query = this.db
          .selectFrom('disclosure_ledger')
          .select(['question_id', 'size', 'members', 'published_where'])
          .where('survey_id', '=', key.surveyId)
          .where('data_version', '=', key.dataVersion)
          .where('unit', '=', key.unit)
          .where('question_id', '=', questionId)
          .where((eb) => eb.or(chunk.map(([min, max]) => eb.between('size', min, max))));
        query = key.wave === null ? query.where('wave', 'is', null) : query.where('wave', '=', key.wave);
        const rows = await query.orderBy('created_at').orderBy('digest').execute();
        found.push(...rows.map((r) => ({ questionId: r.question_id, size: r.size, ...decodeMembers(r.members), where: r.published_where })));
      }
    }
    return found;
  }

  /**
   * Records released groups under `key`; a group already recorded (by anyone, also by a request
   * running at the same time) is left as it is. Returns how many were new. Inserted in digest
   * order, so that two saves racing over the same groups wait for each other rather than
   * deadlock; each statement commits on its own, not one transaction for them all, which would
   * hold SQLite's write lock across awaits — another connection of the same process (concurrent
   * CLI runs in one test) would then wait for it in a busy loop that blocks the event loop it
   * needs to commit.
   */
  async record(key: LedgerKey, entries: readonly LedgerEntry[], now = new Date()): Promise<number> {
    if (entries.length === 0) return 0;
    const createdAt = now.toISOString();
    const rows: DisclosureLedgerTable[] = entries.map((e) => {
      const members = encodeMembers(compactMembers(e, e.size));
      return {
        digest: digestOf(key, e.questionId, members),
        survey_id: key.surveyId,
        wave: key.wave,
        unit: key.unit,
        data_version: key.dataVersion,
        question_id: e.questionId,
        size: e.size,
        members,
        published_where: e.where,
        created_at: createdAt,
      };
    });
    rows.sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
    let inserted = 0;
    for (let i = 0; i < rows.length; i += chunkSize) {
      const result = await this.db.insertInto('disclosure_ledger').values(rows.slice(i, i + chunkSize)).onConflict((oc) => oc.column('digest').doNothing()).executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return inserted;
  }

  /** How many groups are recorded under `key` (for tests and housekeeping). */
  async count(key: LedgerKey): Promise<number> {
    let query = this.db
      .selectFrom('disclosure_ledger')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('survey_id', '=', key.surveyId)
      .where('data_version', '=', key.dataVersion)
      .where('unit', '=', key.unit);
    query = key.wave === null ? query.where('wave', 'is', null) : query.where('wave', '=', key.wave);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }
}

/** Over the members in their compact form (see compactMembers): the same group has one digest whatever form it came in. */
function digestOf(key: LedgerKey, questionId: string, blob: Uint8Array): string {
  const hash = createHash('sha256').update(JSON.stringify([key.surveyId, key.wave, key.unit, key.dataVersion, questionId]));
  for (const part of digestBytes(blob)) hash.update(part);
  return hash.digest('hex');
}
