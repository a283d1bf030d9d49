import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { CanvassError } from '../../errors/canvass-error.js';
import type { ReportQuery } from '../../operations/survey-report.js';
import type { Store } from '../../storage/store.js';
import type { CliIo } from '../cli-io.js';
import { addDesignOptions, designOptionsOf, type DesignOptionValues } from '../design-options.js';
import { progressReporter } from '../progress.js';
import { readInputFile } from '../read-input-file.js';
import { dbOptionHelp, withStore } from '../with-store.js';

export function registerReportCommand(program: Command, io: CliIo): void {
  const command = program
    .command('report')
    .argument('<survey>', 'survey id')
    .description('a publishable report: key findings as sentences, a chart and table per question, methodology; or an organisation\'s benchmark report, or one for every organisation');
  addDesignOptions(command)
    .option('--out <path>', 'the HTML file to write (with --all-orgs: the folder to write one report per organisation into)')
    .option('--filter <expr>', 'report on the respondents matching an expression only, e.g. "org.type = london-borough"')
    .option('--org <id>', "an organisation's benchmark report: its figures beside its peer group and the sector")
    .option('--all-orgs', 'write every organisation\'s benchmark report into the folder given by --out, with an index page')
    .option('--pdf <file>', 'also print the report to PDF (needs Debian\'s chromium package)')
    .option('--rake <margins.csv>', 'rake the weights to population margins: a CSV with columns variable,category,total')
    .option('--wave <id>', 'the wave to report, in a survey with waves (default: the latest; changes are shown since the wave before it)')
    .option('--language <code>', "the survey report in another of the survey's languages (e.g. cy): its texts from the definition's translations")
    .option('--db <url>', dbOptionHelp)
    .addHelpText('after', '\nExamples:\n  canvass report digital-gap-2017 --out report.html --pdf report.pdf\n  canvass report digital-gap-2017 --org kent-county-council --out kent.html\n  canvass report digital-gap-2017 --all-orgs --out reports/')
    .action(async (surveyId: string, options: ReportOptions) => {
      if (!options.out) throw new CanvassError('option.invalid', options.allOrgs ? '--all-orgs needs --out DIR: the folder to write the reports into' : 'Say where to write the report with --out FILE.html');
      if (options.allOrgs && (options.org || options.pdf || options.filter)) throw new CanvassError('option.invalid', '--all-orgs writes every organisation\'s report; it cannot be combined with --org, --filter or --pdf');
      if (options.language !== undefined && (options.org || options.allOrgs)) throw new CanvassError('option.invalid', '--language is for the survey report; benchmark reports (--org, --all-orgs) are in the default language');
      if (options.org && options.filter) throw new CanvassError('option.invalid', 'A benchmark report (--org) compares the whole organisation with its peers; it cannot be combined with --filter');
      const query: ReportQuery = { ...designOptionsOf(options as DesignOptionValues), ...(options.wave ? { wave: options.wave } : {}), ...(options.filter ? { filter: options.filter } : {}), ...(options.language !== undefined ? { language: options.language } : {}) };
      if (options.rake !== undefined) query.rake = { text: await readInputFile(options.rake), source: options.rake };
      // Reports (templates, Vega charts, the page workers) are loaded only when one is made.
      const [{ benchmarkReport, surveyReport }, { printPdf }, { renderReportHtml }] = await Promise.all([import('../../operations/survey-report.js'), import('../../reporting/print-pdf.js'), import('../../reporting/render-report-html.js')]);
      await withStore(io, options.db, async (store) => {
        if (options.allOrgs) {
          await writeAllOrganisations(io, store, surveyId, query, options.out!);
          return;
        }
        const report = options.org ? await benchmarkReport(store, surveyId, options.org, query) : await surveyReport(store, surveyId, query);
        const html = renderReportHtml(report, { styles: { mode: 'inline' } });
        const pdf = options.pdf ? await printPdf(html, io.env) : undefined;
        writeAtomically(options.out!, html);
        io.out(`Wrote ${options.out}: ${report.kind === 'survey' ? `${report.sections.length} questions, ${report.keyFindings.length} key findings` : `benchmark of ${report.organisation.name}`}\n`);
        if (pdf && options.pdf) {
          writeAtomically(options.pdf, pdf);
          io.out(`Wrote ${options.pdf}\n`);
        }
      });
    });
}

async function writeAllOrganisations(io: CliIo, store: Store, surveyId: string, query: ReportQuery, folder: string): Promise<void> {
  const [{ allBenchmarkReports }, { reportPagePool }, { renderReportIndexHtml, reportStylesheet }] = await Promise.all([import('../../operations/all-benchmark-reports.js'), import('../../reporting/report-page-pool.js'), import('../../reporting/render-report-html.js')]);
  mkdirSync(join(folder, 'assets'), { recursive: true });
  writeFileSync(join(folder, 'assets', 'report.css'), reportStylesheet());
  const progress = progressReporter(io, 'Benchmark reports');
  const index: Array<{ organisation: string; name: string; typeLabel: string; file: string }> = [];
  let title = surveyId;
  const started = Date.now();
  const pool = reportPagePool();
  try {
    await allBenchmarkReports(store, surveyId, query, async (report, done, total) => {
      const file = `${report.organisation.id}.html`;
      await pool.write({ report, render: { styles: { mode: 'linked', hrefs: ['assets/report.css'] } }, path: join(folder, file) });
      index.push({ organisation: report.organisation.id, name: report.organisation.name, typeLabel: report.organisation.typeLabel, file });
      title = report.title;
      progress.update(done, total);
    });
  } finally {
    await pool.close();
    progress.stop();
  }
  writeAtomically(join(folder, 'index.json'), `${JSON.stringify({ survey: surveyId, reports: index }, null, 2)}\n`);
  writeAtomically(join(folder, 'index.html'), renderReportIndexHtml({ title, reports: index }, { styles: { mode: 'linked', hrefs: ['assets/report.css'] } }));
  io.out(`Wrote ${index.length} benchmark reports to ${folder} in ${((Date.now() - started) / 1000).toFixed(1)} s (open ${join(folder, 'index.html')})\n`);
}

/** Writes beside the target and renames, so a failure never leaves half a report where the old one was. */
function writeAtomically(path: string, content: string | Buffer): void {
  mkdirSync(dirname(path) || '.', { recursive: true });
  const temporary = join(dirname(path) || '.', `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

interface ReportOptions extends DesignOptionValues {
  out?: string;
  filter?: string;
  org?: string;
  allOrgs?: boolean;
  pdf?: string;
  rake?: string;
  wave?: string;
  language?: string;
  db?: string;
}

