import type { Problem } from './catalogue.js';

/**
 * Problems for every text in `value` (a string, or the strings and keys of parsed JSON or YAML)
 * that holds a NUL character. PostgreSQL cannot store one in text at all, so input is refused
 * with where it is rather than failing on one database only. `where` names the value; keys and
 * indexes are added to it as a path (`answers.note`, `questions[2].text`). Walks without
 * recursion, so however deeply the input nests, this cannot overflow the stack.
 */
export function nulCharacterProblems(value: unknown, where: string): Problem[] {
  const problems: Problem[] = [];
  const pending: Array<{ node: unknown; path: string }> = [{ node: value, path: where }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { node, path } = next;
    if (typeof node === 'string') {
      if (node.includes('\u0000')) problems.push(nulProblem(path));
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) pending.push({ node: node[i], path: `${path}[${i}]` });
    } else if (typeof node === 'object' && node !== null) {
      const entries = Object.entries(node);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i]!;
        if (key.includes('\u0000')) problems.push(nulProblem(`${path === '' ? 'the field name' : `a field name in ${path}`} ${JSON.stringify(key)}`));
        pending.push({ node: item, path: path === '' ? key : `${path}.${key}` });
      }
    }
  }
  return problems;
}

/** The problem of a text (named by `where`) that holds a NUL character. */
export function nulProblem(where: string): Problem {
  return { where: where === '' ? 'text' : where, code: 'nul-character', message: 'the text holds a NUL character (\\0), which cannot be stored', expected: 'text without NUL characters' };
}
