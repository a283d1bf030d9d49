#!/usr/bin/env node
import { processIo } from './cli-io.js';
import { runCli } from './program.js';

// Piped into `head` or a pager that quits early: stop quietly, as other command-line tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), processIo);
