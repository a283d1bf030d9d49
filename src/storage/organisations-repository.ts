import type { Kysely } from 'kysely';
import type { Organisation, OrgType } from '../register/organisation.js';
import type { Database, OrganisationsTable } from './database-schema.js';
import { withinTransaction } from './within-transaction.js';

const chunkSize = 500;

/** The organisation register, shared by every survey in the database. */
export class OrganisationsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Adds or updates organisations by id, all in one transaction; returns how many were new. */
  async upsert(organisations: readonly Organisation[]): Promise<{ created: number; updated: number }> {
    return withinTransaction(this.db, async (trx) => {
      const existing = new Set((await trx.selectFrom('organisations').select('id').execute()).map((r) => r.id));
      for (let i = 0; i < organisations.length; i += chunkSize) {
        const rows = organisations.slice(i, i + chunkSize).map(toRow);
        await trx
          .insertInto('organisations')
          .values(rows)
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              type: eb.ref('excluded.type'),
              nation: eb.ref('excluded.nation'),
              region: eb.ref('excluded.region'),
              parent: eb.ref('excluded.parent'),
              headcount: eb.ref('excluded.headcount'),
            })),
          )
          .execute();
      }
      const created = organisations.filter((o) => !existing.has(o.id)).length;
      return { created, updated: organisations.length - created };
    });
  }

  async list(): Promise<Organisation[]> {
    const rows = await this.db.selectFrom('organisations').selectAll().orderBy('id').execute();
    return rows.map(fromRow);
  }

  async get(id: string): Promise<Organisation | undefined> {
    const row = await this.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async ids(): Promise<Set<string>> {
    return new Set((await this.db.selectFrom('organisations').select('id').execute()).map((r) => r.id));
  }
}

function toRow(org: Organisation): OrganisationsTable {
  return { id: org.id, name: org.name, type: org.type, nation: org.nation, region: org.region ?? null, parent: org.parent ?? null, headcount: org.headcount ?? null };
}

function fromRow(row: OrganisationsTable): Organisation {
  return {
    id: row.id,
    name: row.name,
    type: row.type as OrgType,
    nation: row.nation as Organisation['nation'],
    ...(row.region === null ? {} : { region: row.region }),
    ...(row.parent === null ? {} : { parent: row.parent }),
    ...(row.headcount === null ? {} : { headcount: Number(row.headcount) }),
  };
}
