import type { Command } from 'commander';
import { publishRelease } from '../../operations/publish-release.js';
import { createRelease, releaseLabel } from '../../operations/releases.js';
import { seedBuiltIn } from '../../operations/seed-built-in.js';
import { surveyResults } from '../../operations/survey-results.js';
import { cliActor } from '../cli-actor.js';
import type { CliIo } from '../cli-io.js';
import { progressReporter } from '../progress.js';
import { formatResultsTable } from '../results-table.js';
import { dbOptionHelp, withStore } from '../with-store.js';
import { serveOptionHelp } from './serve-command.js';

const demoSurvey = 'digital-gap-2017';

export function registerDemoCommand(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description(
      `the quick start: load the built-in ${demoSurvey} survey into the database if it is not there (and, the first time, release its data and publish the release), print its topline, then serve its form, the published report, the admin and the API`,
    )
    .option('--db <url>', dbOptionHelp)
    .option('--port <port>', serveOptionHelp.port, '3000')
    .option('--host <host>', serveOptionHelp.host, '127.0.0.1')
    .option('--no-serve', 'print the topline and exit, without starting the web server')
    .action(async (options: { db?: string; port: string; host: string; serve: boolean }) => {
      const { runServer, serverRateLimits } = await import('../run-server.js');
      const rateLimits = serverRateLimits(undefined, io.env);
      await withStore(io, options.db, async (store, where) => {
        if ((await store.surveys.get(demoSurvey)) === undefined || (await store.responses.count(demoSurvey)) === 0) {
          const summary = await seedBuiltIn(store, demoSurvey, cliActor(io));
          io.out(`Loaded the built-in survey '${demoSurvey}' into ${where}: ${summary.organisations} organisations, ${summary.responses} responses.\n\n`);
        } else {
          io.out(`Using '${demoSurvey}' from ${where}.\n\n`);
        }
        if ((await store.releases.list(demoSurvey)).length === 0) {
          const { release } = await createRelease(store, demoSurvey, { actor: cliActor(io), note: 'built-in example' });
          const { publicationRender } = await import('../../web/reports/publication-render.js');
          const progress = progressReporter(io, 'Publishing pages');
          try {
            await publishRelease(store, demoSurvey, { actor: cliActor(io), release: release.number, render: publicationRender(demoSurvey), onProgress: progress.update });
          } finally {
            progress.stop();
          }
          io.out(`Released its data and published the release: ${releaseLabel(release)}.\n\n`);
        }
        const reportAddress = (base: string) => `${base}/reports/${demoSurvey}`;
        const published = await store.publishedReports.isPublished(demoSurvey);
        io.out(formatResultsTable(await surveyResults(store, demoSurvey)));
        io.out(
          [
            'Next:',
            `  canvass results ${demoSurvey} --filter "gap_confidence in (not-very-confident, not-at-all-confident)"`,
            `  canvass results ${demoSurvey} --by org.type --json`,
            `  canvass responses export ${demoSurvey} --format csv --out responses.csv`,
            `  canvass releases ${demoSurvey}`,
            '',
          ].join('\n'),
        );
        if (!options.serve) {
          if (published) io.out(`\nThe published report is at ${reportAddress(`http://${options.host}:${options.port}`)} while Canvass is served (canvass demo without --no-serve).\n`);
          return;
        }
        io.out('\n');
        await runServer(io, store, { port: options.port, host: options.host, rateLimits }, async (addresses) => [
          `  Respondents:  ${addresses.survey(demoSurvey)}  (take the survey; your response joins the results)`,
          ...(published ? [`  Report:       ${reportAddress(addresses.base)}  (the published release)`] : []),
          `  Results:      ${addresses.admin}/surveys/${demoSurvey}/results`,
        ]);
      });
    });
}
