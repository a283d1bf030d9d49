import { wholeBase } from '../results/analyse-question.js';
import type { OrganisationBenchmarks } from './organisation-benchmarks.js';
import { compactSet, respondentSet, respondentSetOfIds, wordsFor, type RespondentSet } from '../respondent-sets/respondent-set.js';
import { columnOf, type SurveySnapshot } from '../snapshot/survey-snapshot.js';
import { offeredColumn, offeredFrom } from '../results/offered-bases.js';

/** The respondents in the bases of one question's benchmark figures for one organisation. */
export interface BenchmarkBaseSets {
  organisation: RespondentSet;
  peerGroup: RespondentSet;
  sector: RespondentSet;
  /** Per definition version that added options or nets to the question, the bases of their figures: the respondents offered them. */
  offered?: Record<number, { organisation: RespondentSet; peerGroup: RespondentSet; sector: RespondentSet }>;
}

/** The question's base as benchmarks count it (respondents offered the question), and per later offering the base of its figures. */
function basesOf(snapshot: SurveySnapshot, q: OrganisationBenchmarks['questions'][number]): { base: Uint8Array; offered: Array<{ since: number; base: Uint8Array }> } {
  const column = offeredColumn(snapshot, columnOf(snapshot, q.question.id));
  return { base: wholeBase(column), offered: (q.offered ?? []).map((o) => ({ since: o.since, base: wholeBase(offeredFrom(snapshot, column, o.since)) })) };
}

/**
 * The base sets of every organisation's benchmark figures, for a disclosure ledger: per question,
 * the respondents of the organisation, of its peer group and of the sector in the question's
 * base (as the benchmarks count them). Sector and peer-group sets are made once per question and
 * shared (read only); an organisation's sets from its own rows only, so every organisation's
 * report costs one pass over the respondents in all, not one each — and are made as row ids
 * (unless one holds a thirty-second of the respondents or more), not bitsets of every respondent.
 * The bases are read row by row (every question's flag of a respondent side by side): an
 * organisation's rows are scattered over the snapshot, and reading each question's base apart
 * would fetch a cache line per row and question.
 */
export function benchmarkBaseSets(snapshot: SurveySnapshot, benchmarks: OrganisationBenchmarks): (org: number) => Record<string, BenchmarkBaseSets> {
  const rows = rowsByOrganisation(snapshot);
  const questionBases = benchmarks.questions.map((q) => basesOf(snapshot, q));
  const bases = questionBases.map((b) => b.base);
  // Figures a later definition version added (few questions have them): their own sets, made apart.
  const offeredSectors = questionBases.map((b) => b.offered.map((o) => respondentSet(o.base)));
  const offeredPeers: Array<RespondentSet[][] | undefined> = bases.map(() => undefined);
  const sectors = bases.map((base) => respondentSet(base));
  const peerSets: Array<RespondentSet[] | undefined> = bases.map(() => undefined);
  const Q = bases.length;
  const byRow = new Uint8Array(snapshot.n * Q);
  for (let i = 0, at = 0; i < snapshot.n; i++) for (let k = 0; k < Q; k++) byRow[at++] = bases[k]![i]!;
  return (o) => {
    const g = benchmarks.peerGroupOf[o]!;
    const sizes = new Int32Array(Q);
    for (let r = rows.start[o]!; r < rows.start[o + 1]!; r++) {
      const row = rows.order[r]! * Q;
      for (let k = 0; k < Q; k++) sizes[k]! += byRow[row + k]!;
    }
    // An organisation's rows are in increasing order (rowsByOrganisation), so its ids come sorted.
    const ids = Array.from(sizes, (size) => new Uint32Array(size));
    const filled = new Int32Array(Q);
    for (let r = rows.start[o]!; r < rows.start[o + 1]!; r++) {
      const i = rows.order[r]!;
      const row = i * Q;
      for (let k = 0; k < Q; k++) if (byRow[row + k]) ids[k]![filled[k]!++] = i;
    }
    const sets: Record<string, BenchmarkBaseSets> = {};
    benchmarks.questions.forEach((q, k) => {
      const peerGroup = (peerSets[k] ??= peerGroupSets(snapshot, benchmarks, bases[k]!))[g]!;
      sets[q.question.id] = { organisation: respondentSetOfIds(ids[k]!, snapshot.n), peerGroup, sector: sectors[k]! };
      const offerings = questionBases[k]!.offered;
      if (offerings.length === 0) return;
      const peers = (offeredPeers[k] ??= offerings.map((o) => peerGroupSets(snapshot, benchmarks, o.base)));
      sets[q.question.id]!.offered = Object.fromEntries(
        offerings.map((offering, j) => {
          const own: number[] = [];
          for (let r = rows.start[o]!; r < rows.start[o + 1]!; r++) if (offering.base[rows.order[r]!]) own.push(rows.order[r]!);
          return [offering.since, { organisation: respondentSetOfIds(Uint32Array.from(own), snapshot.n), peerGroup: peers[j]![g]!, sector: offeredSectors[k]![j]! }];
        }),
      );
    });
    return sets;
  };
}

/** Every peer group's set for one question's base, in one pass over the respondents. */
function peerGroupSets(snapshot: SurveySnapshot, benchmarks: OrganisationBenchmarks, base: Uint8Array): RespondentSet[] {
  const bits = benchmarks.peerGroups.map(() => new Uint32Array(wordsFor(snapshot.n)));
  const sizes = new Array<number>(bits.length).fill(0);
  for (let i = 0; i < snapshot.n; i++) {
    if (!base[i]) continue;
    const g = benchmarks.peerGroupOf[snapshot.orgIndex[i]!]!;
    bits[g]![i >>> 5]! |= 1 << (i & 31);
    sizes[g]!++;
  }
  return bits.map((members, g) => compactSet({ form: 'bits', members, size: sizes[g]!, rows: snapshot.n }));
}

/**
 * The sizes of every organisation's, peer group's and sector's base sets, per question (in no
 * particular order): what a disclosure ledger must read the groups near to before every
 * organisation's report is checked against it — without making the sets. With `offeredSetKey`,
 * also those of the figures a later definition version added, under the key it names them by.
 */
export function benchmarkBaseSizes(snapshot: SurveySnapshot, benchmarks: OrganisationBenchmarks, offeredSetKey?: (questionId: string, since: number) => string): Map<string, number[]> {
  const sizes = new Map<string, number[]>();
  const sizesOf = (base: Uint8Array) => {
    const perOrganisation = new Array<number>(snapshot.orgs.length).fill(0);
    for (let i = 0; i < snapshot.n; i++) perOrganisation[snapshot.orgIndex[i]!]! += base[i]!;
    const perPeerGroup = new Array<number>(benchmarks.peerGroups.length).fill(0);
    perOrganisation.forEach((n, o) => (perPeerGroup[benchmarks.peerGroupOf[o]!]! += n));
    return [...perOrganisation, ...perPeerGroup, perOrganisation.reduce((a, b) => a + b, 0)];
  };
  for (const q of benchmarks.questions) {
    const { base, offered } = basesOf(snapshot, q);
    sizes.set(q.question.id, sizesOf(base));
    if (offeredSetKey) for (const o of offered) sizes.set(offeredSetKey(q.question.id, o.since), sizesOf(o.base));
  }
  return sizes;
}

/** Snapshot rows grouped by organisation: rows of organisation o are order[start[o] … start[o + 1] − 1]. */
function rowsByOrganisation(snapshot: SurveySnapshot): { order: Int32Array; start: Int32Array } {
  const start = new Int32Array(snapshot.orgs.length + 1);
  for (let i = 0; i < snapshot.n; i++) start[snapshot.orgIndex[i]! + 1]!++;
  for (let o = 0; o < snapshot.orgs.length; o++) start[o + 1]! += start[o]!;
  const next = start.slice(0, snapshot.orgs.length);
  const order = new Int32Array(snapshot.n);
  for (let i = 0; i < snapshot.n; i++) order[next[snapshot.orgIndex[i]!]!++] = i;
  return { order, start };
}
