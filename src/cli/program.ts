import { Command, CommanderError } from 'commander';
import { CanvassError, formatProblems } from '../errors/canvass-error.js';
import { exitCodes, type CliIo } from './cli-io.js';
import { registerBenchmarkCommand } from './commands/benchmark-command.js';
import { registerDemoCommand } from './commands/demo-command.js';
import { registerExportCommand } from './commands/export-command.js';
import { registerOrgsCommands } from './commands/orgs-commands.js';
import { registerReleaseCommands } from './commands/release-commands.js';
import { registerResponsesCommands } from './commands/responses-commands.js';
import { registerReportCommand } from './commands/report-command.js';
import { registerResultsCommand } from './commands/results-command.js';
import { registerSeedCommand } from './commands/seed-command.js';
import { registerServeCommand } from './commands/serve-command.js';
import { registerSurveyCommands } from './commands/survey-commands.js';

export function buildProgram(io: CliIo): Command {
  const program = new Command('canvass')
    .description('Canvass: multi-organisation public-sector surveys — questionnaires as data, survey statistics, benchmarks and reports')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  registerDemoCommand(program, io);
  registerSurveyCommands(program, io);
  registerOrgsCommands(program, io);
  registerResponsesCommands(program, io);
  registerSeedCommand(program, io);
  registerResultsCommand(program, io);
  registerExportCommand(program, io);
  registerBenchmarkCommand(program, io);
  registerReportCommand(program, io);
  registerReleaseCommands(program, io);
  registerServeCommand(program, io);
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
  const program = buildProgram(io);
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
