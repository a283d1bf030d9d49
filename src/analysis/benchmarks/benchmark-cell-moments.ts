import { emptyMoments, type Frame, type Level, type Moments } from './benchmark-frame.js';
import type { Column } from '../snapshot/survey-snapshot.js';

/**
 * The counting pass of organisation benchmarks (see organisation-benchmarks.ts): one pass per
 * question gives the moments A, B, C, T and R of every organisation × stratum cell, which sum
 * into the cells of peer groups and the sector.
 */

type ChoiceColumn = Extract<Column, { kind: 'choice' | 'multi' }>;

/** The most options a multiple-choice question may have to be counted by the set chosen (2^12 patterns). */
const maxPatternOptions = 12;
const maxPatternCells = 1 << 22;

/**
 * One pass over a question: moments per organisation × stratum cell. Each respondent in the base
 * (as {@link questionBase} decides) adds (1, w, w²) to their unit's answer pattern — the option of
 * a single choice, the set of options of a multiple choice — and patterns then spread to the
 * categories (options and nets) they belong to; sums within a unit are exact. Units are the
 * organisation × stratum cells, or with clusters the PSUs, folded into cells afterwards.
 */
export function pairMoments(frame: Frame, column: ChoiceColumn, weights: Float64Array): Moments {
  const { question } = column;
  const Ko = question.options.length;
  const nets = question.nets.map((net) => net.options.map((code) => question.options.findIndex((o) => o.code === code)).filter((k) => k >= 0));
  const K = Ko + nets.length;
  const units = frame.clustered ? frame.psuPair.length : frame.pairs;
  const patterns = column.kind === 'choice' ? Ko : 2 ** Ko;
  const unit = emptyMoments(units, K);
  if (column.kind === 'multi' && (Ko > maxPatternOptions || units * patterns > maxPatternCells)) {
    countOptions(column, nets, frame.unitOf, weights, unit);
  } else {
    const sums = new Float64Array(units * patterns * 3);
    // With one weight per unit, counting is enough: Σw = w·count and Σw² = w²·count.
    const tallies = frame.unitWeight ? new Int32Array(units * patterns) : null;
    if (column.kind === 'choice') {
      const excluded = Uint8Array.from(question.options, (o) => (question.base === 'substantive' && o.nonSubstantive ? 1 : 0));
      countChoices(column.codes, excluded, frame.unitOf, weights, patterns, sums, tallies);
    } else {
      const substantive = question.options.reduce((mask, o, k) => (o.nonSubstantive ? mask : mask | (1 << k)), 0);
      countChoiceSets(column.answered, column.chosen, question.base === 'substantive' ? substantive : -1, frame.unitOf, weights, patterns, sums, tallies, frame.sets);
    }
    if (tallies) {
      for (let at = 0; at < tallies.length; at++) {
        const w = frame.unitWeight![Math.floor(at / patterns)]!;
        sums[3 * at] = tallies[at]!;
        sums[3 * at + 1] = tallies[at]! * w;
        sums[3 * at + 2] = tallies[at]! * w * w;
      }
    }
    spreadPatterns(sums, patternCategories(column.kind, Ko, nets), unit);
  }
  if (!frame.clustered) return { ...unit, psus: unit.base, C: unit.B };
  // Fold PSU totals (S = A, T) into organisation × stratum cells.
  const moments = emptyMoments(frame.pairs, K);
  for (let j = 0; j < units; j++) {
    if (!unit.base[j]) continue;
    const pair = frame.psuPair[j]!;
    const t = unit.T[j]!;
    moments.base[pair]! += unit.base[j]!;
    moments.psus[pair]!++;
    moments.T[pair]! += t;
    moments.R[pair]! += t * t;
    for (let k = 0; k < K; k++) {
      const s = unit.A[j * K + k]!;
      moments.count[pair * K + k]! += unit.count[j * K + k]!;
      moments.A[pair * K + k]! += s;
      moments.B[pair * K + k]! += s * s;
      moments.C[pair * K + k]! += s * t;
    }
  }
  return moments;
}

/** (1, w, w²), or a tally when weights are common per unit, per unit and chosen option, respondents without a (substantive, when excluded) answer left out. */
function countChoices(codes: Int16Array, excluded: Uint8Array, unitOf: Int32Array, weights: Float64Array, width: number, sums: Float64Array, tallies: Int32Array | null): void {
  if (tallies) {
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i]!;
      if (c >= 0 && !excluded[c]) tallies[unitOf[i]! * width + c]!++;
    }
    return;
  }
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c < 0 || excluded[c]) continue;
    const w = weights[i]!;
    const at = (unitOf[i]! * width + c) * 3;
    sums[at]! += 1;
    sums[at + 1]! += w;
    sums[at + 2]! += w * w;
  }
}

/** (1, w, w²) per unit and set of options chosen (bit k: option k); `substantive` ≥ 0 keeps only sets meeting that mask. */
function countChoiceSets(answered: Uint8Array, chosen: Uint8Array[], substantive: number, unitOf: Int32Array, weights: Float64Array, width: number, sums: Float64Array, tallies: Int32Array | null, sets: Int32Array): void {
  // Column by column: each option's array is read in one sequential sweep.
  sets.fill(0);
  chosen.forEach((column, k) => {
    for (let i = 0; i < column.length; i++) sets[i]! |= column[i]! << k;
  });
  for (let i = 0; i < answered.length; i++) {
    if (!answered[i]) continue;
    const set = sets[i]!;
    if (substantive >= 0 && !(set & substantive)) continue;
    if (tallies) {
      tallies[unitOf[i]! * width + set]!++;
      continue;
    }
    const w = weights[i]!;
    const at = (unitOf[i]! * width + set) * 3;
    sums[at]! += 1;
    sums[at + 1]! += w;
    sums[at + 2]! += w * w;
  }
}

/** The categories of each answer pattern: an option with the nets that contain it, or a set's options and the nets it meets. */
function patternCategories(kind: 'choice' | 'multi', Ko: number, nets: number[][]): number[][] {
  if (kind === 'choice') return Array.from({ length: Ko }, (_, c) => [c, ...nets.flatMap((members, m) => (members.includes(c) ? [Ko + m] : []))]);
  return Array.from({ length: 2 ** Ko }, (_, set) => [
    ...Array.from({ length: Ko }, (_o, k) => k).filter((k) => set & (1 << k)),
    ...nets.flatMap((members, m) => (members.some((k) => set & (1 << k)) ? [Ko + m] : [])),
  ]);
}

/** Pattern sums into per-unit base, T, R and per-category count, A, B. */
function spreadPatterns(sums: Float64Array, categories: number[][], unit: Moments): void {
  const width = categories.length;
  const K = unit.K;
  for (let u = 0; u < unit.cells; u++) {
    for (let pattern = 0; pattern < width; pattern++) {
      const at = (u * width + pattern) * 3;
      const c = sums[at]!;
      if (!c) continue;
      const a = sums[at + 1]!;
      const b = sums[at + 2]!;
      unit.base[u]! += c;
      unit.T[u]! += a;
      unit.R[u]! += b;
      for (const k of categories[pattern]!) {
        unit.count[u * K + k]! += c;
        unit.A[u * K + k]! += a;
        unit.B[u * K + k]! += b;
      }
    }
  }
}

/** A multiple choice with too many options to count by set: one pass per option and net. */
function countOptions(column: Extract<Column, { kind: 'multi' }>, nets: number[][], unitOf: Int32Array, weights: Float64Array, unit: Moments): void {
  const { question, answered, chosen } = column;
  const n = answered.length;
  const inBase = answered.slice();
  if (question.base === 'substantive') {
    const substantive = chosen.filter((_c, k) => !question.options[k]!.nonSubstantive);
    for (let i = 0; i < n; i++) if (inBase[i] && !substantive.some((c) => c[i])) inBase[i] = 0;
  }
  for (let i = 0; i < n; i++) {
    if (!inBase[i]) continue;
    const w = weights[i]!;
    unit.base[unitOf[i]!]! += 1;
    unit.T[unitOf[i]!]! += w;
    unit.R[unitOf[i]!]! += w * w;
  }
  const indicators = [
    ...chosen,
    ...nets.map((members) => {
      const any = new Uint8Array(n);
      for (const k of members) for (let i = 0; i < n; i++) any[i]! |= chosen[k]![i]!;
      return any;
    }),
  ];
  const K = unit.K;
  indicators.forEach((y, k) => {
    for (let i = 0; i < n; i++) {
      if (!(y[i]! & inBase[i]!)) continue;
      const at = unitOf[i]! * K + k;
      const w = weights[i]!;
      unit.count[at]! += 1;
      unit.A[at]! += w;
      unit.B[at]! += w * w;
    }
  });
}

/** Sums organisation × stratum cell moments into a level's cells. */
export function levelMoments(level: Level, pairs: Moments): Moments {
  const K = pairs.K;
  const m = emptyMoments(level.cells, K);
  for (let pair = 0; pair < pairs.cells; pair++) {
    if (!pairs.base[pair]) continue;
    const cell = level.cellOfPair[pair]!;
    m.base[cell]! += pairs.base[pair]!;
    m.psus[cell]! += pairs.psus[pair]!;
    m.T[cell]! += pairs.T[pair]!;
    m.R[cell]! += pairs.R[pair]!;
    for (let k = 0; k < K; k++) {
      m.count[cell * K + k]! += pairs.count[pair * K + k]!;
      m.A[cell * K + k]! += pairs.A[pair * K + k]!;
      m.B[cell * K + k]! += pairs.B[pair * K + k]!;
      m.C[cell * K + k]! += pairs.C[pair * K + k]!;
    }
  }
  return m;
}
