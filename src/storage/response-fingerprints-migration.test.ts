import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeMigration } from '../../test/support/database-before-migration.js';
import { responseFingerprint } from '../responses/response-fingerprint.js';
import { createStore } from './store.js';

describeMigration('0009_response_fingerprints', ({ dialect, before, after }) => {

  it('gives every response stored before it the fingerprint of its survey, organisation, wave and answers, whatever the key order of its stored JSON', async () => {
    const old = await before();
    const now = '2017-01-10T09:00:00.000Z';
    for (const survey of ['s', 't']) await sql`insert into surveys (id, title, format, definition, created_at, updated_at) values (${survey}, 'S', 1, '{}', ${now}, ${now})`.execute(old);
    for (const org of ['org-a', 'org-b']) await sql`insert into organisations (id, name, type, nation) values (${org}, 'Org', 'council', 'England')`.execute(old);
    const rows: Array<[string, string, string, string | null, string]> = [
      ['r1', 's', 'org-a', null, '{"q1":"a","q2":["x","y"]}'],
      ['r2', 's', 'org-a', null, '{"q2":["x","y"],"q1":"a"}'],
      ['r3', 's', 'org-b', null, '{"q1":"a","q2":["x","y"]}'],
      ['r4', 's', 'org-a', '2018', '{"q1":"a","q2":["x","y"]}'],
      ['r5', 't', 'org-a', null, '{"q1":"a","q2":["x","y"]}'],
      ['r6', 's', 'org-a', null, '{"n":2.5,"text":"caf\\u00e9 \\"quoted\\""}'],
    ];
    for (const [id, survey, org, wave, answers] of rows) {
      await sql`insert into responses (id, survey_id, org_id, answers, source, submitted_at, wave) values (${id}, ${survey}, ${org}, ${answers}, 'import', ${now}, ${wave})`.execute(old);
    }
    // More than one page of the backfill (1,000 responses a page).
    for (let i = 0; i < 1500; i += 500) {
      const batch = Array.from({ length: 500 }, (_, j) => sql`(${`bulk-${String(i + j).padStart(4, '0')}`}, 's', 'org-b', ${`{"q1":"${i + j}"}`}, 'import', ${now})`);
      await sql`insert into responses (id, survey_id, org_id, answers, source, submitted_at) values ${sql.join(batch)}`.execute(old);
    }
    await old.destroy();

    const database = await after();
    const stored = await database.db.selectFrom('responses').select(['id', 'survey_id', 'org_id', 'wave', 'answers', 'fingerprint']).execute();
    expect(stored).toHaveLength(rows.length + 1500);
    for (const r of stored) {
      expect(r.fingerprint, r.id).toBe(responseFingerprint(r.survey_id, { org: r.org_id, wave: r.wave, answers: JSON.parse(r.answers) }));
    }
    const fingerprintOf = new Map(stored.map((r) => [r.id, r.fingerprint]));
    // The same answers stored with keys in another order say the same thing; another organisation, wave or survey does not.
    expect(fingerprintOf.get('r2')).toBe(fingerprintOf.get('r1'));
    expect(new Set(['r1', 'r3', 'r4', 'r5', 'r6'].map((id) => fingerprintOf.get(id))).size).toBe(5);
    expect(fingerprintOf.get('r1')).toBe(responseFingerprint('s', { org: 'org-a', wave: null, answers: { q1: 'a', q2: ['x', 'y'] } }));

    // A response stored after the migration gets the fingerprint a stored one has for the same answers.
    const store = createStore(database.db);
    await store.responses.insert('s', { id: 'r7', org: 'org-a', answers: { q2: ['x', 'y'], q1: 'a' } }, 'api');
    expect((await store.responses.storedFingerprints('s', [fingerprintOf.get('r1')!, fingerprintOf.get('r5')!]))).toEqual(new Set([fingerprintOf.get('r1')]));
    const r7 = await database.db.selectFrom('responses').select('fingerprint').where('id', '=', 'r7').executeTakeFirstOrThrow();
    expect(r7.fingerprint).toBe(fingerprintOf.get('r1'));
  });

  it('indexes fingerprints by survey', async () => {
    await (await before()).destroy();
    const database = await after();
    const indexed =
      dialect === 'sqlite'
        ? (await sql<{ name: string }>`select name from pragma_index_info('responses_survey_fingerprint') order by seqno`.execute(database.db)).rows.map((r) => r.name)
        : (await sql<{ name: string }>`select a.attname as name from pg_index i join pg_class c on c.oid = i.indexrelid join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey) where c.relname = 'responses_survey_fingerprint' and c.relnamespace = current_schema()::regnamespace order by array_position(i.indkey, a.attnum)`.execute(database.db)).rows.map((r) => r.name);
    expect(indexed).toEqual(['survey_id', 'fingerprint']);
  });
});
