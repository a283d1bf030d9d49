import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database-schema.js';

/** Which stored snapshot: a survey's, or one of its waves' (`wave` null: all of a survey without waves). */
export interface SnapshotScope {
  surveyId: string;
  wave: string | null;
}

export interface SnapshotHead {
  layout: string;
  generation: number;
  highWaterSeq: number;
  rows: number;
}

/** A stored chunk's place: the responses first_seq..last_seq, `rows` of them. */
export interface ChunkRange {
  firstSeq: number;
  lastSeq: number;
  rows: number;
}

export interface StoredChunk extends ChunkRange {
  data: Uint8Array;
}

/** What a writer saw, and so what it may change: a head of this layout and generation at `highWaterSeq` (0: none, or one to replace). */
export interface ChunkWrite {
  layout: string;
  generation: number;
  fromHighWaterSeq: number;
  /** Chunks merged into `add`, by first sequence number; they are deleted. */
  remove: readonly number[];
  add: readonly StoredChunk[];
  /** The head afterwards. */
  highWaterSeq: number;
  rows: number;
}

const whole = '';
const readBatch = 8;

/**
 * The stored columnar snapshots: their heads and chunks, as bytes (encoding is the analysis
 * layer's). A write is one transaction that moves the head on only from where the writer found it,
 * so of two processes catching up at once one stores its rows and the other stores nothing.
 */
export class SnapshotChunksRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async head(scope: SnapshotScope): Promise<SnapshotHead | undefined> {
    const row = await this.db
      .selectFrom('snapshot_heads')
      .select(['layout', 'generation', 'high_water_seq', 'rows'])
      .where('survey_id', '=', scope.surveyId)
      .where('wave', '=', scope.wave ?? whole)
      .executeTakeFirst();
    return row && { layout: row.layout, generation: Number(row.generation), highWaterSeq: Number(row.high_water_seq), rows: Number(row.rows) };
  }

  /** The stored chunks' ranges, in sequence order. */
  async ranges(scope: SnapshotScope): Promise<ChunkRange[]> {
    const rows = await this.db
      .selectFrom('snapshot_chunks')
      .select(['first_seq', 'last_seq', 'rows'])
      .where('survey_id', '=', scope.surveyId)
      .where('wave', '=', scope.wave ?? whole)
      .orderBy('first_seq')
      .execute();
    return rows.map((r) => ({ firstSeq: Number(r.first_seq), lastSeq: Number(r.last_seq), rows: Number(r.rows) }));
  }

  /**
   * The chunks starting at `firstSeqs`, in that order, read a few at a time and handed to
   * `onChunk` one by one, so no more than a few blobs are held at once. Stops at the first that
   * is no longer there (merged into a larger one meanwhile) and says how many it handed on.
   */
  async read(scope: SnapshotScope, firstSeqs: readonly number[], onChunk: (chunk: StoredChunk) => void): Promise<number> {
    let handed = 0;
    for (let i = 0; i < firstSeqs.length; i += readBatch) {
      const wanted = firstSeqs.slice(i, i + readBatch);
      const rows = await this.db
        .selectFrom('snapshot_chunks')
        .select(['first_seq', 'last_seq', 'rows', 'data'])
        .where('survey_id', '=', scope.surveyId)
        .where('wave', '=', scope.wave ?? whole)
        .where('first_seq', 'in', wanted)
        .execute();
      const byFirst = new Map(rows.map((r) => [Number(r.first_seq), r]));
      for (const first of wanted) {
        const row = byFirst.get(first);
        if (!row) return handed;
        onChunk({ firstSeq: first, lastSeq: Number(row.last_seq), rows: Number(row.rows), data: row.data });
        handed++;
      }
    }
    return handed;
  }

  /**
   * Stores chunks and moves the head on, in one transaction, if the head is still what the writer
   * saw: at `fromHighWaterSeq` with the same layout and generation — or, writing from 0, missing
   * or of another layout or generation (then every chunk of the scope goes first). Returns false,
   * changing nothing, when another writer got there first — or, on SQLite, when another
   * connection holds the write lock for more than `busyMs`: storing is for later loads, and a
   * connection of this same process cannot finish its write while this one waits (both are on
   * one thread, and SQLite waits without yielding), so the wait is kept short.
   */
  async write(scope: SnapshotScope, write: ChunkWrite, busyMs = 100): Promise<boolean> {
    const sqlite = !(this.db.getExecutor().adapter instanceof PostgresAdapter);
    try {
      return await this.db.transaction().execute(async (trx) => {
        if (!sqlite) return writeChunks(trx, scope, write);
        const { timeout } = (await sql<{ timeout: number }>`pragma busy_timeout`.execute(trx)).rows[0]!;
        await sql.raw(`pragma busy_timeout = ${Math.round(busyMs)}`).execute(trx);
        try {
          return await writeChunks(trx, scope, write);
        } finally {
          await sql.raw(`pragma busy_timeout = ${Number(timeout)}`).execute(trx);
        }
      });
    } catch (error) {
      if (error instanceof Lost || (sqlite && (error as { code?: string }).code === 'SQLITE_BUSY')) return false;
      throw error;
    }
  }
}

/** The writes of `SnapshotChunksRepository.write`, in its transaction; throws Lost to roll back. */
async function writeChunks(trx: Transaction<Database>, scope: SnapshotScope, write: ChunkWrite): Promise<true> {
  const wave = scope.wave ?? whole;
  const head = { layout: write.layout, generation: write.generation, high_water_seq: write.highWaterSeq, rows: write.rows, updated_at: new Date().toISOString() };
  if (write.fromHighWaterSeq === 0) {
    const claimed = await trx
      .insertInto('snapshot_heads')
      .values({ survey_id: scope.surveyId, wave, ...head })
      .onConflict((oc) =>
        oc
          .columns(['survey_id', 'wave'])
          .doUpdateSet(head)
          .where((eb) => eb.or([eb('snapshot_heads.layout', '!=', write.layout), eb('snapshot_heads.generation', '!=', write.generation), eb('snapshot_heads.high_water_seq', '=', 0)])),
      )
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) throw new Lost();
    await trx.deleteFrom('snapshot_chunks').where('survey_id', '=', scope.surveyId).where('wave', '=', wave).execute();
  } else {
    const moved = await trx
      .updateTable('snapshot_heads')
      .set(head)
      .where('survey_id', '=', scope.surveyId)
      .where('wave', '=', wave)
      .where('layout', '=', write.layout)
      .where('generation', '=', write.generation)
      .where('high_water_seq', '=', write.fromHighWaterSeq)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw new Lost();
    if (write.remove.length > 0) {
      const removed = await trx.deleteFrom('snapshot_chunks').where('survey_id', '=', scope.surveyId).where('wave', '=', wave).where('first_seq', 'in', write.remove).executeTakeFirst();
      if (Number(removed.numDeletedRows) !== write.remove.length) throw new Lost();
    }
  }
  for (const chunk of write.add) {
    await trx
      .insertInto('snapshot_chunks')
      .values({ survey_id: scope.surveyId, wave, first_seq: chunk.firstSeq, last_seq: chunk.lastSeq, rows: chunk.rows, data: Buffer.from(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength) })
      .execute();
  }
  return true;
}

/**
 * Part of any transaction that deletes responses of a survey: raises the survey's responses
 * generation (a snapshot held in memory is rebuilt when it sees that) and drops its stored
 * snapshots, since SQLite may give the next response the sequence number of a deleted one.
 */
export async function forgetSnapshots(trx: Transaction<Database>, surveyId: string): Promise<void> {
  await trx
    .updateTable('surveys')
    .set((eb) => ({ responses_generation: eb('responses_generation', '+', 1) }))
    .where('id', '=', surveyId)
    .execute();
  await trx.deleteFrom('snapshot_chunks').where('survey_id', '=', surveyId).execute();
  await trx.deleteFrom('snapshot_heads').where('survey_id', '=', surveyId).execute();
}

/** Another writer moved the head first: the transaction is rolled back. */
class Lost extends Error {}
