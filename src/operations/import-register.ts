import { CanvassError } from '../errors/canvass-error.js';
import { parseRegisterCsv } from '../register/parse-register-csv.js';
import { inTransaction, type Store } from '../storage/store.js';
import { recordAudit } from './audit-log.js';

/**
 * Validates a whole register CSV, then adds or updates its organisations in one transaction,
 * with the audit log's entry for `actor`.
 */
export async function importRegister(store: Store, text: string, source: string, actor: string): Promise<{ created: number; updated: number }> {
  const result = parseRegisterCsv(text, await store.organisations.ids());
  if (!result.ok) {
    throw new CanvassError('register.invalid', `${source} was not imported: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} (nothing was stored)`, { problems: result.problems });
  }
  return inTransaction(store, async (tx) => {
    const counts = await tx.organisations.upsert(result.organisations);
    await recordAudit(tx, { actor, action: 'register.import', details: { source, ...counts } });
    return counts;
  });
}
