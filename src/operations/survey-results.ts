import type { SurveyResults } from '../analysis/results/results-model.js';
import { compareWaves } from '../analysis/tests/compare-waves.js';
import type { RespondentSet } from '../analysis/respondent-sets/respondent-set.js';
import { computeResults, type DisclosureAudit } from '../analysis/results/survey-results.js';
import type { SurveySnapshot } from '../analysis/snapshot/survey-snapshot.js';
import { parseBreakdown } from '../definition/expression/parse-breakdown.js';
import { parseFilter } from '../definition/expression/parse-filter.js';
import type { Definition } from '../definition/schema.js';
import { applyDisclosure } from '../disclosure/apply-disclosure.js';
import type { DisclosureLedger } from '../disclosure/disclosure-ledger.js';
import { CanvassError } from '../errors/canvass-error.js';
import { orgTypeLabels, orgTypes } from '../register/organisation.js';
import type { Store } from '../storage/store.js';
import { resolveDesign, type DesignOptions } from './resolve-design.js';
import { loadSnapshot, type LoadedSnapshot } from './stored-snapshot.js';
import { StoredDisclosureLedger } from './stored-disclosure-ledger.js';

export { loadSnapshot, type LoadedSnapshot } from './stored-snapshot.js';

export interface ResultsQuery extends DesignOptions {
  filter?: string;
  by?: string;
  /** With a breakdown: compare each group with the rest and test each question (default true). */
  compare?: boolean;
  /** The wave to show (default: the latest); and one to show the change since. */
  wave?: string;
  compareWave?: string;
}

/**
 * The results of a survey for a filter, breakdown and design, as the CLI, the API and the web
 * admin give them, with disclosure control applied: nothing leaves without it. What is released
 * is checked against, and recorded in, the survey's stored disclosure ledger (per wave, unit of
 * analysis and data version), so a figure that would differ by a few respondents from one a
 * query published earlier is suppressed (see StoredDisclosureLedger for concurrent requests).
 */
export async function surveyResults(store: Store, surveyId: string, query: ResultsQuery = {}): Promise<SurveyResults> {
  const loaded = await loadSnapshot(store, surveyId, query.wave);
  if (query.compareWave === undefined) return publishResults(store, loaded, query);
  if (query.compareWave === loaded.wave) throw new CanvassError('option.invalid', `--compare-wave ${query.compareWave} is the wave shown; compare with another wave`);
  const earlier = await loadSnapshot(store, surveyId, query.compareWave);
  // The earlier wave's figures are published too (as each figure's change): they go through its ledger.
  const current = await publishResults(store, loaded, query);
  return compareWaves(current, await publishResults(store, earlier, query), query.compareWave);
}

/**
 * Results with disclosure control, for a snapshot already loaded. With a `ledger`, figures that
 * nest too closely with a group it holds are suppressed and the groups of the released figures
 * are recorded in it (one in-memory ledger over a sequence of queries protects them all).
 */
export function resultsFromSnapshot(definition: Definition, snapshot: SurveySnapshot, query: ResultsQuery, wave?: string, ledger?: DisclosureLedger): SurveyResults {
  const { results, audit, minBase } = computeForQuery(definition, snapshot, query, wave, ledger !== undefined);
  return applyDisclosure(results, audit, { minBase }, ledger);
}

/** Computes the query, checks it against the stored ledger, records what it releases. */
async function publishResults(store: Store, loaded: LoadedSnapshot, query: ResultsQuery): Promise<SurveyResults> {
  const { definition, snapshot, wave } = loaded;
  const { results, audit, minBase } = computeForQuery(definition, snapshot, query, wave, true);
  const ledger = await StoredDisclosureLedger.open(store, loaded, results.unit, baseSizes(audit));
  const disclosed = applyDisclosure(results, audit, { minBase }, ledger);
  await ledger.save();
  return disclosed;
}

/** Per question, the base sizes of the figure for everyone and of each group's. */
function baseSizes(audit: DisclosureAudit): Map<string, number[]> {
  const sizes = new Map<string, number[]>();
  const add = (sets: Record<string, RespondentSet>) => {
    for (const [id, set] of Object.entries(sets)) sizes.set(id, [...(sizes.get(id) ?? []), set.size]);
  };
  add(audit.baseSets!.topline);
  audit.baseSets!.groups.forEach(add);
  return sizes;
}

function computeForQuery(definition: Definition, snapshot: SurveySnapshot, query: ResultsQuery, wave: string | undefined, baseSets: boolean): { results: SurveyResults; audit: DisclosureAudit; minBase: number } {
  const filter = query.filter === undefined || query.filter.trim() === '' ? undefined : { source: query.filter, expression: parseFilter(query.filter, definition, orgTypes, '--filter') };
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
    ...(by ? { by, groupLabels: orgTypeLabels } : {}),
    ...(query.compare === undefined ? {} : { compare: query.compare }),
    ...(baseSets ? { baseSets } : {}),
  });
  return { results, audit, minBase };
}
