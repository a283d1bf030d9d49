import { orgAttributeValue, peerGroupAttribute } from '../../definition/register-attributes.js';
import type { SurveyDesign } from '../design/survey-design.js';
import type { OrgAttributes } from '../snapshot/respondent-record.js';
import type { SurveySnapshot } from '../snapshot/survey-snapshot.js';

/**
 * The cells of organisation benchmarks (see organisation-benchmarks.ts): respondents grouped
 * into organisation × stratum cells, and those cells grouped into the (domain, stratum) cells
 * of organisations, peer groups and the sector.
 */

/** Cells of one kind of domain: each a (domain, stratum) pair, built from organisation × stratum cells. */
export interface Level {
  domains: number;
  cells: number;
  /** The level's cell of each organisation × stratum cell. */
  cellOfPair: Int32Array;
  cellStratum: Int32Array;
  /** Cells of each domain: cellList[domainStart[d] … domainStart[d + 1]). */
  domainStart: Int32Array;
  cellList: Int32Array;
}

export interface Frame {
  n: number;
  strata: number;
  pairs: number;
  /** Organisation × stratum cell of each respondent. */
  pairOf: Int32Array;
  /** The unit a question's first pass adds each respondent to: their cell, or with clusters their PSU. */
  unitOf: Int32Array;
  /** Each unit's weight when every unit's respondents share one (then a pass only counts), else null. */
  unitWeight: Float64Array | null;
  /** Reused by every multiple-choice question: the set of options each respondent chose. */
  sets: Int32Array;
  pairOrg: Int32Array;
  organisation: Level;
  peerGroup: Level;
  sector: Level;
  /** n_h and s_h per stratum (see the module comment of organisation-benchmarks.ts). */
  stratumSize: Int32Array;
  stratumScale: Float64Array;
  /** With clusters: the organisation × stratum cell of each PSU. */
  clustered: boolean;
  psuPair: Int32Array;
}

/** Moments per cell (cells × K for A, B, C and count; cells for the rest). */
export interface Moments {
  cells: number;
  K: number;
  base: Float64Array;
  psus: Float64Array;
  T: Float64Array;
  R: Float64Array;
  count: Float64Array;
  A: Float64Array;
  B: Float64Array;
  C: Float64Array;
}

/** Each organisation's peer group: its value of the peer-group attribute (`type` unless the register says otherwise); '' when it has none. */
export function peerGroupsOf(orgs: readonly OrgAttributes[], attribute: string): { peerGroups: string[]; peerGroupOf: Int32Array } {
  const index = new Map<string, number>();
  const peerGroupOf = new Int32Array(orgs.length);
  orgs.forEach((org, o) => {
    const key = String(orgAttributeValue(org, attribute) ?? '');
    let g = index.get(key);
    if (g === undefined) index.set(key, (g = index.size));
    peerGroupOf[o] = g;
  });
  return { peerGroups: [...index.keys()], peerGroupOf };
}

export function buildFrame(snapshot: SurveySnapshot, design: SurveyDesign): Frame {
  const n = snapshot.n;
  if (design.n !== n) throw new Error(`the design has ${design.n} respondents but the snapshot ${n}`);
  const H = design.stratumCount;
  const O = snapshot.orgs.length;
  const pairIndex = new Map<number, number>();
  const pairOf = new Int32Array(n);
  const pairOrgList: number[] = [];
  const pairStratumList: number[] = [];
  let lastKey = -1;
  let lastPair = -1;
  for (let i = 0; i < n; i++) {
    const o = snapshot.orgIndex[i]!;
    const h = design.strata[i]!;
    const key = o * H + h;
    if (key !== lastKey) {
      let pair = pairIndex.get(key);
      if (pair === undefined) {
        pair = pairOrgList.length;
        pairIndex.set(key, pair);
        pairOrgList.push(o);
        pairStratumList.push(h);
      }
      lastKey = key;
      lastPair = pair;
    }
    pairOf[i] = lastPair;
  }
  const P = pairOrgList.length;
  const pairOrg = Int32Array.from(pairOrgList);
  const pairStratum = Int32Array.from(pairStratumList);
  const { peerGroups, peerGroupOf } = peerGroupsOf(snapshot.orgs, peerGroupAttribute(snapshot.definition));

  const clustered = design.psuCount !== design.n;
  const psuPair = new Int32Array(design.psuCount).fill(-1);
  if (clustered) {
    for (let i = 0; i < n; i++) {
      const j = design.psu[i]!;
      if (psuPair[j] === -1) psuPair[j] = pairOf[i]!;
      else if (pairOrg[psuPair[j]!] !== pairOrg[pairOf[i]!]) throw new Error('a cluster spans more than one organisation; organisation benchmarks need clusters nested in organisations');
    }
  }

  const stratumSize = design.stratumSize;
  const stratumScale = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    const size = stratumSize[h]!;
    const N = design.stratumPopulation[h]!;
    const finite = Number.isNaN(N) ? 1 : 1 - size / N;
    stratumScale[h] = size === 1 ? finite : (finite * size) / (size - 1);
  }
  return {
    n,
    strata: H,
    pairs: P,
    pairOf,
    unitOf: clustered ? design.psu : pairOf,
    sets: new Int32Array(n),
    unitWeight: commonWeights(clustered ? design.psu : pairOf, clustered ? design.psuCount : P, design.weights),
    pairOrg,
    organisation: levelOf(P, O, pairOrg, pairStratum, H, (o) => o),
    peerGroup: levelOf(P, peerGroups.length, pairOrg, pairStratum, H, (o) => peerGroupOf[o]!),
    sector: levelOf(P, 1, pairOrg, pairStratum, H, () => 0),
    stratumSize,
    stratumScale,
    clustered,
    psuPair,
  };
}

function commonWeights(unitOf: Int32Array, units: number, weights: Float64Array): Float64Array | null {
  const common = new Float64Array(units).fill(Number.NaN);
  for (let i = 0; i < unitOf.length; i++) {
    const u = unitOf[i]!;
    if (Number.isNaN(common[u]!)) common[u] = weights[i]!;
    else if (common[u] !== weights[i]) return null;
  }
  return common;
}

/** Groups organisation × stratum cells into (domain, stratum) cells, domain = domainOf(organisation). */
function levelOf(P: number, domains: number, pairOrg: Int32Array, pairStratum: Int32Array, H: number, domainOf: (org: number) => number): Level {
  const index = new Map<number, number>();
  const cellOfPair = new Int32Array(P);
  const cellDomain: number[] = [];
  const cellStratum: number[] = [];
  for (let pair = 0; pair < P; pair++) {
    const d = domainOf(pairOrg[pair]!);
    const h = pairStratum[pair]!;
    const key = d * H + h;
    let cell = index.get(key);
    if (cell === undefined) {
      cell = cellDomain.length;
      index.set(key, cell);
      cellDomain.push(d);
      cellStratum.push(h);
    }
    cellOfPair[pair] = cell;
  }
  const cells = cellDomain.length;
  const domainStart = new Int32Array(domains + 1);
  for (const d of cellDomain) domainStart[d + 1]!++;
  for (let d = 0; d < domains; d++) domainStart[d + 1]! += domainStart[d]!;
  const fill = domainStart.slice(0, domains);
  const cellList = new Int32Array(cells);
  cellDomain.forEach((d, cell) => (cellList[fill[d]!++] = cell));
  return { domains, cells, cellOfPair, cellStratum: Int32Array.from(cellStratum), domainStart, cellList };
}

export function emptyMoments(cells: number, K: number): Moments {
  return {
    cells,
    K,
    base: new Float64Array(cells),
    psus: new Float64Array(cells),
    T: new Float64Array(cells),
    R: new Float64Array(cells),
    count: new Float64Array(cells * K),
    A: new Float64Array(cells * K),
    B: new Float64Array(cells * K),
    C: new Float64Array(cells * K),
  };
}
