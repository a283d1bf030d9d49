import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeMigration } from '../../test/support/database-before-migration.js';

const definition = { format: 1, id: 's', title: 'S', disclosure: { minBase: 10 }, submissions: { open: true }, questions: [{ id: 'q1', type: 'text', text: 'Q?', required: false, base: 'answered', maxLength: 10 }] };

describeMigration('0016_draft_invitation_sealed', ({ dialect, before, after }) => {

  it('drops the invitation id beside drafts: drafts in progress from an invitation go (their tokens are not stored to seal it with), the others stay', async () => {
    const old = await before();
    const now = '2026-03-01T09:00:00.000Z';
    const later = '2026-04-01T09:00:00.000Z';
    await sql`insert into organisations (id, name) values ('kent', 'Kent County Council')`.execute(old);
    await sql`insert into surveys (id, title, format, definition, created_at, updated_at) values ('s', 'S', 1, ${JSON.stringify(definition)}, ${now}, ${now})`.execute(old);
    await sql`insert into invitations (id, survey_id, org_id, token_hash, max_uses, uses, created_at) values ('inv-1', 's', 'kent', 'h-inv', 1, 0, ${now})`.execute(old);
    const draft = (id: string, invitation: string | null, responseId: string | null) =>
      sql`insert into drafts (id, survey_id, token_hash, org_id, invitation_id, answers, visited, created_at, updated_at, expires_at, response_id, submitted_at)
        values (${id}, 's', ${`h-${id}`}, 'kent', ${invitation}, '{"q1":"a"}', '["q1"]', ${now}, ${now}, ${later}, ${responseId}, ${responseId === null ? null : now})`.execute(old);
    await draft('from-invitation', 'inv-1', null);
    await draft('open-form', null, null);
    await sql`insert into responses (id, survey_id, org_id, answers, source, submitted_at) values ('r1', 's', 'kent', '{"q1":"a"}', 'web', ${now})`.execute(old);
    await draft('sent', null, 'r1');
    await old.destroy();

    const database = await after();
    const columns =
      dialect === 'sqlite'
        ? (await sql<{ name: string }>`select name from pragma_table_info('drafts')`.execute(database.db)).rows.map((r) => r.name)
        : (await sql<{ name: string }>`select column_name as name from information_schema.columns where table_name = 'drafts' and table_schema = current_schema()`.execute(database.db)).rows.map((r) => r.name);
    expect(columns).toContain('invitation_sealed');
    expect(columns).not.toContain('invitation_id');
    const rows = await database.db.selectFrom('drafts').select(['id', 'invitation_sealed']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'open-form', invitation_sealed: null },
      { id: 'sent', invitation_sealed: null },
    ]);
    // The invitation is untouched: its link still works for answering again.
    expect(await database.db.selectFrom('invitations').select(['id', 'uses']).execute()).toEqual([{ id: 'inv-1', uses: 0 }]);
    if (dialect === 'sqlite') expect((await sql`pragma foreign_key_check`.execute(database.db)).rows).toEqual([]);
  });
});
