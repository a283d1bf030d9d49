import type { Problem } from '../errors/catalogue.js';
import { CanvassError } from '../errors/canvass-error.js';
import { groupRowProblems } from '../errors/group-row-problems.js';
import { parseResponsesCsv } from '../responses/parse-responses-csv.js';
import { responseFingerprint } from '../responses/response-fingerprint.js';
import type { NewResponse } from '../storage/responses-repository.js';
import { inTransaction, type Store } from '../storage/store.js';
import { recordAudit } from './audit-log.js';
import { parameterNames, type OptionNames } from './option-names.js';
import { requireSurveyVersion } from './survey-lookup.js';
import { waveForNewResponses } from './survey-waves.js';

export interface ImportResponsesOptions {
  /** The wave of rows without a wave cell (default: the survey's latest). */
  wave?: string;
  /** Store rows whose answers are already stored, or repeated in the file (see `refuseDuplicates`). */
  allowDuplicates?: boolean;
  /** How the caller names its options in messages (`--allow-duplicates` on the command line). */
  optionNames?: OptionNames;
}

/**
 * Imports a response CSV all-or-nothing: the whole file is validated first and refused with
 * every bad row listed; a good file goes in one transaction. Rows whose response_id is already
 * stored for the survey are skipped, so importing the same export twice adds nothing. Rows without
 * a response_id that say what a stored response says, or what another row of the file says, refuse
 * the file unless `allowDuplicates` (see `refuseDuplicates`). The audit log's entry for `actor`
 * (the file and its counts) is kept in the same transaction.
 */
export async function importResponsesCsv(
  store: Store,
  surveyId: string,
  text: string,
  source: string,
  actor: string,
  onProgress?: (done: number, total: number) => void,
  options: ImportResponsesOptions = {},
): Promise<{ inserted: number; skipped: number }> {
  const { definition, version } = await requireSurveyVersion(store, surveyId);
  const defaultWave = waveForNewResponses(definition, options.wave);
  const orgs = new Map((await store.organisations.list()).map((o) => [o.id, o]));
  // Rows record the definition version current now, unless the file says which they were answered under.
  const result = parseResponsesCsv(text, definition, (id) => orgs.get(id), { current: version, definitions: await store.surveys.allVersions(surveyId) });
  if (!result.ok) {
    const badRows = new Set(result.problems.map((p) => /^row (\d+)/.exec(p.where)?.[1]).filter(Boolean)).size;
    const summary = badRows > 0 ? `${badRows} of ${result.rows} rows have problems` : `${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`;
    throw new CanvassError('import.invalid', `${source} was not imported: ${summary}; nothing was stored`, { problems: groupRowProblems(result.problems) });
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
  const responses = result.responses.map((r) => ({
    row: r.row,
    response: {
      org: r.org,
      answers: r.answers,
      wave: r.wave ?? defaultWave,
      definitionVersion: r.definitionVersion ?? version,
      ...(r.id ? { id: r.id } : {}),
      ...(r.submittedAt ? { submittedAt: r.submittedAt } : {}),
    } satisfies NewResponse,
  }));
  if (!options.allowDuplicates) await refuseDuplicates(store, surveyId, responses, source, options.optionNames ?? parameterNames);
  return inTransaction(store, async (tx) => {
    const { inserted, skipped } = await tx.responses.insertMany(surveyId, responses.map((r) => r.response), 'import', onProgress ? { onProgress } : {});
    await recordAudit(tx, { actor, action: 'responses.import', surveyId, details: { source, inserted, skipped, wave: options.wave ?? null } });
    return { inserted, skipped };
  });
}

/** Row numbers shown in a message before "… and K more". */
const shownRows = 10;

/**
 * Refuses a file (`import.duplicate`) any of whose rows without a response_id has the fingerprint
 * of a stored response of the survey, or of another row of the file (one before it, or one with a
 * response_id), naming the rows as a spreadsheet numbers them. A row without a response_id has no
 * identity but what it says, and the usual reason for saying what is already stored is the same
 * file imported twice. A row with a response_id is that response: skipped when it is stored
 * (re-importing an export adds nothing twice), stored otherwise, whatever its answers; so an
 * export, whose identical answers from two people have two ids, imports as it is.
 */
async function refuseDuplicates(
  store: Store,
  surveyId: string,
  responses: ReadonlyArray<{ row: number; response: NewResponse }>,
  source: string,
  optionNames: OptionNames,
): Promise<void> {
  const rows = responses.map(({ row, response }) => ({ row, hasId: response.id !== undefined, fingerprint: responseFingerprint(surveyId, { org: response.org, wave: response.wave ?? null, answers: response.answers }) }));
  const unidentified = rows.filter((r) => !r.hasId);
  if (unidentified.length === 0) return;
  const stored = await store.responses.storedFingerprints(surveyId, [...new Set(unidentified.map((r) => r.fingerprint))]);
  // Per fingerprint, its first row and its first row with a response_id: what a row repeats is the
  // first row before it, or, for the first row itself, a row with an id (that one is stored anyway).
  const first = new Map<string, (typeof rows)[number]>();
  const firstWithId = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    if (!first.has(r.fingerprint)) first.set(r.fingerprint, r);
    if (r.hasId && !firstWithId.has(r.fingerprint)) firstWithId.set(r.fingerprint, r);
  }
  const alreadyStored: number[] = [];
  const repeats: Array<{ row: number; of: number }> = [];
  for (const r of unidentified) {
    if (stored.has(r.fingerprint)) {
      alreadyStored.push(r.row);
      continue;
    }
    const earliest = first.get(r.fingerprint)!;
    const other = earliest !== r ? earliest : firstWithId.get(r.fingerprint);
    if (other) repeats.push({ row: r.row, of: other.row });
  }
  if (alreadyStored.length === 0 && repeats.length === 0) return;
  const total = responses.length;
  const parts: string[] = [];
  if (alreadyStored.length > 0) {
    parts.push(`${alreadyStored.length} of ${total} rows ${alreadyStored.length === 1 ? 'is' : 'are'} already stored (${listed(alreadyStored.map((row) => `${row}`), alreadyStored.length === 1 ? 'row ' : 'rows ')})`);
  }
  if (repeats.length > 0) {
    parts.push(`${repeats.length} of ${total} rows ${repeats.length === 1 ? 'repeats' : 'repeat'} another row of the file (${listed(repeats.map((r) => `row ${r.row} repeats row ${r.of}`), '')})`);
  }
  const problems: Problem[] = [
    ...alreadyStored.map((row) => ({ where: `row ${row}`, code: 'already-stored', message: 'a response with the same organisation, wave and answers is already stored' })),
    ...repeats.map(({ row, of }) => ({ where: `row ${row}`, code: 'repeated-row', message: `the same organisation, wave and answers as row ${of}` })),
  ].sort((a, b) => rowOf(a.where) - rowOf(b.where));
  throw new CanvassError(
    'import.duplicate',
    `${source} was not imported: ${parts.join(', and ')}; nothing was stored. The usual cause is importing the same file again; if these rows are different people who gave identical answers, import with ${optionNames('allowDuplicates')}`,
    { problems: problems.slice(0, 20) },
  );
}

/** "2, 5, 9", or the first few and "… and K more". */
function listed(items: readonly string[], prefix: string): string {
  const shown = items.slice(0, shownRows).join(', ');
  return `${prefix}${shown}${items.length > shownRows ? `, … and ${items.length - shownRows} more` : ''}`;
}

function rowOf(where: string): number {
  return Number(/^row (\d+)/.exec(where)?.[1] ?? 0);
}
