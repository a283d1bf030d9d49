import { Command, CommanderError } from 'commander';
import { CanvassError, formatProblems } from '../errors/canvass-error.js';
import { exitCodes, type CliIo } from './cli-io.js';

type Register = (program: Command, io: CliIo) => void;

/**
 * The commands, in the order help lists them, each with the module that registers it. A run loads
 * only the module of the command it names (and what that imports), so `canvass results` starts
 * without the web server, the XLSX writer or the report renderer; help, or a name that is not a
 * command, loads them all.
 */
const commandModules: Array<{ names: readonly string[]; load: () => Promise<Register> }> = [
  { names: ['demo'], load: async () => (await import('./commands/demo-command.js')).registerDemoCommand },
  { names: ['survey'], load: async () => (await import('./commands/survey-commands.js')).registerSurveyCommands },
  { names: ['orgs'], load: async () => (await import('./commands/orgs-commands.js')).registerOrgsCommands },
  { names: ['responses'], load: async () => (await import('./commands/responses-commands.js')).registerResponsesCommands },
  { names: ['seed'], load: async () => (await import('./commands/seed-command.js')).registerSeedCommand },
  { names: ['results'], load: async () => (await import('./commands/results-command.js')).registerResultsCommand },
  { names: ['export'], load: async () => (await import('./commands/export-command.js')).registerExportCommand },
  { names: ['benchmark'], load: async () => (await import('./commands/benchmark-command.js')).registerBenchmarkCommand },
  { names: ['report'], load: async () => (await import('./commands/report-command.js')).registerReportCommand },
  { names: ['release', 'releases', 'publish', 'unpublish'], load: async () => (await import('./commands/release-commands.js')).registerReleaseCommands },
  { names: ['contacts', 'invitations', 'leads', 'close'], load: async () => (await import('./commands/fieldwork-commands.js')).registerFieldworkCommands },
  { names: ['audit'], load: async () => (await import('./commands/audit-command.js')).registerAuditCommand },
  { names: ['serve'], load: async () => (await import('./commands/serve-command.js')).registerServeCommand },
];

/** The registrations a run needs: the named command's, or every one. */
async function registrationsFor(args: readonly string[]): Promise<Register[]> {
  const named = commandModules.filter((c) => c.names.includes(args[0] ?? ''));
  return Promise.all((named.length > 0 ? named : commandModules).map((c) => c.load()));
}

export function buildProgram(io: CliIo, registrations: readonly Register[]): Command {
  const program = new Command('canvass')
    .description('Canvass: multi-organisation public-sector surveys — questionnaires as data, survey statistics, benchmarks and reports')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  for (const register of registrations) register(program, io);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
    for (const sub of command.commands) sub.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  }
  return program;
}

/**
 * Runs the CLI and returns its exit code: 0 success, 1 a user error (with a message naming
 * what to fix), 2 an internal error.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io, await registrationsFor(args));
  try {
    if (args.length === 0) {
      program.outputHelp();
      return exitCodes.ok;
    }
    await program.parseAsync([...args], { from: 'user' });
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.userError;
    if (error instanceof CanvassError && error.isUserError) {
      io.err(`Error: ${error.message}\n`);
      if (error.problems.length > 0) io.err(`${formatProblems(error.problems)}\n`);
      return exitCodes.userError;
    }
    io.err(`Internal error: ${(error as Error).message}\n`);
    if (error instanceof CanvassError && error.problems.length > 0) io.err(`${formatProblems(error.problems)}\n`);
    if (io.env.CANVASS_DEBUG) io.err(`${(error as Error).stack}\n`);
    else io.err('This is a fault in Canvass, not in your input. Run again with CANVASS_DEBUG=1 to see the details.\n');
    return exitCodes.internalError;
  }
}
