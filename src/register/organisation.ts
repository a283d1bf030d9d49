import { z } from 'zod';

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

/** One organisation of the register: the single source of truth for its fields and types. */
export const organisationSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'an id is lower-case letters and digits joined by hyphens, like kent-county-council'),
  name: z.string().trim().min(1, 'an organisation needs a name'),
  type: z.enum(orgTypes, { error: `the type must be one of ${orgTypes.join(', ')}` }),
  nation: z.enum(nations, { error: `the nation must be one of ${nations.join(', ')}` }),
  region: z.string().trim().optional(),
  parent: z.string().optional(),
  /** Eligible staff: the population for response rates and the finite population correction. */
  headcount: z.number().int().positive().optional(),
});

export type Organisation = z.infer<typeof organisationSchema>;
