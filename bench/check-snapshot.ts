import type { SurveySnapshot } from '../src/analysis/snapshot/survey-snapshot.js';
import type { Organisation } from '../src/register/organisation.js';
import type { GeneratedResponses } from './national-responses.js';

/**
 * Checks that a snapshot built from the store holds exactly the generated answers in arrival
 * order (every column, every respondent, their organisation): a bench over wrong data
 * measures nothing. Throws on the first difference.
 */
export function checkSnapshot(snapshot: SurveySnapshot, generated: GeneratedResponses, organisations: readonly Organisation[], label: string): void {
  const fail = (what: string) => {
    throw new Error(`the snapshot from ${label} differs from the generated data: ${what}`);
  };
  if (snapshot.n !== generated.n) fail(`${snapshot.n} respondents instead of ${generated.n}`);
  for (let i = 0; i < snapshot.n; i++) {
    if (snapshot.orgs[snapshot.orgIndex[i]!]!.id !== organisations[generated.orgOf[i]!]!.id) fail(`respondent ${i + 1}'s organisation`);
  }
  for (const [id, codes] of generated.choice) {
    const column = snapshot.columns.get(id);
    if (column?.kind !== 'choice') fail(`no choice column ${id}`);
    else for (let i = 0; i < snapshot.n; i++) if (column.codes[i] !== codes[i]) fail(`${id} of respondent ${i + 1}`);
  }
  for (const [id, bits] of generated.multi) {
    const column = snapshot.columns.get(id);
    if (column?.kind !== 'multi') fail(`no multi column ${id}`);
    else {
      for (let i = 0; i < snapshot.n; i++) {
        if (column.answered[i] !== (bits[i] === 0 ? 0 : 1)) fail(`whether respondent ${i + 1} answered ${id}`);
        column.chosen.forEach((chosen, k) => {
          if (chosen[i] !== ((bits[i]! >> k) & 1)) fail(`${id} option ${k + 1} of respondent ${i + 1}`);
        });
      }
    }
  }
}
