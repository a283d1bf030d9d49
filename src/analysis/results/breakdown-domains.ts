import type { SurveyDesign } from '../design/survey-design.js';
import type { BreakdownFrame, UnitMoments } from './breakdown-moments.js';
import { estimatesFromMoments, type CategoryEstimate, type CategoryEstimates } from './category-estimates.js';

/**
 * One question's estimates in a breakdown's domains — everyone in the filter, each group, and
 * the rest of the filter beside each group — from its units' sums (breakdown-moments.ts), by
 * the formula of estimateCategories.
 *
 * Without clusters each respondent is a PSU, so a domain's sums per stratum are its units' sums.
 * The rest beside a group differs from everyone only in the strata the group is in: per category,
 * W²·V(p) = Σ_h q_h(p) with q_h(p) = s_h·((B − 2pC + p²R) − (A − pT)²/n_h) (no centring term in a
 * stratum of one PSU), a quadratic in p; its coefficients are summed once over everyone's strata,
 * and for each rest only the group's strata are taken out and put back without the group. A
 * breakdown of 1,000 strata into a dozen groups then costs about what its figure for everyone
 * does, not a dozen times more. With clusters, a PSU's totals are summed from its units first,
 * and every domain is summed afresh.
 */
export class BreakdownDomains {
  private readonly K: number;
  private readonly design: SurveyDesign;
  /** Everyone's sums per stratum, kept for the rests. */
  private readonly every: Sums;
  /** A group's sums per stratum, cleared after each group. */
  private readonly group: Sums;
  private everyone: CategoryEstimates | undefined;
  /** Σ_h over everyone's strata of q_h's coefficients: q(p) = q0 − 2p·q1 + p²·q2 (per category for q0, q1). */
  private readonly q0: Float64Array;
  private readonly q1: Float64Array;
  private q2 = 0;

  constructor(
    private readonly frame: BreakdownFrame,
    private readonly m: UnitMoments,
  ) {
    this.K = m.K;
    this.design = frame.design;
    const H = this.design.stratumCount;
    const clustered = frame.clusters !== null;
    this.every = new Sums(H, m.K, clustered);
    this.group = new Sums(H, m.K, clustered);
    this.q0 = new Float64Array(m.K);
    this.q1 = new Float64Array(m.K);
  }

  /** The figure for everyone in the filter (every slot, in a group or not). */
  forEveryone(): CategoryEstimates {
    if (this.everyone) return this.everyone;
    const slots = this.frame.groups + 1;
    this.add(this.every, [[0, slots]]);
    this.everyone = this.every.estimates(this.design);
    if (!this.frame.clusters) {
      const { K, every, q0, q1 } = this;
      const scales = stratumScales(this.design);
      for (let s = 0; s < every.strata; s++) {
        const h = every.touched[s]!;
        const scale = scales[h]!;
        const size = this.design.stratumSize[h]!;
        const lonely = size === 1;
        const T = every.T[h]!;
        this.q2 += scale * (every.R[h]! - (lonely ? 0 : (T * T) / size));
        for (let k = 0; k < K; k++) {
          const A = every.A[h * K + k]!;
          q0[k]! += scale * (every.B[h * K + k]! - (lonely ? 0 : (A * A) / size));
          q1[k]! += scale * (every.C[h * K + k]! - (lonely ? 0 : (A * T) / size));
        }
      }
    }
    return this.everyone;
  }

  /** Group g's figure and, when asked, the figure for the rest of the filter beside it. */
  forGroup(g: number, withRest: boolean): { group: CategoryEstimates; rest?: CategoryEstimates } {
    const everyone = this.forEveryone();
    this.add(this.group, [[g, g + 1]]);
    const group = this.group.estimates(this.design);
    if (!withRest) {
      this.group.clear();
      return { group };
    }
    let rest: CategoryEstimates;
    if (this.frame.clusters) {
      this.group.clear();
      this.add(this.group, [
        [0, g],
        [g + 1, this.frame.groups + 1],
      ]);
      rest = this.group.estimates(this.design);
    } else rest = this.restBeside(everyone, group);
    this.group.clear();
    return { group, rest };
  }

  /** Everyone's quadratic with the group's strata taken out and put back without the group (no degrees of freedom: only compared with). */
  private restBeside(everyone: CategoryEstimates, group: CategoryEstimates): CategoryEstimates {
    const { K, every, design } = this;
    const own = this.group;
    const scale = stratumScales(design);
    const base = everyone.base - group.base;
    const weightedBase = everyone.weightedBase - group.weightedBase;
    const sumSquaredWeights = everyone.sumSquaredWeights - group.sumSquaredWeights;
    const categories: CategoryEstimate[] = [];
    for (let k = 0; k < K; k++) {
      const count = everyone.categories[k]!.count - group.categories[k]!.count;
      if (base === 0) {
        categories.push({ count, p: Number.NaN, variance: Number.NaN });
        continue;
      }
      let weighted = 0;
      for (let s = 0; s < every.strata; s++) weighted += every.A[every.touched[s]! * K + k]!;
      for (let s = 0; s < own.strata; s++) weighted -= own.A[own.touched[s]! * K + k]!;
      const p = weighted / weightedBase;
      let q = this.q0[k]! - 2 * p * this.q1[k]! + p * p * this.q2;
      for (let s = 0; s < own.strata; s++) {
        const h = own.touched[s]!;
        const at = h * K + k;
        q -= stratumTerm(design, scale, h, every.A[at]!, every.B[at]!, every.C[at]!, every.T[h]!, every.R[h]!, p);
        if (every.base[h]! > own.base[h]!) {
          q += stratumTerm(design, scale, h, every.A[at]! - own.A[at]!, every.B[at]! - own.B[at]!, every.C[at]! - own.C[at]!, every.T[h]! - own.T[h]!, every.R[h]! - own.R[h]!, p);
        }
      }
      // All in or all out of the category: no variance, exactly (the quadratic would leave rounding).
      if (count === 0 || count === base) categories.push({ count, p: count === 0 ? 0 : 1, variance: 0 });
      else categories.push({ count, p, variance: Math.max(0, q) / (weightedBase * weightedBase) });
    }
    return { base, weightedBase, sumSquaredWeights, df: Number.NaN, categories };
  }

  /** Adds the units of the slots in the ranges [from, to) to `sums`. */
  private add(sums: Sums, ranges: Array<[number, number]>): void {
    const { frame, m, K } = this;
    const units = ranges.length === 1 ? frame.slotUnits.subarray(frame.slotStart[ranges[0]![0]]!, frame.slotStart[ranges[0]![1]]!) : Int32Array.from(ranges.flatMap(([from, to]) => [...frame.slotUnits.subarray(frame.slotStart[from]!, frame.slotStart[to]!)]));
    if (!frame.clusters) {
      for (let at = 0; at < units.length; at++) {
        const u = units[at]!;
        if (m.base[u] === 0) continue;
        const h = frame.unitStratum[u]!;
        sums.touch(h);
        sums.base[h]! += m.base[u]!;
        sums.T[h]! += m.T[u]!;
        sums.R[h]! += m.R[u]!;
        for (let k = 0; k < K; k++) {
          sums.counts[k]! += m.count[u * K + k]!;
          sums.A[h * K + k]! += m.A[u * K + k]!;
          sums.B[h * K + k]! += m.Q[u * K + k]!;
        }
        sums.psus += m.base[u]!;
      }
      return;
    }
    // PSU totals first: the PSUs are visited in order of their units in these slots.
    const { psuOfUnit, psuStratum } = frame.clusters;
    const psuSums = sums.psuSums;
    const visited: number[] = [];
    for (let next = 0; next < units.length; next++) {
      const u = units[next]!;
      if (m.base[u] === 0) continue;
      const j = psuOfUnit[u]!;
      let at = sums.psuAt.get(j);
      if (at === undefined) {
        at = visited.length;
        sums.psuAt.set(j, at);
        visited.push(j);
        psuSums.ensure(visited.length, K);
      }
      psuSums.base[at]! += m.base[u]!;
      psuSums.T[at]! += m.T[u]!;
      for (let k = 0; k < K; k++) {
        psuSums.S[at * K + k]! += m.A[u * K + k]!;
        sums.counts[k]! += m.count[u * K + k]!;
      }
    }
    visited.forEach((j, at) => {
      const h = psuStratum[j]!;
      const t = psuSums.T[at]!;
      sums.touch(h);
      sums.base[h]! += psuSums.base[at]!;
      sums.psus++;
      sums.T[h]! += t;
      sums.R[h]! += t * t;
      for (let k = 0; k < K; k++) {
        const s = psuSums.S[at * K + k]!;
        sums.A[h * K + k]! += s;
        sums.B[h * K + k]! += s * s;
        sums.C[h * K + k]! += s * t;
      }
    });
    sums.psuAt.clear();
    psuSums.clear(visited.length, K);
  }
}

/** Per-stratum sums of one domain, with the strata it touched (cleared by stratum afterwards). */
class Sums {
  readonly T: Float64Array;
  readonly R: Float64Array;
  readonly A: Float64Array;
  readonly B: Float64Array;
  readonly C: Float64Array;
  /** Respondents in the base per stratum. */
  readonly base: Float64Array;
  readonly counts: Float64Array;
  readonly seen: Uint8Array;
  readonly touched: Int32Array;
  strata = 0;
  psus = 0;
  /** With clusters: the PSUs met so far and their totals. */
  readonly psuAt = new Map<number, number>();
  readonly psuSums = new PsuSums();

  constructor(
    H: number,
    private readonly K: number,
    clustered: boolean,
  ) {
    this.T = new Float64Array(H);
    this.R = new Float64Array(H);
    this.A = new Float64Array(H * K);
    this.B = new Float64Array(H * K);
    this.C = clustered ? new Float64Array(H * K) : this.B;
    this.base = new Float64Array(H);
    this.counts = new Float64Array(K);
    this.seen = new Uint8Array(H);
    this.touched = new Int32Array(H);
  }

  touch(h: number): void {
    if (this.seen[h]) return;
    this.seen[h] = 1;
    this.touched[this.strata++] = h;
  }

  estimates(design: SurveyDesign): CategoryEstimates {
    // Strata in increasing order, as a pass over respondents meets them in estimateCategories.
    this.touched.subarray(0, this.strata).sort();
    let base = 0;
    for (let s = 0; s < this.strata; s++) base += this.base[this.touched[s]!]!;
    const { K, T, R, A, B, C } = this;
    return estimatesFromMoments(design, { K, T, R, A, B, C, counts: this.counts.slice(), stratumSeen: this.seen, base, psusInBase: this.psus, strata: this.touched.subarray(0, this.strata) });
  }

  clear(): void {
    const K = this.K;
    for (let s = 0; s < this.strata; s++) {
      const h = this.touched[s]!;
      this.seen[h] = 0;
      this.T[h] = 0;
      this.R[h] = 0;
      this.base[h] = 0;
      this.A.fill(0, h * K, (h + 1) * K);
      this.B.fill(0, h * K, (h + 1) * K);
      if (this.C !== this.B) this.C.fill(0, h * K, (h + 1) * K);
    }
    this.counts.fill(0);
    this.strata = 0;
    this.psus = 0;
  }
}

/** Totals of the PSUs met while summing a domain with clusters, grown as needed. */
class PsuSums {
  base = new Float64Array(0);
  T = new Float64Array(0);
  S = new Float64Array(0);

  ensure(psus: number, K: number): void {
    if (this.base.length >= psus) return;
    const grow = (from: Float64Array, size: number) => {
      const to = new Float64Array(size);
      to.set(from);
      return to;
    };
    const size = Math.max(psus, 2 * this.base.length, 16);
    this.base = grow(this.base, size);
    this.T = grow(this.T, size);
    this.S = grow(this.S, size * K);
  }

  clear(psus: number, K: number): void {
    this.base.fill(0, 0, psus);
    this.T.fill(0, 0, psus);
    this.S.fill(0, 0, psus * K);
  }
}

const scales = new WeakMap<SurveyDesign, Float64Array>();

/** Per stratum, (1 − f_h)·n_h/(n_h − 1), or 1 − f_h alone for one PSU (then not centred); made once per design. */
function stratumScales(design: SurveyDesign): Float64Array {
  let scale = scales.get(design);
  if (scale) return scale;
  scale = new Float64Array(design.stratumCount);
  for (let h = 0; h < scale.length; h++) {
    const size = design.stratumSize[h]!;
    const N = design.stratumPopulation[h]!;
    const finite = Number.isNaN(N) ? 1 : 1 - size / N;
    scale[h] = size === 1 ? finite : finite * (size / (size - 1));
  }
  scales.set(design, scale);
  return scale;
}

/** q_h(p) for a stratum's sums: its contribution to W²·V. */
function stratumTerm(design: SurveyDesign, scale: Float64Array, h: number, A: number, B: number, C: number, T: number, R: number, p: number): number {
  const size = design.stratumSize[h]!;
  const squares = B - 2 * p * C + p * p * R;
  if (size === 1) return scale[h]! * squares;
  const sum = A - p * T;
  return scale[h]! * (squares - (sum * sum) / size);
}
