import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppendableSnapshot } from '../analysis/snapshot/appendable-snapshot.js';
import { decodeSnapshotChunk, encodeSnapshotChunk, snapshotLayout } from '../analysis/snapshot/snapshot-chunk.js';
import type { OrgAttributes } from '../analysis/snapshot/respondent-record.js';
import type { SurveySnapshot } from '../analysis/snapshot/survey-snapshot.js';
import { registerOf, withBands } from '../definition/register-attributes.js';
import type { Answer, Definition, RegisterSchema } from '../definition/schema.js';
import { CanvassError } from '../errors/canvass-error.js';
import type { Organisation } from '../register/organisation.js';
import { answersByPosition } from '../responses/answers-by-position.js';
import type { Database } from '../storage/database-schema.js';
import type { ChunkRange, SnapshotScope, StoredChunk } from '../storage/snapshot-chunks-repository.js';
import type { Store } from '../storage/store.js';
import { requireSurvey } from './survey-lookup.js';
import { resolveWave } from './survey-waves.js';

export interface LoadedSnapshot {
  /** The definition as analysis sees it (see definition/analysis-questions.ts): a grid's statements are questions of their own. */
  definition: Definition;
  /**
   * The survey's definition as it is written, grids as grids: what reports, translations and
   * open data are made from (a grid charted as one, its statements' texts translated).
   */
  surveyDefinition: Definition;
  snapshot: SurveySnapshot;
  wave: string | undefined;
  /** Each row's response sequence number, increasing: row i is the response seqs[i]. */
  seqs: Float64Array;
  /** The largest sequence number the snapshot holds; 0 when it holds none. */
  highWaterSeq: number;
  /**
   * Which responses the snapshot holds: their count, the last one's sequence number and the
   * survey's responses generation. Responses are only ever added, in sequence order (the
   * snapshot's row order), and a deletion raises the generation, so while this stays the same,
   * row i is the same respondent — what the disclosure ledger's bitsets rely on.
   */
  dataVersion: string;
}

/** Rows per stored chunk at most: a chunk of the national survey's 60 questions is then about 6 MB. */
export const chunkRowCap = 65_536;

/**
 * The columnar snapshot of a survey's stored responses (of one wave, when it has waves), caught
 * up incrementally: no request parses every stored response.
 *
 * - A process keeps each survey's snapshot in memory, per database. A load asks for the newest
 *   sequence number and the responses generation (one query); when nothing is new it hands out a
 *   view of what it holds, otherwise it reads and appends only the newer responses.
 * - A process that holds nothing starts from the chunks stored in the database (binary columns,
 *   see snapshot-chunk.ts), so a fresh `canvass results` reads a few blobs instead of parsing
 *   every response, and reads only the responses newer than the chunks.
 * - What it appends it stores as a chunk, merging the small chunks at the end as a binary counter
 *   does (a chunk absorbs the ones before it that are no larger, up to `chunkRowCap` rows), so
 *   catching up after one response writes little, and a store of n rows has about n / cap + log n
 *   chunks. Several processes share the chunks: a write moves the stored head on only from where
 *   the writer found it, so rows are never stored twice (storage/snapshot-chunks-repository.ts).
 * - Stored chunks are kept under the layout (a hash of the chunk format and the definition's
 *   question ids, types and option codes) and the generation: a definition that changes the
 *   columns, or responses deleted (re-seeding), makes the next load rebuild from the responses.
 * - On PostgreSQL rows up to the newest sequence number are taken as settled only once every
 *   transaction that could still commit an earlier one has ended (ResponsesRepository
 *   .waitForWriters); while a long import is under way the newer rows are served from a copy
 *   that is neither kept nor stored.
 *
 * Organisation attributes come from the register at each load, so a changed register shows at once.
 */
export async function loadSnapshot(store: Store, surveyId: string, wave?: string): Promise<LoadedSnapshot> {
  const definition = await requireSurvey(store, surveyId);
  const resolved = resolveWave(definition, wave);
  const register = new Map((await store.organisations.list()).map((o) => [o.id, o]));
  const scope: SnapshotScope = { surveyId, wave: resolved ?? null };
  const layout = createHash('sha256').update(snapshotLayout(definition)).digest('hex');
  // The view is made inside the queue, before a later load of the same survey can append.
  const loaded = await queued(store.db, scopeKey(scope), async () => {
    const { rows, generation, held } = await catchUp(store, scope, definition, layout);
    const orgs = organisationsOf(rows, register, surveyId, registerOf(definition));
    // Nothing changed since the last load: the same snapshot object, so what callers keep per
    // snapshot (a design, a question's base) is reused from one request to the next.
    const definitionText = JSON.stringify(definition);
    const last = held?.lastView;
    if (last && last.snapshot.n === rows.size && last.definitionText === definitionText && sameOrganisations(last.snapshot.orgs, orgs)) return { ...last, generation };
    const view = rows.view(definition, orgs);
    // Which definition version introduced each question and option: bases count only those offered it (analysis/results/offered-bases.ts).
    const introductions = (await store.surveys.introductions(surveyId))?.introductions;
    if (introductions) view.snapshot.introductions = introductions;
    if (held) held.lastView = { ...view, definitionText };
    return { ...view, generation };
  });
  const { snapshot, seqs, generation } = loaded;
  const highWaterSeq = snapshot.n === 0 ? 0 : seqs[snapshot.n - 1]!;
  return { definition: snapshot.definition, surveyDefinition: definition, snapshot, wave: resolved, seqs, highWaterSeq, dataVersion: `${snapshot.n}:${highWaterSeq}:${generation}` };
}

function sameOrganisations(a: readonly OrgAttributes[], b: readonly Organisation[]): boolean {
  return a.length === b.length && a.every((org, i) => JSON.stringify(org) === JSON.stringify(b[i]));
}

/** A survey's snapshot as a process holds it, and the chunks it takes to be stored. */
interface Held {
  layout: string;
  generation: number;
  rows: AppendableSnapshot;
  /** The stored chunks, in order, each with the row it starts at: together rows [0, k) for some k. */
  stored: Array<ChunkRange & { row: number }>;
  /** Set when another process has stored further than this one holds: nothing to store until it passes that. */
  storedAhead: number;
  /** The view the last load handed out, with the definition it was made with. */
  lastView?: { snapshot: SurveySnapshot; seqs: Float64Array; definitionText: string };
}

const heldBy = new WeakMap<Kysely<Database>, Map<string, Held>>();
const queues = new WeakMap<Kysely<Database>, Map<string, Promise<unknown>>>();

const scopeKey = (scope: SnapshotScope) => `${scope.surveyId}\u0000${scope.wave ?? ''}`;

/** Runs `work` after every earlier load of the same snapshot in this process has finished. */
function queued<T>(db: Kysely<Database>, key: string, work: () => Promise<T>): Promise<T> {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = new Map()));
  const run = (queue.get(key) ?? Promise.resolve()).then(work);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queue.set(key, settled);
  void settled.then(() => {
    if (queue.get(key) === settled) queue.delete(key);
  });
  return run;
}

/** The rows to serve, and what this process holds when they are those (not a copy with rows not yet settled). */
async function catchUp(store: Store, scope: SnapshotScope, definition: Definition, layout: string): Promise<{ rows: AppendableSnapshot; generation: number; held?: Held }> {
  const waveFilter = { wave: scope.wave ?? undefined };
  // Inside a transaction nothing is kept or stored: the transaction's view of the data ends with it.
  const persistent = !store.db.isTransaction;
  let byScope = heldBy.get(store.db);
  if (!byScope && persistent) heldBy.set(store.db, (byScope = new Map()));
  const key = scopeKey(scope);
  const { maxSeq, generation } = await store.responses.arrivalState(scope.surveyId, waveFilter);
  let held = byScope?.get(key);
  // A smaller maximum than the one held means rows were taken away without the generation saying so.
  if (held && (held.layout !== layout || held.generation !== generation || maxSeq < held.rows.highWaterSeq)) {
    byScope!.delete(key);
    held = undefined;
  }
  try {
    held ??= await fromStoredChunks(store, scope, definition, layout, generation, maxSeq);
    byScope?.set(key, held);
    const from = held.rows.highWaterSeq;
    if (maxSeq <= from) return { rows: held.rows, generation, held };
    // maxSeq was read before the wait: whatever drew a smaller number has ended by now.
    if (persistent && !(await store.responses.waitForWriters())) {
      const provisional = held.rows.copy(Math.min(maxSeq - from, chunkRowCap));
      await appendResponses(store, scope, provisional, maxSeq);
      return { rows: provisional, generation };
    }
    await appendResponses(store, scope, held.rows, maxSeq);
    if (persistent) await storeNewRows(store, scope, held);
    return { rows: held.rows, generation, held };
  } catch (error) {
    byScope?.delete(key);
    throw error;
  }
}

/**
 * Appends the responses after the last row held, up to `upTo`, read a page at a time; their answers
 * go straight into question positions (answersByPosition: JSON.parse would build an object of its
 * own shape for nearly every response, most of the time it takes).
 */
async function appendResponses(store: Store, scope: SnapshotScope, rows: AppendableSnapshot, upTo: number): Promise<void> {
  const positions = new Map(rows.definition.questions.map((q, k) => [q.id, k]));
  const answers = new Array<Answer | undefined>(positions.size);
  await store.responses.readAfterSeq(scope.surveyId, { wave: scope.wave ?? undefined, after: rows.highWaterSeq, upTo }, (page) => {
    for (const row of page) {
      answersByPosition(row.answers, positions, answers);
      rows.appendByPosition(row.seq, row.org, answers, row.version);
    }
  });
}

/**
 * The snapshot as stored, when its head is of this layout and generation (and reaches no further
 * than the responses do); else an empty one to be built from the responses. A chunk that cannot be
 * read is taken as the end of what is stored.
 */
async function fromStoredChunks(store: Store, scope: SnapshotScope, definition: Definition, layout: string, generation: number, maxSeq: number): Promise<Held> {
  const head = await store.snapshotChunks.head(scope);
  const usable = head !== undefined && head.layout === layout && head.generation === generation && head.highWaterSeq <= maxSeq;
  if (!usable) return empty(definition, layout, generation, maxSeq);
  const ranges = contiguous(await store.snapshotChunks.ranges(scope));
  const storedRows = ranges.reduce((sum, r) => sum + r.rows, 0);
  const lastStored = ranges.at(-1)?.lastSeq ?? 0;
  // Room for what is already newer and an eighth more, so a server takes many responses before its first doubling.
  const rows = new AppendableSnapshot(definition, storedRows + Math.min(maxSeq - lastStored, chunkRowCap) + Math.max(1024, storedRows >>> 3));
  const stored: Held['stored'] = [];
  let unreadable = false;
  await store.snapshotChunks.read(scope, ranges.map((r) => r.firstSeq), (chunk) => {
    if (unreadable) return;
    const row = rows.size;
    try {
      appendStoredChunk(rows, chunk);
    } catch {
      unreadable = true;
      return;
    }
    stored.push({ firstSeq: chunk.firstSeq, lastSeq: chunk.lastSeq, rows: chunk.rows, row });
  });
  if (unreadable) return empty(definition, layout, generation, maxSeq);
  return { layout, generation, rows, stored, storedAhead: 0 };
}

/** Nothing held yet; sequence numbers are distinct, so there are at most `maxSeq` rows to come (capacity doubles past the first chunk's worth). */
function empty(definition: Definition, layout: string, generation: number, maxSeq: number): Held {
  return { layout, generation, rows: new AppendableSnapshot(definition, Math.min(Math.max(maxSeq, 1), chunkRowCap)), stored: [], storedAhead: 0 };
}

function appendStoredChunk(rows: AppendableSnapshot, chunk: StoredChunk): void {
  const decoded = decodeSnapshotChunk(chunk.data);
  if (decoded.rows !== chunk.rows || decoded.rows === 0 || decoded.seqs[0] !== chunk.firstSeq || decoded.seqs[decoded.rows - 1] !== chunk.lastSeq) {
    throw new Error(`the stored chunk from ${chunk.firstSeq} does not hold what its row says`);
  }
  rows.appendChunk(decoded);
}

/** The ranges up to the first that overlaps the one before it (none should). */
function contiguous(ranges: ChunkRange[]): ChunkRange[] {
  const kept: ChunkRange[] = [];
  for (const range of ranges) {
    if (kept.length > 0 && range.firstSeq <= kept.at(-1)!.lastSeq) break;
    kept.push(range);
  }
  return kept;
}

/**
 * Stores the rows not yet stored as a chunk, absorbing the stored chunks at the end that are no
 * larger than it (binary-counter merging, within `chunkRowCap`), more than `chunkRowCap` rows as
 * several. When another process has stored meanwhile, it takes their chunks as what is stored
 * (they hold the same rows) and tries once more. Storing is for later loads: when it cannot be
 * done now (SQLite's write lock held by another connection, see SnapshotChunksRepository.write),
 * this load serves its rows all the same and a later one stores them.
 */
async function storeNewRows(store: Store, scope: SnapshotScope, held: Held, retry = true): Promise<void> {
  const { rows } = held;
  if (rows.highWaterSeq <= held.storedAhead) return;
  const storedEnd = held.stored.length === 0 ? 0 : held.stored.at(-1)!.row + held.stored.at(-1)!.rows;
  const n = rows.size;
  if (storedEnd === n) return;
  let start = storedEnd;
  let absorbed = 0;
  while (absorbed < held.stored.length) {
    const last = held.stored[held.stored.length - 1 - absorbed]!;
    const pending = n - start;
    if (last.rows > pending || last.rows + pending > chunkRowCap) break;
    start = last.row;
    absorbed++;
  }
  const kept = held.stored.slice(0, held.stored.length - absorbed);
  const add: Array<StoredChunk & { row: number }> = [];
  const seqs = rows.seqsOf();
  for (let a = start; a < n; a += chunkRowCap) {
    const b = Math.min(a + chunkRowCap, n);
    add.push({ firstSeq: seqs[a]!, lastSeq: seqs[b - 1]!, rows: b - a, row: a, data: encodeSnapshotChunk(rows.chunk(a, b)) });
  }
  const written = await store.snapshotChunks.write(scope, {
    layout: held.layout,
    generation: held.generation,
    fromHighWaterSeq: held.stored.at(-1)?.lastSeq ?? 0,
    remove: held.stored.slice(kept.length).map((c) => c.firstSeq),
    add,
    highWaterSeq: rows.highWaterSeq,
    rows: n,
  });
  if (written) {
    held.stored = [...kept, ...add.map(({ firstSeq, lastSeq, rows: count, row }) => ({ firstSeq, lastSeq, rows: count, row }))];
    return;
  }
  if (!(await adoptStored(store, scope, held)) || !retry) return;
  await storeNewRows(store, scope, held, false);
}

/**
 * After losing a write to another process: takes the chunks it stored as what is stored, when
 * they are of this layout and generation and hold rows this process holds in the same places.
 * Says whether there is anything left for this process to store.
 */
async function adoptStored(store: Store, scope: SnapshotScope, held: Held): Promise<boolean> {
  const head = await store.snapshotChunks.head(scope);
  if (!head || head.layout !== held.layout || head.generation !== held.generation) return false;
  if (head.highWaterSeq >= held.rows.highWaterSeq) {
    held.storedAhead = head.highWaterSeq;
    return false;
  }
  const adopted: Held['stored'] = [];
  let row = 0;
  for (const range of await store.snapshotChunks.ranges(scope)) {
    if (range.lastSeq > head.highWaterSeq) break;
    if (held.rows.rowOf(range.firstSeq) !== row || held.rows.rowOf(range.lastSeq) !== row + range.rows - 1) return false;
    adopted.push({ ...range, row });
    row += range.rows;
  }
  if ((adopted.at(-1)?.lastSeq ?? 0) !== head.highWaterSeq) return false;
  held.stored = adopted;
  return true;
}

/** Each organisation the rows name, from the register, with its bands; one missing from it is an internal error, as a response must name a registered organisation. */
function organisationsOf(rows: AppendableSnapshot, register: ReadonlyMap<string, Organisation>, surveyId: string, schema: RegisterSchema): Organisation[] {
  return rows.organisationIds.map((id, position) => {
    const org = register.get(id);
    if (!org) throw new CanvassError('internal', `response ${rows.seqsOf()[rows.firstRowOf(position)]} of survey '${surveyId}' (by sequence number) belongs to organisation '${id}', which is not in the register`);
    // Bands (size_band from headcount) are computed here, so analysis reads them as any attribute.
    return withBands(org, schema);
  });
}
