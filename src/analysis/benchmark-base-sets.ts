import { wholeBase } from './analyse-question.js';
import type { OrganisationBenchmarks } from './organisation-benchmarks.js';
import { respondentSet, type RespondentSet } from './respondent-set.js';
import { columnOf, type SurveySnapshot } from './survey-snapshot.js';

/** The respondents in the bases of one question's benchmark figures for one organisation. */
export interface BenchmarkBaseSets {
  organisation: RespondentSet;
  peerGroup: RespondentSet;
  sector: RespondentSet;
}

/**
 * The base sets of every organisation's benchmark figures, for a disclosure ledger: per question,
 * the respondents of the organisation, of its peer group and of the sector in the question's
 * base (as the benchmarks count them). Sector and peer-group sets are made once per question and
 * shared (read only); an organisation's set from its own rows only, so every organisation's
 * report costs one pass over the respondents in all, not one each.
 */
export function benchmarkBaseSets(snapshot: SurveySnapshot, benchmarks: OrganisationBenchmarks): (org: number) => Record<string, BenchmarkBaseSets> {
  const rows = rowsByOrganisation(snapshot);
  const bases = benchmarks.questions.map((q) => wholeBase(columnOf(snapshot, q.question.id)));
  const sectors = bases.map((base) => respondentSet(base));
  const peerSets = bases.map(() => new Map<number, RespondentSet>());
  const words = Math.ceil(snapshot.n / 32);
  return (o) => {
    const g = benchmarks.peerGroupOf[o]!;
    const sets: Record<string, BenchmarkBaseSets> = {};
    benchmarks.questions.forEach((q, k) => {
      const base = bases[k]!;
      let peerGroup = peerSets[k]!.get(g);
      if (!peerGroup) {
        const mask = new Uint8Array(snapshot.n);
        for (let i = 0; i < snapshot.n; i++) mask[i] = base[i]! & Number(benchmarks.peerGroupOf[snapshot.orgIndex[i]!] === g);
        peerSets[k]!.set(g, (peerGroup = respondentSet(mask)));
      }
      const members = new Uint32Array(words);
      let size = 0;
      for (let r = rows.start[o]!; r < rows.start[o + 1]!; r++) {
        const i = rows.order[r]!;
        if (!base[i]) continue;
        members[i >>> 5]! |= 1 << (i & 31);
        size++;
      }
      sets[q.question.id] = { organisation: { members, size }, peerGroup, sector: sectors[k]! };
    });
    return sets;
  };
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
