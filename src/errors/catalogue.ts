/**
 * The one error catalogue. Every error that leaves a layer has a stable code, the HTTP status a
 * web caller would get, and a user message apart from the developer detail. Validation problems
 * are data (lists of {@link Problem}), carried by an error only at the edge.
 */
export const errorCatalogue = {
  'definition.invalid': { status: 422, kind: 'user', title: 'The questionnaire definition has problems' },
  'definition.unreadable': { status: 400, kind: 'user', title: 'The questionnaire file could not be read' },
  'expression.invalid': { status: 422, kind: 'user', title: 'The expression could not be understood' },
  'register.invalid': { status: 422, kind: 'user', title: 'The organisation register has problems' },
  'response.invalid': { status: 422, kind: 'user', title: 'The response has problems' },
  'response.idempotency-conflict': { status: 409, kind: 'user', title: 'The Idempotency-Key was used with a different request body' },
  'response.not-found': { status: 404, kind: 'user', title: 'No such response' },
  'response.withdrawn': { status: 409, kind: 'user', title: 'The response was withdrawn already' },
  'import.invalid': { status: 422, kind: 'user', title: 'The file was not imported' },
  'import.duplicate': { status: 409, kind: 'user', title: 'The file holds responses already stored, or the same response twice' },
  'survey.not-found': { status: 404, kind: 'user', title: 'No such survey' },
  'survey.closed': { status: 410, kind: 'user', title: 'The survey has closed' },
  'mail.not-configured': { status: 400, kind: 'user', title: 'No way to send email is configured' },
  'mail.failed': { status: 502, kind: 'user', title: 'The email service did not take the email' },
  'organisation.not-found': { status: 404, kind: 'user', title: 'No such organisation' },
  'option.invalid': { status: 400, kind: 'user', title: 'An option is not valid' },
  'database.url': { status: 400, kind: 'user', title: 'The database address is not valid' },
  'database.unreachable': { status: 503, kind: 'user', title: 'The database did not answer' },
  'file.not-found': { status: 404, kind: 'user', title: 'The file does not exist' },
  'file.not-utf8': { status: 400, kind: 'user', title: 'The file is not UTF-8' },
  'admin.setup': { status: 400, kind: 'user', title: 'The first admin account could not be set up' },
  'auth.required': { status: 401, kind: 'user', title: 'A valid API token is needed' },
  'auth.draft-access': { status: 403, kind: 'user', title: 'This API token may not read drafts' },
  'request.csrf': { status: 403, kind: 'user', title: 'The form could not be checked' },
  'request.not-found': { status: 404, kind: 'user', title: 'Page not found' },
  'request.too-large': { status: 413, kind: 'user', title: 'The request is too large' },
  'request.unsupported-type': { status: 415, kind: 'user', title: 'The request body is not in a format Canvass accepts' },
  'request.invalid': { status: 400, kind: 'user', title: 'The request could not be read' },
  'request.rate-limited': { status: 429, kind: 'user', title: 'Too many requests' },
  'invitation.unusable': { status: 410, kind: 'user', title: 'The invitation link cannot be used' },
  'pdf.chromium-missing': { status: 503, kind: 'user', title: 'Chromium is needed to write a PDF' },
  'report.not-published': { status: 404, kind: 'user', title: 'This report is not published' },
  'release.empty': { status: 409, kind: 'user', title: 'There is nothing to release' },
  'release.not-found': { status: 404, kind: 'user', title: 'No such release' },
  internal: { status: 500, kind: 'internal', title: 'Something went wrong inside Canvass' },
} as const satisfies Record<string, { status: number; kind: 'user' | 'internal'; title: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** One thing wrong with some input: where it is, what is wrong, and what was expected. */
export interface Problem {
  /** Where the problem is, for a person: `questions[3] (barriers).options[1].code`, `row 7, column approach`. */
  where: string;
  /** A stable machine-readable code such as `unknown-code`. */
  code: string;
  message: string;
  expected?: string;
}
