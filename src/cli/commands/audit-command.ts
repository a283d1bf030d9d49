import type { Command } from 'commander';
import { CanvassError } from '../../errors/canvass-error.js';
import { auditPageSize, describeAuditEntry, readAuditLog } from '../../operations/audit-log.js';
import { requireSurvey } from '../../operations/survey-lookup.js';
import type { AuditEntry, AuditScope } from '../../storage/audit-log-repository.js';
import type { CliIo } from '../cli-io.js';
import { dbOptionHelp, withStore } from '../with-store.js';

/** `canvass audit`: who did what to a survey, and when (or everything, with sign-ins), newest first. */
export function registerAuditCommand(program: Command, io: CliIo): void {
  program
    .command('audit')
    .argument('[survey]', 'survey id')
    .description('the audit log: who did what to the survey and when (imports, releases, publishing, invitations, downloads of raw responses), newest first')
    .option('--all', 'every entry, of every survey and those about none (sign-ins, the register, API tokens)')
    .option('--limit <n>', `how many entries to print (default: ${auditPageSize})`)
    .option('--json', 'print JSON')
    .option('--db <url>', dbOptionHelp)
    .addHelpText('after', '\nExamples:\n  canvass audit digital-gap-2017\n  canvass audit --all --limit 200 --json')
    .action(async (surveyId: string | undefined, options: { all?: boolean; limit?: string; json?: boolean; db?: string }) => {
      if ((surveyId === undefined) === !options.all) throw new CanvassError('option.invalid', surveyId === undefined ? 'Name a survey (canvass audit SURVEY), or add --all for every entry' : 'Give a survey or --all, not both');
      const limit = options.limit === undefined ? auditPageSize : Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new CanvassError('option.invalid', `--limit takes a whole number of entries from 1, not "${options.limit}"`);
      await withStore(io, options.db, async (store) => {
        if (surveyId !== undefined) await requireSurvey(store, surveyId);
        const scope: AuditScope = surveyId === undefined ? { all: true } : { surveyId };
        const { entries, total } = await readAuditLog(store, scope, { limit });
        if (options.json) {
          io.out(`${JSON.stringify({ survey: surveyId ?? null, total, entries }, null, 2)}\n`);
          return;
        }
        if (entries.length === 0) {
          io.out(surveyId === undefined ? 'The audit log is empty.\n' : `Nothing is recorded about '${surveyId}' yet.\n`);
          return;
        }
        for (const entry of entries) io.out(`${auditLine(entry, surveyId === undefined)}\n`);
        if (total > entries.length) io.err(`The ${entries.length} newest of ${total} entries; --limit ${total} prints them all.\n`);
      });
    });
}

/** "2026-11-30 09:15 UTC  lead@example.gov.uk  Released the data: Release 2: 245 responses". */
function auditLine(entry: AuditEntry, withSurvey: boolean): string {
  const { what, details } = describeAuditEntry(entry);
  const when = `${entry.at.slice(0, 10)} ${entry.at.slice(11, 16)} UTC`;
  const survey = withSurvey ? `  ${entry.surveyId ?? '-'}` : '';
  return `${when}  ${entry.actor}${survey}  ${what}${details ? `: ${details}` : ''}`;
}
