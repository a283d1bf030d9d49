import type { Answers } from '../../definition/schema.js';

/** The organisation attributes analysis reads; filters and breakdowns may name any of them. */
export interface OrgAttributes {
  id: string;
  type: string;
  nation: string;
  region?: string;
  parent?: string;
  headcount?: number;
}

/** One respondent as analysis sees it: their organisation, their validated answers and the definition version they answered (1 when not given). */
export interface RespondentRecord {
  org: OrgAttributes;
  answers: Answers;
  definitionVersion?: number;
}
