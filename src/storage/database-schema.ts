/** Tables as Kysely sees them; `migrations.ts` creates them. Timestamps are ISO 8601 text in both dialects. */
export interface SurveysTable {
  id: string;
  title: string;
  format: number;
  /** The validated definition as JSON. */
  definition: string;
  created_at: string;
  updated_at: string;
}

export interface OrganisationsTable {
  id: string;
  name: string;
  type: string;
  nation: string;
  region: string | null;
  parent: string | null;
  headcount: number | null;
}

export interface ResponsesTable {
  id: string;
  survey_id: string;
  org_id: string;
  /** Normalised answers as JSON, keyed by question id. No IP address or browser data is ever stored. */
  answers: string;
  idempotency_key: string | null;
  source: string;
  submitted_at: string;
}

export interface Database {
  surveys: SurveysTable;
  organisations: OrganisationsTable;
  responses: ResponsesTable;
}
