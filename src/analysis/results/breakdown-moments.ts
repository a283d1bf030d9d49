import type { MultipleQuestion } from '../../definition/schema.js';
import type { SurveyDesign } from '../design/survey-design.js';
import type { Column } from '../snapshot/survey-snapshot.js';
import { StrataTableBuilder, type StrataTable } from '../tests/rao-scott-test.js';
import { netMembers, wholeBase } from './analyse-question.js';
import { choicePatterns } from './category-estimates.js';

/**
 * The counting pass of a cross-tab: every question's figures for every group of a breakdown, and
 * for the rest of the filter beside each group, from one pass over the respondents per question.
 *
 * Why it works: a domain estimate and its linearised variance need only sums per stratum — Σw
 * and Σw² per category and overall, and with clusters the same of each PSU's totals (see
 * category-estimates.ts). Respondents are put into units — stratum (or PSU) × organisation ×
 * slot, a slot being a group of the breakdown, or "in the filter but in no group" — so that each
 * group, each group's rest and everyone in the filter is a union of units. One pass per question
 * adds each respondent in the question's base to their unit's count (with one weight per unit,
 * as N_h/n_h, counting is enough); then each domain's per-stratum sums are those of its units
 * (breakdown-domains.ts).
 * The organisation in the unit lets disclosure control count bases per organisation, and the
 * sums per stratum and group are also what the Rao–Scott test needs.
 */

type ChoiceColumn = Extract<Column, { kind: 'choice' | 'multi' }>;

export interface BreakdownFrame {
  design: SurveyDesign;
  /** Groups of the breakdown (slots 0 … groups − 1); slot `groups` is in the filter but in no group. */
  groups: number;
  /** Per respondent: their unit, or −1 outside the filter. */
  unitOf: Int32Array;
  units: number;
  unitSlot: Int32Array;
  unitStratum: Int32Array;
  unitOrg: Int32Array;
  /** The weight all of a unit's respondents have, or null when weights differ within a unit. */
  unitWeight: Float64Array | null;
  /** The units of slot s are slotUnits[slotStart[s] … slotStart[s + 1]), and those of stratum h stratumUnits[stratumStart[h] … stratumStart[h + 1]). */
  slotStart: Int32Array;
  slotUnits: Int32Array;
  stratumStart: Int32Array;
  stratumUnits: Int32Array;
  /** With clusters: each unit's PSU, and each PSU's stratum. */
  clusters: { psuOfUnit: Int32Array; psuStratum: Int32Array } | null;
}

/** Per unit: respondents in the question's base, Σw and Σw²; per unit u and category k at u·K + k, the same of those in the category. */
export interface UnitMoments {
  K: number;
  base: Float64Array;
  T: Float64Array;
  R: Float64Array;
  count: Float64Array;
  A: Float64Array;
  Q: Float64Array;
}

interface Pairs {
  orgIndex: Int32Array;
  /** Per respondent: their (stratum or PSU, organisation) pair. */
  pairOf: Int32Array;
  count: number;
  stratum: Int32Array;
  psu: Int32Array;
  org: Int32Array;
}

const pairsCache = new WeakMap<SurveyDesign, Pairs>();

/** The (stratum, or PSU with clusters, × organisation) pairs of a design, made once per design. */
function designPairs(design: SurveyDesign, orgIndex: Int32Array): Pairs {
  const cached = pairsCache.get(design);
  if (cached && cached.orgIndex === orgIndex) return cached;
  const clustered = design.psuCount !== design.n;
  const n = design.n;
  let orgs = 0;
  for (let i = 0; i < n; i++) orgs = Math.max(orgs, orgIndex[i]! + 1);
  const index = new Map<number, number>();
  const pairOf = new Int32Array(n);
  const stratum: number[] = [];
  const psu: number[] = [];
  const org: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = (clustered ? design.psu[i]! : design.strata[i]!) * orgs + orgIndex[i]!;
    let pair = index.get(key);
    if (pair === undefined) {
      pair = index.size;
      index.set(key, pair);
      stratum.push(design.strata[i]!);
      psu.push(design.psu[i]!);
      org.push(orgIndex[i]!);
    }
    pairOf[i] = pair;
  }
  const pairs = { orgIndex, pairOf, count: index.size, stratum: Int32Array.from(stratum), psu: Int32Array.from(psu), org: Int32Array.from(org) };
  pairsCache.set(design, pairs);
  return pairs;
}

/**
 * The units of a breakdown. `slotOf` gives each respondent's group (0 … groups − 1), `groups` for
 * one in the filter but in no group, −1 outside the filter.
 */
export function breakdownFrame(design: SurveyDesign, orgIndex: Int32Array, slotOf: Int32Array, groups: number): BreakdownFrame {
  const pairs = designPairs(design, orgIndex);
  const slots = groups + 1;
  const n = design.n;
  const unitOf = new Int32Array(n).fill(-1);
  const dense = pairs.count * slots <= 1 << 22;
  const unitOfRaw = dense ? new Int32Array(pairs.count * slots).fill(-1) : null;
  const unitOfKey = dense ? null : new Map<number, number>();
  const unitPair: number[] = [];
  const unitSlot: number[] = [];
  const weights: number[] = [];
  let uniform = true;
  for (let i = 0; i < n; i++) {
    const slot = slotOf[i]!;
    if (slot < 0) continue;
    const raw = pairs.pairOf[i]! * slots + slot;
    let u = unitOfRaw ? unitOfRaw[raw]! : (unitOfKey!.get(raw) ?? -1);
    if (u < 0) {
      u = unitPair.length;
      if (unitOfRaw) unitOfRaw[raw] = u;
      else unitOfKey!.set(raw, u);
      unitPair.push(pairs.pairOf[i]!);
      unitSlot.push(slot);
      weights.push(design.weights[i]!);
    } else if (uniform && design.weights[i] !== weights[u]) uniform = false;
    unitOf[i] = u;
  }
  const units = unitPair.length;
  const unitStratum = Int32Array.from(unitPair, (p) => pairs.stratum[p]!);
  const bySlot = bucket(Int32Array.from(unitSlot), slots);
  const byStratum = bucket(unitStratum, design.stratumCount);
  const frame: BreakdownFrame = {
    design,
    groups,
    unitOf,
    units,
    unitSlot: Int32Array.from(unitSlot),
    unitStratum,
    unitOrg: Int32Array.from(unitPair, (p) => pairs.org[p]!),
    unitWeight: uniform ? Float64Array.from(weights) : null,
    slotStart: bySlot.start,
    slotUnits: bySlot.items,
    stratumStart: byStratum.start,
    stratumUnits: byStratum.items,
    clusters: null,
  };
  if (design.psuCount !== design.n) {
    const psuStratum = new Int32Array(design.psuCount);
    for (let i = 0; i < n; i++) psuStratum[design.psu[i]!] = design.strata[i]!;
    frame.clusters = { psuOfUnit: Int32Array.from(unitPair, (p) => pairs.psu[p]!), psuStratum };
  }
  return frame;
}

/** The indices 0 … keys.length − 1 in order of their key (0 … count − 1): those of key v are items[start[v] … start[v + 1]). */
function bucket(keys: Int32Array, count: number): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(count + 1);
  for (let at = 0; at < keys.length; at++) start[keys[at]! + 1]!++;
  for (let v = 0; v < count; v++) start[v + 1]! += start[v]!;
  const items = new Int32Array(keys.length);
  const next = start.slice(0, count);
  for (let at = 0; at < keys.length; at++) items[next[keys[at]!]!++] = at;
  return { start, items };
}

/**
 * One pass over a choice question: per unit, the respondents in its base (as {@link wholeBase}
 * decides) and in each option and net, with their Σw and Σw².
 */
export function unitMoments(frame: BreakdownFrame, column: ChoiceColumn): UnitMoments {
  const moments = column.kind === 'choice' ? singleChoiceMoments(frame, column) : multiSelectMoments(frame, column);
  if (frame.unitWeight) {
    // Counting was enough: Σw = w·count and Σw² = w²·count.
    const { K, base, T, R, count, A, Q } = moments;
    for (let u = 0; u < frame.units; u++) {
      const w = frame.unitWeight[u]!;
      T[u] = w * base[u]!;
      R[u] = w * w * base[u]!;
      for (let k = u * K; k < (u + 1) * K; k++) {
        A[k] = w * count[k]!;
        Q[k] = w * w * count[k]!;
      }
    }
  }
  return moments;
}

function emptyUnitMoments(units: number, K: number): UnitMoments {
  return { K, base: new Float64Array(units), T: new Float64Array(units), R: new Float64Array(units), count: new Float64Array(units * K), A: new Float64Array(units * K), Q: new Float64Array(units * K) };
}

/** Options are tallied per unit (a non-substantive one left out of a substantive base afterwards); nets are sums of their options. */
function singleChoiceMoments(frame: BreakdownFrame, column: Extract<Column, { kind: 'choice' }>): UnitMoments {
  const { question, codes } = column;
  const Ko = question.options.length;
  const nets = netMembers(question).map((members) => members.filter((k) => k >= 0));
  const K = Ko + nets.length;
  const { unitOf, units } = frame;
  const w = frame.design.weights;
  const tally = new Int32Array(units * Ko);
  const sumW = frame.unitWeight ? null : new Float64Array(units * Ko);
  const sumW2 = frame.unitWeight ? null : new Float64Array(units * Ko);
  if (!sumW || !sumW2) {
    for (let i = 0; i < unitOf.length; i++) {
      const u = unitOf[i]!;
      const c = codes[i]!;
      if ((u | c) >= 0) tally[u * Ko + c]!++;
    }
  } else {
    for (let i = 0; i < unitOf.length; i++) {
      const u = unitOf[i]!;
      const c = codes[i]!;
      if ((u | c) < 0) continue;
      const at = u * Ko + c;
      const wi = w[i]!;
      tally[at]!++;
      sumW[at]! += wi;
      sumW2[at]! += wi * wi;
    }
  }
  const excluded = question.options.map((o) => question.base === 'substantive' && o.nonSubstantive === true);
  const m = emptyUnitMoments(units, K);
  for (let u = 0; u < units; u++) {
    for (let c = 0; c < Ko; c++) {
      const from = u * Ko + c;
      if (excluded[c] || tally[from] === 0) continue;
      const at = u * K + c;
      m.count[at] = tally[from]!;
      m.base[u]! += tally[from]!;
      if (sumW && sumW2) {
        m.A[at] = sumW[from]!;
        m.Q[at] = sumW2[from]!;
        m.T[u]! += sumW[from]!;
        m.R[u]! += sumW2[from]!;
      }
    }
    nets.forEach((members, net) => {
      const at = u * K + Ko + net;
      for (const c of members) {
        m.count[at]! += m.count[u * K + c]!;
        m.A[at]! += m.A[u * K + c]!;
        m.Q[at]! += m.Q[u * K + c]!;
      }
    });
  }
  return m;
}

/** The most options of a multiple choice whose categories are looked up by the set chosen (2^16 sets). */
const maxSetOptions = 16;

/** Each respondent adds to the categories of the set of options they chose: those options and the nets that meet it. */
function multiSelectMoments(frame: BreakdownFrame, column: Extract<Column, { kind: 'multi' }>): UnitMoments {
  const { question, chosen } = column;
  const Ko = question.options.length;
  const nets = netMembers(question);
  const K = Ko + nets.length;
  const { unitOf, units } = frame;
  const w = frame.design.weights;
  const inBase = wholeBase(column);
  const m = emptyUnitMoments(units, K);
  const weighted = !frame.unitWeight;
  if (Ko > maxSetOptions || K > 31) return generalMultiSelectMoments(frame, column.question, chosen, nets, inBase, m);
  const categories = setCategories(Ko, nets);
  const patterns = choicePatterns(chosen);
  const sets = categories.length;
  if (!weighted && units * sets <= unitOf.length) {
    // One count per respondent, of their unit's set; sets then spread to their categories (when
    // there are fewer units × sets than respondents: spreading more would cost more than it saves).
    const tally = new Int32Array(units * sets);
    for (let i = 0; i < unitOf.length; i++) {
      const u = unitOf[i]!;
      if (u >= 0 && inBase[i]) tally[u * sets + patterns[i]!]!++;
    }
    for (let u = 0; u < units; u++) {
      for (let set = 0; set < sets; set++) {
        const n = tally[u * sets + set]!;
        if (n === 0) continue;
        m.base[u]! += n;
        for (let bits = categories[set]!; bits !== 0; bits &= bits - 1) m.count[u * K + 31 - Math.clz32(bits & -bits)]! += n;
      }
    }
    return m;
  }
  for (let i = 0; i < unitOf.length; i++) {
    const u = unitOf[i]!;
    if (u < 0 || !inBase[i]) continue;
    m.base[u]!++;
    let bits = categories[patterns[i]!]!;
    const wi = w[i]!;
    m.T[u]! += wi;
    m.R[u]! += wi * wi;
    while (bits !== 0) {
      const at = u * K + 31 - Math.clz32(bits & -bits);
      bits &= bits - 1;
      m.count[at]!++;
      m.A[at]! += wi;
      m.Q[at]! += wi * wi;
    }
  }
  return m;
}

/** Per set of options chosen (bit k: option k), its categories as bits: the options, then each net it meets. */
function setCategories(Ko: number, nets: readonly number[][]): Int32Array {
  const categories = new Int32Array(2 ** Ko);
  for (let set = 0; set < categories.length; set++) {
    let bits = set;
    nets.forEach((members, net) => {
      if (members.some((k) => set & (1 << k))) bits |= 1 << (Ko + net);
    });
    categories[set] = bits;
  }
  return categories;
}

/** A multiple choice with too many options or nets for sets: each category looked up per respondent. */
function generalMultiSelectMoments(frame: BreakdownFrame, question: MultipleQuestion, chosen: readonly Uint8Array[], nets: readonly number[][], inBase: Uint8Array, m: UnitMoments): UnitMoments {
  const Ko = question.options.length;
  const K = m.K;
  const { unitOf } = frame;
  const w = frame.design.weights;
  const add = (u: number, k: number, wi: number) => {
    m.count[u * K + k]!++;
    m.A[u * K + k]! += wi;
    m.Q[u * K + k]! += wi * wi;
  };
  for (let i = 0; i < unitOf.length; i++) {
    const u = unitOf[i]!;
    if (u < 0 || !inBase[i]) continue;
    const wi = w[i]!;
    m.base[u]!++;
    m.T[u]! += wi;
    m.R[u]! += wi * wi;
    for (let k = 0; k < Ko; k++) if (chosen[k]![i]) add(u, k, wi);
    nets.forEach((members, net) => {
      if (members.some((k) => chosen[k]![i])) add(u, Ko + net, wi);
    });
  }
  return m;
}

/**
 * The table of a single-choice question by the breakdown's groups, per stratum, for the
 * Rao–Scott test: respondents in the base and in a group, options and groups in use.
 */
export function groupTable(frame: BreakdownFrame, m: UnitMoments, options: number): StrataTable {
  const G = frame.groups;
  const K = m.K;
  const rowUsed = new Uint8Array(options);
  const columnUsed = new Uint8Array(G);
  for (let u = 0; u < frame.units; u++) {
    const g = frame.unitSlot[u]!;
    if (g >= G) continue;
    for (let c = 0; c < options; c++) {
      if (m.count[u * K + c] === 0) continue;
      rowUsed[c] = 1;
      columnUsed[g] = 1;
    }
  }
  const rowLevels = [...rowUsed.keys()].filter((c) => rowUsed[c]);
  const columnLevels = [...columnUsed.keys()].filter((g) => columnUsed[g]);
  const row = new Int32Array(options).fill(-1);
  rowLevels.forEach((c, at) => (row[c] = at));
  const column = new Int32Array(G).fill(-1);
  columnLevels.forEach((g, at) => (column[g] = at));
  const r = rowLevels.length;
  const cells = r * columnLevels.length;
  // Per stratum, its units' sums by cell (units of several organisations may share a cell).
  const counts = new Float64Array(cells);
  const weights = new Float64Array(cells);
  const squaredWeights = new Float64Array(cells);
  const used: number[] = [];
  const table = new StrataTableBuilder(rowLevels, columnLevels);
  for (let h = 0; h < frame.design.stratumCount; h++) {
    for (let at = frame.stratumStart[h]!; at < frame.stratumStart[h + 1]!; at++) {
      const u = frame.stratumUnits[at]!;
      const g = frame.unitSlot[u]!;
      if (g >= G || column[g]! < 0) continue;
      for (let c = 0; c < options; c++) {
        const n = m.count[u * K + c]!;
        if (row[c]! < 0 || n === 0) continue;
        const x = row[c]! + r * column[g]!;
        if (counts[x] === 0) used.push(x);
        counts[x]! += n;
        weights[x]! += m.A[u * K + c]!;
        squaredWeights[x]! += m.Q[u * K + c]!;
      }
    }
    used.sort((a, b) => a - b);
    for (const x of used) {
      table.add(x, counts[x]!, weights[x]!, squaredWeights[x]!);
      counts[x] = 0;
      weights[x] = 0;
      squaredWeights[x] = 0;
    }
    used.length = 0;
    table.endStratum();
  }
  return table.finish();
}
