import type { Command } from 'commander';
import { loadRegisterSchemaText } from '../../definition/load-register-schema.js';
import { CanvassError } from '../../errors/canvass-error.js';
import { importRegister, type RegisterSchemaSource } from '../../operations/import-register.js';
import { cliActor } from '../cli-actor.js';
import type { CliIo } from '../cli-io.js';
import { readInputFile } from '../read-input-file.js';
import { dbOptionHelp, withStore } from '../with-store.js';

export function registerOrgsCommands(program: Command, io: CliIo): void {
  const orgs = program.command('orgs').description('the organisation register');
  orgs
    .command('import')
    .argument('<file>', 'a CSV with the columns id,name[,parent,headcount] and one per attribute of the register (empty cells for no value)')
    .description('validate a register CSV and add or update its organisations, all or nothing')
    .option('--survey <id>', "check the attributes against this survey's register (its definition's register section)")
    .option('--schema <file>', 'check the attributes against a register schema file (YAML: attributes and peerGroup)')
    .option('--db <url>', dbOptionHelp)
    .addHelpText('after', '\nWithout --survey or --schema, every column besides id, name, parent and headcount is kept as a text attribute.')
    .action(async (file: string, options: { db?: string; survey?: string; schema?: string }) => {
      if (options.survey !== undefined && options.schema !== undefined) throw new CanvassError('option.invalid', 'Give --survey or --schema, not both: the register is checked against one schema');
      let against: RegisterSchemaSource;
      if (options.schema !== undefined) {
        const read = loadRegisterSchemaText(await readInputFile(options.schema));
        if (!read.ok) throw new CanvassError('register.invalid', `${options.schema} is not a valid register schema (${read.problems.length} problem${read.problems.length === 1 ? '' : 's'})`, { problems: read.problems });
        against = { schema: read.register };
      } else if (options.survey !== undefined) against = { survey: options.survey };
      const text = await readInputFile(file);
      await withStore(io, options.db, async (store, where) => {
        const { created, updated } = await importRegister(store, text, file, cliActor(io), against);
        io.out(`Imported ${created + updated} organisations into ${where}: ${created} new, ${updated} updated\n`);
      });
    });
}
