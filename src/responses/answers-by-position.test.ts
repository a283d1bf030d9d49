import { describe, expect, it } from 'vitest';
import type { Answer, Answers } from '../definition/schema.js';
import { answersByPosition } from './answers-by-position.js';

const ids = ['role', 'tools', 'staff', 'note'];
const positions = new Map(ids.map((id, i) => [id, i]));

/** What answersByPosition gives for a JSON text, and what JSON.parse gives, slot by slot. */
function both(json: string): { read: Array<Answer | undefined>; parsed: Array<Answer | undefined> } {
  const read = new Array<Answer | undefined>(ids.length).fill('left over from the previous response');
  answersByPosition(json, positions, read);
  const answers = JSON.parse(json) as Answers;
  return { read, parsed: ids.map((id) => (Object.hasOwn(answers, id) ? answers[id] : undefined)) };
}

describe('answersByPosition', () => {
  it('puts each answer at its question’s position, and nothing where a question was not answered', () => {
    const { read } = both(JSON.stringify({ role: 'digital-it', tools: ['email', 'chat'], note: 'Fine' }));
    expect(read).toEqual(['digital-it', ['email', 'chat'], undefined, 'Fine']);
  });

  it('reads what JSON.parse reads from anything JSON.stringify writes: escapes, quotes, backslashes, line breaks, other scripts, numbers', () => {
    const texts = ['say "hi"', 'back\\slash', 'ends with a backslash \\', '\\"', 'two\nlines\r\tand a tab', 'ünïcödé ✓ 😀', '\u2028\u0000\u001f', '"', '', ',:{}[]', 'a":"b', "'=1+1"];
    const numbers = [0, -0, -5, 2.5, 1e21, 1.5e-7, Number.MAX_SAFE_INTEGER, -1000];
    const sets: Answers[] = [
      {},
      ...texts.map((note) => ({ note })),
      ...texts.map((text) => ({ tools: [text, 'x', text] })),
      ...numbers.map((staff) => ({ staff, role: 'a' })),
      { tools: [] },
      { note: 'first', role: 'r', staff: 3, tools: ['b', 'a'] },
      { other: 'not a question here', role: 'r' },
      { 'odd "key"\\': 'x', role: 'r' },
    ];
    for (const answers of sets) {
      const { read, parsed } = both(JSON.stringify(answers));
      expect(read, JSON.stringify(answers)).toEqual(parsed);
      read.forEach((value, i) => typeof value === 'number' && expect(Object.is(value, parsed[i]), `${JSON.stringify(answers)} at ${i}`).toBe(true));
    }
  });

  it('finds answers stored out of questionnaire order, and ids that need escaping', () => {
    const many = Array.from({ length: 12 }, (_, i) => `q${i}`);
    const odd = ['back\\slash', 'quote"d', ...many];
    const at = new Map(odd.map((id, i) => [id, i]));
    const answers = { q11: 'last first', q0: 'a', 'quote"d': 'q', q7: 7, 'back\\slash': ['b'], q1: 'b', q2: [] };
    const read = new Array<Answer | undefined>(odd.length);
    answersByPosition(JSON.stringify(answers), at, read);
    expect(read).toEqual(odd.map((id) => (answers as Record<string, Answer>)[id]));
  });

  it('leaves anything else to JSON.parse: white space, nested objects, true, false and null', () => {
    for (const json of ['{ "role": "a" }', '{"role":"a","x":{"y":[1]}}', '{"role":true,"note":null}', '{"tools":[1,2]}', '{"staff":false}', '\n{"role":"a"}']) {
      const { read, parsed } = both(json);
      expect(read, json).toEqual(parsed);
    }
  });

  it('refuses what JSON.parse refuses', () => {
    for (const json of ['', '{', '{"role":"a"', '{"role":"a",}', '{"role":}', '{"role":"a"}x', '{"role":"a\\"}']) {
      expect(() => answersByPosition(json, positions, [])).toThrow(SyntaxError);
    }
  });
});
