import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface ChildRun {
  /** From spawning the process until it has exited and its output is read. */
  ms: number;
  stdout: string;
  /** The child's peak resident set size, when it reported it (see max-rss-on-exit.ts). */
  maxRssBytes: number | undefined;
}

const maxRssPreload = new URL('./max-rss-on-exit.js', import.meta.url).href;

/**
 * Runs `node ARGS` as a whole process, as a user would, and times it: start-up, imports and all.
 * Fails with the child's standard error when it exits with anything but 0.
 */
export function timeNodeProcess(args: readonly string[], scratch: string, label: string): Promise<ChildRun> {
  const rssFile = join(scratch, `${label}-${process.pid}.maxrss`);
  rmSync(rssFile, { force: true });
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', maxRssPreload, ...args], { env: { ...process.env, BENCH_MAX_RSS_FILE: rssFile }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) {
        reject(new Error(`${label} exited with ${code}: ${Buffer.concat(err).toString().trim().slice(0, 2000)}`));
        return;
      }
      const maxRssBytes = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : undefined;
      resolve({ ms, stdout: Buffer.concat(out).toString(), maxRssBytes });
    });
  });
}
