import type { SurveyResults } from '../analysis/results-model.js';
import { compareWaves } from '../analysis/compare-waves.js';
import { computeResults } from '../analysis/survey-results.js';
import { SnapshotBuilder, type SurveySnapshot } from '../analysis/survey-snapshot.js';
import { parseBreakdown } from '../definition/expression/parse-breakdown.js';
import { parseFilter } from '../definition/expression/parse-filter.js';
import type { Answers, Definition } from '../definition/schema.js';
import { applyDisclosure } from '../disclosure/apply-disclosure.js';
import { CanvassError } from '../errors/canvass-error.js';
import { orgTypeLabels, orgTypes } from '../register/organisation.js';
import type { Store } from '../storage/store.js';
import { resolveDesign, type DesignOptions } from './resolve-design.js';
import { requireSurvey } from './survey-lookup.js';
import { resolveWave } from './survey-waves.js';

/** Builds the columnar snapshot of a survey's stored responses. */
export async function loadSnapshot(store: Store, surveyId: string, wave?: string): Promise<{ definition: Definition; snapshot: SurveySnapshot; wave: string | undefined }> {
  const definition = await requireSurvey(store, surveyId);
  const resolved = resolveWave(definition, wave);
  const orgs = new Map((await store.organisations.list()).map((o) => [o.id, o]));
  let builder: SnapshotBuilder | undefined;
  await store.responses.readInPages(
    surveyId,
    resolved === undefined ? {} : { wave: resolved },
    (count) => (builder = new SnapshotBuilder(definition, count)),
    (rows) => {
      for (const r of rows) {
        const org = orgs.get(r.org);
        if (!org) throw new CanvassError('internal', `response ${r.id} belongs to organisation '${r.org}', which is not in the register`);
        builder!.add({ org, answers: JSON.parse(r.answers) as Answers });
      }
    },
  );
  return { definition, snapshot: builder!.finish(), wave: resolved };
}

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
 * The results of a survey for a filter, breakdown and design, as the CLI and the API give
 * them, with disclosure control applied: nothing leaves without it.
 */
export async function surveyResults(store: Store, surveyId: string, query: ResultsQuery = {}): Promise<SurveyResults> {
  const { definition, snapshot, wave } = await loadSnapshot(store, surveyId, query.wave);
  const current = resultsFromSnapshot(definition, snapshot, query, wave);
  if (query.compareWave === undefined) return current;
  if (query.compareWave === wave) throw new CanvassError('option.invalid', `--compare-wave ${query.compareWave} is the wave shown; compare with another wave`);
  const earlier = await loadSnapshot(store, surveyId, query.compareWave);
  return compareWaves(current, resultsFromSnapshot(definition, earlier.snapshot, query, earlier.wave), query.compareWave);
}

export function resultsFromSnapshot(definition: Definition, snapshot: SurveySnapshot, query: ResultsQuery, wave?: string): SurveyResults {
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
  });
  return applyDisclosure(results, audit, { minBase });
}
