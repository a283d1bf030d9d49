import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Where the CLI writes; tests pass their own to capture output without a child process. */
export interface CliIo {
  out(text: string): void;
  /**
   * Standard output as a stream, for long outputs written with backpressure (see
   * {@link writeOut}); without it they go through `out`, as tests capture them.
   */
  outStream?: Writable;
  err(text: string): void;
  /** Whether a person is watching stderr, so progress bars make sense. */
  interactive: boolean;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  outStream: process.stdout,
  err: (text) => process.stderr.write(text),
  interactive: Boolean(process.stderr.isTTY),
  env: process.env,
};

export const exitCodes = { ok: 0, userError: 1, internalError: 2 } as const;

/** Writes a stream of text to standard output, waiting whenever the reader is behind, so its memory stays flat. */
export async function writeOut(io: CliIo, source: Readable): Promise<void> {
  if (io.outStream) {
    await pipeline(source, io.outStream, { end: false });
    return;
  }
  source.setEncoding('utf8');
  for await (const text of source) io.out(text as string);
}
