export type Token =
  | { type: 'word'; text: string; position: number }
  | { type: 'number'; value: number; text: string; position: number }
  | { type: 'string'; value: string; position: number }
  | { type: 'operator'; text: '=' | '!=' | '<' | '<=' | '>' | '>='; position: number }
  | { type: 'punct'; text: '(' | ')' | ','; position: number }
  | { type: 'end'; position: number };

export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

const wordPattern = /[A-Za-z_][A-Za-z0-9_.-]*/y;
const numberPattern = /-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;

/** Splits an expression into tokens; positions are 1-based columns for error messages. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const position = i + 1;
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ type: 'punct', text: ch, position });
      i++;
      continue;
    }
    if (ch === '!' && source[i + 1] === '=') {
      tokens.push({ type: 'operator', text: '!=', position });
      i += 2;
      continue;
    }
    if (ch === '<' || ch === '>') {
      const text = source[i + 1] === '=' ? (`${ch}=` as '<=' | '>=') : ch;
      tokens.push({ type: 'operator', text, position });
      i += text.length;
      continue;
    }
    if (ch === '=') {
      tokens.push({ type: 'operator', text: '=', position });
      i += source[i + 1] === '=' ? 2 : 1;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const end = source.indexOf(ch, i + 1);
      if (end < 0) throw new ExpressionSyntaxError(`the quoted text starting at column ${position} is not closed`, position);
      tokens.push({ type: 'string', value: source.slice(i + 1, end), position });
      i = end + 1;
      continue;
    }
    numberPattern.lastIndex = i;
    const numberMatch = /[-\d.]/.test(ch) ? numberPattern.exec(source) : null;
    // A number running on into letters or a hyphenated part is a code such as 1st or 16-24.
    if (numberMatch && !/^(?:[A-Za-z_]|-[A-Za-z0-9])/.test(source.slice(i + numberMatch[0].length))) {
      tokens.push({ type: 'number', value: Number(numberMatch[0]), text: numberMatch[0], position });
      i += numberMatch[0].length;
      continue;
    }
    wordPattern.lastIndex = i;
    const wordMatch = wordPattern.exec(source) ?? (/[0-9]/.test(ch) ? /[A-Za-z0-9_.-]+/y.exec(source.slice(i)) : null);
    if (wordMatch) {
      tokens.push({ type: 'word', text: wordMatch[0], position });
      i += wordMatch[0].length;
      continue;
    }
    throw new ExpressionSyntaxError(`unexpected character '${ch}' at column ${position}`, position);
  }
  tokens.push({ type: 'end', position: source.length + 1 });
  return tokens;
}
