import { registerOf, valueLabel } from '../definition/register-attributes.js';
import { benchmarkBaseSets, benchmarkBaseSizes, type BenchmarkBaseSets } from '../analysis/benchmarks/benchmark-base-sets.js';
import { intervalMethods } from '../analysis/intervals/interval-methods.js';
import { benchmarkReporter, computeOrganisationBenchmarks, type BenchmarkQuestion, type OrganisationBenchmarkReport, type OrganisationBenchmarks } from '../analysis/benchmarks/organisation-benchmarks.js';
import type { SurveySnapshot } from '../analysis/snapshot/survey-snapshot.js';
import type { Definition } from '../definition/schema.js';
import { applyBenchmarkDisclosure } from '../disclosure/apply-benchmark-disclosure.js';
import { offeredGroupKey, type DisclosureLedger } from '../disclosure/disclosure-ledger.js';
import { CanvassError } from '../errors/canvass-error.js';
import type { Organisation } from '../register/organisation.js';
import type { Store } from '../storage/store.js';
import { resolveDesign, type DesignOptions } from './resolve-design.js';
import { loadSnapshot } from './survey-results.js';

/** The design options of `canvass results` (weights, strata, FPC, raking, unit, interval), and the wave. */
export interface BenchmarkQuery extends DesignOptions {
  /** In a survey with waves: the wave to benchmark (default: the latest). With a snapshot already loaded, the wave it holds. */
  wave?: string;
}

/** A question of an organisation's report as an earlier release published it (see applyBenchmarkDisclosure). */
export type EarlierQuestions = (questionId: string) => BenchmarkQuestion | undefined;

export interface SurveyBenchmarks {
  /** Every organisation's figures, computed in one go (before disclosure control). */
  benchmarks: OrganisationBenchmarks;
  /**
   * The report of an organisation with responses, disclosure control applied; undefined for any
   * other id. With a disclosure ledger, checked against it, and what it releases recorded in it.
   */
  reportFor(orgId: string, ledger?: DisclosureLedger, earlier?: EarlierQuestions): OrganisationBenchmarkReport | undefined;
  /**
   * Every organisation's report, disclosure control applied, in the snapshot's order, made one at
   * a time from the figures already computed (a thousand reports of a national survey would hold
   * close to a gigabyte at once): iterate, or spread into an array when that is wanted. With a
   * disclosure ledger, as `reportFor`.
   */
  reports(ledger?: DisclosureLedger, earlierFor?: (orgId: string) => EarlierQuestions | undefined): Generator<OrganisationBenchmarkReport>;
  /** The base sets of an organisation's figures (organisation, peer group, sector) per question; undefined for an id without responses. */
  baseSetsFor(orgId: string): Record<string, BenchmarkBaseSets> | undefined;
  /** Per question, the sizes of every organisation's, peer group's and sector's base sets: what a ledger for every report must read near to. */
  baseSizes(): Map<string, number[]>;
}

/**
 * Benchmarks every organisation of a snapshot against its peer group and the sector in one go,
 * under the design the options describe (the same defaults as `canvass results`): the figures of
 * all organisations are computed once, and each organisation's report is then made from them,
 * with the survey's disclosure control applied. This is what per-organisation reports and the
 * bench call. Names come from `names`, else from the snapshot's organisations when they carry one
 * (register entries do), else the id.
 */
export function allOrganisationBenchmarks(definition: Definition, snapshot: SurveySnapshot, query: BenchmarkQuery = {}, names?: ReadonlyMap<string, string>): SurveyBenchmarks {
  const { design, summary, unit, interval } = resolveDesign(snapshot, query);
  const minBase = definition.disclosure.minBase;
  const benchmarks = computeOrganisationBenchmarks(snapshot, { design, interval, scoreMinBase: minBase });
  const questionsOf = benchmarkReporter(benchmarks);
  let setsOf: ((o: number) => Record<string, BenchmarkBaseSets>) | undefined;
  const baseSets = (o: number) => (setsOf ??= benchmarkBaseSets(snapshot, benchmarks))(o);
  const position = new Map(snapshot.orgs.map((org, o) => [org.id, o]));
  const register = registerOf(definition);
  const report = (o: number, ledger?: DisclosureLedger, earlier?: EarlierQuestions): OrganisationBenchmarkReport => {
    const org = snapshot.orgs[o]!;
    const g = benchmarks.peerGroupOf[o]!;
    const type = benchmarks.peerGroups[g]!;
    const typeLabel = type === '' ? 'Not stated' : valueLabel(register, register.peerGroup, type);
    const registered = (org as { name?: unknown }).name;
    return applyBenchmarkDisclosure(
      {
        survey: definition.id,
        title: definition.title,
        notice: definition.notice ?? null,
        wave: query.wave ?? null,
        organisation: { id: org.id, name: names?.get(org.id) ?? (typeof registered === 'string' ? registered : org.id), type, typeLabel },
        respondents: benchmarks.respondents[o]!,
        peerGroup: { type, label: typeLabel, organisations: benchmarks.peerGroupOrganisations[g]!, respondents: benchmarks.peerGroupRespondents[g]! },
        sector: { organisations: snapshot.orgs.length, respondents: snapshot.n },
        design: summary,
        interval,
        intervalLabel: intervalMethods[interval].label,
        unit,
        minBase,
        questions: questionsOf(o),
      },
      { minBase },
      ledger ? { ledger, sets: baseSets(o), ...(earlier ? { earlier } : {}) } : undefined,
    );
  };
  return {
    benchmarks,
    reportFor: (orgId, ledger, earlier) => {
      const o = position.get(orgId);
      return o === undefined ? undefined : report(o, ledger, earlier);
    },
    *reports(ledger, earlierFor) {
      for (let o = 0; o < snapshot.orgs.length; o++) yield report(o, ledger, earlierFor?.(snapshot.orgs[o]!.id));
    },
    baseSetsFor: (orgId) => {
      const o = position.get(orgId);
      return o === undefined ? undefined : baseSets(o);
    },
    baseSizes: () => benchmarkBaseSizes(snapshot, benchmarks, offeredGroupKey),
  };
}

/**
 * One organisation's benchmark against its peer group and the sector, disclosure control
 * applied, for the wave asked for (default: the latest, in a survey with waves). User errors: no
 * such survey or wave; an id not in the register (naming similar ids and where ids come from);
 * an organisation of the register without responses to the survey (in that wave).
 *
 * It is a draft of live data, as `canvass results` without a release: disclosure control
 * applies, nothing is recorded in the ledger. Published benchmark reports come from a release
 * (publish-release.ts).
 */
export async function organisationBenchmark(store: Store, surveyId: string, orgId: string, query: BenchmarkQuery = {}): Promise<OrganisationBenchmarkReport> {
  const { definition, snapshot, wave } = await loadSnapshot(store, surveyId, query.wave);
  const organisation = await store.organisations.get(orgId);
  if (!organisation) throw notInRegister(orgId, await store.organisations.list(), snapshot);
  const position = snapshot.orgs.findIndex((o) => o.id === orgId);
  if (position < 0) {
    throw new CanvassError(
      'organisation.not-found',
      `${organisation.name} ('${orgId}') is in the register but has no responses to '${surveyId}'${wave === undefined ? '' : ` in wave ${wave}`}, so it has no benchmark. ` +
        `${snapshot.orgs.length} organisations have responses${snapshot.orgs.length > 0 ? `, such as ${examples(snapshot.orgs.map((o) => o.id))}` : ''}.`,
    );
  }
  const benchmarks = allOrganisationBenchmarks(definition, snapshot, { ...query, ...(wave === undefined ? {} : { wave }) }, new Map([[organisation.id, organisation.name]]));
  const report = benchmarks.reportFor(orgId)!;
  return report;
}

function notInRegister(orgId: string, register: readonly Organisation[], snapshot: SurveySnapshot): CanvassError {
  const similar = similarIds(orgId, register.map((o) => o.id));
  const withResponses = snapshot.orgs.map((o) => o.id);
  return new CanvassError(
    'organisation.not-found',
    `There is no organisation '${orgId}' in the register. ` +
      (similar.length > 0 ? `Did you mean ${similar.map((id) => `'${id}'`).join(', ')}? ` : '') +
      `Use the id from the id column of the register CSV (imported with 'canvass orgs import FILE'), lower-case words joined by hyphens` +
      (withResponses.length > 0 ? `; organisations with responses to '${snapshot.definition.id}' include ${examples(withResponses)}.` : '.'),
  );
}

function examples(ids: readonly string[]): string {
  const shown = [...ids].sort().slice(0, 3);
  return `${shown.join(', ')}${ids.length > shown.length ? ` and ${ids.length - shown.length} more` : ''}`;
}

/** Register ids sharing the most words with the given one (or containing it): the best matches only, at most five. */
function similarIds(orgId: string, ids: readonly string[]): string[] {
  const wanted = orgId.toLowerCase().trim();
  const words = new Set(wanted.split(/[^a-z0-9]+/).filter((w) => w.length > 2));
  const scored = ids.map((id) => ({
    id,
    score: id.split('-').filter((w) => words.has(w)).length + (wanted.length > 2 && (id.includes(wanted) || wanted.includes(id)) ? 2 : 0),
  }));
  const best = Math.max(0, ...scored.map((c) => c.score));
  return best === 0 ? [] : scored.filter((c) => c.score === best).map((c) => c.id).sort().slice(0, 5);
}
