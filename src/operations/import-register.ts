import type { RegisterSchema } from '../definition/schema.js';
import { CanvassError } from '../errors/canvass-error.js';
import { parseRegisterCsv } from '../register/parse-register-csv.js';
import { inTransaction, type Store } from '../storage/store.js';
import { recordAudit } from './audit-log.js';
import { requireSurvey } from './survey-lookup.js';

/** Which register schema a register file is checked against: a survey's, one read from a file, or none (columns as text). */
export type RegisterSchemaSource = { survey: string } | { schema: RegisterSchema } | undefined;

/**
 * Validates a whole register CSV against its register schema, then adds or updates its
 * organisations in one transaction, with the audit log's entry for `actor`. An organisation
 * keeps the attributes the file has no column for (another survey's register may declare them).
 */
export async function importRegister(store: Store, text: string, source: string, actor: string, against?: RegisterSchemaSource): Promise<{ created: number; updated: number }> {
  const register = against === undefined ? undefined : 'schema' in against ? against.schema : (await requireSurvey(store, against.survey)).register;
  const result = parseRegisterCsv(text, register, await store.organisations.ids());
  if (!result.ok) {
    throw new CanvassError('register.invalid', `${source} was not imported: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} (nothing was stored)`, { problems: result.problems });
  }
  return inTransaction(store, async (tx) => {
    const counts = await tx.organisations.upsert(result.organisations, result.columns);
    await recordAudit(tx, { actor, action: 'register.import', details: { source, ...counts } });
    return counts;
  });
}
