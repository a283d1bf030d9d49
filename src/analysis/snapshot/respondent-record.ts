import type { OrganisationValues } from '../../definition/register-attributes.js';
import type { Answers } from '../../definition/schema.js';

/**
 * The organisation attributes analysis reads (its register's attributes by id, bands computed,
 * with its id, parent and headcount); filters and breakdowns may name any of them.
 */
export type OrgAttributes = OrganisationValues;

/** One respondent as analysis sees it: their organisation, their validated answers and the definition version they answered (1 when not given). */
export interface RespondentRecord {
  org: OrgAttributes;
  answers: Answers;
  definitionVersion?: number;
}
