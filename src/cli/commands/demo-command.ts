import type { Command } from 'commander';
import { seedBuiltIn } from '../../operations/seed-built-in.js';
import { surveyResults } from '../../operations/survey-results.js';
import type { CliIo } from '../cli-io.js';
import { formatResultsTable } from '../results-table.js';
import { dbOptionHelp, withStore } from '../with-store.js';

const demoSurvey = 'digital-gap-2017';

export function registerDemoCommand(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description(`the quick start: load the built-in ${demoSurvey} survey into the database if it is not there, then print its topline`)
    .option('--db <url>', dbOptionHelp)
    .action(async (options: { db?: string }) => {
      await withStore(io, options.db, async (store, where) => {
        if ((await store.surveys.get(demoSurvey)) === undefined || (await store.responses.count(demoSurvey)) === 0) {
          const summary = await seedBuiltIn(store, demoSurvey);
          io.out(`Loaded the built-in survey '${demoSurvey}' into ${where}: ${summary.organisations} organisations, ${summary.responses} responses.\n\n`);
        } else {
          io.out(`Using '${demoSurvey}' from ${where}.\n\n`);
        }
        io.out(formatResultsTable(await surveyResults(store, demoSurvey)));
        io.out(
          [
            'Next:',
            `  canvass results ${demoSurvey} --filter "gap_confidence in (not-very-confident, not-at-all-confident)"`,
            `  canvass results ${demoSurvey} --by org.type --json`,
            `  canvass responses export ${demoSurvey} --format csv --out responses.csv`,
            '',
          ].join('\n'),
        );
      });
    });
}
