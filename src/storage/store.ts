import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';
import { OrganisationsRepository } from './organisations-repository.js';
import { ResponsesRepository } from './responses-repository.js';
import { SurveysRepository } from './surveys-repository.js';

/** The repositories over one database, handed to whatever needs storage. */
export interface Store {
  db: Kysely<Database>;
  surveys: SurveysRepository;
  organisations: OrganisationsRepository;
  responses: ResponsesRepository;
}

export function createStore(db: Kysely<Database>): Store {
  return { db, surveys: new SurveysRepository(db), organisations: new OrganisationsRepository(db), responses: new ResponsesRepository(db) };
}
