import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staffPulseRegister } from '../../../test/support/staff-pulse.js';
import { signInAsAdmin, testApp, WebClient } from '../../../test/support/web-client.js';
import { importDefinition } from '../../operations/import-definition.js';
import { importRegister } from '../../operations/import-register.js';

const definition = readFileSync(join(process.cwd(), 'test', 'fixtures', 'bilingual-survey.yaml'), 'utf8');
let client: WebClient;
let close: () => Promise<void>;

beforeEach(async () => {
  const made = await testApp({ rateLimits: { signIn: { max: 1000, timeWindow: 60_000 } } });
  close = made.close;
  await importRegister(made.store, staffPulseRegister, 'staff-pulse-register.csv', 'cli:test');
  await importDefinition(made.store, definition, 'bilingual-survey.yaml', 'cli:test');
  client = new WebClient(made.app);
  await signInAsAdmin(client);
});
afterEach(() => close());

describe('the admin draft report in a survey’s other languages', () => {
  it('links a preview in each other language, and previews in Welsh with ?lang=cy', async () => {
    const page = await client.get('/admin/surveys/bilingual-survey/report');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/admin/surveys/bilingual-survey/report/preview?lang=cy"');
    expect(page.body).toContain('Preview it in Cymraeg (cy)');
    const welsh = await client.get('/admin/surveys/bilingual-survey/report/preview?lang=cy');
    expect(welsh.statusCode).toBe(200);
    expect(welsh.body).toMatch(/<html lang="cy"/);
    expect(welsh.body).toContain('Pa un sy’n disgrifio eich rôl orau?');
    expect(welsh.body).toContain('Prif ganfyddiadau');
    // A language the survey is not given in gives the default language.
    const other = await client.get('/admin/surveys/bilingual-survey/report/preview?lang=fr');
    expect(other.body).toMatch(/<html lang="en"/);
    expect(other.body).toContain('Which best describes your role?');
  });
});
