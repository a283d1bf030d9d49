import { CanvassError } from '../errors/canvass-error.js';
import { parseResponsesCsv } from '../responses/parse-responses-csv.js';
import type { Store } from '../storage/store.js';
import { requireSurvey } from './survey-lookup.js';
import { waveForNewResponses } from './survey-waves.js';

/**
 * Imports a response CSV all-or-nothing: the whole file is validated first and refused with
 * every bad row listed; a good file goes in one transaction. Rows whose response_id is already
 * stored for the survey are skipped, so importing the same export twice adds nothing.
 */
export async function importResponsesCsv(
  store: Store,
  surveyId: string,
  text: string,
  source: string,
  onProgress?: (done: number, total: number) => void,
  options: { wave?: string } = {},
): Promise<{ inserted: number; skipped: number }> {
  const definition = await requireSurvey(store, surveyId);
  const defaultWave = waveForNewResponses(definition, options.wave);
  const orgs = new Map((await store.organisations.list()).map((o) => [o.id, o]));
  const result = parseResponsesCsv(text, definition, (id) => orgs.get(id));
  if (!result.ok) {
    const badRows = new Set(result.problems.map((p) => /^row (\d+)/.exec(p.where)?.[1]).filter(Boolean)).size;
    const summary = badRows > 0 ? `${badRows} of ${result.rows} rows have problems` : `${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`;
    throw new CanvassError('import.invalid', `${source} was not imported: ${summary}; nothing was stored`, { problems: result.problems });
  }
  const ids = result.responses.flatMap((r) => (r.id ? [r.id] : []));
  const clashes = ids.length > 0 ? await store.responses.idsInOtherSurveys(surveyId, ids) : [];
  if (clashes.length > 0) {
    throw new CanvassError('import.invalid', `${source} was not imported: ${clashes.length} response_id value${clashes.length === 1 ? ' is' : 's are'} already used by another survey; nothing was stored`, {
      problems: clashes.slice(0, 20).map((id) => {
        const row = result.responses.find((r) => r.id === id)?.row;
        return { where: `row ${row}, column response_id`, code: 'id-in-other-survey', message: `'${id}' belongs to a response of another survey`, expected: 'a new id, or an empty cell' };
      }),
    });
  }
  const { inserted, skipped } = await store.responses.insertMany(
    surveyId,
    result.responses.map((r) => ({ org: r.org, answers: r.answers, wave: r.wave ?? defaultWave, ...(r.id ? { id: r.id } : {}), ...(r.submittedAt ? { submittedAt: r.submittedAt } : {}) })),
    'import',
    onProgress ? { onProgress } : {},
  );
  return { inserted, skipped };
}
