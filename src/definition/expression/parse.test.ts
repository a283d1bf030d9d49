import { describe, it, expect } from 'vitest';
import type { Expression } from './ast.js';
import { ExpressionSyntaxError, parseExpression } from './parse.js';

function q(id: string) {
  return { kind: 'question', id } as const;
}

/** Parses and drops the column positions, to compare shapes. */
function shape(source: string): unknown {
  return strip(parseExpression(source));
}

function strip(node: Expression): unknown {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { kind: node.kind, left: strip(node.left), right: strip(node.right) };
    case 'not':
      return { kind: 'not', operand: strip(node.operand) };
    default: {
      const { position: _position, ...rest } = node;
      return rest;
    }
  }
}

function syntaxError(source: string): ExpressionSyntaxError {
  try {
    parseExpression(source);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected "${source}" to be refused`);
}

describe('parseExpression: comparisons', () => {
  it.each(['=', '!=', '<', '<=', '>', '>='] as const)("reads the operator '%s'", (operator) => {
    expect(shape(`age ${operator} 30`)).toEqual({ kind: 'compare', field: q('age'), operator, value: 30 });
  });

  it("reads '==' as '='", () => {
    expect(shape('q1 == yes')).toEqual({ kind: 'compare', field: q('q1'), operator: '=', value: 'yes' });
  });

  it('needs no spaces around operators', () => {
    expect(shape('age>=30')).toEqual({ kind: 'compare', field: q('age'), operator: '>=', value: 30 });
  });

  it('records the column where each comparison starts', () => {
    const expression = parseExpression('a = x or  b = y');
    expect(expression).toMatchObject({ kind: 'or', left: { position: 1 }, right: { position: 11 } });
  });

  it('reads a list with in (…)', () => {
    expect(shape('gap_confidence in (not-very-confident, not-at-all-confident)')).toEqual({
      kind: 'in',
      field: q('gap_confidence'),
      values: ['not-very-confident', 'not-at-all-confident'],
    });
  });

  it('reads a list of one', () => {
    expect(shape('q1 in (yes)')).toEqual({ kind: 'in', field: q('q1'), values: ['yes'] });
  });

  it('reads not in (…) as a negated in (…)', () => {
    expect(shape('q1 not in (a, b)')).toEqual({ kind: 'in', field: q('q1'), values: ['a', 'b'], negated: true });
  });

  it('reads includes', () => {
    expect(shape('barriers includes legacy-data')).toEqual({ kind: 'includes', field: q('barriers'), value: 'legacy-data' });
  });

  it('reads org.ATTRIBUTE as an organisation field', () => {
    expect(shape('org.type = council')).toEqual({ kind: 'compare', field: { kind: 'org', attribute: 'type' }, operator: '=', value: 'council' });
  });

  it('reads an organisation attribute name it does not know, leaving it to the checker', () => {
    expect(shape('org.size = big')).toMatchObject({ field: { kind: 'org', attribute: 'size' } });
  });
});

describe('parseExpression: values and names', () => {
  it('reads question ids with underscores and digits', () => {
    expect(shape('gap_barriers_2 includes skills-gap')).toMatchObject({ field: q('gap_barriers_2') });
  });

  it('reads codes with hyphens as one value', () => {
    expect(shape('q1 = not-at-all-confident')).toMatchObject({ value: 'not-at-all-confident' });
  });

  it('reads codes that start with digits, with or without hyphens', () => {
    expect(shape('age in (16-24, 25-34, 65-plus, 1st)')).toMatchObject({ values: ['16-24', '25-34', '65-plus', '1st'] });
  });

  it('reads numbers as numbers: whole, decimal and negative', () => {
    expect(shape('n in (3, 2.5, -1, .5, 1e3)')).toMatchObject({ values: [3, 2.5, -1, 0.5, 1000] });
  });

  it('reads a negative number directly after an operator', () => {
    expect(shape('n >-4')).toMatchObject({ operator: '>', value: -4 });
  });

  it('reads quoted text in single or double quotes, keeping spaces and keywords', () => {
    expect(shape(`org.region in ('North East', "and or not")`)).toMatchObject({ values: ['North East', 'and or not'] });
  });

  it('reads a quoted number as text', () => {
    expect(shape("q1 = '5'")).toMatchObject({ value: '5' });
  });
});

describe('parseExpression: and, or, not and parentheses', () => {
  const a = { kind: 'compare', field: q('a'), operator: '=', value: 'x' };
  const b = { kind: 'compare', field: q('b'), operator: '=', value: 'x' };
  const c = { kind: 'compare', field: q('c'), operator: '=', value: 'x' };

  it("binds 'and' tighter than 'or' when and comes second", () => {
    expect(shape('a = x or b = x and c = x')).toEqual({ kind: 'or', left: a, right: { kind: 'and', left: b, right: c } });
  });

  it("binds 'and' tighter than 'or' when and comes first", () => {
    expect(shape('a = x and b = x or c = x')).toEqual({ kind: 'or', left: { kind: 'and', left: a, right: b }, right: c });
  });

  it('groups a chain of the same operator from the left', () => {
    expect(shape('a = x or b = x or c = x')).toEqual({ kind: 'or', left: { kind: 'or', left: a, right: b }, right: c });
  });

  it('lets parentheses override precedence', () => {
    expect(shape('(a = x or b = x) and c = x')).toEqual({ kind: 'and', left: { kind: 'or', left: a, right: b }, right: c });
  });

  it('accepts nested and redundant parentheses', () => {
    expect(shape('((a = x))')).toEqual(a);
  });

  it("binds 'not' tighter than 'and'", () => {
    expect(shape('not a = x and b = x')).toEqual({ kind: 'and', left: { kind: 'not', operand: a }, right: b });
  });

  it("applies 'not' to a parenthesised group", () => {
    expect(shape('not (a = x or b = x)')).toEqual({ kind: 'not', operand: { kind: 'or', left: a, right: b } });
  });

  it("reads 'not not' as a double negation", () => {
    expect(shape('not not a = x')).toEqual({ kind: 'not', operand: { kind: 'not', operand: a } });
  });

  it('reads keywords in any case', () => {
    expect(shape('NOT a = x AND b Not In (x) Or c INCLUDES x')).toEqual({
      kind: 'or',
      left: { kind: 'and', left: { kind: 'not', operand: a }, right: { kind: 'in', field: q('b'), values: ['x'], negated: true } },
      right: { kind: 'includes', field: q('c'), value: 'x' },
    });
  });
});

describe('parseExpression: syntax errors', () => {
  it.each([
    ['an empty expression', '', 1, /empty/],
    ['an expression of only spaces', '   ', 1, /empty/],
    ['a trailing token', 'q1 = yes no', 10, /unexpected 'no' at column 10/],
    ['a missing value', 'q1 = ', 6, /expected a value .* at column 6, found end of expression/],
    ['a missing operator', 'q1 yes', 4, /expected =, !=, <, >, in .* at column 4/],
    ['a field alone', 'q1', 3, /after 'q1' at column 3/],
    ['an unclosed parenthesis', '(q1 = yes', 10, /expected '\)' to close the parenthesis at column 10/],
    ['an unclosed list', 'q1 in (a, b', 12, /to close the list at column 12/],
    ['a list without its parenthesis', 'q1 in a, b', 7, /expected '\(' after 'in' at column 7/],
    ['an unclosed quote', "org.region = 'North East", 14, /quoted text starting at column 14 is not closed/],
    ['an unexpected character', 'q1 = yes & q2 = no', 10, /unexpected character '&' at column 10/],
    ['a field with two dots', 'a.b.c = x', 1, /'a.b.c' at column 1 is not a field/],
    ['a dotted field that is neither org nor GRID.STATEMENT', 'Survey.q1 = x', 1, /not a field/],
    ['org with no attribute', 'org. = x', 1, /not a field/],
    ['a keyword where a field should be', 'and = x', 1, /expected a question id or org.ATTRIBUTE at column 1, found 'and'/],
    ['a keyword as a value', 'q1 = or', 6, /expected a value .* at column 6, found 'or'/],
    ['a dangling and', 'q1 = yes and', 13, /at column 13/],
    ['a stray closing parenthesis', 'q1 = yes)', 9, /unexpected '\)' at column 9/],
    ['a lone exclamation mark', 'q1 ! yes', 4, /unexpected character '!' at column 4/],
  ])('refuses %s, giving the column', (_label, source, column, message) => {
    const error = syntaxError(source);
    expect(error.position).toBe(column);
    expect(error.message).toMatch(message);
  });

  it.each([
    ['10,000 nested parentheses', `${'('.repeat(10_000)}q1 = yes${')'.repeat(10_000)}`, 65],
    ["10,000 'not's", `${'not '.repeat(10_000)}q1 = yes`, 257],
    ["parentheses and 'not's together", `${'not ('.repeat(5_000)}q1 = yes${')'.repeat(5_000)}`, 161],
  ])('refuses %s with the nesting limit and the column where it is passed, not a stack overflow', (_label, source, column) => {
    const error = syntaxError(source);
    expect(error.message).toMatch(/nests parentheses and 'not' more than 64 levels deep \(level 65 opens at column \d+\)/);
    expect(error.position).toBe(column);
  });

  it('reads 64 levels of nesting', () => {
    expect(shape(`${'('.repeat(32)}${'not '.repeat(32)}q1 = yes${')'.repeat(32)}`)).toBeDefined();
  });

  it('refuses 10,000 conditions joined by and, which would nest as deep, naming the limit and the column', () => {
    const error = syntaxError(Array.from({ length: 10_000 }, () => 'q1 = yes').join(' and '));
    expect(error.message).toMatch(/joins more than 1000 conditions \(condition 1001 is at column 13001\)/);
    expect(error.position).toBe(13_001);
  });

  it('reads 1000 conditions', () => {
    expect(shape(Array.from({ length: 1000 }, () => 'q1 = yes').join(' or '))).toBeDefined();
  });

  it('is an Error, so callers that do not know the type still get a message', () => {
    expect(syntaxError('q1 =')).toBeInstanceOf(Error);
  });
});

describe('parseExpression: grid statements', () => {
  it('reads GRID.STATEMENT as the question of one statement of a grid', () => {
    expect(parseExpression('team.valued = agree')).toMatchObject({ kind: 'compare', field: { kind: 'question', id: 'team.valued' }, value: 'agree' });
  });
});
