import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeMigration } from '../../test/support/database-before-migration.js';
import { createStore } from './store.js';

const definition = { format: 1, id: 's', title: 'S', disclosure: { minBase: 10 }, submissions: { open: true }, questions: [{ id: 'q1', type: 'text', text: 'Q?', required: false, base: 'answered', maxLength: 10 }] };

describeMigration('0014_register_attributes', ({ dialect, before, after }) => {

  it("moves each organisation's type, nation and region into its attributes, as they were, and drops the columns", async () => {
    const old = await before();
    const now = '2017-01-10T09:00:00.000Z';
    await sql`insert into organisations (id, name, type, nation, region, parent, headcount) values ('kent', 'Kent County Council', 'county-council', 'England', 'South East', null, 400)`.execute(old);
    await sql`insert into organisations (id, name, type, nation, region, parent, headcount) values ('kent-libraries', 'Kent Libraries', 'other-public-body', 'Northern Ireland', null, 'kent', null)`.execute(old);
    await sql`insert into surveys (id, title, format, definition, created_at, updated_at) values ('s', 'S', 1, ${JSON.stringify(definition)}, ${now}, ${now})`.execute(old);
    await sql`insert into responses (id, survey_id, org_id, answers, source, submitted_at) values ('r1', 's', 'kent', '{"q1":"a"}', 'import', ${now})`.execute(old);
    await old.destroy();

    const database = await after();
    const store = createStore(database.db);
    expect(await store.organisations.list()).toEqual([
      { id: 'kent', name: 'Kent County Council', type: 'county-council', nation: 'England', region: 'South East', headcount: 400 },
      { id: 'kent-libraries', name: 'Kent Libraries', type: 'other-public-body', nation: 'Northern Ireland', parent: 'kent' },
    ]);
    const columns =
      dialect === 'sqlite'
        ? (await sql<{ name: string }>`select name from pragma_table_info('organisations')`.execute(database.db)).rows.map((r) => r.name)
        : (await sql<{ name: string }>`select column_name as name from information_schema.columns where table_name = 'organisations' and table_schema = current_schema()`.execute(database.db)).rows.map((r) => r.name);
    expect(columns.sort()).toEqual(['attributes', 'headcount', 'id', 'name', 'parent']);
    if (dialect === 'sqlite') expect((await sql`pragma foreign_key_check`.execute(database.db)).rows).toEqual([]);
    expect((await store.responses.list('s')).map((r) => r.org)).toEqual(['kent']);

    // Registers imported afterwards carry attributes of their own; an attribute the file has no column for is kept.
    await store.organisations.upsert([{ id: 'kent', name: 'Kent County Council', locale: 'suburb', enrolment: 1200 }], ['id', 'name', 'locale', 'enrolment']);
    expect(await store.organisations.get('kent')).toEqual({ id: 'kent', name: 'Kent County Council', type: 'county-council', nation: 'England', region: 'South East', locale: 'suburb', enrolment: 1200 });
    await store.organisations.upsert([{ id: 'kent', name: 'Kent County Council', type: 'unitary-authority' }]);
    expect(await store.organisations.get('kent')).toEqual({ id: 'kent', name: 'Kent County Council', type: 'unitary-authority' });
  });
});
