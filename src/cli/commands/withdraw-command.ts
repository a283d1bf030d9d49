import type { Command } from 'commander';
import { withdrawResponses } from '../../operations/withdraw-responses.js';
import { cliActor } from '../cli-actor.js';
import type { CliIo } from '../cli-io.js';
import { dbOptionHelp, withStore } from '../with-store.js';

/** `canvass responses withdraw`: take responses out of everything computed from now on, or erase their answers. */
export function registerWithdrawCommand(responses: Command, io: CliIo): void {
  responses
    .command('withdraw')
    .argument('<survey>', 'survey id')
    .argument('<ids...>', "the responses' ids (response_id in an export), or the references respondents were given (3F2A-9C1D)")
    .description('withdraw responses: they leave results, benchmarks, reports, exports, counts and later releases, keeping their place in the sequence; all or nothing')
    .requiredOption('--reason <text>', 'why (kept with each response and in the audit log), such as "test response" or "the respondent asked"')
    .option('--erase', "erase the answers as well (a data-subject request): the row keeps only its id, sequence number, organisation, wave, source and time sent")
    .option('--db <url>', dbOptionHelp)
    .addHelpText(
      'after',
      '\nPages already published stay as they were: they hold aggregates, no one\'s answers. A release read again leaves the\n' +
        'responses out; the figures that would then differ from what was published by fewer than the minimum base are\n' +
        'withheld, as for any group that moved that little.\n\nExamples:\n' +
        '  canvass responses withdraw digital-gap-2017 0b7e4c1a-… --reason "test response"\n' +
        '  canvass responses withdraw digital-gap-2017 3F2A-9C1D --reason "the respondent asked for their answers to be erased" --erase',
    )
    .action(async (surveyId: string, ids: string[], options: { reason: string; erase?: boolean; db?: string }) => {
      await withStore(io, options.db, async (store) => {
        const outcome = await withdrawResponses(store, surveyId, { ids, reason: options.reason, erase: options.erase === true, actor: cliActor(io) });
        const n = outcome.ids.length;
        io.out(`${outcome.erased ? 'Erased the answers of' : 'Withdrew'} ${n} response${n === 1 ? '' : 's'} of '${surveyId}': ${outcome.ids.join(', ')}\n`);
        io.out(`${n === 1 ? 'It no longer counts' : 'They no longer count'} in results, benchmarks, reports, exports or later releases.\n`);
      });
    });
}
