import { loadDefinitionText } from '../definition/load-definition.js';
import type { DefinitionChanges } from '../definition/definition-changes.js';
import type { Definition } from '../definition/schema.js';
import { CanvassError } from '../errors/canvass-error.js';
import { loadRegisterSchemaText } from '../definition/load-register-schema.js';
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

/** What importing a definition did: the survey's version now and what it changed (null for a new survey; 'unchanged' stores nothing). */
export interface ImportedDefinition {
  definition: Definition;
  status: 'created' | 'updated' | 'unchanged';
  version: number;
  changes: DefinitionChanges | null;
}

/**
 * Stores a definition: a new survey's version 1, or its next version (src/definition/
 * definition-changes.ts). Stored responses keep their answers and the version they were answered
 * under, so a change never invalidates them: questions and options may be added (only respondents
 * of the new version are in their bases), removed (their answers stay stored) or reworded.
 * `actor` (who imports it) goes into the audit log with what changed.
 */
export async function importDefinition(store: Store, text: string, source: string, actor: string, register?: { text: string; source: string }): Promise<ImportedDefinition> {
  return storeDefinition(store, parseDefinitionOrThrow(text, source, register), source, actor);
}

/** Stores a definition already validated (from a definition file or an XLSForm), as {@link importDefinition}. */
export async function storeDefinition(store: Store, definition: Definition, source: string, actor: string): Promise<ImportedDefinition> {
  const stored = await inTransaction(store, async (tx) => {
    const result = await tx.surveys.store(definition, { actor });
    const about = { source, title: definition.title, questions: definition.questions.length, version: result.version };
    if (result.status === 'created') await recordAudit(tx, { actor, action: 'definition.create', surveyId: definition.id, details: about });
    else if (result.status === 'updated' && result.changes) {
      const c = result.changes;
      const option = (o: { question: string; code: string }) => `${o.question}:${o.code}`;
      await recordAudit(tx, {
        actor,
        action: 'definition.update',
        surveyId: definition.id,
        details: {
          ...about,
          added: c.addedQuestions,
          removed: c.removedQuestions,
          optionsAdded: c.addedOptions.map(option),
          optionsRemoved: c.removedOptions.map(option),
          reworded: [...c.rewordedQuestions.map((r) => r.question), ...c.rewordedOptions.map(option)],
        },
      });
    }
    return result;
  });
  return { definition, ...stored };
}
