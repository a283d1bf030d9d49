import { randomUUID } from 'node:crypto';
import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { Answers } from '../definition/schema.js';
import { idempotencyRequestHash } from '../responses/idempotency-key.js';
import { responseFingerprint } from '../responses/response-fingerprint.js';
import type { Database, ResponsesTable } from './database-schema.js';
import { forgetSnapshots } from './snapshot-chunks-repository.js';
import { withinTransaction } from './within-transaction.js';

export type ResponseSource = 'web' | 'api' | 'import' | 'seed' | 'cli';

export interface NewResponse {
  org: string;
  answers: Answers;
  /** Keep this id (imports of exports); a new UUID otherwise. */
  id?: string;
  /** Send the response once: see {@link ResponsesRepository.insert}. */
  idempotency?: Idempotency;
  submittedAt?: string;
  wave?: string | null;
  /** The version of the survey's definition it was answered under; the survey's current version when not given. */
  definitionVersion?: number;
}

/** A client's idempotency key, whose client it is, and the hash of what it sent with it (`idempotencyRequestHash`). */
export interface Idempotency {
  key: string;
  /** 'token:' and an API token's id, 'anonymous', or 'web': keys are unique per survey and client. */
  client: string;
  requestHash: string;
}

/** What storing one response did: stored it, or found the client's key already used (for the same request, or another). */
export type InsertOutcome = { id: string; created: true } | { id: string; created: false; sameRequest: boolean };

export interface StoredResponse {
  id: string;
  org: string;
  answers: Answers;
  source: string;
  submittedAt: string;
  wave: string | null;
}

/** A stored response as an export reads it: its answers as the JSON text they are stored as, and the definition version it was answered under. */
export type ExportedResponse = Omit<StoredResponse, 'answers'> & { answers: string; definitionVersion: number };

/** Whether a response is withdrawn (null: it counts) and erased. */
export interface WithdrawalState {
  id: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  withdrawnReason: string | null;
  erasedAt: string | null;
}

/** A withdrawn response as the admin lists it: no answers. */
export interface WithdrawnResponse {
  id: string;
  org: string;
  submittedAt: string;
  withdrawnAt: string;
  withdrawnBy: string;
  withdrawnReason: string;
  erasedAt: string | null;
}

const chunkSize = 200;

/** A stored response as the snapshot reads it: its sequence number, id, organisation id, answers as stored (JSON) and the definition version it was answered under. */
export interface SequencedRow {
  seq: number;
  id: string;
  org: string;
  answers: string;
  version: number;
}

/**
 * Responses of every survey. Callers validate before storing; this layer only keeps data. Every
 * response gets a sequence number when it is stored (SQLite's rowid, PostgreSQL's `seq`), never
 * given to another while it is there; anything that deletes responses calls `forgetSnapshots` in
 * its transaction, as a deleted number may be given again.
 *
 * A withdrawn response keeps its row and number (see `withdraw`), and every read of responses
 * that counts, lists or analyses them leaves it out; what finds a response by id, idempotency key
 * or fingerprint still finds it, so neither a replayed request nor a re-import brings it back.
 */
export class ResponsesRepository {
  /** Arrival order: SQLite's rowid, PostgreSQL's identity column `seq` (see migrations). */
  private readonly arrival;

  constructor(private readonly db: Kysely<Database>) {
    this.arrival = sql.ref(db.getExecutor().adapter instanceof PostgresAdapter ? 'responses.seq' : 'responses.rowid');
  }

  /**
   * Stores one response. With an idempotency key the same client already used for this survey,
   * stores nothing and returns the first response's id with `created: false`, and whether it
   * was sent with the same request (the same hash; for a key stored before hashes were kept, the
   * hash of the stored response). Two clients' keys never meet.
   */
  async insert(surveyId: string, response: NewResponse, source: ResponseSource, now = new Date()): Promise<InsertOutcome> {
    const row = toRow(surveyId, response, source, now, response.definitionVersion ?? (await currentVersion(this.db, surveyId)));
    const idempotency = response.idempotency;
    if (idempotency !== undefined) {
      const result = await this.db
        .insertInto('responses')
        .values(row)
        .onConflict((oc) => oc.columns(['survey_id', 'idempotency_client', 'idempotency_key']).doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) {
        const first = await this.db
          .selectFrom('responses')
          .select(['id', 'org_id', 'wave', 'answers', 'request_hash'])
          .where('survey_id', '=', surveyId)
          .where('idempotency_client', '=', idempotency.client)
          .where('idempotency_key', '=', idempotency.key)
          .executeTakeFirstOrThrow();
        const storedHash = first.request_hash ?? idempotencyRequestHash({ org: first.org_id, wave: first.wave, answers: JSON.parse(first.answers) as Answers });
        return { id: first.id, created: false, sameRequest: storedHash === idempotency.requestHash };
      }
      return { id: row.id, created: true };
    }
    await this.db.insertInto('responses').values(row).execute();
    return { id: row.id, created: true };
  }

  /**
   * Stores many responses in one transaction: all or nothing. Rows whose id is already stored
   * for this survey are skipped (re-importing an export adds nothing twice).
   */
  async insertMany(
    surveyId: string,
    responses: readonly NewResponse[],
    source: ResponseSource,
    options: { onProgress?: (done: number, total: number) => void; replaceSource?: ResponseSource; now?: Date } = {},
  ): Promise<{ inserted: number; skipped: number; replaced: number }> {
    const now = options.now ?? new Date();
    return withinTransaction(this.db, async (trx) => {
      let replaced = 0;
      if (options.replaceSource) {
        const deleted = await trx.deleteFrom('responses').where('survey_id', '=', surveyId).where('source', '=', options.replaceSource).executeTakeFirst();
        replaced = Number(deleted.numDeletedRows);
        if (replaced > 0) await forgetSnapshots(trx, surveyId);
      }
      let inserted = 0;
      const current = responses.some((r) => r.definitionVersion === undefined) ? await currentVersion(trx, surveyId) : 1;
      for (let i = 0; i < responses.length; i += chunkSize) {
        const rows = responses.slice(i, i + chunkSize).map((r) => toRow(surveyId, r, source, now, r.definitionVersion ?? current));
        inserted += await insertChunk(trx, rows);
        options.onProgress?.(Math.min(i + chunkSize, responses.length), responses.length);
      }
      return { inserted, skipped: responses.length - inserted, replaced };
    });
  }

  /** Ids among `ids` already used by a response of another survey. */
  async idsInOtherSurveys(surveyId: string, ids: readonly string[]): Promise<string[]> {
    const found: string[] = [];
    for (let i = 0; i < ids.length; i += chunkSize) {
      const rows = await this.db.selectFrom('responses').select('id').where('id', 'in', ids.slice(i, i + chunkSize)).where('survey_id', '!=', surveyId).execute();
      found.push(...rows.map((r) => r.id));
    }
    return found;
  }

  /** Which of `fingerprints` (see `responseFingerprint`) a stored response of the survey has. */
  async storedFingerprints(surveyId: string, fingerprints: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < fingerprints.length; i += chunkSize) {
      const rows = await this.db
        .selectFrom('responses')
        .select('fingerprint')
        .distinct()
        .where('survey_id', '=', surveyId)
        .where('fingerprint', 'in', fingerprints.slice(i, i + chunkSize))
        .execute();
      for (const r of rows) if (r.fingerprint !== null) found.add(r.fingerprint);
    }
    return found;
  }

  async count(surveyId: string): Promise<number> {
    const row = await this.db.selectFrom('responses').select((eb) => eb.fn.countAll<number>().as('n')).where('survey_id', '=', surveyId).where('withdrawn_at', 'is', null).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** How many responses each organisation has given to a survey (organisations with none are left out). */
  async countByOrg(surveyId: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('responses')
      .select((eb) => ['org_id', eb.fn.countAll<number>().as('n')])
      .where('survey_id', '=', surveyId)
      .where('withdrawn_at', 'is', null)
      .groupBy('org_id')
      .execute();
    return new Map(rows.map((r) => [r.org_id, Number(r.n)]));
  }

  /** The most recent responses of a survey, newest first. */
  async latest(surveyId: string, limit: number): Promise<StoredResponse[]> {
    const rows = await this.db
      .selectFrom('responses')
      .select(['id', 'org_id', 'answers', 'source', 'submitted_at', 'wave'])
      .where('survey_id', '=', surveyId)
      .where('withdrawn_at', 'is', null)
      .orderBy(this.arrival, 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, org: r.org_id, answers: JSON.parse(r.answers) as Answers, source: r.source, submittedAt: r.submitted_at, wave: r.wave }));
  }

  /** Every response of a survey in the order they arrived (an import keeps its file's order), less those withdrawn. */
  async list(surveyId: string, options: { wave?: string | null } = {}): Promise<StoredResponse[]> {
    let query = this.db.selectFrom('responses').select(['id', 'org_id', 'answers', 'source', 'submitted_at', 'wave']).where('survey_id', '=', surveyId).where('withdrawn_at', 'is', null);
    if (options.wave !== undefined) query = options.wave === null ? query.where('wave', 'is', null) : query.where('wave', '=', options.wave);
    const rows = await query.orderBy(this.arrival).execute();
    return rows.map((r) => ({ id: r.id, org: r.org_id, answers: JSON.parse(r.answers) as Answers, source: r.source, submittedAt: r.submitted_at, wave: r.wave }));
  }

  /**
   * The largest sequence number among a survey's responses (of one wave, when given; 0 when there
   * are none) and the survey's responses generation (see `forgetSnapshots`), in one query from
   * indexes alone: what a snapshot held in memory checks on every load.
   */
  async arrivalState(surveyId: string, options: { wave?: string | null } = {}): Promise<{ maxSeq: number; generation: number }> {
    const row = await this.db
      .selectNoFrom((eb) => [
        this.ofSurvey(this.db, surveyId, options.wave).select((e) => e.fn.max(this.arrival).as('m')).as('max_seq'),
        eb.selectFrom('surveys').select('responses_generation').where('id', '=', surveyId).as('generation'),
      ])
      .executeTakeFirstOrThrow();
    return { maxSeq: Number(row.max_seq ?? 0), generation: Number(row.generation ?? 0) };
  }

  /**
   * Waits until every transaction writing responses at this moment has ended, so that after
   * reading the largest sequence number (`arrivalState`) and then this, every response numbered up
   * to it is either committed or never will be. On PostgreSQL a number is drawn when a row is
   * inserted but transactions commit in their own order, so response 100 may become visible after
   * 101; any transaction that drew a number below one already visible is still writing now, or is
   * done. Writers are those holding ROW EXCLUSIVE on the table (pg_locks), watched every few
   * milliseconds without taking a lock, so neither inserts nor vacuum wait for this. False when
   * one of them takes longer than `waitMs` (a long import is under way). SQLite runs one write
   * transaction at a time, so there is nothing to wait for.
   */
  async waitForWriters(waitMs = 250): Promise<boolean> {
    if (!(this.db.getExecutor().adapter instanceof PostgresAdapter)) return true;
    const writers = async () =>
      (
        await sql<{ transaction: string }>`select virtualtransaction as transaction from pg_locks
          where locktype = 'relation' and relation = 'responses'::regclass and mode = 'RowExclusiveLock' and pid <> pg_backend_pid()`.execute(this.db)
      ).rows.map((r) => r.transaction);
    const waitingFor = new Set(await writers());
    const deadline = performance.now() + waitMs;
    while (waitingFor.size > 0) {
      if (performance.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 2));
      const still = new Set(await writers());
      for (const transaction of waitingFor) if (!still.has(transaction)) waitingFor.delete(transaction);
    }
    return true;
  }

  /**
   * Reads a survey's responses (of one wave, when given) with sequence numbers after `after` and
   * up to `upTo`, in sequence order, a page at a time; a page is read when the previous one has
   * been taken.
   */
  async readAfterSeq(
    surveyId: string,
    options: { wave?: string | null; after: number; upTo?: number; pageSize?: number },
    onPage: (rows: SequencedRow[]) => void | Promise<void>,
  ): Promise<void> {
    const pageSize = options.pageSize ?? 5000;
    let after = options.after;
    for (;;) {
      let query = this.ofSurvey(this.db, surveyId, options.wave)
        .select(['id', 'org_id', 'answers', 'definition_version', this.arrival.as('seq')])
        .where(this.arrival, '>', after);
      if (options.upTo !== undefined) query = query.where(this.arrival, '<=', options.upTo);
      const rows = await query.orderBy(this.arrival).limit(pageSize).execute();
      if (rows.length === 0) return;
      await onPage(rows.map((r) => ({ seq: Number(r.seq), id: r.id, org: r.org_id, answers: r.answers, version: Number(r.definition_version) })));
      if (rows.length < pageSize) return;
      after = Number(rows.at(-1)!.seq);
    }
  }

  /** A survey's responses (of one wave, when given) that are not withdrawn: what a snapshot holds, from the partial indexes of migration 0011. */
  private ofSurvey(db: Kysely<Database>, surveyId: string, wave: string | null | undefined) {
    const query = db.selectFrom('responses').where('survey_id', '=', surveyId).where('withdrawn_at', 'is', null);
    return wave === undefined ? query : wave === null ? query.where('wave', 'is', null) : query.where('wave', '=', wave);
  }

  /**
   * Reads a survey's responses (of one wave, when given) in arrival order, a page at a time,
   * without holding them all: first how many there are up to now, then the pages. Responses that
   * arrive meanwhile are not included, so the count stays right.
   */
  async readInPages(
    surveyId: string,
    options: { wave?: string | null; pageSize?: number },
    onStart: (count: number) => void,
    onPage: (rows: Array<{ id: string; org: string; answers: string }>) => void,
  ): Promise<void> {
    const pageSize = options.pageSize ?? 5000;
    const filtered = () => {
      let query = this.db.selectFrom('responses').where('survey_id', '=', surveyId).where('withdrawn_at', 'is', null);
      if (options.wave !== undefined) query = options.wave === null ? query.where('wave', 'is', null) : query.where('wave', '=', options.wave);
      return query;
    };
    const bound = await filtered()
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max(this.arrival).as('last')])
      .executeTakeFirstOrThrow();
    onStart(Number(bound.n));
    if (Number(bound.n) === 0) return;
    const last = Number(bound.last);
    let after = -1;
    for (;;) {
      const rows = await filtered()
        .select(['id', 'org_id', 'answers', this.arrival.as('arrival')])
        .where(this.arrival, '>', after)
        .where(this.arrival, '<=', last)
        .orderBy(this.arrival)
        .limit(pageSize)
        .execute();
      if (rows.length === 0) return;
      onPage(rows.map((r) => ({ id: r.id, org: r.org_id, answers: r.answers })));
      after = Number(rows.at(-1)!.arrival);
    }
  }

  /**
   * Every response of a survey in arrival order (as `list`), read a page at a time by keyset
   * pagination on the arrival column, for exports that must not hold them all. `count` is how
   * many the pages will hold: they stop at the last response stored when this was called, so
   * responses that arrive meanwhile are left out. A page is read only when the previous one has
   * been taken. Answers stay as stored, the JSON text of an `Answers` object, for the reader to
   * decode as it needs (JSON.parse, or `answersByPosition`, much faster on many responses).
   */
  async pagesInArrivalOrder(surveyId: string, options: { pageSize?: number } = {}): Promise<{ count: number; pages: AsyncIterable<Array<ExportedResponse>> }> {
    const pageSize = options.pageSize ?? 5000;
    const bound = await this.db
      .selectFrom('responses')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min(this.arrival).as('first'), eb.fn.max(this.arrival).as('last')])
      .where('survey_id', '=', surveyId)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirstOrThrow();
    const count = Number(bound.n);
    // Withdrawn responses are left out by the query on SQLite, whose index of a survey's responses
    // in arrival order holds only those not withdrawn, and after it on PostgreSQL: there, a
    // condition on withdrawn_at can lead the planner (without statistics for it, as after the
    // migration that added it) to the partial (survey_id, wave, seq) index, sorting the whole
    // survey for every page (two seconds a page at 500,000 responses) instead of walking
    // (survey_id, seq).
    const postgres = this.db.getExecutor().adapter instanceof PostgresAdapter;
    const read = (after: number) => {
      const query = this.db
        .selectFrom('responses')
        .select(['id', 'org_id', 'answers', 'source', 'submitted_at', 'wave', 'definition_version', 'withdrawn_at', this.arrival.as('arrival')])
        .where('survey_id', '=', surveyId)
        .where(this.arrival, '>', after)
        .where(this.arrival, '<=', Number(bound.last))
        .orderBy(this.arrival)
        .limit(pageSize);
      return (postgres ? query : query.where('withdrawn_at', 'is', null)).execute();
    };
    async function* pages(): AsyncGenerator<Array<ExportedResponse>> {
      if (count === 0) return;
      // On PostgreSQL the next page is asked for before this one is handed over, so the server
      // reads it while the reader works through this one (a third off an export's time), at the
      // memory of one more page; SQLite reads in this thread, so there it would only cost memory.
      let next: ReturnType<typeof read> | undefined = read(Number(bound.first) - 1);
      try {
        while (next) {
          const rows: Awaited<ReturnType<typeof read>> = await next;
          const more = rows.length === pageSize;
          const after = Number(rows.at(-1)?.arrival);
          next = more && postgres ? read(after) : undefined;
          const page = rows.filter((r) => r.withdrawn_at === null).map((r) => ({ id: r.id, org: r.org_id, answers: r.answers, source: r.source, submittedAt: r.submitted_at, wave: r.wave, definitionVersion: Number(r.definition_version) }));
          if (page.length > 0) yield page;
          if (more && !postgres) next = read(after);
        }
      } finally {
        // A reader that stops early leaves a page asked for: its failure, if any, is nobody's.
        next?.catch(() => undefined);
      }
    }
    return { count, pages: pages() };
  }

  /** How many of a survey's responses arrived after the given sequence number (since a release, say). */
  async countAfter(surveyId: string, seq: number): Promise<number> {
    const row = await this.db
      .selectFrom('responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('survey_id', '=', surveyId)
      .where('withdrawn_at', 'is', null)
      .where(this.arrival, '>', seq)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The waves a survey's responses belong to, with their counts (null: responses without a wave). */
  async waves(surveyId: string): Promise<Array<{ wave: string | null; responses: number }>> {
    const rows = await this.db
      .selectFrom('responses')
      .select((eb) => ['wave', eb.fn.countAll<number>().as('n')])
      .where('survey_id', '=', surveyId)
      .where('withdrawn_at', 'is', null)
      .groupBy('wave')
      .execute();
    return rows.map((r) => ({ wave: r.wave, responses: Number(r.n) }));
  }

  /** Of `ids`, those that are responses of the survey, each with whether (when, by whom, why) it was withdrawn and when it was erased. */
  async withdrawalStates(surveyId: string, ids: readonly string[]): Promise<Map<string, WithdrawalState>> {
    const found = new Map<string, WithdrawalState>();
    for (let i = 0; i < ids.length; i += chunkSize) {
      const rows = await this.db
        .selectFrom('responses')
        .select(['id', 'withdrawn_at', 'withdrawn_by', 'withdrawn_reason', 'erased_at'])
        .where('survey_id', '=', surveyId)
        .where('id', 'in', ids.slice(i, i + chunkSize))
        .execute();
      for (const r of rows) found.set(r.id, { id: r.id, withdrawnAt: r.withdrawn_at, withdrawnBy: r.withdrawn_by, withdrawnReason: r.withdrawn_reason, erasedAt: r.erased_at });
    }
    return found;
  }

  /** Ids of the survey's responses that begin with `prefix` and a hyphen, as a UUID's first group does (at most `limit`). */
  async idsWithPrefix(surveyId: string, prefix: string, limit = 2): Promise<string[]> {
    if (!/^[0-9a-z]+$/.test(prefix)) return [];
    const rows = await this.db.selectFrom('responses').select('id').where('survey_id', '=', surveyId).where('id', 'like', `${prefix}-%`).orderBy('id').limit(limit).execute();
    return rows.map((r) => r.id);
  }

  /**
   * Withdraws responses of a survey: each keeps its row and sequence number, with when, by whom
   * and why; with `erase`, its answers become {} and its fingerprint, idempotency key and request
   * hash are cleared too (a tombstone; one withdrawn before is erased now and keeps its first
   * withdrawal's record). Stored snapshots are forgotten in the same transaction, so the next
   * load rebuilds without them. Returns how many it changed: only responses not yet withdrawn
   * (with `erase`, not yet erased) are, so a caller that needs all of them compares the count
   * and rolls back.
   */
  async withdraw(surveyId: string, ids: readonly string[], withdrawal: { by: string; reason: string; erase: boolean; now?: Date }): Promise<number> {
    const at = (withdrawal.now ?? new Date()).toISOString();
    return withinTransaction(this.db, async (trx) => {
      let changed = 0;
      for (let i = 0; i < ids.length; i += chunkSize) {
        const chunk = ids.slice(i, i + chunkSize);
        const withdrawn = await trx
          .updateTable('responses')
          .set({ withdrawn_at: at, withdrawn_by: withdrawal.by, withdrawn_reason: withdrawal.reason })
          .where('survey_id', '=', surveyId)
          .where('id', 'in', chunk)
          .where('withdrawn_at', 'is', null)
          .executeTakeFirst();
        if (!withdrawal.erase) {
          changed += Number(withdrawn.numUpdatedRows);
          continue;
        }
        const erased = await trx
          .updateTable('responses')
          .set({ answers: '{}', fingerprint: null, idempotency_key: null, idempotency_client: null, request_hash: null, erased_at: at })
          .where('survey_id', '=', surveyId)
          .where('id', 'in', chunk)
          .where('erased_at', 'is', null)
          .executeTakeFirst();
        changed += Number(erased.numUpdatedRows);
      }
      if (changed > 0) await forgetSnapshots(trx, surveyId);
      return changed;
    });
  }

  /** A survey's withdrawn responses, the most recently withdrawn first (at most `limit`), and how many there are. */
  async withdrawn(surveyId: string, limit: number): Promise<{ total: number; responses: WithdrawnResponse[] }> {
    const total = await this.db
      .selectFrom('responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('survey_id', '=', surveyId)
      .where('withdrawn_at', 'is not', null)
      .executeTakeFirstOrThrow();
    const rows = await this.db
      .selectFrom('responses')
      .select(['id', 'org_id', 'submitted_at', 'withdrawn_at', 'withdrawn_by', 'withdrawn_reason', 'erased_at'])
      .where('survey_id', '=', surveyId)
      .where('withdrawn_at', 'is not', null)
      .orderBy('withdrawn_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    return {
      total: Number(total.n),
      responses: rows.map((r) => ({ id: r.id, org: r.org_id, submittedAt: r.submitted_at, withdrawnAt: r.withdrawn_at!, withdrawnBy: r.withdrawn_by ?? '', withdrawnReason: r.withdrawn_reason ?? '', erasedAt: r.erased_at })),
    };
  }
}

async function insertChunk(trx: Transaction<Database>, rows: ResponsesTable[]): Promise<number> {
  const result = await trx.insertInto('responses').values(rows).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** The survey's current definition version (1 when there is no such survey: the insert then fails on its foreign key). */
async function currentVersion(db: Kysely<Database>, surveyId: string): Promise<number> {
  const row = await db.selectFrom('surveys').select('definition_version').where('id', '=', surveyId).executeTakeFirst();
  return Number(row?.definition_version ?? 1);
}

function toRow(surveyId: string, response: NewResponse, source: ResponseSource, now: Date, definitionVersion: number): ResponsesTable {
  return {
    id: response.id ?? randomUUID(),
    survey_id: surveyId,
    org_id: response.org,
    answers: JSON.stringify(response.answers),
    idempotency_key: response.idempotency?.key ?? null,
    idempotency_client: response.idempotency?.client ?? null,
    request_hash: response.idempotency?.requestHash ?? null,
    fingerprint: responseFingerprint(surveyId, { org: response.org, wave: response.wave ?? null, answers: response.answers }),
    source,
    submitted_at: response.submittedAt ?? now.toISOString(),
    wave: response.wave ?? null,
    withdrawn_at: null,
    withdrawn_by: null,
    withdrawn_reason: null,
    erased_at: null,
    definition_version: definitionVersion,
  };
}
