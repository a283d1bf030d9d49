import { analysisDefinition } from '../analysis-questions.js';
import { CanvassError } from '../../errors/canvass-error.js';
import type { Definition } from '../schema.js';
import { attributeOf, groupingAttributes, registerOf } from '../register-attributes.js';
import type { FieldRef } from './ast.js';

/** Reads a breakdown field: `org.ATTRIBUTE`, or the id of a single-choice or scale question. */
export function parseBreakdown(field: string, definition: Definition): FieldRef {
  const value = field.trim();
  if (value.startsWith('org.')) {
    const attribute = value.slice(4);
    const register = registerOf(definition);
    const usable = groupingAttributes(register);
    if (!usable.includes(attribute)) {
      const number = attribute === 'headcount' || attributeOf(register, attribute)?.type === 'number';
      const hint = number ? `org.${attribute} is a number: declare bands of it in the register (type: bands, of: ${attribute}) and break down by those` : `use one of ${usable.map((a) => `org.${a}`).join(', ')} or a question id`;
      throw new CanvassError('option.invalid', `Cannot break down by "${field}": ${hint}`);
    }
    return { kind: 'org', attribute };
  }
  const question = analysisDefinition(definition).questions.find((q) => q.id === value);
  if (!question) {
    throw new CanvassError('option.invalid', `Cannot break down by "${field}": survey '${definition.id}' has no such question. Use ${groupingAttributes(registerOf(definition)).map((a) => `org.${a}`).join(', ')} or one of: ${analysisDefinition(definition).questions.filter((q) => q.type === 'single' || q.type === 'scale').map((q) => q.id).join(', ')}`);
  }
  if (question.type !== 'single' && question.type !== 'scale') {
    throw new CanvassError('option.invalid', `Cannot break down by "${field}": it is a ${question.type} question; a breakdown needs a single-choice or scale question`);
  }
  return { kind: 'question', id: question.id };
}
