import type { Command } from 'commander';
import { importRegister } from '../../operations/import-register.js';
import { registerColumns } from '../../register/parse-register-csv.js';
import { cliActor } from '../cli-actor.js';
import type { CliIo } from '../cli-io.js';
import { readInputFile } from '../read-input-file.js';
import { dbOptionHelp, withStore } from '../with-store.js';

export function registerOrgsCommands(program: Command, io: CliIo): void {
  const orgs = program.command('orgs').description('the organisation register');
  orgs
    .command('import')
    .argument('<file>', `a CSV with the columns ${registerColumns.join(',')} (region, parent and headcount may be empty)`)
    .description('validate a register CSV and add or update its organisations, all or nothing')
    .option('--db <url>', dbOptionHelp)
    .action(async (file: string, options: { db?: string }) => {
      const text = await readInputFile(file);
      await withStore(io, options.db, async (store, where) => {
        const { created, updated } = await importRegister(store, text, file, cliActor(io));
        io.out(`Imported ${created + updated} organisations into ${where}: ${created} new, ${updated} updated\n`);
      });
    });
}
