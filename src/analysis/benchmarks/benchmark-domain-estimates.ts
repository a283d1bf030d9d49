import type { Frame, Level, Moments } from './benchmark-frame.js';

/**
 * Domain estimates of organisation benchmarks (see organisation-benchmarks.ts): p̂ and V of each
 * organisation, peer group and the sector from its cells' moments, and of the rest of the sector
 * or peer group without each organisation.
 */

/** Estimates of one kind of domain (organisations, peer groups or the sector) for one question. */
export interface DomainFigures {
  /** Unweighted base per domain. */
  base: Float64Array;
  weightedBase: Float64Array;
  /** Design degrees of freedom per domain (PSUs − strata in the base). */
  df: Float64Array;
  /** Per domain d and category k at d·K + k: unweighted count, weighted count Σwy, p̂ (NaN when empty) and V. */
  count: Float64Array;
  weightedCount: Float64Array;
  p: Float64Array;
  variance: Float64Array;
}

/** Per organisation: a domain without it (the rest of the sector or of its peer group). */
export interface RestFigures {
  base: Float64Array;
  /** At org·K + k. */
  p: Float64Array;
  variance: Float64Array;
}

/** q_h(p̂) for moments (A, B, C, T, R) in stratum h: the stratum's contribution to W²·V. */
function stratumTerm(frame: Frame, h: number, A: number, B: number, C: number, T: number, R: number, p: number): number {
  const size = frame.stratumSize[h]!;
  const squares = B - 2 * p * C + p * p * R;
  if (size === 1) return frame.stratumScale[h]! * squares;
  const sum = A - p * T;
  return frame.stratumScale[h]! * (squares - (sum * sum) / size);
}

/** Per domain of a level: base, weighted base, df, and per category count, p̂ and V; plus the summed quadratic coefficients. */
export function domainFigures(frame: Frame, level: Level, m: Moments): { figures: DomainFigures; q0: Float64Array; q1: Float64Array; q2: Float64Array } {
  const { domains } = level;
  const K = m.K;
  const figures: DomainFigures = {
    base: new Float64Array(domains),
    weightedBase: new Float64Array(domains),
    df: new Float64Array(domains),
    count: new Float64Array(domains * K),
    weightedCount: new Float64Array(domains * K),
    p: new Float64Array(domains * K).fill(Number.NaN),
    variance: new Float64Array(domains * K).fill(Number.NaN),
  };
  // Σ over the domain's strata of s_h·(B − A²/n_h), s_h·(C − AT/n_h), s_h·(R − T²/n_h).
  const q0 = new Float64Array(domains * K);
  const q1 = new Float64Array(domains * K);
  const q2 = new Float64Array(domains);
  for (let d = 0; d < domains; d++) {
    let base = 0;
    let W = 0;
    let psus = 0;
    let strata = 0;
    for (let c = level.domainStart[d]!; c < level.domainStart[d + 1]!; c++) {
      const cell = level.cellList[c]!;
      if (!m.base[cell]) continue;
      const h = level.cellStratum[cell]!;
      const size = frame.stratumSize[h]!;
      const s = frame.stratumScale[h]!;
      const lonely = size === 1;
      base += m.base[cell]!;
      W += m.T[cell]!;
      psus += m.psus[cell]!;
      strata++;
      const T = m.T[cell]!;
      q2[d]! += s * (m.R[cell]! - (lonely ? 0 : (T * T) / size));
      for (let k = 0; k < K; k++) {
        const A = m.A[cell * K + k]!;
        q0[d * K + k]! += s * (m.B[cell * K + k]! - (lonely ? 0 : (A * A) / size));
        q1[d * K + k]! += s * (m.C[cell * K + k]! - (lonely ? 0 : (A * T) / size));
        figures.count[d * K + k]! += m.count[cell * K + k]!;
        figures.weightedCount[d * K + k]! += A;
      }
    }
    figures.base[d] = base;
    figures.weightedBase[d] = W;
    figures.df[d] = psus - strata;
    if (base === 0) continue;
    for (let k = 0; k < K; k++) {
      const p = figures.weightedCount[d * K + k]! / W;
      figures.p[d * K + k] = p;
      figures.variance[d * K + k] = Math.max(0, q0[d * K + k]! - 2 * p * q1[d * K + k]! + p * p * q2[d]!) / (W * W);
    }
  }
  return { figures, q0, q1, q2 };
}

/**
 * Per organisation, the container domain (sector or peer group) without it: moments are the
 * container's minus the organisation's in the strata the organisation touches.
 */
export function restFigures(
  frame: Frame,
  container: { level: Level; moments: Moments; figures: DomainFigures; q0: Float64Array; q1: Float64Array; q2: Float64Array },
  domainOfOrg: (org: number) => number,
  orgs: { figures: DomainFigures; moments: Moments },
): RestFigures {
  const K = orgs.moments.K;
  const O = frame.organisation.domains;
  const level = frame.organisation;
  const rest: RestFigures = { base: new Float64Array(O), p: new Float64Array(O * K).fill(Number.NaN), variance: new Float64Array(O * K).fill(Number.NaN) };
  const cm = container.moments;
  const om = orgs.moments;
  for (let o = 0; o < O; o++) {
    const d = domainOfOrg(o);
    const base = container.figures.base[d]! - orgs.figures.base[o]!;
    rest.base[o] = base;
    if (base === 0) continue;
    const W = container.figures.weightedBase[d]! - orgs.figures.weightedBase[o]!;
    for (let k = 0; k < K; k++) {
      const p = (container.figures.weightedCount[d * K + k]! - orgs.figures.weightedCount[o * K + k]!) / W;
      let q = container.q0[d * K + k]! - 2 * p * container.q1[d * K + k]! + p * p * container.q2[d]!;
      for (let c = level.domainStart[o]!; c < level.domainStart[o + 1]!; c++) {
        const pair = level.cellList[c]!;
        if (!om.base[pair]) continue;
        const cell = container.level.cellOfPair[pair]!;
        const h = container.level.cellStratum[cell]!;
        const at = cell * K + k;
        const own = pair * K + k;
        q -= stratumTerm(frame, h, cm.A[at]!, cm.B[at]!, cm.C[at]!, cm.T[cell]!, cm.R[cell]!, p);
        if (cm.base[cell]! > om.base[pair]!) {
          q += stratumTerm(frame, h, cm.A[at]! - om.A[own]!, cm.B[at]! - om.B[own]!, cm.C[at]! - om.C[own]!, cm.T[cell]! - om.T[pair]!, cm.R[cell]! - om.R[pair]!, p);
        }
      }
      rest.p[o * K + k] = p;
      rest.variance[o * K + k] = Math.max(0, q) / (W * W);
    }
  }
  return rest;
}
