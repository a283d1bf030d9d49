import type { AddressInfo } from 'node:net';
import { CanvassError } from '../errors/canvass-error.js';
import { ensureFirstAdmin } from '../operations/admin-accounts.js';
import type { Store } from '../storage/store.js';
import { buildWebApp } from '../web/app.js';
import type { RateLimits } from '../web/security.js';
import type { CliIo } from './cli-io.js';

export interface ServerOptions {
  port: string;
  host: string;
  trustProxy?: boolean;
  /** From {@link serverRateLimits}: the defaults of the web app where not given. */
  rateLimits?: Partial<RateLimits>;
}

/**
 * The rate limits `--rate-limit N` (responses a minute per client: an API token, else an
 * address) or, without it, `CANVASS_RATE_LIMIT` set; the web app's defaults for the rest.
 */
export function serverRateLimits(option: string | undefined, env: NodeJS.ProcessEnv): Partial<RateLimits> {
  const [given, source] = option !== undefined ? [option, `--rate-limit ${option}`] : [env.CANVASS_RATE_LIMIT, `CANVASS_RATE_LIMIT=${env.CANVASS_RATE_LIMIT}`];
  if (given === undefined) return {};
  const max = /^\s*\d+\s*$/.test(given) ? Number(given) : Number.NaN;
  if (!Number.isSafeInteger(max) || max < 1) throw new CanvassError('option.invalid', `${source} is not a number of responses: give a whole number of responses a minute per client, at least 1`);
  return { submissions: { max, timeWindow: 60_000 } };
}

export interface ServerAddresses {
  base: string;
  admin: string;
  apiDocs: string;
  survey: (surveyId: string) => string;
}

/**
 * Serves the web app on the store until SIGINT or SIGTERM, then closes it. Sets up the first
 * admin on a database without one, and prints where everything is and how to sign in (a
 * generated password only this once). `describe` adds lines about the surveys being served.
 */
export async function runServer(io: CliIo, store: Store, options: ServerOptions, describe: (addresses: ServerAddresses) => Promise<string[]>): Promise<void> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CanvassError('option.invalid', `--port ${options.port} is not a port number: use a whole number from 0 to 65535`);
  const admin = await ensureFirstAdmin(store, io.env);
  const app = await buildWebApp({ store, env: io.env, trustProxy: options.trustProxy ?? false, ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}), logger: { level: 'warn', stream: { write: (line: string) => io.err(line) } } });
  try {
    await app.listen({ port, host: options.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CanvassError('option.invalid', `Port ${port} on ${options.host} is in use: stop what is using it, or choose another with --port`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new CanvassError('option.invalid', `Cannot listen on --host ${options.host}: it is not an address of this machine`);
    throw error;
  }
  const { port: actualPort } = app.server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host.includes(':') ? `[${options.host}]` : options.host;
  const base = `http://${host}:${actualPort}`;
  const addresses: ServerAddresses = { base, admin: `${base}/admin`, apiDocs: `${base}/api/v1/docs`, survey: (id) => `${base}/s/${id}` };
  const signIn = !admin.created
    ? ['Sign in with an admin account of this database (the first was set up, and its password shown, the first time it was served).']
    : admin.generatedPassword
      ? [`Sign in as ${admin.email} with the password ${admin.generatedPassword}`, 'The password is shown only this once (only its hash is stored); set CANVASS_ADMIN_EMAIL and CANVASS_ADMIN_PASSWORD before the first start to choose your own.']
      : [`Sign in as ${admin.email} with the password in CANVASS_ADMIN_PASSWORD.`];
  io.out(
    [
      `Canvass is running at ${base}`,
      ...(await describe(addresses)),
      `  Admin:        ${addresses.admin}`,
      `  API docs:     ${addresses.apiDocs}`,
      ...signIn,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const signal = await untilStopped();
  io.err(`Stopping (${signal})…\n`);
  await app.close();
}

function untilStopped(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
