import { type Kysely, type Migration } from 'kysely';

/**
 * Versioned schema migrations, applied in name order on start. Never edit a released
 * migration; add the next one. `up` is written once for both dialects.
 */
export const migrations: Record<string, Migration> = {
  '0001_surveys_organisations_responses': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('surveys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('format', 'integer', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('organisations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('nation', 'text', (c) => c.notNull())
        .addColumn('region', 'text')
        .addColumn('parent', 'text')
        .addColumn('headcount', 'integer')
        .execute();
      await db.schema
        .createTable('responses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
        .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('answers', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('responses_survey_idempotency_key', ['survey_id', 'idempotency_key'])
        .execute();
      await db.schema.createIndex('responses_survey_submitted').on('responses').columns(['survey_id', 'submitted_at']).execute();
      await db.schema.createIndex('responses_org').on('responses').column('org_id').execute();
    },
  },
};
