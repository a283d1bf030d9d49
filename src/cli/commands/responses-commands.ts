import type { Command } from 'commander';
import { CanvassError } from '../../errors/canvass-error.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isAnalystFormat, openAnalystExport } from '../../operations/export-analyst-files.js';
import { binaryExportFormats, checkExportFormat, exportFormats, openResponsesExport } from '../../operations/export-responses.js';
import { importResponsesCsv } from '../../operations/import-responses.js';
import { flagNames } from '../../operations/option-names.js';
import { cliActor } from '../cli-actor.js';
import { writeOut, type CliIo } from '../cli-io.js';
import { progressReporter } from '../progress.js';
import { readInputFile } from '../read-input-file.js';
import { writeStreamAtomically } from '../write-file-atomically.js';
import { dbOptionHelp, withStore } from '../with-store.js';
import { registerWithdrawCommand } from './withdraw-command.js';

export function registerResponsesCommands(program: Command, io: CliIo): void {
  const responses = program.command('responses').description('raw responses: import from CSV, export as CSV, JSON or XLSX, withdraw (admins only)');

  responses
    .command('import')
    .argument('<survey>', 'survey id')
    .argument('<file>', "a CSV: an org column, a column per question id, multi-select codes separated by ';'")
    .description('validate a whole response CSV, then import it in one transaction; a file with any bad row is refused with every problem listed, and one with rows already stored (or repeated in it) is refused naming them; rows whose response_id is stored are skipped')
    .option('--wave <id>', "the wave the responses belong to, for rows without a 'wave' cell (default: the survey's latest wave)")
    .option(
      '--allow-duplicates',
      'import rows without a response_id even if their organisation, wave and answers are already stored or repeat another row (refused otherwise: a re-import of the same file is the usual cause); use it when different people genuinely gave identical answers',
    )
    .option('--db <url>', dbOptionHelp)
    .action(async (surveyId: string, file: string, options: { db?: string; wave?: string; allowDuplicates?: boolean }) => {
      const text = await readInputFile(file);
      await withStore(io, options.db, async (store, where) => {
        const progress = progressReporter(io, 'Importing');
        try {
          const { inserted, skipped } = await importResponsesCsv(store, surveyId, text, file, cliActor(io), progress.update, {
            ...(options.wave === undefined ? {} : { wave: options.wave }),
            allowDuplicates: options.allowDuplicates === true,
            optionNames: flagNames,
          });
          progress.stop();
          io.out(`Imported ${inserted} responses into '${surveyId}' in ${where}${skipped ? `; ${skipped} already there (same response_id) were skipped` : ''}\n`);
        } finally {
          progress.stop();
        }
      });
    });

  responses
    .command('export')
    .argument('<survey>', 'survey id')
    .description(
      'export raw responses as CSV, JSON or an XLSX workbook (with a codebook sheet), or for analysts as a CSV of numeric codes with SPSS syntax (spss) or an R script (r) that labels it; text cells are neutralised against spreadsheet formula injection',
    )
    .option('--format <format>', `${exportFormats.join(', ')}, spss or r`, 'csv')
    .option('--out <file>', 'write to this file instead of standard output (needed for xlsx); for spss and r, the folder to write SURVEY.csv and SURVEY.sps or SURVEY.R into')
    .option('--db <url>', dbOptionHelp)
    .action(async (surveyId: string, options: { db?: string; format: string; out?: string }) => {
      if (isAnalystFormat(options.format)) {
        const folder = options.out;
        if (!folder) throw new CanvassError('option.invalid', `--format ${options.format} writes a data file and a script: add --out FOLDER`);
        await withStore(io, options.db, async (store) => {
          const analyst = await openAnalystExport(store, surveyId, options.format, { actor: cliActor(io) });
          await mkdir(folder, { recursive: true });
          await writeStreamAtomically(analyst.data, join(folder, analyst.dataFile));
          await writeFile(join(folder, analyst.scriptFile), analyst.script(), 'utf8');
          io.err(`Wrote ${analyst.count} responses to ${join(folder, analyst.dataFile)} and ${join(folder, analyst.scriptFile)}\n`);
        });
        return;
      }
      const format = checkExportFormat(options.format, exportFormats);
      if (binaryExportFormats.includes(format) && !options.out) {
        throw new CanvassError('option.invalid', `--format ${format} writes a binary file: add --out FILE.${format}`);
      }
      await withStore(io, options.db, async (store) => {
        const { count, stream } = await openResponsesExport(store, surveyId, format, { actor: cliActor(io) });
        if (options.out) {
          await writeStreamAtomically(stream, options.out);
          io.err(`Wrote ${count} responses to ${options.out}\n`);
        } else await writeOut(io, stream);
      });
    });

  registerWithdrawCommand(responses, io);
}
