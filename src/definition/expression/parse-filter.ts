import { CanvassError } from '../../errors/canvass-error.js';
import { analysisDefinition } from '../analysis-questions.js';
import type { Definition } from '../schema.js';
import type { Expression } from './ast.js';
import { checkExpression } from './check.js';
import { ExpressionSyntaxError, parseExpression } from './parse.js';

/** Parses and checks an analysis filter against a definition and its register; throws a user error listing every problem. */
export function parseFilter(source: string, definition: Definition, where = 'filter'): Expression {
  let expression: Expression;
  try {
    expression = parseExpression(source);
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError)) throw error;
    throw new CanvassError('expression.invalid', `The ${where} "${source}" could not be understood: ${error.message}`, {
      problems: [{ where, code: 'expression-syntax', message: error.message }],
    });
  }
  // A filter may name a grid's statement (GRID.STATEMENT), as analysis sees it.
  const problems = checkExpression(expression, { definition: analysisDefinition(definition), where });
  if (problems.length > 0) {
    throw new CanvassError('expression.invalid', `The ${where} "${source}" does not fit survey '${definition.id}'`, { problems });
  }
  return expression;
}
