import { z } from 'zod';
import { nations, orgTypes } from './organisation.js';

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
