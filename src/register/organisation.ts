import type { OrganisationValues } from '../definition/register-attributes.js';

/**
 * One organisation of the register: its id, name, parent and headcount, and the attributes its
 * register declares by id (a category's code, a number, a text). What attributes there are and
 * what values they take is data (the survey's register; see definition/register-attributes.ts):
 * no country's or sector's vocabulary lives here.
 */
export type Organisation = OrganisationValues & { name: string };
