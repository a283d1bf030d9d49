import type { Kysely } from 'kysely';
import type { Database, ReleasesTable } from './database-schema.js';

/** A survey's data frozen at a sequence number: what a publication shows. */
export interface Release {
  surveyId: string;
  number: number;
  wave: string | null;
  /** Responses with a sequence number up to this one, less `heldBack`, are the release's data. */
  highWaterSeq: number;
  /** How many responses the release publishes. */
  responses: number;
  /** Sequence numbers up to the high-water mark that the release holds back, increasing. */
  heldBack: number[];
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}

export type NewRelease = Omit<Release, 'number' | 'createdAt'>;

/** Releases of every survey. A release is never changed once made; numbers are never reused. */
export class ReleasesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Stores the survey's next release (its number is one more than the last one's). Two made at
   * once cannot take the same number: the second insert fails on the key, and is retried — by the
   * caller when this runs in the caller's transaction, which a failed statement has spoilt on
   * PostgreSQL.
   */
  async create(release: NewRelease, now = new Date()): Promise<Release> {
    for (let attempt = 0; ; attempt++) {
      const last = await this.db.selectFrom('releases').select((eb) => eb.fn.max('number').as('n')).where('survey_id', '=', release.surveyId).executeTakeFirst();
      const row: ReleasesTable = {
        survey_id: release.surveyId,
        number: Number(last?.n ?? 0) + 1,
        wave: release.wave,
        high_water_seq: release.highWaterSeq,
        responses: release.responses,
        held_back: JSON.stringify(release.heldBack),
        note: release.note,
        created_by: release.createdBy,
        created_at: now.toISOString(),
      };
      try {
        await this.db.insertInto('releases').values(row).execute();
        return fromRow(row);
      } catch (error) {
        if (attempt >= 3 || this.db.isTransaction) throw error;
      }
    }
  }

  /** Every release of a survey, oldest first. */
  async list(surveyId: string): Promise<Release[]> {
    const rows = await this.db.selectFrom('releases').selectAll().where('survey_id', '=', surveyId).orderBy('number').execute();
    return rows.map(fromRow);
  }

  async get(surveyId: string, number: number): Promise<Release | undefined> {
    const row = await this.db.selectFrom('releases').selectAll().where('survey_id', '=', surveyId).where('number', '=', number).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** The survey's newest release, if it has one. */
  async latest(surveyId: string): Promise<Release | undefined> {
    const row = await this.db.selectFrom('releases').selectAll().where('survey_id', '=', surveyId).orderBy('number', 'desc').limit(1).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }
}

function fromRow(row: ReleasesTable): Release {
  return {
    surveyId: row.survey_id,
    number: Number(row.number),
    wave: row.wave,
    highWaterSeq: Number(row.high_water_seq),
    responses: Number(row.responses),
    heldBack: JSON.parse(row.held_back) as number[],
    note: row.note,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}
