import type { Command } from 'commander';
import { importDefinition, parseDefinitionOrThrow } from '../../operations/import-definition.js';
import { cliActor } from '../cli-actor.js';
import type { CliIo } from '../cli-io.js';
import { readInputFile } from '../read-input-file.js';
import { dbOptionHelp, withStore } from '../with-store.js';

export function registerSurveyCommands(program: Command, io: CliIo): void {
  const survey = program.command('survey').description('questionnaire definitions: validate, import and list');

  survey
    .command('validate')
    .argument('<file>', 'a definition file (YAML or JSON)')
    .description('check a questionnaire definition and list every problem with where it is; stores nothing')
    .option('--register <file>', "the survey's register schema, a YAML file of its own (instead of the definition's register section)")
    .action(async (file: string, options: { register?: string }) => {
      const d = parseDefinitionOrThrow(await readInputFile(file), file, options.register === undefined ? undefined : { text: await readInputFile(options.register), source: options.register });
      io.out(`${file} is valid: survey '${d.id}' (format ${d.format}), ${d.questions.length} questions, ${d.questions.filter((q) => q.showIf).length} conditional\n`);
    });

  survey
    .command('import')
    .argument('<file>', 'a definition file (YAML or JSON)')
    .description('validate a definition and store it, creating the survey or replacing its definition')
    .option('--register <file>', "the survey's register schema, a YAML file of its own (instead of the definition's register section)")
    .option('--db <url>', dbOptionHelp)
    .action(async (file: string, options: { db?: string; register?: string }) => {
      const text = await readInputFile(file);
      const register = options.register === undefined ? undefined : { text: await readInputFile(options.register), source: options.register };
      await withStore(io, options.db, async (store, where) => {
        const { definition, status } = await importDefinition(store, text, file, cliActor(io), register);
        io.out(`Survey '${definition.id}' ${status} in ${where}: ${definition.questions.length} questions\n`);
      });
    });

  survey
    .command('list')
    .description('list the surveys in the database with their response counts')
    .option('--db <url>', dbOptionHelp)
    .option('--json', 'print JSON')
    .action(async (options: { db?: string; json?: boolean }) => {
      await withStore(io, options.db, async (store, where) => {
        const surveys = await store.surveys.list();
        if (options.json) {
          io.out(`${JSON.stringify(surveys, null, 2)}\n`);
          return;
        }
        if (surveys.length === 0) {
          io.out(`No surveys in ${where}. Import one with 'canvass survey import FILE' or load the example with 'canvass seed digital-gap-2017'.\n`);
          return;
        }
        for (const s of surveys) io.out(`${s.id.padEnd(28)} ${String(s.responses).padStart(7)} responses   ${s.title}\n`);
      });
    });
}
