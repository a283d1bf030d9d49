import { loadDefinitionText } from '../definition/load-definition.js';
import type { Definition } from '../definition/schema.js';
import { CanvassError } from '../errors/canvass-error.js';
import type { Problem } from '../errors/catalogue.js';
import { loadRegisterSchemaText } from '../definition/load-register-schema.js';
import type { Organisation } from '../register/organisation.js';
import { validateResponse } from '../responses/validate-response.js';
import { inTransaction, type Store } from '../storage/store.js';
import { recordAudit } from './audit-log.js';

/**
 * Validates a definition file's text, with its register schema from a file of its own when
 * `register` is given (else the definition's `register`, if any); throws a user error listing
 * every problem.
 */
export function parseDefinitionOrThrow(text: string, source: string, register?: { text: string; source: string }): Definition {
  let raw: unknown;
  if (register) {
    const read = loadRegisterSchemaText(register.text);
    if (!read.ok) throw new CanvassError('definition.invalid', `${register.source} is not a valid register schema (${read.problems.length} problem${read.problems.length === 1 ? '' : 's'})`, { problems: read.problems });
    raw = read.raw;
  }
  const result = loadDefinitionText(text, raw === undefined ? {} : { register: raw });
  if (!result.ok) {
    throw new CanvassError('definition.invalid', `${source} is not a valid questionnaire definition (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'})`, { problems: result.problems });
  }
  return result.definition;
}

/**
 * Stores a definition, new or replacing the survey's current one. A replacement is refused
 * when a stored response would no longer be valid under it, so no collected answer is lost.
 * `actor` (who imports it) goes into the audit log with it.
 */
export async function importDefinition(store: Store, text: string, source: string, actor: string, register?: { text: string; source: string }): Promise<{ definition: Definition; status: 'created' | 'updated' }> {
  const definition = parseDefinitionOrThrow(text, source, register);
  const before = await store.surveys.get(definition.id);
  const responses = await store.responses.list(definition.id);
  if (responses.length > 0) {
    const orgs = new Map((await store.organisations.list()).map((o) => [o.id, o] as [string, Organisation]));
    const problems: Problem[] = [];
    let invalid = 0;
    for (const response of responses) {
      const result = validateResponse(definition, { org: response.org, answers: response.answers }, (id) => orgs.get(id), { where: (q) => `response ${response.id}, ${q}` });
      if (!result.ok) {
        invalid++;
        if (problems.length < 20) problems.push(...result.problems.slice(0, 20 - problems.length));
      }
    }
    if (invalid > 0) {
      throw new CanvassError('survey.incompatible', `${source} would make ${invalid} of the ${responses.length} stored responses of '${definition.id}' invalid, so it was not imported. Keep the existing question ids and option codes, or give the new version another survey id`, { problems });
    }
  }
  const status = await inTransaction(store, async (tx) => {
    const saved = await tx.surveys.save(definition);
    const about = { source, title: definition.title, questions: definition.questions.length };
    if (saved === 'created') await recordAudit(tx, { actor, action: 'definition.create', surveyId: definition.id, details: about });
    else {
      const now = new Set(definition.questions.map((q) => q.id));
      const was = new Set(before?.questions.map((q) => q.id) ?? []);
      const added = [...now].filter((id) => !was.has(id));
      const removed = [...was].filter((id) => !now.has(id));
      await recordAudit(tx, { actor, action: 'definition.update', surveyId: definition.id, details: { ...about, added, removed } });
    }
    return saved;
  });
  return { definition, status };
}
