import { mkdir, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Command } from 'commander';
import { CanvassError } from '../../errors/canvass-error.js';
import { defaultOpenDataLicence, openDataLicences } from '../../reporting/open-data-licences.js';
import { openDataFileNames } from '../../reporting/open-data-package.js';
import type { CliIo } from '../cli-io.js';
import { dbOptionHelp, withStore } from '../with-store.js';
import { addResultsQueryOptions, toQuery, type ResultsOptions } from './results-command.js';

interface ExportOptions extends ResultsOptions {
  out?: string;
  openData?: string;
  licence?: string;
}

export function registerExportCommand(program: Command, io: CliIo): void {
  const command = program
    .command('export')
    .argument('<survey>', 'survey id')
    .description('aggregates (the figures of canvass results, disclosure control applied) as a tidy CSV or XLSX, or an open-data package: aggregates.csv, codebook.csv and a Frictionless datapackage.json');
  addResultsQueryOptions(command)
    .option('--out <file>', 'the file to write: FILE.csv or FILE.xlsx (without --out or --open-data, CSV goes to standard output)')
    .option('--open-data <dir>', 'write an open-data package into this folder: datapackage.json, aggregates.csv and codebook.csv')
    .option('--licence <id>', `the open-data package's licence: ${Object.keys(openDataLicences).join(', ')}`, defaultOpenDataLicence)
    .option('--db <url>', dbOptionHelp)
    .addHelpText('after', '\nExamples:\n  canvass export digital-gap-2017 --out figures.xlsx --by org.nation\n  canvass export digital-gap-2017 --open-data open-data/')
    .action(async (surveyId: string, options: ExportOptions) => {
      if (options.out && options.openData) throw new CanvassError('option.invalid', 'Choose one of --out FILE and --open-data DIR');
      const format = options.out ? formatOf(options.out) : 'csv';
      const query = await toQuery(options);
      // The XLSX writer (exceljs) is loaded only when something is exported.
      const { exportAggregates, exportOpenData } = await import('../../operations/export-aggregates.js');
      await withStore(io, options.db, async (store) => {
        if (options.openData) {
          const { files } = await exportOpenData(store, surveyId, query, options.licence === undefined ? {} : { licence: options.licence });
          await mkdir(options.openData, { recursive: true });
          for (const name of openDataFileNames) await writeFile(join(options.openData, name), files[name], 'utf8');
          io.err(`Wrote the open-data package of '${surveyId}' to ${options.openData}: ${openDataFileNames.join(', ')}\n`);
          return;
        }
        const { content, results } = await exportAggregates(store, surveyId, query, format);
        if (options.out) {
          await writeFile(options.out, content);
          io.err(`Wrote the aggregates of '${surveyId}' (${results.respondents} respondents${results.by ? `, by ${results.by}` : ''}) to ${options.out}\n`);
        } else io.out(content.toString());
      });
    });
}

function formatOf(file: string): 'csv' | 'xlsx' {
  const extension = extname(file).toLowerCase();
  if (extension === '.csv' || extension === '.xlsx') return extension === '.csv' ? 'csv' : 'xlsx';
  throw new CanvassError('option.invalid', `--out ${file}: name a .csv or .xlsx file; the format follows the extension`);
}
