import type { SurveySnapshot } from '../src/analysis/snapshot/survey-snapshot.js';
import type { Definition } from '../src/definition/schema.js';
import { allOrganisationBenchmarks } from '../src/operations/organisation-benchmark.js';

/**
 * Every organisation's benchmark as per-organisation reports need it: all organisations'
 * figures against their peer group and the sector under the default design, then each
 * organisation's report with disclosure control applied (made and let go one at a time, as the
 * operation intends). Gives how many reports were made and how long computing the figures took.
 */
export function benchmarkEveryOrganisation(definition: Definition, snapshot: SurveySnapshot): { reports: number; figuresMs: number } {
  const started = performance.now();
  const all = allOrganisationBenchmarks(definition, snapshot, {});
  const figuresMs = performance.now() - started;
  let reports = 0;
  for (const report of all.reports()) if (report.organisation.id !== '') reports++;
  return { reports, figuresMs };
}
