import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedEmail {
  from: string;
  to: string[];
  subject: string;
  /** The plain-text body, decoded (quoted-printable or base64 as nodemailer wrote it). */
  text: string;
}

/**
 * A real SMTP server on loopback (smtp-server, from nodemailer's author) that keeps every message
 * it accepts; recipients in `refuse` are refused with 550, as a mail server refuses an unknown mailbox.
 */
export async function startSmtpServer(options: { refuse?: readonly string[] } = {}): Promise<{ url: string; received: ReceivedEmail[]; close(): Promise<void> }> {
  const received: ReceivedEmail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.refuse?.includes(address.address.toLowerCase())) {
        const error = new Error('Mailbox unavailable') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), ...parseMessage(Buffer.concat(chunks).toString('utf8')) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The subject and decoded text body of a single-part message as nodemailer writes a text email. */
function parseMessage(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'quoted-printable' ? Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
    : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8')
    : body;
  return { subject: decodeWords(header('Subject')), text: text.replace(/\r\n/g, '\n') };
}

/** RFC 2047 encoded words in a header (=?UTF-8?Q?…?= or =?UTF-8?B?…?=). */
function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_, kind: string, data: string) =>
    kind.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
  );
}

export interface NotifyRequest {
  template_id: string;
  email_address: string;
  personalisation: Record<string, string>;
  reference?: string;
}

/** A GOV.UK Notify API key as the service issues them: name, service id and secret. */
export const notifyServiceId = '26785a09-ab16-4eb0-8407-a37497a57506';
export const notifySecret = '3d844edf-8d35-48ac-975b-e847b4f122b0';
export const notifyApiKey = `canvass_test-${notifyServiceId}-${notifySecret}`;

/**
 * A local HTTP server speaking the part of GOV.UK Notify's API that sending uses:
 * POST /v2/notifications/email with a JWT bearer token (HS256, signed with the key's secret,
 * `iss` the service id, `iat` within 30 seconds), answering 201 with the notification as Notify
 * does, 403 with Notify's error body for a bad token, and 400 for an address in `refuse`.
 */
export async function startNotifyServer(options: { refuse?: readonly string[] } = {}): Promise<{ url: string; requests: NotifyRequest[]; rejectedTokens: number; close(): Promise<void> }> {
  const state = { requests: [] as NotifyRequest[], rejectedTokens: 0 };
  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const send = (status: number, value: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      if (request.method !== 'POST' || request.url !== '/v2/notifications/email') return send(404, { status_code: 404, errors: [{ error: 'NotFound', message: 'Not found' }] });
      if (!validToken(request.headers.authorization)) {
        state.rejectedTokens++;
        return send(403, { status_code: 403, errors: [{ error: 'AuthError', message: 'Invalid token: signature, api token not found' }] });
      }
      const payload = JSON.parse(body) as NotifyRequest;
      if (options.refuse?.includes(payload.email_address)) return send(400, { status_code: 400, errors: [{ error: 'BadRequestError', message: 'Can’t send to this recipient using a team-only API key' }] });
      state.requests.push(payload);
      const id = `9f1c${String(state.requests.length).padStart(4, '0')}-0000-4000-8000-000000000000`;
      return send(201, { id, reference: payload.reference ?? null, content: { subject: payload.personalisation.subject ?? '', body: payload.personalisation.body ?? '', from_email: 'survey@notifications.service.gov.uk' }, uri: `/v2/notifications/${id}`, template: { id: payload.template_id, version: 1, uri: '' } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    get rejectedTokens() {
      return state.rejectedTokens;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function validToken(header: string | undefined): boolean {
  const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  const [head, claims, signature] = token?.split('.') ?? [];
  if (!head || !claims || !signature) return false;
  const expected = createHmac('sha256', notifySecret).update(`${head}.${claims}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  const alg = (JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string }).alg;
  const body = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { iss?: string; iat?: number };
  return alg === 'HS256' && body.iss === notifyServiceId && typeof body.iat === 'number' && Math.abs(Date.now() / 1000 - body.iat) <= 30;
}
