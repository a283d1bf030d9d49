import type { Command } from 'commander';
import { CanvassError } from '../../errors/canvass-error.js';
import { publishRelease } from '../../operations/publish-release.js';
import { unpublishReport } from '../../operations/published-reports.js';
import { createRelease, releaseLabel } from '../../operations/releases.js';
import { requireSurvey } from '../../operations/survey-lookup.js';
import { publicationRender } from '../../web/reports/publication-render.js';
import { cliActor } from '../cli-actor.js';
import type { CliIo } from '../cli-io.js';
import { progressReporter } from '../progress.js';
import { dbOptionHelp, withStore } from '../with-store.js';

/** `canvass release`, `releases`, `publish` and `unpublish`: freezing a survey's data and publishing it. */
export function registerReleaseCommands(program: Command, io: CliIo): void {
  program
    .command('release')
    .argument('<survey>', 'survey id')
    .description('freeze the survey\'s responses as they are now into its next release, which `canvass publish` can then publish')
    .option('--wave <id>', 'the wave to release, in a survey with waves (default: the latest)')
    .option('--note <text>', 'a note kept with the release, such as why it was made')
    .option('--db <url>', dbOptionHelp)
    .addHelpText(
      'after',
      '\nA release never changes. The first publishes every response; a later one publishes the responses that arrived since\n' +
        'only for peer groups (the register\'s peerGroup attribute, organisation type by default) that gained at least the survey\'s minimum base of them: the rest are held\n' +
        'back until they have, so that no late response can be recovered by comparing two releases.\n\nExample:\n  canvass release digital-gap-2017 --note "fieldwork closed"',
    )
    .action(async (surveyId: string, options: { wave?: string; note?: string; db?: string }) => {
      await withStore(io, options.db, async (store) => {
        const made = await createRelease(store, surveyId, { actor: cliActor(io), ...(options.wave ? { wave: options.wave } : {}), ...(options.note ? { note: options.note } : {}) });
        const { release } = made;
        io.out(`Release ${release.number} of '${surveyId}': ${release.responses.toLocaleString('en-GB')} responses${release.wave ? ` (wave ${release.wave})` : ''}.\n`);
        if (release.number > 1) io.out(`${made.admitted.toLocaleString('en-GB')} new since the release before.\n`);
        if (made.heldBack > 0) {
          io.out(`${made.heldBack.toLocaleString('en-GB')} held back: their peer groups (${made.heldBackGroups.join(', ')}) gained fewer than the minimum base of new responses; a later release publishes them once they have.\n`);
        }
        io.out(`Publish it with: canvass publish ${surveyId} --release ${release.number}\n`);
      });
    });

  program
    .command('releases')
    .argument('<survey>', 'survey id')
    .description('the survey\'s releases, and which one is published')
    .option('--json', 'print them as JSON')
    .option('--db <url>', dbOptionHelp)
    .action(async (surveyId: string, options: { json?: boolean; db?: string }) => {
      await withStore(io, options.db, async (store) => {
        await requireSurvey(store, surveyId);
        const releases = await store.releases.list(surveyId);
        const published = await store.publishedReports.get(surveyId);
        if (options.json) {
          io.out(`${JSON.stringify({ survey: surveyId, published: published?.release ?? null, releases }, null, 2)}\n`);
          return;
        }
        if (releases.length === 0) {
          io.out(`'${surveyId}' has no releases yet: make one with 'canvass release ${surveyId}'.\n`);
          return;
        }
        for (const r of releases) {
          const held = r.heldBack.length > 0 ? `, ${r.heldBack.length} held back` : '';
          io.out(`${releaseLabel(r)}${held}${r.note ? ` — ${r.note}` : ''}${published?.release === r.number ? '  [published]' : ''}\n`);
        }
      });
    });

  program
    .command('publish')
    .argument('<survey>', 'survey id')
    .description('publish a release: the survey report, every organisation\'s benchmark report and the open data, made once from the release and served as kept at /reports/SURVEY')
    .option('--release <n>', 'the release to publish (default: the newest)')
    .option('--db <url>', dbOptionHelp)
    .action(async (surveyId: string, options: { release?: string; db?: string }) => {
      const number = options.release === undefined ? undefined : Number(options.release);
      if (number !== undefined && !(Number.isInteger(number) && number > 0)) throw new CanvassError('option.invalid', `--release takes a release number such as 1, not "${options.release}"`);
      await withStore(io, options.db, async (store) => {
        const progress = progressReporter(io, 'Publishing pages');
        try {
          const done = await publishRelease(store, surveyId, { actor: cliActor(io), ...(number === undefined ? {} : { release: number }), render: publicationRender(surveyId), onProgress: progress.update });
          progress.stop();
          io.out(`${done.outcome === 'published' ? 'Published' : 'Now publishing'} release ${done.release.number} of '${surveyId}' at /reports/${surveyId}${done.pagesMade > 0 ? ` (${done.pagesMade} pages and files made)` : ' (its pages as made when it was first published)'}.\n`);
        } finally {
          progress.stop();
        }
      });
    });

  program
    .command('unpublish')
    .argument('<survey>', 'survey id')
    .description('take the survey\'s published pages down (its releases stay)')
    .option('--db <url>', dbOptionHelp)
    .action(async (surveyId: string, options: { db?: string }) => {
      await withStore(io, options.db, async (store) => {
        const was = await unpublishReport(store, surveyId, cliActor(io));
        io.out(was ? `'${surveyId}' is no longer published.\n` : `'${surveyId}' was not published.\n`);
      });
    });
}
