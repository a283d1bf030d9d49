import { errorCatalogue, type ErrorCode, type Problem } from './catalogue.js';

/** An error with a catalogue code; `message` is for the user, `detail` for the developer. */
export class CanvassError extends Error {
  readonly code: ErrorCode;
  readonly problems: readonly Problem[];
  readonly detail: string | undefined;

  constructor(code: ErrorCode, message: string, options: { problems?: readonly Problem[]; detail?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CanvassError';
    this.code = code;
    this.problems = options.problems ?? [];
    this.detail = options.detail;
  }

  get status(): number {
    return errorCatalogue[this.code].status;
  }

  get isUserError(): boolean {
    return errorCatalogue[this.code].kind === 'user';
  }
}

/** Formats problems one per line, the way the CLI and logs show them. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems
    .map((p) => `  - ${p.where}: ${p.message}${p.expected ? ` (expected ${p.expected})` : ''}`)
    .join('\n');
}
