/** Where the CLI writes; tests pass their own to capture output without a child process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether a person is watching stderr, so progress bars make sense. */
  interactive: boolean;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  interactive: Boolean(process.stderr.isTTY),
  env: process.env,
};

export const exitCodes = { ok: 0, userError: 1, internalError: 2 } as const;
