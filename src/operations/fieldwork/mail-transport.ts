import { createTransport } from 'nodemailer';
import { NotifyClient } from 'notifications-node-client';
import { CanvassError } from '../../errors/canvass-error.js';

/** What fieldwork sends: an invitation or reminder to a respondent, or a lead's sign-in link. */
export type EmailKind = 'invitation' | 'reminder' | 'sign-in';

export interface OutgoingEmail {
  to: string;
  kind: EmailKind;
  /** The subject and plain-text body, placeholders filled (SMTP sends these). */
  subject: string;
  body: string;
  /** The placeholders' values with the subject and body, for a Notify template to use. */
  personalisation: Record<string, string>;
  /** Ours, for the provider's records (Notify's `reference`): never an answer. */
  reference: string;
}

/**
 * The transport refused this one message, and nothing went: a bad address, a template that does
 * not fit. Sending goes on with the next contact. Any other error stops the run (the server is
 * unreachable, the key is wrong): it would fail for everyone.
 */
export class MessageRefused extends Error {}

export interface MailTransport {
  /** 'smtp' or 'notify', for the audit log and messages. */
  readonly name: string;
  /** How many messages a second it is paced to (CANVASS_MAIL_RATE, else the transport's default). */
  readonly ratePerSecond: number;
  /** Sends one message; resolves with the provider's id for it once accepted. */
  send(email: OutgoingEmail): Promise<{ id: string | undefined }>;
  close(): void;
}

const notifyTemplateVariables: Record<EmailKind, string> = {
  invitation: 'CANVASS_NOTIFY_INVITATION_TEMPLATE',
  reminder: 'CANVASS_NOTIFY_REMINDER_TEMPLATE',
  'sign-in': 'CANVASS_NOTIFY_SIGN_IN_TEMPLATE',
};

/**
 * The transport the environment configures, and only the environment (no option carries a
 * secret): GOV.UK Notify when CANVASS_NOTIFY_API_KEY is set (templates from
 * CANVASS_NOTIFY_INVITATION_TEMPLATE, _REMINDER_TEMPLATE, _SIGN_IN_TEMPLATE; CANVASS_NOTIFY_BASE_URL
 * for another API address), else SMTP at CANVASS_SMTP_URL from CANVASS_MAIL_FROM. Paced to
 * CANVASS_MAIL_RATE messages a second (default 10 for SMTP, 20 for Notify, whose limit is 3,000
 * a minute). A user error that names what to set when neither is.
 */
export function mailTransportFromEnv(env: NodeJS.ProcessEnv = process.env): MailTransport {
  const rate = (fallback: number) => {
    const given = env.CANVASS_MAIL_RATE;
    if (given === undefined || given === '') return fallback;
    const n = Number(given);
    if (!Number.isFinite(n) || n <= 0 || n > 1000) throw new CanvassError('option.invalid', `CANVASS_MAIL_RATE is '${given}': give how many emails a second to send, a number above 0 and at most 1000`);
    return n;
  };
  if (env.CANVASS_NOTIFY_API_KEY) return notifyTransport(env, rate(20));
  if (env.CANVASS_SMTP_URL) return smtpTransport(env, rate(10));
  throw new CanvassError(
    'mail.not-configured',
    'No way to send email is set up: set CANVASS_SMTP_URL (e.g. smtp://user:password@mail.example.org:587) and CANVASS_MAIL_FROM, or CANVASS_NOTIFY_API_KEY and the CANVASS_NOTIFY_*_TEMPLATE ids for GOV.UK Notify',
  );
}

function smtpTransport(env: NodeJS.ProcessEnv, ratePerSecond: number): MailTransport {
  const from = env.CANVASS_MAIL_FROM?.trim();
  if (!from) throw new CanvassError('mail.not-configured', 'CANVASS_SMTP_URL is set but not CANVASS_MAIL_FROM: set the address emails come from, e.g. "Survey team <survey@example.org>"');
  let transporter;
  try {
    transporter = createTransport(env.CANVASS_SMTP_URL!);
  } catch (error) {
    throw new CanvassError('mail.not-configured', `CANVASS_SMTP_URL is not an SMTP address (${(error as Error).message}); give one like smtp://user:password@mail.example.org:587`);
  }
  return {
    name: 'smtp',
    ratePerSecond,
    async send(email) {
      try {
        const info = await transporter.sendMail({ from, to: email.to, subject: email.subject, text: email.body });
        return { id: info.messageId };
      } catch (error) {
        // A reply code from the server is about this message (a 5xx refusal, a 4xx deferral);
        // without one the connection itself failed.
        const code = (error as { responseCode?: unknown }).responseCode;
        if (typeof code === 'number') throw new MessageRefused(`SMTP ${code}: ${(error as { response?: string }).response ?? (error as Error).message}`);
        throw new CanvassError('mail.failed', `The SMTP server at CANVASS_SMTP_URL did not take the email: ${(error as Error).message}`);
      }
    },
    close: () => transporter.close(),
  };
}

function notifyTransport(env: NodeJS.ProcessEnv, ratePerSecond: number): MailTransport {
  const apiKey = env.CANVASS_NOTIFY_API_KEY!;
  if (apiKey.length < 74) throw new CanvassError('mail.not-configured', 'CANVASS_NOTIFY_API_KEY is not a GOV.UK Notify API key (it ends with the service id and the secret, 36 characters each)');
  const client = env.CANVASS_NOTIFY_BASE_URL ? new NotifyClient(env.CANVASS_NOTIFY_BASE_URL, apiKey) : new NotifyClient(apiKey);
  return {
    name: 'notify',
    ratePerSecond,
    async send(email) {
      const variable = notifyTemplateVariables[email.kind];
      const templateId = env[variable];
      if (!templateId) throw new CanvassError('mail.not-configured', `GOV.UK Notify needs a template for this email: set ${variable} to the template's id`);
      try {
        const response = await client.sendEmail(templateId, email.to, { personalisation: email.personalisation, reference: email.reference });
        return { id: response.data.id };
      } catch (error) {
        const response = (error as { response?: { status?: number; data?: { errors?: Array<{ error?: string; message?: string }> } } }).response;
        const first = response?.data?.errors?.[0];
        const detail = first ? `${first.error ?? 'Error'}: ${first.message ?? ''}` : (error as Error).message;
        // Notify's 400s are about this message (address, personalisation); 403 (the key), 429
        // (the limit) and 5xx would fail for every message.
        if (response?.status === 400) throw new MessageRefused(`Notify ${response.status}: ${detail}`);
        throw new CanvassError('mail.failed', `GOV.UK Notify did not take the email (${response?.status ?? 'no answer'}: ${detail})`);
      }
    },
    close: () => {},
  };
}
