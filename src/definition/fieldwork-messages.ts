import { z } from 'zod';

/**
 * The emails of fieldwork, as a definition may word them: an invitation and a reminder, each a
 * subject and a plain-text body, in the default language and, optionally, per language tag (a
 * contact's `language` picks them; any text a language leaves out is the default's).
 *
 * Placeholders are written as GOV.UK Notify writes them, `((name))`, so a Notify template can use
 * the same: ((name)), ((organisation)), ((survey)), ((link)) and ((closing date)). Any other name
 * is refused when the definition is loaded, and a body must carry ((link)): without it the person
 * has no way in.
 */
export const messagePlaceholders = ['name', 'organisation', 'survey', 'link', 'closing date'] as const;
export type MessagePlaceholder = (typeof messagePlaceholders)[number];

const placeholderPattern = /\(\(([^()]*)\)\)/g;

function placeholderText(what: 'subject' | 'body') {
  return z
    .string()
    .trim()
    .min(1, `a message needs a ${what}`)
    .max(what === 'subject' ? 200 : 10_000)
    .superRefine((text, context) => {
      for (const match of text.matchAll(placeholderPattern)) {
        const name = match[1]!;
        if (!(messagePlaceholders as readonly string[]).includes(name)) {
          context.addIssue({ code: 'custom', message: `((${name})) is not a placeholder; use ${messagePlaceholders.map((p) => `((${p}))`).join(', ')}` });
        }
      }
      if (what === 'subject' && text.includes('((link))')) context.addIssue({ code: 'custom', message: 'a subject cannot hold ((link)); put the link in the body' });
      if (what === 'body' && !text.includes('((link))')) context.addIssue({ code: 'custom', message: 'the body must hold ((link)), the person’s own link' });
    });
}

export const messageSchema = z.strictObject({ subject: placeholderText('subject'), body: placeholderText('body') });
const languageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language is a tag like en, cy or en-GB');

export const fieldworkMessagesSchema = z.strictObject({
  invitation: messageSchema.optional(),
  reminder: messageSchema.optional(),
  languages: z.record(languageTag, z.strictObject({ invitation: messageSchema.optional(), reminder: messageSchema.optional() })).optional(),
});

/** When a survey stops taking responses: a date and time with its offset, `2026-05-01T17:00:00+01:00` or `…Z`. */
export const closesSchema = z.iso.datetime({ offset: true, message: 'a closing date is a date and time with its offset, like 2026-05-01T17:00:00+01:00 or 2026-05-01T16:00:00Z' });

export type FieldworkMessages = z.infer<typeof fieldworkMessagesSchema>;
export type Message = z.infer<typeof messageSchema>;
export type MessageKind = 'invitation' | 'reminder';

/** What is sent when a definition words nothing: no country's or sector's vocabulary. */
export const defaultMessages: Record<MessageKind, Message> = {
  invitation: {
    subject: 'Take part in ((survey))',
    body: [
      'Dear ((name)),',
      '',
      'You are invited to take part in ((survey)), for ((organisation)).',
      '',
      'Your own link to the survey:',
      '((link))',
      '',
      'The link works for one response; please do not pass it on. The survey closes ((closing date)).',
      '',
      'Your answers are not linked to your name or email address.',
    ].join('\n'),
  },
  reminder: {
    subject: 'Reminder: take part in ((survey))',
    body: [
      'Dear ((name)),',
      '',
      'We have not yet had a response through your link to ((survey)), for ((organisation)). There is still time: the survey closes ((closing date)).',
      '',
      'Your own link to the survey:',
      '((link))',
      '',
      'Your answers are not linked to your name or email address. If you have responded in another way, please ignore this email.',
    ].join('\n'),
  },
};

/** The subject and body for a kind of message in a language: the language's, else the definition's default, else Canvass's. */
export function messageFor(messages: FieldworkMessages | undefined, kind: MessageKind, language: string | undefined): Message {
  const inLanguage = language === undefined ? undefined : (messages?.languages?.[language] ?? messages?.languages?.[language.split('-')[0]!])?.[kind];
  return inLanguage ?? messages?.[kind] ?? defaultMessages[kind];
}

/** Fills a message's placeholders (the values as given: the body is plain text). */
export function fillMessage(text: string, values: Record<MessagePlaceholder, string>): string {
  return text.replace(placeholderPattern, (whole, name: string) => ((messagePlaceholders as readonly string[]).includes(name) ? values[name as MessagePlaceholder] : whole));
}
