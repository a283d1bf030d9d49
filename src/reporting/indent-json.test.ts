import { describe, expect, it } from 'vitest';
import { indentJson } from './indent-json.js';

const values: unknown[] = [
  {},
  [],
  { a: {}, b: [], c: [[]], d: [{}] },
  { role: 'digital', tools: ['email', 'chat'], staff: -5.5, big: 1e21, tiny: 1.5e-7, none: null, yes: true, no: false },
  { note: 'say "hi", {not: [an object]}, back\\slash \\", two\nlines\ttab', 'key "quoted" \\': ['', '"', '\\', ':', ','] },
  { unicode: 'ünïcödé ✓ 😀 \u2028 \u0000 \u001f \ud800' },
  [1, [2, [3, { deep: [4] }]], 'x'],
  'a string',
  42,
  null,
];

describe('indentJson', () => {
  it('lays out compact JSON as JSON.stringify with two spaces does, at any depth', () => {
    for (const value of values) {
      const compact = JSON.stringify(value);
      expect(indentJson(compact), compact).toBe(JSON.stringify(value, null, 2));
      expect(indentJson(compact, 3), compact).toBe(JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(3)}`));
    }
  });

  it('re-lays out text that is not compact through JSON.parse, to the same layout', () => {
    expect(indentJson('{ "a": [1, 2] ,"b":{}}', 1)).toBe('{\n    "a": [\n      1,\n      2\n    ],\n    "b": {}\n  }');
  });

  it('refuses text that is not JSON', () => {
    expect(() => indentJson('{"a": "unterminated')).toThrow(SyntaxError);
  });
});
