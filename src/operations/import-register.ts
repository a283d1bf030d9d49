import { CanvassError } from '../errors/canvass-error.js';
import { parseRegisterCsv } from '../register/parse-register-csv.js';
import type { Store } from '../storage/store.js';

/** Validates a whole register CSV, then adds or updates its organisations in one transaction. */
export async function importRegister(store: Store, text: string, source: string): Promise<{ created: number; updated: number }> {
  const result = parseRegisterCsv(text, await store.organisations.ids());
  if (!result.ok) {
    throw new CanvassError('register.invalid', `${source} was not imported: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} (nothing was stored)`, { problems: result.problems });
  }
  return store.organisations.upsert(result.organisations);
}
