import type { Definition } from '../definition/schema.js';
import type { Organisation } from '../register/organisation.js';
import type { Store } from '../storage/store.js';
import { requireSurvey } from './survey-lookup.js';

export interface OrganisationResponses {
  org: Organisation;
  responses: number;
  /** Percent of the register's headcount; undefined when the headcount is not known. */
  rate: number | undefined;
}

/**
 * Responses per organisation of the register, with the response rate where the register gives
 * the headcount: most responses first, then by name.
 */
export async function responseRates(store: Store, surveyId: string): Promise<{ definition: Definition; total: number; organisations: OrganisationResponses[] }> {
  const definition = await requireSurvey(store, surveyId);
  const counts = await store.responses.countByOrg(surveyId);
  const organisations = (await store.organisations.list())
    .map((org) => {
      const responses = counts.get(org.id) ?? 0;
      return { org, responses, rate: org.headcount ? (100 * responses) / org.headcount : undefined };
    })
    .sort((a, b) => b.responses - a.responses || a.org.name.localeCompare(b.org.name, 'en-GB'));
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  return { definition, total, organisations };
}
