import type { ComparisonOperator, Expression, FieldRef, Literal } from './ast.js';
import { ExpressionSyntaxError, tokenize, type Token } from './tokenize.js';

export { ExpressionSyntaxError } from './tokenize.js';

const keywords = new Set(['and', 'or', 'not', 'in', 'includes']);

/**
 * How deep parentheses and `not` may nest, and how many comparisons one expression may join.
 * The parser, the checks and the evaluation recurse over the expression, so without bounds a
 * filter of 10,000 nested parentheses (or `a = 1 and a = 1 and …` 10,000 times, a tree as deep)
 * would overflow the stack instead of being refused; no real condition comes near either.
 */
export const maxExpressionNesting = 64;
export const maxExpressionConditions = 1000;

/**
 * Parses the condition/filter language. Grammar (keywords case-insensitive):
 *
 *   expr       := and ('or' and)*
 *   and        := unary ('and' unary)*
 *   unary      := 'not' unary | '(' expr ')' | comparison
 *   comparison := field ('=' | '!=' | '<' | '<=' | '>' | '>=') value
 *               | field ['not'] 'in' '(' value (',' value)* ')'
 *               | field 'includes' value
 *   field      := question-id | 'org.' attribute
 *   value      := code | number | 'quoted text'
 *
 * Throws {@link ExpressionSyntaxError} with the column of the first error, also when the
 * expression nests deeper than {@link maxExpressionNesting} or joins more comparisons than
 * {@link maxExpressionConditions}.
 */
export function parseExpression(source: string): Expression {
  const parser = new Parser(tokenize(source));
  if (parser.peek().type === 'end') throw new ExpressionSyntaxError('the expression is empty', 1);
  const expression = parser.parseOr();
  const next = parser.peek();
  if (next.type !== 'end') throw new ExpressionSyntaxError(`unexpected ${describe(next)} at column ${next.position}; join conditions with 'and' or 'or'`, next.position);
  return expression;
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'end of expression';
    case 'string':
      return `'${token.value}'`;
    case 'number':
      return `'${token.text}'`;
    default:
      return `'${token.text}'`;
  }
}

function isKeyword(token: Token, word: string): boolean {
  return token.type === 'word' && token.text.toLowerCase() === word;
}

class Parser {
  private index = 0;
  private nesting = 0;
  private conditions = 0;

  constructor(private readonly tokens: Token[]) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    this.index++;
    return token;
  }

  parseOr(): Expression {
    let left = this.parseAnd();
    while (isKeyword(this.peek(), 'or')) {
      this.next();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): Expression {
    let left = this.parseUnary();
    while (isKeyword(this.peek(), 'and')) {
      this.next();
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): Expression {
    const token = this.peek();
    if (isKeyword(token, 'not')) {
      this.next();
      return this.nested(token, () => ({ kind: 'not', operand: this.parseUnary() }));
    }
    if (token.type === 'punct' && token.text === '(') {
      this.next();
      return this.nested(token, () => {
        const inner = this.parseOr();
        this.expectPunct(')', 'to close the parenthesis');
        return inner;
      });
    }
    return this.parseComparison();
  }

  private nested(token: Token, parse: () => Expression): Expression {
    if (++this.nesting > maxExpressionNesting) {
      throw new ExpressionSyntaxError(
        `the expression nests parentheses and 'not' more than ${maxExpressionNesting} levels deep (level ${maxExpressionNesting + 1} opens at column ${token.position}); write it with fewer levels`,
        token.position,
      );
    }
    const expression = parse();
    this.nesting--;
    return expression;
  }

  private parseComparison(): Expression {
    const fieldToken = this.next();
    if (++this.conditions > maxExpressionConditions) {
      throw new ExpressionSyntaxError(
        `the expression joins more than ${maxExpressionConditions} conditions (condition ${maxExpressionConditions + 1} is at column ${fieldToken.position}); use 'in (…)' for a list of values`,
        fieldToken.position,
      );
    }
    if (fieldToken.type !== 'word' || keywords.has(fieldToken.text.toLowerCase())) {
      throw new ExpressionSyntaxError(`expected a question id or org.ATTRIBUTE at column ${fieldToken.position}, found ${describe(fieldToken)}`, fieldToken.position);
    }
    const field = parseField(fieldToken);
    const position = fieldToken.position;
    const op = this.next();
    if (op.type === 'operator') {
      return { kind: 'compare', field, operator: op.text as ComparisonOperator, value: this.parseValue(), position };
    }
    if (isKeyword(op, 'includes')) {
      return { kind: 'includes', field, value: this.parseValue(), position };
    }
    const negated = isKeyword(op, 'not');
    const inToken = negated ? this.next() : op;
    if (isKeyword(inToken, 'in')) {
      this.expectPunct('(', "after 'in'");
      const values = [this.parseValue()];
      while (this.peek().type === 'punct' && (this.peek() as { text: string }).text === ',') {
        this.next();
        values.push(this.parseValue());
      }
      this.expectPunct(')', 'to close the list');
      return negated ? { kind: 'in', field, values, position, negated: true } : { kind: 'in', field, values, position };
    }
    throw new ExpressionSyntaxError(
      `expected =, !=, <, >, in (…) or includes after '${fieldToken.text}' at column ${inToken.position}, found ${describe(inToken)}`,
      inToken.position,
    );
  }

  private parseValue(): Literal {
    const token = this.next();
    if (token.type === 'number') return token.value;
    if (token.type === 'string') return token.value;
    if (token.type === 'word' && !keywords.has(token.text.toLowerCase())) return token.text;
    throw new ExpressionSyntaxError(`expected a value (an option code, a number or 'quoted text') at column ${token.position}, found ${describe(token)}`, token.position);
  }

  private expectPunct(text: '(' | ')', why: string): void {
    const token = this.next();
    if (token.type !== 'punct' || token.text !== text) {
      throw new ExpressionSyntaxError(`expected '${text}' ${why} at column ${token.position}, found ${describe(token)}`, token.position);
    }
  }
}

function parseField(token: Token & { type: 'word' }): FieldRef {
  const [head, ...rest] = token.text.split('.');
  if (head === 'org' && rest.length === 1 && rest[0]) return { kind: 'org', attribute: rest[0] };
  // GRID.STATEMENT names one statement of a grid (both parts question-id-like).
  if (rest.length === 1 && /^[a-z][a-z0-9_]*$/.test(head!) && /^[a-z][a-z0-9_]*$/.test(rest[0]!)) return { kind: 'question', id: token.text };
  if (rest.length > 0) {
    throw new ExpressionSyntaxError(`'${token.text}' at column ${token.position} is not a field: use a question id, GRID.STATEMENT or org.ATTRIBUTE`, token.position);
  }
  return { kind: 'question', id: token.text };
}
