import { existsSync } from 'node:fs';
import { openDatabase } from '../src/storage/open-database.js';
import { createStore } from '../src/storage/store.js';
import { benchConfig } from './bench-config.js';
import { nationalDefinition } from './national-definition.js';
import { generateRegister } from './national-register.js';
import { generateResponses } from './national-responses.js';
import { progressLine } from './progress-line.js';
import { seededRandom } from './seeded-random.js';
import { storeSurvey } from './store-survey.js';

/**
 * Writes the bench's generated national survey (BENCH_RESPONDENTS respondents at
 * BENCH_ORGANISATIONS organisations, the same seed and shape as `npm run bench`) into a database,
 * so the CLI can be run and timed on it: `npm run bench:database -- sqlite:national.db`, then
 * `canvass report national-staff-survey --all-orgs --out reports/ --db sqlite:national.db`.
 */
async function main(): Promise<void> {
  const url = process.argv[2];
  if (!url) throw new Error('give the database to write, e.g. npm run bench:database -- sqlite:national.db');
  if (url.startsWith('sqlite:') && existsSync(url.slice('sqlite:'.length))) throw new Error(`${url.slice('sqlite:'.length)} exists already; give a new file`);
  const config = benchConfig();
  const random = seededRandom(config.seed);
  const definition = nationalDefinition(config);
  const register = generateRegister(config.organisations, config.respondents, random);
  const generation = progressLine('Generating responses');
  const generated = generateResponses(definition, register, config, random, generation.update);
  generation.done(`${generated.n.toLocaleString('en-GB')} respondents`);
  const database = await openDatabase(url);
  try {
    await storeSurvey([{ label: url, store: createStore(database.db) }], definition, register.organisations, generated, config.loadBatch);
  } finally {
    await database.close();
  }
  process.stdout.write(`Survey '${definition.id}' with ${register.organisations.length} organisations is in ${url}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
});
