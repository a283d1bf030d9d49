import type { Kysely, Transaction } from 'kysely';
import { compareDefinitions, definitionChanged, firstIntroductions, introductionsAfter, type DefinitionChanges, type Introductions } from '../definition/definition-changes.js';
import type { Definition } from '../definition/schema.js';
import type { Database } from './database-schema.js';
import { withinTransaction } from './within-transaction.js';

export interface SurveySummary {
  id: string;
  title: string;
  format: number;
  responses: number;
  updatedAt: string;
}

/** What storing a definition did: the survey's version now, and what changed (null for a new survey). */
export interface StoredVersion {
  status: 'created' | 'updated' | 'unchanged';
  version: number;
  changes: DefinitionChanges | null;
}

/** One stored version of a definition, as the history lists it. */
export interface DefinitionVersionEntry {
  version: number;
  createdAt: string;
  createdBy: string;
  changes: DefinitionChanges | null;
}

/** Survey definitions, stored whole as validated JSON, every version kept. */
export class SurveysRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Creates or replaces a survey's definition; says which (see {@link store}). */
  async save(definition: Definition, options: { actor?: string; now?: Date } = {}): Promise<'created' | 'updated'> {
    return (await this.store(definition, options)).status === 'created' ? 'created' : 'updated';
  }

  /**
   * Stores a definition as its survey's next version: version 1 of a new survey, else the next
   * after the current one when it changes anything ('unchanged' stores nothing), with the version
   * that introduced each question and option (src/definition/definition-changes.ts), what changed
   * and who stored it. Every version is kept.
   */
  async store(definition: Definition, options: { actor?: string; now?: Date } = {}): Promise<StoredVersion> {
    const timestamp = (options.now ?? new Date()).toISOString();
    const actor = options.actor ?? 'unknown';
    const json = JSON.stringify(definition);
    return withinTransaction(this.db, async (trx) => {
      const existing = await trx.selectFrom('surveys').select(['definition', 'definition_version']).where('id', '=', definition.id).executeTakeFirst();
      if (!existing) {
        await trx
          .insertInto('surveys')
          .values({ id: definition.id, title: definition.title, format: definition.format, definition: json, created_at: timestamp, updated_at: timestamp, definition_version: 1 })
          .execute();
        await insertVersion(trx, definition, 1, firstIntroductions(definition), null, actor, timestamp);
        return { status: 'created', version: 1, changes: null };
      }
      const previous = JSON.parse(existing.definition) as Definition;
      const current = Number(existing.definition_version);
      if (!definitionChanged(previous, definition)) return { status: 'unchanged', version: current, changes: compareDefinitions(previous, definition) };
      const before = await trx.selectFrom('definition_versions').select('introductions').where('survey_id', '=', definition.id).where('version', '=', current).executeTakeFirst();
      const introductions = before ? (JSON.parse(before.introductions) as Introductions) : firstIntroductions(previous);
      const version = current + 1;
      const changes = compareDefinitions(previous, definition);
      await insertVersion(trx, definition, version, introductionsAfter({ definition: previous, introductions }, definition, version), changes, actor, timestamp);
      await trx.updateTable('surveys').set({ title: definition.title, format: definition.format, definition: json, updated_at: timestamp, definition_version: version }).where('id', '=', definition.id).execute();
      return { status: 'updated', version, changes };
    });
  }

  async get(id: string): Promise<Definition | undefined> {
    const row = await this.db.selectFrom('surveys').select('definition').where('id', '=', id).executeTakeFirst();
    return row ? (JSON.parse(row.definition) as Definition) : undefined;
  }

  /** The current definition with its version, read together: what a new response is validated against and records. */
  async getVersioned(id: string): Promise<{ definition: Definition; version: number } | undefined> {
    const row = await this.db.selectFrom('surveys').select(['definition', 'definition_version']).where('id', '=', id).executeTakeFirst();
    return row ? { definition: JSON.parse(row.definition) as Definition, version: Number(row.definition_version) } : undefined;
  }

  /** The current version's number and the version that introduced each of its questions and options. */
  async introductions(id: string): Promise<{ version: number; introductions: Introductions } | undefined> {
    const row = await this.db
      .selectFrom('surveys')
      .innerJoin('definition_versions', (join) => join.onRef('definition_versions.survey_id', '=', 'surveys.id').onRef('definition_versions.version', '=', 'surveys.definition_version'))
      .select(['surveys.definition_version as version', 'definition_versions.introductions'])
      .where('surveys.id', '=', id)
      .executeTakeFirst();
    return row ? { version: Number(row.version), introductions: JSON.parse(row.introductions) as Introductions } : undefined;
  }

  /** The definition of one stored version. */
  async version(id: string, version: number): Promise<Definition | undefined> {
    const row = await this.db.selectFrom('definition_versions').select('definition').where('survey_id', '=', id).where('version', '=', version).executeTakeFirst();
    return row ? (JSON.parse(row.definition) as Definition) : undefined;
  }

  /** Every stored version's definition, by version. */
  async allVersions(id: string): Promise<Map<number, Definition>> {
    const rows = await this.db.selectFrom('definition_versions').select(['version', 'definition']).where('survey_id', '=', id).execute();
    return new Map(rows.map((r) => [Number(r.version), JSON.parse(r.definition) as Definition]));
  }

  /** Every stored version of a survey's definition, oldest first: when, by whom, and what it changed. */
  async history(id: string): Promise<DefinitionVersionEntry[]> {
    const rows = await this.db.selectFrom('definition_versions').select(['version', 'created_at', 'created_by', 'changes']).where('survey_id', '=', id).orderBy('version').execute();
    return rows.map((r) => ({ version: Number(r.version), createdAt: r.created_at, createdBy: r.created_by, changes: r.changes === null ? null : (JSON.parse(r.changes) as DefinitionChanges) }));
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

async function insertVersion(trx: Transaction<Database>, definition: Definition, version: number, introductions: Introductions, changes: DefinitionChanges | null, actor: string, at: string): Promise<void> {
  await trx
    .insertInto('definition_versions')
    .values({ survey_id: definition.id, version, definition: JSON.stringify(definition), introductions: JSON.stringify(introductions), changes: changes === null ? null : JSON.stringify(changes), created_by: actor, created_at: at })
    .execute();
}
