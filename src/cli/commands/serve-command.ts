import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { dbOptionHelp, withStore } from '../with-store.js';

export const serveOptionHelp = {
  port: 'port to listen on (0: any free port)',
  host: 'address to listen on; 0.0.0.0 for every interface',
  trustProxy: 'trust X-Forwarded-* headers from a reverse proxy that terminates TLS (Secure cookies, client address)',
  rateLimit: 'responses a minute accepted from one client (an API token, else an address), web forms and API (default: $CANVASS_RATE_LIMIT, else 60)',
};

export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('run the web server: respondent forms at /s/SURVEY, admin at /admin, the JSON API at /api/v1')
    .option('--port <port>', serveOptionHelp.port, '3000')
    .option('--host <host>', serveOptionHelp.host, '127.0.0.1')
    .option('--trust-proxy', serveOptionHelp.trustProxy)
    .option('--rate-limit <n>', serveOptionHelp.rateLimit)
    .option('--db <url>', dbOptionHelp)
    .action(async (options: { port: string; host: string; trustProxy?: boolean; rateLimit?: string; db?: string }) => {
      // The web server (Fastify and every route) is loaded only by the commands that run it.
      const { runServer, serverRateLimits } = await import('../run-server.js');
      const rateLimits = serverRateLimits(options.rateLimit, io.env);
      await withStore(io, options.db, async (store, where) => {
        await runServer(io, store, { ...options, rateLimits }, async (addresses) => {
          const surveys = await store.surveys.list();
          return [
            `  Database:     ${where}`,
            ...(surveys.length === 0
              ? ['  No surveys yet: import one in the admin, or run canvass seed digital-gap-2017']
              : surveys.map((s) => `  Respondents:  ${addresses.survey(s.id)}  (${s.title})`)),
          ];
        });
      });
    });
}
