import { orgAttributeValue } from '../../definition/register-attributes.js';
import type { SurveySnapshot } from './survey-snapshot.js';

export interface AttributeCodes {
  /** Per respondent: the index of their organisation's value in `values`, or −1 when not set. */
  codes: Int32Array;
  /** The distinct values, in order of first appearance. */
  values: string[];
}

const cache = new WeakMap<SurveySnapshot, Map<string, AttributeCodes>>();

/** Each respondent's organisation attribute as a small integer, computed once per snapshot. */
export function orgAttributeCodes(snapshot: SurveySnapshot, attribute: string): AttributeCodes {
  let byAttribute = cache.get(snapshot);
  if (!byAttribute) cache.set(snapshot, (byAttribute = new Map()));
  let result = byAttribute.get(attribute);
  if (result) return result;
  const index = new Map<string, number>();
  const perOrg = snapshot.orgs.map((org) => {
    const value = orgAttributeValue(org, attribute);
    if (value === undefined || value === null || value === '') return -1;
    const key = String(value);
    if (!index.has(key)) index.set(key, index.size);
    return index.get(key)!;
  });
  result = { codes: Int32Array.from(snapshot.orgIndex, (p) => perOrg[p]!), values: [...index.keys()] };
  byAttribute.set(attribute, result);
  return result;
}
