import type { Kysely } from 'kysely';
import { AdminSessionsRepository } from './admin-sessions-repository.js';
import { AdminUsersRepository } from './admin-users-repository.js';
import { ApiTokensRepository } from './api-tokens-repository.js';
import { AuditLogRepository } from './audit-log-repository.js';
import { ContactsRepository } from './contacts-repository.js';
import type { Database } from './database-schema.js';
import { DisclosureLedgerRepository } from './disclosure-ledger-repository.js';
import { DraftsRepository } from './drafts-repository.js';
import { InvitationsRepository } from './invitations-repository.js';
import { LeadAccessRepository } from './lead-access-repository.js';
import { OrganisationsRepository } from './organisations-repository.js';
import { PublishedPagesRepository } from './published-pages-repository.js';
import { PublishedReportsRepository } from './published-reports-repository.js';
import { ReleasesRepository } from './releases-repository.js';
import { ResponsesRepository } from './responses-repository.js';
import { SnapshotChunksRepository } from './snapshot-chunks-repository.js';
import { SurveyClosingRepository } from './survey-closing-repository.js';
import { SurveysRepository } from './surveys-repository.js';

/** The repositories over one database (or one transaction), handed to whatever needs storage. */
export interface Store {
  db: Kysely<Database>;
  surveys: SurveysRepository;
  organisations: OrganisationsRepository;
  responses: ResponsesRepository;
  snapshotChunks: SnapshotChunksRepository;
  adminUsers: AdminUsersRepository;
  adminSessions: AdminSessionsRepository;
  invitations: InvitationsRepository;
  drafts: DraftsRepository;
  apiTokens: ApiTokensRepository;
  disclosureLedger: DisclosureLedgerRepository;
  publishedReports: PublishedReportsRepository;
  releases: ReleasesRepository;
  publishedPages: PublishedPagesRepository;
  auditLog: AuditLogRepository;
  contacts: ContactsRepository;
  leadAccess: LeadAccessRepository;
  surveyClosing: SurveyClosingRepository;
}

export function createStore(db: Kysely<Database>): Store {
  return {
    db,
    surveys: new SurveysRepository(db),
    organisations: new OrganisationsRepository(db),
    responses: new ResponsesRepository(db),
    snapshotChunks: new SnapshotChunksRepository(db),
    adminUsers: new AdminUsersRepository(db),
    adminSessions: new AdminSessionsRepository(db),
    invitations: new InvitationsRepository(db),
    drafts: new DraftsRepository(db),
    apiTokens: new ApiTokensRepository(db),
    disclosureLedger: new DisclosureLedgerRepository(db),
    publishedReports: new PublishedReportsRepository(db),
    releases: new ReleasesRepository(db),
    publishedPages: new PublishedPagesRepository(db),
    auditLog: new AuditLogRepository(db),
    contacts: new ContactsRepository(db),
    leadAccess: new LeadAccessRepository(db),
    surveyClosing: new SurveyClosingRepository(db),
  };
}

/** Runs `work` in one transaction with a store over it: all of it is kept, or none. */
export function inTransaction<T>(store: Store, work: (store: Store) => Promise<T>): Promise<T> {
  return store.db.transaction().execute((trx) => work(createStore(trx)));
}
