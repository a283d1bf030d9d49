import type { Command } from 'commander';
import { CanvassError } from '../../errors/canvass-error.js';
import { requireSurvey } from '../../operations/survey-lookup.js';
import { surveyResults, type ResultsQuery } from '../../operations/survey-results.js';
import { aggregatesToCsv } from '../../reporting/aggregate-table.js';
import { readInputFile } from '../read-input-file.js';
import type { CliIo } from '../cli-io.js';
import { addDesignOptions, designOptionsOf } from '../design-options.js';
import { formatResultsCrosstab } from '../results-crosstab.js';
import { formatResultsTable } from '../results-table.js';
import { dbOptionHelp, withStore } from '../with-store.js';

export function registerResultsCommand(program: Command, io: CliIo): void {
  const command = program
    .command('results')
    .argument('<survey>', 'survey id')
    .description('results for every question: base, counts, percentages, nets and 95% intervals');
  addResultsQueryOptions(command)
    .option('--json', 'print the results object as JSON (unrounded percentages, 0–100); the same as --format json')
    .option('--format <format>', 'text (a table), json (the results object) or csv (a row per figure, as canvass export writes)', 'text')
    .option('--layout <layout>', 'with --by: crosstab (a table per question, options by groups) or blocks (every question for each group in turn)', 'crosstab')
    .option('--db <url>', dbOptionHelp)
    .addHelpText('after', '\nExpressions: q = code, q != code, q in (a, b), q includes code (multiple choice), org.type = x, joined by and, or, not and parentheses.')
    .action(async (surveyId: string, options: ResultsOptions & { format: string; layout: string }) => {
      const format = options.json ? 'json' : options.format;
      if (!['text', 'json', 'csv'].includes(format)) throw new CanvassError('option.invalid', `--format ${format}: use text, json or csv`);
      if (!['crosstab', 'blocks'].includes(options.layout)) throw new CanvassError('option.invalid', `--layout ${options.layout}: use crosstab or blocks`);
      const query = await toQuery(options);
      await withStore(io, options.db, async (store) => {
        const results = await surveyResults(store, surveyId, query);
        if (format === 'json') io.out(`${JSON.stringify(results, null, 2)}\n`);
        else if (format === 'csv') io.out(aggregatesToCsv(results, await requireSurvey(store, surveyId)));
        else io.out(results.groups && options.layout === 'crosstab' ? formatResultsCrosstab(results) : formatResultsTable(results));
      });
    });
}

/** The options that choose which figures: design, filter, breakdown, raking and waves (shared with `canvass export`). */
export function addResultsQueryOptions(command: Command): Command {
  return addDesignOptions(command)
    .option('--filter <expr>', 'only respondents matching an expression, e.g. "gap_confidence in (not-very-confident, not-at-all-confident)" or "org.type = london-borough"')
    .option('--by <field>', 'break down by org.ATTRIBUTE (a category, band or text attribute of the survey\'s register, e.g. org.type) or a single-choice question id')
    .option('--rake <margins.csv>', 'rake the weights to population margins: a CSV with columns variable,category,total')
    .option('--wave <id>', 'the wave to show, in a survey with waves (default: the latest)')
    .option('--compare-wave <id>', 'show the change of every figure since this wave, with its significance')
    .option('--release <n>', 'figures of this release (a number, or "latest") instead of a draft of live data; they count as released and go into the disclosure ledger');
}

export interface ResultsOptions {
  db?: string;
  filter?: string;
  by?: string;
  json?: boolean;
  weights?: string;
  strata?: string;
  fpc?: string;
  rake?: string;
  unit?: string;
  interval?: string;
  wave?: string;
  compareWave?: string;
  release?: string;
}

/** The command line's options as a results query (the same object the API builds from its query string). */
export async function toQuery(options: ResultsOptions): Promise<ResultsQuery> {
  const query: ResultsQuery = designOptionsOf(options);
  for (const key of ['filter', 'by', 'wave', 'compareWave'] as const) {
    if (options[key] !== undefined) query[key] = options[key];
  }
  if (options.rake !== undefined) query.rake = { text: await readInputFile(options.rake), source: options.rake };
  if (options.release !== undefined) query.release = releaseNumber(options.release, '--release');
  return query;
}

/** A release number as given ("latest" is 0: the newest), or a user error naming the option. */
export function releaseNumber(value: string, option: string): number {
  if (value.trim().toLowerCase() === 'latest') return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CanvassError('option.invalid', `${option} takes a release number such as 1, or "latest"; "${value}" is neither`);
  return n;
}
