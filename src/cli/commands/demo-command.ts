import type { Command } from 'commander';
import { seedBuiltIn } from '../../operations/seed-built-in.js';
import { surveyResults } from '../../operations/survey-results.js';
import type { CliIo } from '../cli-io.js';
import { formatResultsTable } from '../results-table.js';
import { runServer, serverRateLimits } from '../run-server.js';
import { dbOptionHelp, withStore } from '../with-store.js';
import { serveOptionHelp } from './serve-command.js';

const demoSurvey = 'digital-gap-2017';

export function registerDemoCommand(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description(`the quick start: load the built-in ${demoSurvey} survey into the database if it is not there, print its topline, then serve its form, the admin and the API`)
    .option('--db <url>', dbOptionHelp)
    .option('--port <port>', serveOptionHelp.port, '3000')
    .option('--host <host>', serveOptionHelp.host, '127.0.0.1')
    .option('--no-serve', 'print the topline and exit, without starting the web server')
    .action(async (options: { db?: string; port: string; host: string; serve: boolean }) => {
      const rateLimits = serverRateLimits(undefined, io.env);
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
        if (!options.serve) return;
        io.out('\n');
        await runServer(io, store, { port: options.port, host: options.host, rateLimits }, async (addresses) => [
          `  Respondents:  ${addresses.survey(demoSurvey)}  (take the survey; your response joins the results)`,
          `  Results:      ${addresses.admin}/surveys/${demoSurvey}/results`,
        ]);
      });
    });
}
