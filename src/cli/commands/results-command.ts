import type { Command } from 'commander';
import { surveyResults } from '../../operations/survey-results.js';
import type { CliIo } from '../cli-io.js';
import { formatResultsTable } from '../results-table.js';
import { dbOptionHelp, withStore } from '../with-store.js';

export function registerResultsCommand(program: Command, io: CliIo): void {
  program
    .command('results')
    .argument('<survey>', 'survey id')
    .description('results for every question: base, counts, percentages, nets and 95% intervals')
    .option('--filter <expr>', 'only respondents matching an expression, e.g. "gap_confidence in (not-very-confident, not-at-all-confident)" or "org.type = london-borough"')
    .option('--by <field>', 'break down by org.type, org.nation, org.region or a single-choice question id')
    .option('--json', 'print the results object as JSON (unrounded percentages, 0–100)')
    .option('--db <url>', dbOptionHelp)
    .addHelpText('after', '\nExpressions: q = code, q != code, q in (a, b), q includes code (multiple choice), org.type = x, joined by and, or, not and parentheses.')
    .action(async (surveyId: string, options: { db?: string; filter?: string; by?: string; json?: boolean }) => {
      await withStore(io, options.db, async (store) => {
        const results = await surveyResults(store, surveyId, { ...(options.filter !== undefined ? { filter: options.filter } : {}), ...(options.by !== undefined ? { by: options.by } : {}) });
        io.out(options.json ? `${JSON.stringify(results, null, 2)}\n` : formatResultsTable(results));
      });
    });
}
