import type { Kysely } from 'kysely';
import type { Definition } from '../definition/schema.js';
import type { Database } from './database-schema.js';

export interface SurveySummary {
  id: string;
  title: string;
  format: number;
  responses: number;
  updatedAt: string;
}

/** Survey definitions, stored whole as validated JSON. */
export class SurveysRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Creates or replaces a survey's definition; says which. */
  async save(definition: Definition, now = new Date()): Promise<'created' | 'updated'> {
    const timestamp = now.toISOString();
    const json = JSON.stringify(definition);
    const existing = await this.db.selectFrom('surveys').select('id').where('id', '=', definition.id).executeTakeFirst();
    if (existing) {
      await this.db.updateTable('surveys').set({ title: definition.title, format: definition.format, definition: json, updated_at: timestamp }).where('id', '=', definition.id).execute();
      return 'updated';
    }
    await this.db
      .insertInto('surveys')
      .values({ id: definition.id, title: definition.title, format: definition.format, definition: json, created_at: timestamp, updated_at: timestamp })
      .execute();
    return 'created';
  }

  async get(id: string): Promise<Definition | undefined> {
    const row = await this.db.selectFrom('surveys').select('definition').where('id', '=', id).executeTakeFirst();
    return row ? (JSON.parse(row.definition) as Definition) : undefined;
  }

  async list(): Promise<SurveySummary[]> {
    const rows = await this.db
      .selectFrom('surveys')
      .leftJoin('responses', (join) => join.onRef('responses.survey_id', '=', 'surveys.id').on('responses.withdrawn_at', 'is', null))
      .select((eb) => ['surveys.id', 'surveys.title', 'surveys.format', 'surveys.updated_at', eb.fn.count<number>('responses.id').as('responses')])
      .groupBy(['surveys.id', 'surveys.title', 'surveys.format', 'surveys.updated_at'])
      .orderBy('surveys.id')
      .execute();
    return rows.map((r) => ({ id: r.id, title: r.title, format: r.format, responses: Number(r.responses), updatedAt: r.updated_at }));
  }
}
