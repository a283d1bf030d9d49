import { Readable } from 'node:stream';
import type { Command } from 'commander';
import { CanvassError } from '../../errors/canvass-error.js';
import { contactStatus, importContacts, listContacts } from '../../operations/fieldwork/contacts.js';
import { sendSurveyLeadLinks, sentLinkHours, signInLinksPerQuarterHour } from '../../operations/fieldwork/lead-access.js';
import { mailTransportFromEnv } from '../../operations/fieldwork/mail-transport.js';
import { createOrganisationLinks, exportLinksCsv, linkUrl, publicBaseUrl } from '../../operations/fieldwork/personal-links.js';
import { sendFieldworkEmails } from '../../operations/fieldwork/send-invitations.js';
import { describeClosing, parseClosing, setSurveyClosing, surveyClosesAt } from '../../operations/fieldwork/survey-closing.js';
import { requireSurvey } from '../../operations/survey-lookup.js';
import { cliActor } from '../cli-actor.js';
import type { CliIo } from '../cli-io.js';
import { progressReporter } from '../progress.js';
import { readInputFile } from '../read-input-file.js';
import { writeStreamAtomically } from '../write-file-atomically.js';
import { dbOptionHelp, withStore } from '../with-store.js';

const baseUrlHelp = 'the address people reach Canvass at, which links start with (default: $CANVASS_PUBLIC_URL)';

/** `canvass contacts import|list`, `canvass invitations create|export|send`, `canvass leads send`, `canvass close`: fieldwork. */
export function registerFieldworkCommands(program: Command, io: CliIo): void {
  const contacts = program.command('contacts').description("a survey's contacts: respondents (each gets a personal link) and organisation leads");

  contacts
    .command('import')
    .argument('<survey>', 'survey id')
    .argument('<file>', 'a CSV with columns org,email,name,role (respondent or lead) and optionally language')
    .description('check a whole contacts file, then add it in one transaction, each respondent with a single-use link of their own; a file with any problem is refused with every problem listed, and nothing is stored')
    .option('--db <url>', dbOptionHelp)
    .action(async (surveyId: string, file: string, options: { db?: string }) => {
      const text = await readInputFile(file);
      await withStore(io, options.db, async (store, where) => {
        const { respondents, leads } = await importContacts(store, surveyId, text, file, cliActor(io));
        io.out(`Added ${respondents} respondent${respondents === 1 ? '' : 's'} (each with a personal link) and ${leads} lead${leads === 1 ? '' : 's'} to '${surveyId}' in ${where}\n`);
      });
    });

  contacts
    .command('list')
    .argument('<survey>', 'survey id')
    .description("the survey's contacts: organisation, role, name, address and where their emails stand")
    .option('--org <id>', 'only this organisation')
    .option('--json', 'as JSON')
    .option('--db <url>', dbOptionHelp)
    .action(async (surveyId: string, options: { db?: string; org?: string; json?: boolean }) => {
      await withStore(io, options.db, async (store) => {
        const listed = await listContacts(store, surveyId, { orgId: options.org });
        if (options.json) {
          const rows = listed.map((c) => ({ id: c.id, org: c.orgId, role: c.role, name: c.name, email: c.email, language: c.language ?? null, status: contactStatus(c), invitedAt: c.invitedAt ?? null, lastRemindedAt: c.lastRemindedAt ?? null, reminders: c.reminders, linkUsed: c.role === 'respondent' ? c.linkUsed : null, failure: c.deliveryFailure ?? null }));
          io.out(`${JSON.stringify(rows, null, 2)}\n`);
          return;
        }
        if (listed.length === 0) {
          io.out(`'${surveyId}' has no contacts yet: add them with canvass contacts import ${surveyId} FILE.csv\n`);
          return;
        }
        const table = [['org', 'role', 'name', 'email', 'status'], ...listed.map((c) => [c.orgId, c.role, c.name, c.email, contactStatus(c)])];
        const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
        for (const row of table) io.out(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
      });
    });

  const invitations = program.command('invitations').description('personal links: make them, export them for a mail merge, send them by email with reminders');

  invitations
    .command('create')
    .argument('<survey>', 'survey id')
    .description('make single-use links for an organisation to hand out itself, and print them')
    .requiredOption('--org <id>', 'the organisation the links are for')
    .requiredOption('--count <n>', 'how many links')
    .option('--base-url <url>', baseUrlHelp)
    .option('--db <url>', dbOptionHelp)
    .action(async (surveyId: string, options: { db?: string; org: string; count: string; baseUrl?: string }) => {
      const baseUrl = publicBaseUrl(options.baseUrl, io.env);
      const count = /^\d+$/.test(options.count) ? Number(options.count) : NaN;
      await withStore(io, options.db, async (store) => {
        const tokens = await createOrganisationLinks(store, surveyId, options.org, count, cliActor(io));
        for (const token of tokens) io.out(`${linkUrl(baseUrl, token)}\n`);
      });
    });

  invitations
    .command('export')
    .argument('<survey>', 'survey id')
    .description("a CSV of the survey's unused links for a mail merge: org, organisation, name, email, language, link (cells neutralised against formula injection)")
    .option('--org <id>', 'only this organisation')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--base-url <url>', baseUrlHelp)
    .option('--db <url>', dbOptionHelp)
    .action(async (surveyId: string, options: { db?: string; org?: string; out?: string; baseUrl?: string }) => {
      const baseUrl = publicBaseUrl(options.baseUrl, io.env);
      await withStore(io, options.db, async (store) => {
        const { csv, links } = await exportLinksCsv(store, surveyId, baseUrl, cliActor(io), { orgId: options.org });
        if (options.out === undefined) io.out(csv);
        else {
          await writeStreamAtomically(Readable.from([csv]), options.out);
          io.out(`Wrote ${links} link${links === 1 ? '' : 's'} to ${options.out}\n`);
        }
      });
    });

  invitations
    .command('send')
    .argument('<survey>', 'survey id')
    .description(
      'email each respondent contact their personal link (through SMTP or GOV.UK Notify, as the environment sets: see the README), paced; a run that stops can be run again and sends nobody anything twice; nothing is sent after the closing date',
    )
    .option('--reminder', 'send reminders instead: only to contacts invited whose link is still unused, and not reminded within --interval hours')
    .option('--interval <hours>', 'with --reminder: hours since a contact was last reminded before they get another', '24')
    .option('--org <id>', "only this organisation's contacts")
    .option('--dry-run', 'say who would get what, and show the first email; send nothing')
    .option('--retry-interrupted', 'send again to contacts a run that stopped left mid-send (their email may have gone: check the transport first)')
    .option('--base-url <url>', baseUrlHelp)
    .option('--db <url>', dbOptionHelp)
    .action(async (surveyId: string, options: { db?: string; reminder?: boolean; interval: string; org?: string; dryRun?: boolean; retryInterrupted?: boolean; baseUrl?: string }) => {
      const baseUrl = publicBaseUrl(options.baseUrl, io.env);
      const interval = /^\d+(\.\d+)?$/.test(options.interval) ? Number(options.interval) : NaN;
      if (Number.isNaN(interval)) throw new CanvassError('option.invalid', `--interval is a number of hours, not '${options.interval}'`);
      const transport = options.dryRun ? undefined : mailTransportFromEnv(io.env);
      const kind = options.reminder ? 'reminder' : 'invitation';
      try {
        await withStore(io, options.db, async (store) => {
          const progress = progressReporter(io, kind === 'reminder' ? 'Sending reminders' : 'Sending invitations');
          let outcome;
          try {
            outcome = await sendFieldworkEmails(store, transport, { surveyId, kind, orgId: options.org, dryRun: options.dryRun === true, retryInterrupted: options.retryInterrupted === true, reminderIntervalHours: interval, baseUrl, actor: cliActor(io), onProgress: progress.update });
          } finally {
            progress.stop();
          }
          const noun = (n: number) => `${n} ${kind}${n === 1 ? '' : 's'}`;
          if (options.dryRun) {
            io.out(`Dry run: would send ${noun(outcome.selected)}; nothing was sent\n`);
            if (outcome.preview) io.out(`\nThe first, to ${outcome.preview.to}:\nSubject: ${outcome.preview.subject}\n\n${outcome.preview.body}\n`);
          } else {
            io.out(`Sent ${noun(outcome.sent)} through ${transport!.name}${outcome.selected === 0 ? ' (nobody was due one)' : ''}\n`);
            for (const failure of outcome.failed) io.err(`Not sent to ${failure.email}: ${failure.failure}\n`);
          }
          if (outcome.interrupted > 0) {
            io.err(`${outcome.interrupted} contact${outcome.interrupted === 1 ? ' was' : 's were'} left mid-send by a run that stopped: their email may or may not have gone, so it was not sent again. Check, then run again with --retry-interrupted to send it.\n`);
          }
          if (outcome.failed.length > 0) throw new CanvassError('mail.failed', `${outcome.failed.length} email${outcome.failed.length === 1 ? ' was' : 's were'} not sent; each contact keeps why (canvass contacts list ${surveyId}); run again to retry them`);
        });
      } finally {
        transport?.close();
      }
    });

  program
    .command('leads')
    .description("organisation leads: they sign in at /lead with a one-time link emailed to them, and follow their organisation's responses")
    .command('send')
    .argument('<survey>', 'survey id')
    .description(`email each lead of the survey a sign-in link (through SMTP or GOV.UK Notify, as for invitations) that works once within ${sentLinkHours} hours; leads can also ask for one at /lead`)
    .option('--org <id>', "only this organisation's leads")
    .option('--base-url <url>', baseUrlHelp)
    .option('--db <url>', dbOptionHelp)
    .action(async (surveyId: string, options: { db?: string; org?: string; baseUrl?: string }) => {
      const baseUrl = publicBaseUrl(options.baseUrl, io.env);
      const transport = mailTransportFromEnv(io.env);
      try {
        await withStore(io, options.db, async (store) => {
          const outcome = await sendSurveyLeadLinks(store, surveyId, { orgId: options.org, baseUrl, send: (email) => transport.send(email) });
          io.out(`Sent ${outcome.sent} sign-in link${outcome.sent === 1 ? '' : 's'} through ${transport.name}${outcome.skipped > 0 ? ` (${outcome.skipped} lead${outcome.skipped === 1 ? ' was' : 's were'} sent ${signInLinksPerQuarterHour} in the last quarter hour already)` : ''}\n`);
          for (const failure of outcome.failed) io.err(`Not sent to ${failure.email}: ${failure.failure}\n`);
          if (outcome.failed.length > 0) throw new CanvassError('mail.failed', `${outcome.failed.length} sign-in link${outcome.failed.length === 1 ? ' was' : 's were'} not sent`);
        });
      } finally {
        transport.close();
      }
    });

  program
    .command('close')
    .argument('<survey>', 'survey id')
    .description("set when the survey stops taking responses (its links, form and API) and reminders stop, in place of the definition's closes; or clear it")
    .option('--at <date>', 'a date (2026-05-01: closes at the end of that day, UTC), a date and time with its offset (2026-05-01T17:00:00+01:00), or now')
    .option('--clear', "remove the date set here: the definition's closes, if any, applies")
    .option('--db <url>', dbOptionHelp)
    .action(async (surveyId: string, options: { db?: string; at?: string; clear?: boolean }) => {
      if ((options.at === undefined) === (options.clear !== true)) throw new CanvassError('option.invalid', 'Give --at DATE (or --at now) to set the closing date, or --clear to remove it');
      const closes = options.at === undefined ? undefined : options.at.trim().toLowerCase() === 'now' ? new Date() : parseClosing(options.at);
      await withStore(io, options.db, async (store) => {
        await setSurveyClosing(store, surveyId, closes, cliActor(io));
        const now = await surveyClosesAt(store, await requireSurvey(store, surveyId));
        io.out(now === undefined ? `'${surveyId}' has no closing date\n` : `'${surveyId}' ${now.getTime() <= Date.now() ? 'closed' : 'closes'} ${describeClosing(now)}\n`);
      });
    });
}
