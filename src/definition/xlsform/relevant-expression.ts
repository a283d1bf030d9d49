import type { ComparisonOperator, Expression, Literal } from '../expression/ast.js';

/**
 * XLSForm's `relevant` (an XPath expression, https://xlsform.org/en/#relevant) to and from the
 * condition language, for the subset that means the same in both:
 *
 *   ${q} = 'x', ${q} != 'x', ${n} > 3 (and <, <=, >=), selected(${q}, 'x'), and, or, not(…),
 *   ${q} = '' and ${q} != '' on a choice question (not answered, answered)
 *
 * XPath compares an unanswered question as '' (a number as NaN), so `${q} != 'x'` holds for
 * someone who did not answer; Canvass's `q != x` holds only for those who answered. The import
 * writes XPath's `!=` as `not q = x`, and the export writes Canvass's `q != x` as
 * `(${q} != 'x' and ${q} != '')`. Anything else (other functions, arithmetic, paths, `.`) is a
 * {@link RelevantError} naming what is not supported: nothing is guessed.
 */
export class RelevantError extends Error {}

/** What the import knows of a question named in a `relevant`: only questions before it. */
export interface RelevantQuestion {
  id: string;
  kind: 'single' | 'multiple' | 'number' | 'other';
  /** The XLSForm type, for messages. */
  type: string;
  /** The option code of a choice name, or undefined when the list has no such choice. */
  code?: (name: string) => string | undefined;
  /** Every option code, in order (choice questions). */
  codes?: string[];
}

type Token =
  | { t: 'ref'; name: string }
  | { t: 'str'; value: string }
  | { t: 'num'; value: number; text: string }
  | { t: 'op'; op: ComparisonOperator }
  | { t: 'word'; word: string }
  | { t: 'p'; p: '(' | ')' | ',' }
  | { t: 'end' };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '$' && source[i + 1] === '{') {
      const end = source.indexOf('}', i);
      if (end < 0) throw new RelevantError(`'\${' at column ${i + 1} is not closed with '}'`);
      tokens.push({ t: 'ref', name: source.slice(i + 2, end).trim() });
      i = end + 1;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const end = source.indexOf(ch, i + 1);
      if (end < 0) throw new RelevantError(`the quoted text at column ${i + 1} is not closed`);
      tokens.push({ t: 'str', value: source.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ t: 'p', p: ch });
      i++;
      continue;
    }
    const op = /^(!=|<=|>=|=|<|>)/.exec(source.slice(i));
    if (op) {
      tokens.push({ t: 'op', op: op[1] as ComparisonOperator });
      i += op[1]!.length;
      continue;
    }
    const num = /^-?(\d+(\.\d*)?|\.\d+)/.exec(source.slice(i));
    if (num && !/^[A-Za-z_]/.test(source.slice(i + num[0].length))) {
      tokens.push({ t: 'num', value: Number(num[0]), text: num[0] });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_:.-]*/.exec(source.slice(i));
    if (word) {
      tokens.push({ t: 'word', word: word[0] });
      i += word[0].length;
      continue;
    }
    throw new RelevantError(`'${ch}' at column ${i + 1} is not supported (only \${question} compared with a value, selected(), and, or, not())`);
  }
  tokens.push({ t: 'end' });
  return tokens;
}

/** The most conditions one `relevant` may join, and how deep it may nest, as the condition language's own bounds. */
const maxNesting = 64;

/** Converts an XLSForm `relevant` to a condition, reading the questions it names through `question` (undefined: not an earlier question). */
export function relevantToExpression(source: string, question: (name: string) => RelevantQuestion | undefined): Expression {
  const tokens = tokenize(source);
  let index = 0;
  let depth = 0;
  const peek = () => tokens[index]!;
  const next = () => tokens[Math.min(index++, tokens.length - 1)]!;
  const isWord = (token: Token, word: string) => token.t === 'word' && token.word === word;
  const expect = (p: '(' | ')' | ',') => {
    const token = next();
    if (token.t !== 'p' || token.p !== p) throw new RelevantError(`expected '${p}' ${describe(token)}`);
  };

  const parseOr = (): Expression => {
    let left = parseAnd();
    while (isWord(peek(), 'or')) {
      next();
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): Expression => {
    let left = parseUnary();
    while (isWord(peek(), 'and')) {
      next();
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  };
  const nested = (parse: () => Expression): Expression => {
    if (++depth > maxNesting) throw new RelevantError(`it nests more than ${maxNesting} levels deep`);
    const expression = parse();
    depth--;
    return expression;
  };
  const parseUnary = (): Expression => {
    const token = peek();
    if (token.t === 'p' && token.p === '(') {
      next();
      return nested(() => {
        const inner = parseOr();
        expect(')');
        return inner;
      });
    }
    if (isWord(token, 'not') && tokens[index + 1]?.t === 'p') {
      next();
      expect('(');
      return nested(() => {
        const operand = parseOr();
        expect(')');
        return { kind: 'not', operand };
      });
    }
    if (isWord(token, 'selected')) {
      next();
      expect('(');
      const ref = next();
      if (ref.t !== 'ref') throw new RelevantError(`selected() takes a \${question} first, ${describe(ref)}`);
      expect(',');
      const value = next();
      if (value.t !== 'str' && value.t !== 'num') throw new RelevantError(`selected() takes a choice name in quotes second, ${describe(value)}`);
      expect(')');
      const q = known(ref.name);
      const code = choiceCode(q, value.t === 'str' ? value.value : value.text);
      if (q.kind === 'multiple') return { kind: 'includes', field: { kind: 'question', id: q.id }, value: code, position: 0 };
      if (q.kind === 'single') return { kind: 'compare', field: { kind: 'question', id: q.id }, operator: '=', value: code, position: 0 };
      throw new RelevantError(`selected() applies to select questions; ${ref.name} is ${q.type}`);
    }
    if (token.t === 'word') throw new RelevantError(`${token.word}${tokens[index + 1]?.t === 'p' ? '()' : ''} is not supported (only \${question} compared with a value, selected(), and, or, not())`);
    return parseComparison();
  };
  const parseComparison = (): Expression => {
    const left = next();
    const op = next();
    const right = next();
    if (op.t !== 'op') throw new RelevantError(`expected a comparison (=, !=, <, >) ${describe(op)}`);
    if (left.t === 'ref' && (right.t === 'str' || right.t === 'num')) return comparison(left.name, op.op, right);
    if (right.t === 'ref' && (left.t === 'str' || left.t === 'num')) return comparison(right.name, flip(op.op), left);
    throw new RelevantError('only a ${question} compared with a value is supported, not two questions or two values');
  };

  const known = (name: string): RelevantQuestion => {
    const q = question(name);
    if (!q) throw new RelevantError(`\${${name}} is not a question asked before this one`);
    return q;
  };
  const comparison = (name: string, op: ComparisonOperator, literal: Token & { t: 'str' | 'num' }): Expression => {
    const q = known(name);
    const field = { kind: 'question' as const, id: q.id };
    const text = literal.t === 'str' ? literal.value : literal.text;
    if (q.kind === 'number') {
      const value = Number(text);
      if (text.trim() === '' || !Number.isFinite(value)) throw new RelevantError(`${name} is a number question, so '${text}' must be a number`);
      if (op === '!=') return { kind: 'not', operand: { kind: 'compare', field, operator: '=', value, position: 0 } };
      return { kind: 'compare', field, operator: op, value, position: 0 };
    }
    if (q.kind === 'other') throw new RelevantError(`conditions on ${q.type} questions (${name}) are not supported`);
    if (op !== '=' && op !== '!=') throw new RelevantError(`'${op}' compares numbers; ${name} is a select question`);
    if (text === '') {
      // Answered (!= '') or not answered (= ''): one of its codes chosen, or none.
      const codes = q.codes ?? [];
      const answered: Expression = q.kind === 'multiple' ? codes.map((c): Expression => ({ kind: 'includes', field, value: c, position: 0 })).reduce((left, right) => ({ kind: 'or', left, right })) : { kind: 'in', field, values: codes, position: 0 };
      return op === '!=' ? answered : { kind: 'not', operand: answered };
    }
    if (q.kind === 'multiple') throw new RelevantError(`${name} is select_multiple: write selected(\${${name}}, '${text}')`);
    const equal: Expression = { kind: 'compare', field, operator: '=', value: choiceCode(q, text), position: 0 };
    return op === '=' ? equal : { kind: 'not', operand: equal };
  };
  const choiceCode = (q: RelevantQuestion, name: string): Literal => {
    const code = q.code?.(name);
    if (code === undefined) throw new RelevantError(`'${name}' is not a choice of ${q.id}`);
    return code;
  };

  if (peek().t === 'end') throw new RelevantError('it is empty');
  const expression = parseOr();
  const rest = peek();
  if (rest.t !== 'end') throw new RelevantError(`unexpected ${describe(rest).replace(/^found /, '')}`);
  return expression;
}

function describe(token: Token): string {
  switch (token.t) {
    case 'end':
      return 'at the end';
    case 'ref':
      return `found \${${token.name}}`;
    case 'str':
      return `found '${token.value}'`;
    case 'num':
      return `found ${token.text}`;
    case 'op':
      return `found ${token.op}`;
    case 'word':
      return `found ${token.word}`;
    case 'p':
      return `found '${token.p}'`;
  }
}

function flip(op: ComparisonOperator): ComparisonOperator {
  return op === '<' ? '>' : op === '>' ? '<' : op === '<=' ? '>=' : op === '>=' ? '<=' : op;
}

/**
 * Writes a condition as an XLSForm `relevant`, with question ids as `${id}`; throws
 * {@link RelevantError} for a condition on the organisation (`org.X`), which no XLSForm tool knows.
 */
export function expressionToRelevant(expression: Expression, typeOf: (id: string) => string | undefined): string {
  const value = (v: Literal) => (typeof v === 'number' ? String(v) : v.includes("'") ? `"${v}"` : `'${v}'`);
  const ref = (e: { field: { kind: 'question'; id: string } | { kind: 'org'; attribute: string } }) => {
    if (e.field.kind === 'org') throw new RelevantError(`org.${e.field.attribute} has no XLSForm equivalent`);
    return `\${${e.field.id}}`;
  };
  const write = (e: Expression): string => {
    switch (e.kind) {
      case 'or':
        return `${write(e.left)} or ${write(e.right)}`;
      case 'and':
        return `${e.left.kind === 'or' ? `(${write(e.left)})` : write(e.left)} and ${e.right.kind === 'or' ? `(${write(e.right)})` : write(e.right)}`;
      case 'not':
        return `not(${write(e.operand)})`;
      case 'compare': {
        const r = ref(e);
        const numeric = e.field.kind === 'question' && typeOf(e.field.id) === 'number';
        const v = numeric ? String(Number(e.value)) : value(e.value);
        return e.operator === '!=' ? `(${r} != ${v} and ${r} != '')` : `${r} ${e.operator} ${v}`;
      }
      case 'in': {
        const r = ref(e);
        const numeric = e.field.kind === 'question' && typeOf(e.field.id) === 'number';
        const any = e.values.map((v) => `${r} = ${numeric ? String(Number(v)) : value(v)}`).join(' or ');
        return e.negated ? `(${r} != '' and not(${any}))` : e.values.length > 1 ? `(${any})` : any;
      }
      case 'includes':
        return `selected(${ref(e)}, ${value(e.value)})`;
    }
  };
  return write(expression);
}
