import type { SurveyResults } from '../analysis/results/results-model.js';
import { compareWaves } from '../analysis/tests/compare-waves.js';
import { auditWithoutBreakdownQuestion, computeResults, withoutBreakdownQuestion, type DisclosureAudit } from '../analysis/results/survey-results.js';
import type { SurveySnapshot } from '../analysis/snapshot/survey-snapshot.js';
import { parseBreakdown } from '../definition/expression/parse-breakdown.js';
import { parseFilter } from '../definition/expression/parse-filter.js';
import type { Definition } from '../definition/schema.js';
import { applyDisclosure, type EarlierFigures } from '../disclosure/apply-disclosure.js';
import { offeredGroupKey, type DisclosureLedger } from '../disclosure/disclosure-ledger.js';
import { CanvassError } from '../errors/canvass-error.js';
import type { Store } from '../storage/store.js';
import { parameterNames } from './option-names.js';
import { resolveDesign, type DesignOptions } from './resolve-design.js';
import { loadSnapshot } from './stored-snapshot.js';
import { ReleaseLedger } from './release-ledger.js';
import { loadRelease, releaseLabel, type ReleaseSnapshot } from './releases.js';
import type { Release } from '../storage/releases-repository.js';
import type { RespondentSet } from '../analysis/respondent-sets/respondent-set.js';

export { loadSnapshot, type LoadedSnapshot } from './stored-snapshot.js';

export interface ResultsQuery extends DesignOptions {
  filter?: string;
  by?: string;
  /** With a breakdown: compare each group with the rest and test each question (default true). */
  compare?: boolean;
  /** The wave to show (default: the latest); and one to show the change since. */
  wave?: string;
  compareWave?: string;
  /** Results of this release (0: the newest) instead of a draft of live data. */
  release?: number;
}

/**
 * The results of a survey for a filter, breakdown and design, as the CLI, the API and the web
 * admin give them, with disclosure control applied: nothing leaves without it.
 *
 * Without `release` they are a **draft** of live data, for the survey's admins: the thresholds
 * apply, but nothing is recorded in the disclosure ledger (exploring publishes nothing), and the
 * results say so. With `release` they are of that release's data (see releases.ts), checked
 * against and recorded in the ledger that spans the survey's releases: they are released figures.
 */
export async function surveyResults(store: Store, surveyId: string, query: ResultsQuery = {}): Promise<SurveyResults> {
  if (query.release !== undefined) return releaseResults(store, surveyId, query.release, query);
  const loaded = await loadSnapshot(store, surveyId, query.wave);
  const draft = (results: SurveyResults): SurveyResults => ({ ...results, data: draftData });
  if (query.compareWave === undefined) return draft(resultsFromSnapshot(loaded.definition, loaded.snapshot, query, loaded.wave));
  if (query.compareWave === loaded.wave) throw new CanvassError('option.invalid', `${optionName(query, 'compareWave')} ${query.compareWave} is the wave shown; compare with another wave`);
  const earlier = await loadSnapshot(store, surveyId, query.compareWave);
  const current = resultsFromSnapshot(loaded.definition, loaded.snapshot, query, loaded.wave);
  return draft(compareWaves(current, resultsFromSnapshot(earlier.definition, earlier.snapshot, query, earlier.wave), query.compareWave));
}

/** What draft results say of their data. */
export const draftData = { release: null, label: 'Draft: live data, not released' } as const;

/**
 * Results of a release (0 or undefined: the newest): its data, through the release ledger — a
 * figure that nests too closely with one released before is withheld with its reason — and what
 * they release recorded in it.
 */
async function releaseResults(store: Store, surveyId: string, number: number, query: ResultsQuery): Promise<SurveyResults> {
  const loaded = await loadRelease(store, surveyId, number === 0 ? undefined : number, query.wave);
  const earlier = await earlierReleases(store, loaded.release);
  if (query.compareWave === undefined) return publishedResults(store, loaded, query, earlier);
  if (query.compareWave === loaded.wave) throw new CanvassError('option.invalid', `${optionName(query, 'compareWave')} ${query.compareWave} is the wave shown; compare with another wave`);
  const before = await loadRelease(store, surveyId, loaded.release.number, query.compareWave);
  const current = await publishedResults(store, loaded, query, earlier);
  return { ...compareWaves(current, await publishedResults(store, before, query, earlier), query.compareWave), data: current.data };
}

/** The survey's releases of the same wave before this one: those the release ledger compares with. */
export async function earlierReleases(store: Store, release: Release): Promise<Release[]> {
  return (await store.releases.list(release.surveyId)).filter((r) => r.wave === release.wave && r.number < release.number);
}

/**
 * A query's results on a release's data, through the release ledger (opened near the sizes of
 * the query's figures), what they release recorded in it. With `earlierFigures`, a figure for
 * everyone that nests too closely with one released before shows the figure the last
 * publication showed (see EarlierFigures) instead of being withheld.
 */
export async function publishedResults(store: Store, snapshot: ReleaseSnapshot, query: ResultsQuery, earlier: readonly Release[], earlierFigures?: EarlierFigures): Promise<SurveyResults> {
  const { definition } = snapshot;
  const { results, audit, minBase } = computeForQuery(definition, snapshot.snapshot, query, snapshot.wave, true);
  const ledger = await ReleaseLedger.open(store, { surveyId: definition.id, wave: snapshot.wave ?? null, unit: results.unit }, minBase, snapshot.seqs, earlier, baseSizes(audit));
  // Published: a number question's lowest and highest answers are single respondents' answers.
  const disclosed = withoutBreakdownQuestion(applyDisclosure(results, audit, { minBase, withholdExtremes: true }, ledger, earlierFigures));
  await ledger.save();
  return { ...disclosed, data: { release: snapshot.release.number, label: releaseLabel(snapshot.release) } };
}

/** Per question (and per figures a later definition version added, under their own ledger key), the base sizes of the figure for everyone and of each group's. */
function baseSizes(audit: DisclosureAudit): Map<string, number[]> {
  const sizes = new Map<string, number[]>();
  const add = (sets: Record<string, RespondentSet>) => {
    for (const [id, set] of Object.entries(sets)) sizes.set(id, [...(sizes.get(id) ?? []), set.size]);
  };
  const addOffered = (sets: Record<string, Record<number, RespondentSet>>) => {
    for (const [id, versions] of Object.entries(sets)) add(Object.fromEntries(Object.entries(versions).map(([since, set]) => [offeredGroupKey(id, Number(since)), set])));
  };
  add(audit.baseSets!.topline);
  audit.baseSets!.groups.forEach(add);
  const offered = audit.baseSets!.offered;
  if (offered) {
    addOffered(offered.topline);
    offered.groups.forEach(addOffered);
  }
  return sizes;
}

/**
 * Results with disclosure control, for a snapshot already loaded. With a `ledger`, figures that
 * nest too closely with a group it holds are suppressed and the groups of the released figures
 * are recorded in it (one in-memory ledger over a sequence of queries protects them all).
 */
export function resultsFromSnapshot(definition: Definition, snapshot: SurveySnapshot, query: ResultsQuery, wave?: string, ledger?: DisclosureLedger, earlier?: EarlierFigures): SurveyResults {
  const { results, audit, minBase } = computeForQuery(definition, snapshot, query, wave, ledger !== undefined);
  return withoutBreakdownQuestion(applyDisclosure(results, audit, { minBase }, ledger, earlier));
}

function computeForQuery(definition: Definition, snapshot: SurveySnapshot, query: ResultsQuery, wave: string | undefined, baseSets: boolean): { results: SurveyResults; audit: DisclosureAudit; minBase: number } {
  const filter = query.filter === undefined || query.filter.trim() === '' ? undefined : { source: query.filter, expression: parseFilter(query.filter, definition, optionName(query, 'filter')) };
  const by = query.by === undefined || query.by.trim() === '' ? undefined : parseBreakdown(query.by, definition);
  const { design, summary, unit, interval } = resolveDesign(snapshot, query);
  const minBase = definition.disclosure.minBase;
  const { results, audit } = computeResults(snapshot, {
    design,
    designSummary: summary,
    unit,
    interval,
    minBase,
    wave: wave ?? null,
    ...(filter ? { filter } : {}),
    ...(by ? { by } : {}),
    ...(query.compare === undefined ? {} : { compare: query.compare }),
    ...(baseSets ? { baseSets } : {}),
  });
  return { results, audit: auditWithoutBreakdownQuestion(results, audit), minBase };
}

/** An option of the query as its caller names it: a request parameter, or a flag on the command line. */
function optionName(query: ResultsQuery, option: keyof ResultsQuery): string {
  return (query.optionNames ?? parameterNames)(option);
}
