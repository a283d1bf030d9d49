import { validateDefinition } from '../../src/definition/load-definition.js';
import type { Definition } from '../../src/definition/schema.js';

/** A small valid definition with these questions, for tests; throws if the questions are not valid. */
export function definitionOf(questions: unknown[]): Definition {
  const result = validateDefinition({ format: 1, id: 'demo', title: 'Demo', questions });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.definition;
}
