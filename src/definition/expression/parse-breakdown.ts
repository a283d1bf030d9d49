import { CanvassError } from '../../errors/canvass-error.js';
import type { Definition } from '../schema.js';
import { orgAttributes, type FieldRef } from './ast.js';

/** Reads a breakdown field: `org.ATTRIBUTE`, or the id of a single-choice or scale question. */
export function parseBreakdown(field: string, definition: Definition): FieldRef {
  const value = field.trim();
  if (value.startsWith('org.')) {
    const attribute = value.slice(4);
    if (!(orgAttributes as readonly string[]).includes(attribute) || attribute === 'id') {
      throw new CanvassError('option.invalid', `Cannot break down by "${field}": use one of ${orgAttributes.filter((a) => a !== 'id').map((a) => `org.${a}`).join(', ')} or a question id`);
    }
    return { kind: 'org', attribute };
  }
  const question = definition.questions.find((q) => q.id === value);
  if (!question) {
    throw new CanvassError('option.invalid', `Cannot break down by "${field}": survey '${definition.id}' has no such question. Use org.type, org.nation, org.region or one of: ${definition.questions.filter((q) => q.type === 'single' || q.type === 'scale').map((q) => q.id).join(', ')}`);
  }
  if (question.type !== 'single' && question.type !== 'scale') {
    throw new CanvassError('option.invalid', `Cannot break down by "${field}": it is a ${question.type} question; a breakdown needs a single-choice or scale question`);
  }
  return { kind: 'question', id: question.id };
}
