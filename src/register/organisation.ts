/** Organisation types of UK public-sector registers; a register may use only these. */
export const orgTypes = [
  'county-council',
  'district-council',
  'unitary-authority',
  'metropolitan-borough',
  'london-borough',
  'scottish-council',
  'welsh-council',
  'northern-ireland-council',
  'ministerial-department',
  'non-ministerial-department',
  'executive-agency',
  'other-public-body',
] as const;

export type OrgType = (typeof orgTypes)[number];

export const orgTypeLabels: Record<OrgType, string> = {
  'county-council': 'County council',
  'district-council': 'District council',
  'unitary-authority': 'Unitary authority',
  'metropolitan-borough': 'Metropolitan borough',
  'london-borough': 'London borough',
  'scottish-council': 'Scottish council',
  'welsh-council': 'Welsh council',
  'northern-ireland-council': 'Northern Ireland council',
  'ministerial-department': 'Ministerial department',
  'non-ministerial-department': 'Non-ministerial department',
  'executive-agency': 'Executive agency',
  'other-public-body': 'Other public body',
};

export const nations = ['England', 'Scotland', 'Wales', 'Northern Ireland', 'UK'] as const;

// The schema (zod) is in organisation-schema.ts, loaded by what validates organisations only.
export type { Organisation } from './organisation-schema.js';
