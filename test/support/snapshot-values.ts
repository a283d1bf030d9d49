import type { SurveySnapshot } from '../../src/analysis/snapshot/survey-snapshot.js';

/** Every array of a snapshot as plain numbers (NaN kept), so two snapshots compare value by value with toEqual. */
export function snapshotValues(snapshot: SurveySnapshot): unknown {
  return {
    n: snapshot.n,
    orgs: snapshot.orgs,
    orgIndex: [...snapshot.orgIndex],
    columns: [...snapshot.columns].map(([id, c]) => [
      id,
      c.kind,
      c.question.id,
      c.kind === 'choice' ? [...c.codes] : c.kind === 'multi' ? [[...c.answered], ...c.chosen.map((x) => [...x])] : c.kind === 'number' ? [...c.values] : [...c.answered],
    ]),
  };
}
