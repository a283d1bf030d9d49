import { groupingAttributes, orgAttributeValue, registerOf } from '../../definition/register-attributes.js';
import type { SurveySnapshot } from '../snapshot/survey-snapshot.js';
import { notStated as notStatedGroup } from './breakdown-groups.js';
import type { BreakdownFrame } from './breakdown-moments.js';

const notStatedKey = notStatedGroup.key;

/**
 * What disclosure control needs to know of a breakdown beside its figures (see
 * DisclosureAudit): the sizes of the cells a filter's conditions split each base into, and groups
 * that nest closely with a group of another organisation attribute. Counts only.
 */

/**
 * Respondents per (row, cell), each row's cells in order of first appearance (as a Map keeps
 * them): dense counts when rows × cells is small, a Map otherwise.
 */
class OrderedCounts {
  private readonly dense: Int32Array | null;
  private readonly sparse: Map<number, number> | null;
  private readonly order: number[][];

  constructor(
    rows: number,
    private readonly cells: number,
  ) {
    const dense = rows * cells <= 1 << 22;
    this.dense = dense ? new Int32Array(rows * cells) : null;
    this.sparse = dense ? null : new Map();
    this.order = Array.from({ length: rows }, () => []);
  }

  add(row: number, cell: number): void {
    const at = row * this.cells + cell;
    let before: number;
    if (this.dense) before = this.dense[at]!++;
    else {
      before = this.sparse!.get(at) ?? 0;
      this.sparse!.set(at, before + 1);
    }
    if (before === 0) this.order[row]!.push(cell);
  }

  /** The row's cells in order of first appearance. */
  cellsOf(row: number): number[] {
    return this.order[row]!;
  }

  count(row: number, cell: number): number {
    const at = row * this.cells + cell;
    return this.dense ? this.dense[at]! : (this.sparse!.get(at) ?? 0);
  }

  sizes(row: number): number[] {
    return this.order[row]!.map((cell) => this.count(row, cell));
  }
}

/** Where each respondent is, for counting cells: the filter's cells and the breakdown's groups. */
export interface CellPlaces {
  domain: Uint8Array;
  /** The cell of the filter's conditions per respondent (0 … cellCount − 1). */
  keys: Int32Array;
  cellCount: number;
  /** Per respondent: their group whatever the filter (−1 when in none of the results' groups). */
  wholeGroupOf: Int32Array;
  /** Per respondent in the filter: their group, or `groups` when in none; −1 outside the filter. */
  slotOf: Int32Array;
  groups: number;
}

export interface FilterCells {
  /** Cells of the question's base among everyone, or the whole base when the filter keeps it all. */
  topline: number[];
  /** The same within each group (whatever the filter). */
  groups: number[][];
  /** For each cell inside the filter: its respondents in each group and outside every group. */
  byGroup: Array<{ perGroup: number[]; ungrouped: number }>;
}

/**
 * With a filter, one pass over a question's whole base (`base`: everyone who answered): cells
 * are counted over the whole base, not only the filtered part (the filter and its complements are
 * all made of them); a base that the filter keeps whole has only itself as a cell.
 */
export function filterCells(base: Uint8Array, places: CellPlaces): FilterCells {
  const { domain, keys, cellCount, wholeGroupOf, slotOf, groups: G } = places;
  const everyone = new OrderedCounts(1, cellCount);
  const perGroup = new OrderedCounts(G, cellCount);
  const inFilter = new OrderedCounts(G + 1, cellCount);
  const firstInFilter: number[] = [];
  const seenInFilter = new Uint8Array(cellCount);
  // Whether any of the base (of everyone, of each group) is outside the filter.
  let toplineOutside = false;
  const outside = new Uint8Array(G);
  let size = 0;
  const groupSize = new Float64Array(G);
  for (let i = 0; i < base.length; i++) {
    if (!base[i]) continue;
    const key = keys[i]!;
    const g = wholeGroupOf[i]!;
    size++;
    everyone.add(0, key);
    if (!domain[i]) toplineOutside = true;
    if (g >= 0) {
      groupSize[g]!++;
      perGroup.add(g, key);
      if (!domain[i]) outside[g] = 1;
    }
    if (domain[i]) {
      if (!seenInFilter[key]) {
        seenInFilter[key] = 1;
        firstInFilter.push(key);
      }
      inFilter.add(slotOf[i]!, key);
    }
  }
  const cellsOf = (counts: OrderedCounts, row: number, total: number, whole: boolean) => (whole ? (total > 0 ? [total] : []) : counts.sizes(row));
  return {
    topline: cellsOf(everyone, 0, size, !toplineOutside),
    groups: Array.from({ length: G }, (_, g) => cellsOf(perGroup, g, groupSize[g]!, !outside[g])),
    byGroup: firstInFilter.map((key) => ({ perGroup: Array.from({ length: G }, (_, g) => inFilter.count(g, key)), ungrouped: inFilter.count(G, key) })),
  };
}

/** Organisation attributes a breakdown can be by (the survey's register's, and parent), whose groups may nest with another's. */
const orgBreakdownAttributes = (snapshot: SurveySnapshot): string[] => groupingAttributes(registerOf(snapshot.definition));

/**
 * Groups of an organisation-attribute breakdown that nest with a group of another attribute
 * (within the filter and the question's base) and differ from it by 1 to k − 1 respondents.
 * Groups are unions of organisations, so the counts are sums of each organisation's respondents
 * in the base (`unitBase`: per unit of the frame). The breakdown's "Not stated" group (at slot
 * `notStated`, −1 when not shown) is also held against each other attribute's.
 */
export function nearOrgGroups(snapshot: SurveySnapshot, attribute: string, frame: BreakdownFrame, unitBase: Float64Array, k: number, notStated: number): Record<number, string> {
  const near: Record<number, string> = {};
  const G = frame.groups;
  for (const other of orgBreakdownAttributes(snapshot).filter((a) => a !== attribute)) {
    const { values, byOrg } = orgValues(snapshot, other);
    const V = values.length;
    const both = new Float64Array(V * G);
    const rowSums = new Float64Array(G);
    const columnSums = new Float64Array(V);
    // Respondents with no value of the other attribute: in all, and in the breakdown's "Not stated".
    let unset = 0;
    let unsetInNotStated = 0;
    let inNotStated = 0;
    for (let u = 0; u < frame.units; u++) {
      const n = unitBase[u]!;
      if (n === 0) continue;
      const v = byOrg[frame.unitOrg[u]!]!;
      const g = frame.unitSlot[u]!;
      if (g === notStated) inNotStated += n;
      if (v < 0) {
        unset += n;
        if (g === notStated) unsetInNotStated += n;
        continue;
      }
      columnSums[v]! += n;
      if (g >= G) continue;
      rowSums[g]! += n;
      both[v * G + g]! += n;
    }
    for (let v = 0; v < V; v++) {
      for (let g = 0; g < G; g++) {
        const overlap = both[v * G + g]!;
        if (overlap === 0) continue;
        const nested = overlap === rowSums[g] || overlap === columnSums[v];
        const difference = Math.abs(columnSums[v]! - rowSums[g]!);
        if (nested && difference > 0 && difference < k) near[g] ??= `org.${other} = ${values[v]}`;
      }
    }
    if (notStated >= 0 && nestsClosely(unsetInNotStated, inNotStated, unset, k)) near[notStated] ??= `org.${other} = ${notStatedKey}`;
  }
  return near;
}

/** Whether two groups of sizes a and b sharing `overlap` respondents nest and differ by 1 to k − 1. */
function nestsClosely(overlap: number, a: number, b: number, k: number): boolean {
  const difference = Math.abs(a - b);
  return overlap > 0 && (overlap === a || overlap === b) && difference > 0 && difference < k;
}

const orgValuesCache = new WeakMap<SurveySnapshot, Map<string, { values: string[]; byOrg: Int32Array }>>();

/** An attribute's distinct values in order of first appearance among the organisations, and each organisation's (−1 when not set). */
function orgValues(snapshot: SurveySnapshot, attribute: string): { values: string[]; byOrg: Int32Array } {
  let byAttribute = orgValuesCache.get(snapshot);
  if (!byAttribute) orgValuesCache.set(snapshot, (byAttribute = new Map()));
  let result = byAttribute.get(attribute);
  if (result) return result;
  const index = new Map<string, number>();
  const byOrg = Int32Array.from(snapshot.orgs, (org) => {
    const value = orgAttributeValue(org, attribute);
    if (value === undefined || value === null || value === '') return -1;
    const key = String(value);
    if (!index.has(key)) index.set(key, index.size);
    return index.get(key)!;
  });
  result = { values: [...index.keys()], byOrg };
  byAttribute.set(attribute, result);
  return result;
}
