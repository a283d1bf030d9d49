import { orgAttributeValue, peerGroupAttribute } from '../definition/register-attributes.js';
import { selectRows } from '../analysis/snapshot/select-rows.js';
import { CanvassError } from '../errors/canvass-error.js';
import type { Release } from '../storage/releases-repository.js';
import { inTransaction, type Store } from '../storage/store.js';
import { recordAudit } from './audit-log.js';
import { publishedBy } from './release-ledger.js';
import { requireSurvey } from './survey-lookup.js';
import { loadSnapshot, type LoadedSnapshot } from './survey-results.js';
import { resolveWave } from './survey-waves.js';

export interface ReleaseOutcome {
  release: Release;
  /** Responses new since the previous release that this one publishes. */
  admitted: number;
  /** Responses up to its high-water mark that it holds back, and the peer groups they are in. */
  heldBack: number;
  heldBackGroups: string[];
}

/**
 * Freezes a survey's data (one wave: the latest unless given) as its next release.
 *
 * What a release publishes: the first publishes every response there is. A later one publishes
 * the responses that arrived since the one before (and those it held back) only for peer groups
 * (organisations of one type) that gained at least the survey's minimum base of them; the others
 * stay held back until their group has. So a peer group's figures, and the sector's, move between
 * two releases by at least minBase respondents or not at all: one late response cannot be
 * recovered by subtracting two releases' figures. (Smaller groups that move by fewer, such as an
 * organisation that gained 3 of its peer group's 12, are caught by the release ledger and show
 * their earlier figure.)
 *
 * The release is stored with the audit log's entry for `actor`, in one transaction.
 */
export async function createRelease(store: Store, surveyId: string, options: { actor: string; wave?: string; note?: string; createdBy?: string }): Promise<ReleaseOutcome> {
  const definition = await requireSurvey(store, surveyId);
  const wave = resolveWave(definition, options.wave) ?? null;
  const live = await loadSnapshot(store, surveyId, wave ?? undefined);
  if (live.snapshot.n === 0) throw new CanvassError('release.empty', `'${surveyId}' has no responses${wave === null ? '' : ` in wave ${wave}`} to release`);
  const previous = (await store.releases.list(surveyId)).filter((r) => r.wave === wave).at(-1);
  const minBase = definition.disclosure.minBase;
  const { seqs, snapshot } = live;
  const candidates: number[] = [];
  if (previous) {
    const held = new Set(previous.heldBack);
    for (let i = 0; i < snapshot.n; i++) if (seqs[i]! > previous.highWaterSeq || held.has(seqs[i]!)) candidates.push(i);
  }
  const byGroup = new Map<string, number[]>();
  // Groups of the attribute the benchmarks' peer groups are of (the survey's register says which).
  const admissionAttribute = peerGroupAttribute(definition);
  for (const i of candidates) {
    const group = String(orgAttributeValue(snapshot.orgs[snapshot.orgIndex[i]!]!, admissionAttribute) ?? '');
    byGroup.set(group, [...(byGroup.get(group) ?? []), i]);
  }
  const heldBack: number[] = [];
  const heldBackGroups: string[] = [];
  for (const [group, rows] of byGroup) {
    if (rows.length >= minBase) continue;
    heldBackGroups.push(group);
    for (const i of rows) heldBack.push(seqs[i]!);
  }
  heldBack.sort((a, b) => a - b);
  const admitted = candidates.length - heldBack.length;
  const newRelease = {
    surveyId,
    wave,
    highWaterSeq: live.highWaterSeq,
    responses: snapshot.n - heldBack.length,
    heldBack,
    note: options.note?.trim() ? options.note.trim() : null,
    createdBy: options.createdBy ?? null,
  };
  // Two releases made at once may take the same number: the second's transaction fails on the key and is tried again.
  for (let attempt = 0; ; attempt++) {
    try {
      const release = await inTransaction(store, async (tx) => {
        const made = await tx.releases.create(newRelease);
        const details = { release: made.number, wave, responses: made.responses, admitted, heldBack: heldBack.length, note: made.note };
        await recordAudit(tx, { actor: options.actor, action: 'release.create', surveyId, details });
        return made;
      });
      return { release, admitted, heldBack: heldBack.length, heldBackGroups: heldBackGroups.sort() };
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** A release's data as a snapshot, with each row's sequence number, and the release itself. */
export interface ReleaseSnapshot extends LoadedSnapshot {
  release: Release;
}

/**
 * The snapshot a release publishes: the survey's responses of its wave up to its high-water mark,
 * less those it held back. `wave` other than the release's gives that wave's responses up to the
 * same mark (the wave a report compares with).
 */
export async function loadRelease(store: Store, surveyId: string, number?: number, wave?: string): Promise<ReleaseSnapshot> {
  const release = await requireRelease(store, surveyId, number);
  const shown = wave ?? release.wave ?? undefined;
  const live = await loadSnapshot(store, surveyId, shown);
  const published = shown === (release.wave ?? undefined) ? publishedBy(release) : (seq: number) => seq <= release.highWaterSeq;
  const rows: number[] = [];
  for (let i = 0; i < live.snapshot.n; i++) if (published(live.seqs[i]!)) rows.push(i);
  const picked = Uint32Array.from(rows);
  const seqs = Float64Array.from(rows, (i) => live.seqs[i]!);
  // A release of every response there is (the usual first) is the live snapshot itself, not a copy.
  const all = rows.length === live.snapshot.n;
  return {
    ...live,
    snapshot: all ? live.snapshot : selectRows(live.snapshot, picked),
    seqs: all ? live.seqs : seqs,
    highWaterSeq: seqs.length === 0 ? 0 : seqs[seqs.length - 1]!,
    dataVersion: `release ${release.number}`,
    release,
  };
}

/** A survey's release by number (default: its newest), or a user error naming what there is. */
export async function requireRelease(store: Store, surveyId: string, number?: number): Promise<Release> {
  await requireSurvey(store, surveyId);
  const release = number === undefined ? await store.releases.latest(surveyId) : await store.releases.get(surveyId, number);
  if (release) return release;
  const all = await store.releases.list(surveyId);
  if (all.length === 0) throw new CanvassError('release.not-found', `'${surveyId}' has no release yet: make one with 'canvass release ${surveyId}' (or Release data in the admin)`);
  throw new CanvassError('release.not-found', `'${surveyId}' has no release ${number}: its releases are ${all.map((r) => r.number).join(', ')}`);
}

/** "Release 2 of 30 November 2026": what a published page says its figures are of. */
export function releaseLabel(release: Release): string {
  const date = new Date(release.createdAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `Release ${release.number} of ${date}${release.wave ? `, wave ${release.wave}` : ''}: ${release.responses.toLocaleString('en-GB')} responses`;
}
