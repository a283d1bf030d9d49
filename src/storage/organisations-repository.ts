import type { Kysely } from 'kysely';
import { fixedOrganisationFields } from '../definition/register-attributes.js';
import type { Organisation } from '../register/organisation.js';
import type { Database, OrganisationsTable } from './database-schema.js';
import { withinTransaction } from './within-transaction.js';

const chunkSize = 500;

/** The organisation register, shared by every survey in the database; each survey's register schema says which attributes it reads. */
export class OrganisationsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Adds or updates organisations by id, all in one transaction; returns how many were new. An
   * organisation's attributes are replaced by those given; with `replacing` (the attributes a
   * register file has columns for), a stored organisation keeps its other attributes, which
   * another survey's register may declare.
   */
  async upsert(organisations: readonly Organisation[], replacing?: readonly string[]): Promise<{ created: number; updated: number }> {
    return withinTransaction(this.db, async (trx) => {
      const stored = new Map((await trx.selectFrom('organisations').select(['id', 'attributes']).execute()).map((r) => [r.id, r.attributes]));
      for (let i = 0; i < organisations.length; i += chunkSize) {
        const rows = organisations.slice(i, i + chunkSize).map((org) => toRow(org, replacing ? kept(stored.get(org.id), replacing) : {}));
        await trx
          .insertInto('organisations')
          .values(rows)
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              parent: eb.ref('excluded.parent'),
              headcount: eb.ref('excluded.headcount'),
              attributes: eb.ref('excluded.attributes'),
            })),
          )
          .execute();
      }
      const created = organisations.filter((o) => !stored.has(o.id)).length;
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

/** The stored attributes of an organisation that a file with these attribute columns leaves as they are. */
function kept(attributes: string | undefined, replacing: readonly string[]): Record<string, string | number> {
  if (attributes === undefined) return {};
  return Object.fromEntries(Object.entries(parseAttributes(attributes)).filter(([id]) => !replacing.includes(id)));
}

function toRow(org: Organisation, keptAttributes: Record<string, string | number>): OrganisationsTable {
  const attributes: Record<string, string | number> = { ...keptAttributes };
  for (const [id, value] of Object.entries(org)) {
    if ((fixedOrganisationFields as readonly string[]).includes(id) || value === undefined) continue;
    attributes[id] = value;
  }
  return { id: org.id, name: org.name, parent: org.parent ?? null, headcount: org.headcount ?? null, attributes: JSON.stringify(attributes) };
}

function parseAttributes(text: string): Record<string, string | number> {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  const attributes: Record<string, string | number> = {};
  for (const [id, value] of Object.entries(parsed)) if (typeof value === 'string' || typeof value === 'number') attributes[id] = value;
  return attributes;
}

function fromRow(row: OrganisationsTable): Organisation {
  return {
    id: row.id,
    name: row.name,
    ...parseAttributes(row.attributes),
    ...(row.parent === null ? {} : { parent: row.parent }),
    ...(row.headcount === null ? {} : { headcount: Number(row.headcount) }),
  };
}
