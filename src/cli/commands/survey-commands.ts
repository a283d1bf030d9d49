import type { Command } from 'commander';
import { parseDefinitionOrThrow } from '../../operations/import-definition.js';
import type { Definition } from '../../definition/schema.js';
import { cliActor } from '../cli-actor.js';
import type { CliIo } from '../cli-io.js';
import { describeChanges, summariseChanges } from '../../definition/definition-changes.js';
import { requireSurvey } from '../../operations/survey-lookup.js';
import type { ImportedDefinition } from '../../operations/import-definition.js';
import { parseXlsformOrThrow } from '../../operations/import-xlsform.js';
import { storeDefinition } from '../../operations/import-definition.js';
import { exportXlsform } from '../../operations/export-xlsform.js';
import { decodeUtf8File, readInputBytes, readInputFile } from '../read-input-file.js';
import { isSpreadsheet } from '../../operations/xlsform-file.js';
import { writeStreamAtomically } from '../write-file-atomically.js';
import { Readable } from 'node:stream';
import { CanvassError } from '../../errors/canvass-error.js';
import { dbOptionHelp, withStore } from '../with-store.js';

export function registerSurveyCommands(program: Command, io: CliIo): void {
  const survey = program.command('survey').description('questionnaire definitions: validate, import and list');

  survey
    .command('validate')
    .argument('<file>', 'a definition file (YAML or JSON)')
    .description('check a questionnaire definition and list every problem with where it is; stores nothing')
    .option('--register <file>', "the survey's register schema, a YAML file of its own (instead of the definition's register section)")
    .action(async (file: string, options: { register?: string }) => {
      const register = options.register === undefined ? undefined : { text: await readInputFile(options.register), source: options.register };
      const read = await readDefinitionFile(file, register);
      const d = read.definition;
      io.out(`${file} is valid: survey '${d.id}' (format ${d.format}), ${d.questions.length} questions, ${d.questions.filter((q) => q.showIf).length} conditional\n${leftOut(file, read.notices)}`);
    });

  survey
    .command('import')
    .argument('<file>', 'a definition file (YAML or JSON)')
    .description('validate a definition and store it, creating the survey or replacing its definition')
    .option('--register <file>', "the survey's register schema, a YAML file of its own (instead of the definition's register section)")
    .option('--db <url>', dbOptionHelp)
    .action(async (file: string, options: { db?: string; register?: string }) => {
      const register = options.register === undefined ? undefined : { text: await readInputFile(options.register), source: options.register };
      const read = await readDefinitionFile(file, register);
      await withStore(io, options.db, async (store, where) => {
        const imported = await storeDefinition(store, read.definition, file, cliActor(io));
        io.out(`${importReport(imported, where)}${leftOut(file, read.notices)}`);
      });
    });

  survey
    .command('export')
    .argument('<survey>', 'a survey id')
    .description("write the survey's definition as an XLSForm (survey, choices and settings sheets) for KoboToolbox, ODK and other tools")
    .requiredOption('--format <format>', 'xlsform')
    .option('--out <file>', 'the .xlsx file to write (default: SURVEY.xlsx)')
    .option('--db <url>', dbOptionHelp)
    .action(async (surveyId: string, options: { format: string; out?: string; db?: string }) => {
      if (options.format !== 'xlsform') throw new CanvassError('option.invalid', `--format ${options.format} is not a format 'survey export' writes: use --format xlsform`);
      await withStore(io, options.db, async (store) => {
        const definition = await requireSurvey(store, surveyId);
        const bytes = await exportXlsform(definition);
        const out = options.out ?? `${surveyId}.xlsx`;
        await writeStreamAtomically(Readable.from([bytes]), out);
        io.out(`Wrote survey '${surveyId}' (${definition.questions.length} questions) as an XLSForm to ${out}\n`);
      });
    });

  survey
    .command('history')
    .argument('<survey>', 'a survey id')
    .description("every version of the survey's definition: when, by whom, and what it changed")
    .option('--db <url>', dbOptionHelp)
    .option('--json', 'print JSON')
    .action(async (surveyId: string, options: { db?: string; json?: boolean }) => {
      await withStore(io, options.db, async (store) => {
        await requireSurvey(store, surveyId);
        const versions = await store.surveys.history(surveyId);
        if (options.json) {
          io.out(`${JSON.stringify(versions, null, 2)}\n`);
          return;
        }
        for (const v of versions) io.out(`version ${String(v.version).padEnd(4)} ${v.createdAt.slice(0, 19).replace('T', ' ')}  ${v.createdBy}  ${summariseChanges(v.changes)}\n`);
      });
    });

  survey
    .command('list')
    .description('list the surveys in the database with their response counts')
    .option('--db <url>', dbOptionHelp)
    .option('--json', 'print JSON')
    .action(async (options: { db?: string; json?: boolean }) => {
      await withStore(io, options.db, async (store, where) => {
        const surveys = await store.surveys.list();
        if (options.json) {
          io.out(`${JSON.stringify(surveys, null, 2)}\n`);
          return;
        }
        if (surveys.length === 0) {
          io.out(`No surveys in ${where}. Import one with 'canvass survey import FILE' or load the example with 'canvass seed digital-gap-2017'.\n`);
          return;
        }
        for (const s of surveys) io.out(`${s.id.padEnd(28)} ${String(s.responses).padStart(7)} responses   ${s.title}\n`);
      });
    });
}

/**
 * A definition file: an XLSForm (.xlsx, recognised by its name or its first bytes) with what was
 * left out of it, else YAML or JSON.
 */
async function readDefinitionFile(file: string, register: { text: string; source: string } | undefined): Promise<{ definition: Definition; notices: string[] }> {
  const bytes = await readInputBytes(file);
  if (/\.xlsx?$/i.test(file) || isSpreadsheet(bytes)) return parseXlsformOrThrow(bytes, file, register);
  return { definition: parseDefinitionOrThrow(decodeUtf8File(bytes, file), file, register), notices: [] };
}

/** The list of what an XLSForm import left out, or nothing. */
function leftOut(file: string, notices: string[]): string {
  if (notices.length === 0) return '';
  return `Left out of ${file} (nothing that changes what is asked or what an answer means):\n${notices.map((n) => `  - ${n}\n`).join('')}`;
}

/** What `canvass survey import` prints: the survey's version now and its change against the stored version. */
export function importReport(imported: ImportedDefinition, where: string): string {
  const { definition, status, version, changes } = imported;
  if (status === 'created') return `Survey '${definition.id}' created in ${where}: ${definition.questions.length} questions (definition version 1)\n`;
  if (status === 'unchanged') return `Survey '${definition.id}' unchanged in ${where}: the file is its definition version ${version}\n`;
  const lines = changes ? describeChanges(changes).map((line) => `  ${line}\n`) : [];
  return `Survey '${definition.id}' updated in ${where}: ${definition.questions.length} questions, definition version ${version}\n${lines.join('')}`;
}
