import type { Command } from 'commander';
import { seedBuiltIn } from '../../operations/seed-built-in.js';
import { builtInSurveys } from '../../surveys/built-in-survey.js';
import { cliActor } from '../cli-actor.js';
import type { CliIo } from '../cli-io.js';
import { progressReporter } from '../progress.js';
import { dbOptionHelp, withStore } from '../with-store.js';

export function registerSeedCommand(program: Command, io: CliIo): void {
  program
    .command('seed')
    .argument('<survey>', `a built-in survey: ${Object.keys(builtInSurveys).join(', ')}`)
    .description('load a built-in survey: definition, organisation register and example responses (running it again leaves one copy)')
    .option('--db <url>', dbOptionHelp)
    .action(async (surveyId: string, options: { db?: string }) => {
      await withStore(io, options.db, async (store, where) => {
        const progress = progressReporter(io, 'Seeding');
        const summary = await seedBuiltIn(store, surveyId, cliActor(io), progress.update).finally(() => progress.stop());
        io.out(
          `Seeded '${summary.survey}' in ${where}: ${summary.organisations} organisations, ${summary.responses} responses` +
            `${summary.replaced ? ` (replacing the ${summary.replaced} seeded before)` : ''}\n`,
        );
        const notice = builtInSurveys[surveyId]?.summary;
        if (notice) io.out(`${notice}\n`);
      });
    });
}
