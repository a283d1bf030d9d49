import { userInfo } from 'node:os';
import type { CliIo } from './cli-io.js';

/**
 * Who the command line is in the audit log: 'cli:' and the name of the operating-system user
 * running it (from the environment when the system has no entry for the user, as in some
 * containers).
 */
export function cliActor(io: CliIo): string {
  let name: string | undefined;
  try {
    name = userInfo().username;
  } catch {
    name = io.env.USER ?? io.env.USERNAME ?? io.env.LOGNAME;
  }
  return `cli:${name || 'unknown'}`;
}
