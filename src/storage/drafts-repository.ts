import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Answers } from '../definition/schema.js';
import type { Database, DraftsTable } from './database-schema.js';

/** A respondent's answers in progress (save and return). */
export interface Draft {
  id: string;
  surveyId: string;
  orgId: string | undefined;
  /**
   * The invitation the draft was started from, sealed with a key only the draft's token gives
   * (operations/draft-invitation-seal.ts): the table cannot join a draft's answers to an invitation.
   */
  invitationSealed: string | undefined;
  /** The invitation itself, once the draft is opened with its token (operations/respondent-drafts.ts); never read from the table. */
  invitationId: string | undefined;
  answers: Answers;
  /** Question ids the respondent has been through, in order. */
  visited: string[];
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  /** Set once submitted: the response the draft became. */
  responseId: string | undefined;
  submittedAt: string | undefined;
  /** The language the respondent chose; undefined: the survey's default. */
  language: string | undefined;
}

export interface NewDraft {
  surveyId: string;
  tokenHash: string;
  orgId?: string | undefined;
  invitationSealed?: string | undefined;
  expiresAt: Date;
  language?: string | undefined;
}

/** Drafts of responses, found by the SHA-256 of the respondent's token. */
export class DraftsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(draft: NewDraft, now = new Date()): Promise<Draft> {
    const row: DraftsTable = {
      id: randomUUID(),
      survey_id: draft.surveyId,
      token_hash: draft.tokenHash,
      org_id: draft.orgId ?? null,
      invitation_sealed: draft.invitationSealed ?? null,
      answers: '{}',
      visited: '[]',
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      expires_at: draft.expiresAt.toISOString(),
      response_id: null,
      submitted_at: null,
      language: draft.language ?? null,
    };
    await this.db.insertInto('drafts').values(row).execute();
    return fromRow(row);
  }

  /** The survey's draft with this token, unless it has expired. */
  async find(surveyId: string, tokenHash: string, now = new Date()): Promise<Draft | undefined> {
    const row = await this.db
      .selectFrom('drafts')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('survey_id', '=', surveyId)
      .where('expires_at', '>', now.toISOString())
      .executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async get(id: string): Promise<Draft | undefined> {
    const row = await this.db.selectFrom('drafts').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /**
   * Gives the draft a new token in place of `tokenHash` (and its invitation sealed anew for it).
   * One statement, so of two browsers taking the draft with the same token at once only one gets
   * it (true); the other gets false.
   */
  async replaceToken(id: string, tokenHash: string, newTokenHash: string, now = new Date(), invitationSealed?: string): Promise<boolean> {
    const result = await this.db
      .updateTable('drafts')
      .set({ token_hash: newTokenHash, updated_at: now.toISOString(), ...(invitationSealed !== undefined ? { invitation_sealed: invitationSealed } : {}) })
      .where('id', '=', id)
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Saves the answers so far and keeps the draft for another period from now; never touches a submitted draft. */
  async save(id: string, state: { orgId: string | undefined; answers: Answers; visited: readonly string[] }, expiresAt: Date, now = new Date()): Promise<boolean> {
    const result = await this.db
      .updateTable('drafts')
      .set({ org_id: state.orgId ?? null, answers: JSON.stringify(state.answers), visited: JSON.stringify(state.visited), updated_at: now.toISOString(), expires_at: expiresAt.toISOString() })
      .where('id', '=', id)
      .where('submitted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Keeps the language the respondent chose with their draft (a draft already sent keeps its own). */
  async setLanguage(id: string, language: string, now = new Date()): Promise<boolean> {
    const result = await this.db.updateTable('drafts').set({ language, updated_at: now.toISOString() }).where('id', '=', id).where('submitted_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Marks the draft as being submitted. One statement, so of two submissions racing (a double
   * click, a replayed POST) only one claims the draft; the other gets false and, once the first
   * has committed, finds the response it made.
   */
  async claimSubmission(id: string, now = new Date()): Promise<boolean> {
    const result = await this.db
      .updateTable('drafts')
      .set({ submitted_at: now.toISOString(), updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('submitted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Links a claimed draft to its response and clears its answers (the response holds them now)
   * and its invitation: nothing stored may join a response to the invitation it came through,
   * and so to the person it was sent to.
   */
  async recordResponse(id: string, responseId: string): Promise<void> {
    await this.db.updateTable('drafts').set({ response_id: responseId, answers: '{}', invitation_sealed: null }).where('id', '=', id).execute();
  }

  /**
   * Deletes the drafts that became these responses (when their answers are erased): what is left
   * of a submitted draft — its organisation, invitation and the questions it went through — is
   * about the response.
   */
  async deleteForResponses(responseIds: readonly string[]): Promise<number> {
    let deleted = 0;
    for (let i = 0; i < responseIds.length; i += 200) {
      const result = await this.db.deleteFrom('drafts').where('response_id', 'in', responseIds.slice(i, i + 200)).executeTakeFirst();
      deleted += Number(result.numDeletedRows);
    }
    return deleted;
  }

  async deleteExpired(now = new Date()): Promise<number> {
    const result = await this.db.deleteFrom('drafts').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function fromRow(row: DraftsTable): Draft {
  return {
    id: row.id,
    surveyId: row.survey_id,
    orgId: row.org_id ?? undefined,
    invitationSealed: row.invitation_sealed ?? undefined,
    invitationId: undefined,
    answers: JSON.parse(row.answers) as Answers,
    visited: JSON.parse(row.visited) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
    responseId: row.response_id ?? undefined,
    submittedAt: row.submitted_at ?? undefined,
    language: row.language ?? undefined,
  };
}
