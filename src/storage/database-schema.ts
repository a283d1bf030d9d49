import type { Generated } from 'kysely';

/** Tables as Kysely sees them; `migrations.ts` creates them. Timestamps are ISO 8601 text in both dialects. */
export interface SurveysTable {
  id: string;
  title: string;
  format: number;
  /** The validated definition as JSON. */
  definition: string;
  created_at: string;
  updated_at: string;
  /** Raised whenever any of the survey's responses are deleted: stored snapshots of an earlier generation are rebuilt. */
  responses_generation: Generated<number>;
  /** The version of `definition` among the survey's `definition_versions` (1, 2, …). */
  definition_version: Generated<number>;
  /** The closing date set from the command line or the admin (ISO 8601); null: the definition's, if any. */
  closes_at: string | null;
}

export interface OrganisationsTable {
  id: string;
  name: string;
  parent: string | null;
  headcount: number | null;
  /** The organisation's attributes by id as JSON: {"type":"county-council","nation":"England"} (since 0014). */
  attributes: string;
}

export interface ResponsesTable {
  id: string;
  survey_id: string;
  org_id: string;
  /** Normalised answers as JSON, keyed by question id. No IP address or browser data is ever stored. */
  answers: string;
  /** A client's key for sending this response once; with `idempotency_client`, unique per survey. */
  idempotency_key: string | null;
  /** Whose key it is: 'token:' and an API token's id, 'anonymous' (an API call without a token) or 'web' (the respondent form). */
  idempotency_client: string | null;
  /** SHA-256 (hex) of what was sent with the key (see `idempotencyRequestHash`); null for keys stored before it was kept. */
  request_hash: string | null;
  /** SHA-256 (hex) of the survey, organisation, wave and answers (see `responseFingerprint`): imports refuse rows already stored. Indexed with survey_id. */
  fingerprint: string | null;
  source: string;
  /** The wave the response belongs to; null in a survey without waves. */
  wave: string | null;
  submitted_at: string;
  /** When the response was withdrawn: it keeps its row and sequence number but leaves every count, figure, release and export made since. Null while it counts. */
  withdrawn_at: string | null;
  /** Who withdrew it, as the audit log names them. */
  withdrawn_by: string | null;
  withdrawn_reason: string | null;
  /** When its answers were erased (set to {}, with its fingerprint, idempotency key and request hash): the row is a tombstone. */
  erased_at: string | null;
  /** The version of the survey's definition it was answered under (see `definition_versions`). */
  definition_version: number;
}

/** Every version of a survey's definition, never changed once stored. */
export interface DefinitionVersionsTable {
  survey_id: string;
  /** 1, 2, … per survey. */
  version: number;
  /** The validated definition as JSON. */
  definition: string;
  /** The version that introduced each question and option (`Introductions` as JSON). */
  introductions: string;
  /** What it changed against the version before (`DefinitionChanges` as JSON); null for the first. */
  changes: string | null;
  /** Who stored it, as the audit log names them. */
  created_by: string;
  created_at: string;
}

/** Someone who may sign in to /admin. Only a scrypt hash of the password is kept. */
export interface AdminUsersTable {
  id: string;
  /** Lower-cased. */
  email: string;
  password_hash: string;
  created_at: string;
}

/** A signed-in admin's session; the cookie holds the token, the database only its SHA-256. */
export interface AdminSessionsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

/** A per-organisation link to a survey; the link holds the token, the database only its SHA-256. */
export interface InvitationsTable {
  id: string;
  survey_id: string;
  org_id: string;
  token_hash: string;
  /** 1 for a single-use link; null for a link any number of people may use. */
  max_uses: number | null;
  /** Responses submitted through the link; opening it counts for nothing. */
  uses: number;
  expires_at: string | null;
  revoked_at: string | null;
  created_by: string | null;
  created_at: string;
  /** A personal link's token, kept only while the link is unused (to send, remind and export it); cleared when used or revoked. */
  link_token: string | null;
  /** 1 once the link has been opened. A flag, never a time: a time could be matched with a response's. */
  opened: number;
}

/**
 * Someone a survey is sent to: a respondent (who gets a personal link) or an organisation's lead
 * (who signs in to see their organisation's progress). Nothing here names a response.
 */
export interface ContactsTable {
  id: string;
  survey_id: string;
  org_id: string;
  /** Lower-cased. Unique per survey and role. */
  email: string;
  name: string;
  role: 'respondent' | 'lead';
  /** A language tag (en, cy…) choosing the definition's texts; null: the default texts. */
  language: string | null;
  /** A respondent's personal link (single use); null for a lead, or before one is made. */
  invitation_id: string | null;
  /** 'not-sent', 'sending' (a message is being sent: see pending_kind), 'sent', 'failed', 'unknown' (a run stopped while sending). */
  delivery_state: string;
  /** Why the last message failed, as the transport said. */
  delivery_failure: string | null;
  /** The transport's id of the last message accepted (SMTP message id, Notify notification id). */
  delivery_reference: string | null;
  /** Intent recorded before sending: 'invitation' or 'reminder'; cleared once the outcome is kept. */
  pending_kind: string | null;
  pending_at: string | null;
  /** When the invitation was accepted by the transport. */
  invited_at: string | null;
  /** When any message was last accepted. */
  last_sent_at: string | null;
  last_reminded_at: string | null;
  reminders: number;
  created_at: string;
}

/** A lead's one-time sign-in link: only the SHA-256 of its token; works once, until it expires. */
export interface LeadSignInTokensTable {
  token_hash: string;
  contact_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A signed-in lead's session; the cookie holds the token, the database only its SHA-256. */
export interface LeadSessionsTable {
  token_hash: string;
  contact_id: string;
  created_at: string;
  expires_at: string;
}

/**
 * A respondent's answers in progress, so they can leave and come back (save and return). The
 * browser's cookie and the resume link hold the token; the database only its SHA-256. Once
 * submitted, the answers are cleared (the response holds them) and `response_id` is kept so a
 * replayed submission finds the response it already made.
 */
export interface DraftsTable {
  id: string;
  survey_id: string;
  token_hash: string;
  org_id: string | null;
  /** The invitation the draft was started from, sealed with a key from the draft's token (operations/draft-invitation-seal.ts). */
  invitation_sealed: string | null;
  /** Answers so far as JSON, keyed by question id, normalised as in a response. */
  answers: string;
  /** Question ids the respondent has been through, as a JSON array, in order. */
  visited: string;
  created_at: string;
  updated_at: string;
  expires_at: string;
  response_id: string | null;
  submitted_at: string | null;
  /** The language the respondent chose (a code of the survey's languages); null: the survey's default. */
  language: string | null;
}

/** A bearer token for /api/v1; the database only its SHA-256. */
export interface ApiTokensTable {
  id: string;
  name: string;
  token_hash: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** 1: may read drafts of live data as well as releases. */
  draft_access: number;
}

/**
 * The group behind one released figure, for disclosure control across queries: the snapshot rows
 * (respondents, in arrival order) in the figure's base as a little-endian bitset. Rows of another
 * data version (the responses have changed since) are not read.
 */
export interface DisclosureLedgerTable {
  /** SHA-256 (hex) of survey, wave, unit, data version, question and members: one row per distinct group. */
  digest: string;
  survey_id: string;
  wave: string | null;
  unit: string;
  /** The responses the snapshot was built from: their count and the last one's id. */
  data_version: string;
  question_id: string;
  size: number;
  members: Uint8Array;
  /** Where the group was first published (filter and group), to name it in a reason. */
  published_where: string;
  created_at: string;
}

/** A survey whose report anyone may read at /reports/SURVEY (aggregates only, disclosure control applied). */
export interface PublishedReportsTable {
  survey_id: string;
  published_at: string;
  /** The email address of the admin who published it; null when published from the command line or a script. */
  published_by: string | null;
  /** When its page was last made (first published, or updated since). */
  updated_at: string;
  /** How many responses the published page was made from. */
  responses: number;
  /** The report page as published. */
  html: string;
  /** The release its pages show; null for a page published before releases, from live data. */
  release: number | null;
}

/**
 * A survey's data frozen at a sequence number (one wave): responses up to `high_water_seq`, less
 * those held back, are what the release publishes. Never changed once made.
 */
export interface ReleasesTable {
  survey_id: string;
  /** 1, 2, … per survey. */
  number: number;
  wave: string | null;
  high_water_seq: number;
  /** How many responses the release publishes. */
  responses: number;
  /** The sequence numbers of responses up to the high-water mark held back, as a JSON array. */
  held_back: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

/** A page or file of a publication, made once when a release was published. */
export interface PublishedPagesTable {
  survey_id: string;
  release: number;
  /** Below /reports/SURVEY: '' for the report, 'organisations/ORG', 'open-data/aggregates.csv'… */
  path: string;
  content_type: string;
  /** gzip. */
  body: Uint8Array;
  /** The figures the page shows, as gzip JSON, for later releases to compare with; null for files. */
  model: Uint8Array | null;
  created_at: string;
}

/**
 * The stored columnar snapshot of a survey (`wave` '' when it has no waves) or one of its waves:
 * which layout (a hash of the chunk format and the definition's questions, types and option codes)
 * and generation of responses it was built for, and how far its chunks reach. Writers update it
 * only from the high-water mark they started from, so two processes never store the same rows twice.
 */
export interface SnapshotHeadsTable {
  survey_id: string;
  wave: string;
  layout: string;
  generation: number;
  high_water_seq: number;
  rows: number;
  updated_at: string;
}

/** The rows of responses first_seq..last_seq (by sequence number) of a stored snapshot, as one encoded chunk. */
export interface SnapshotChunksTable {
  survey_id: string;
  wave: string;
  first_seq: number;
  last_seq: number;
  rows: number;
  data: Uint8Array;
}

/**
 * One admin action: who (an admin's email, 'cli:' and the OS user for the command line, or 'api:'
 * and an API token's name), what (a stable dotted code such as 'release.create'), when, to which
 * survey (null for sign-ins, the register, API tokens), and details as JSON (counts, ids, release
 * numbers; never answers, passwords or tokens). Only ever inserted.
 */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  survey_id: string | null;
  details: string;
}

export interface Database {
  surveys: SurveysTable;
  organisations: OrganisationsTable;
  responses: ResponsesTable;
  admin_users: AdminUsersTable;
  admin_sessions: AdminSessionsTable;
  invitations: InvitationsTable;
  drafts: DraftsTable;
  api_tokens: ApiTokensTable;
  disclosure_ledger: DisclosureLedgerTable;
  published_reports: PublishedReportsTable;
  snapshot_heads: SnapshotHeadsTable;
  snapshot_chunks: SnapshotChunksTable;
  releases: ReleasesTable;
  published_pages: PublishedPagesTable;
  audit_log: AuditLogTable;
  definition_versions: DefinitionVersionsTable;
  contacts: ContactsTable;
  lead_sign_in_tokens: LeadSignInTokensTable;
  lead_sessions: LeadSessionsTable;
}
