import type { Answer, Answers } from '../definition/schema.js';
import { closeBrace, closeBracket, colon, comma, openBrace, openBracket, quote } from './json-characters.js';

/**
 * Reads a stored answer set (the JSON text of an {@link Answers} object) into `into`, the answer
 * to each question at that question's position (`positions`: question id → index), `undefined`
 * where there is none; answers to questions not in `positions` are left out. The values are those
 * JSON.parse gives: a code, a list of codes, a number or a text.
 *
 * Why not JSON.parse: it builds an object per response, and responses that leave out different
 * questions make objects of different shapes, for each of which V8 creates hidden classes. At 5%
 * item non-response on 60 questions nearly every response has a shape of its own, and that costs
 * three quarters of the parse: 11 s of a national survey's 500,000 responses, against 2 s here.
 * This reads the compact form that JSON.stringify writes (the only form stored); strings with
 * escapes are decoded by JSON.parse, one string at a time, and anything else (white space, nested
 * objects, true, false, null) is handed whole to JSON.parse, so the result is always JSON.parse's.
 */
export function answersByPosition(json: string, positions: ReadonlyMap<string, number>, into: Array<Answer | undefined>): void {
  into.fill(undefined);
  if (scanCompact(json, idsInOrder(positions), positions, into)) return;
  into.fill(undefined);
  const answers = JSON.parse(json) as Answers;
  for (const id of Object.keys(answers)) {
    const at = positions.get(id);
    if (at !== undefined) into[at] = answers[id];
  }
}

const orders = new WeakMap<ReadonlyMap<string, number>, ReadonlyArray<string | undefined>>();
/**
 * The question ids by position, worked out once for a map of positions; an id with a backslash
 * is left out (its key is written escaped, so it is only found by decoding the key).
 */
function idsInOrder(positions: ReadonlyMap<string, number>): ReadonlyArray<string | undefined> {
  let ids = orders.get(positions);
  if (!ids) {
    const byPosition: Array<string | undefined> = [];
    for (const [id, at] of positions) byPosition[at] = id.includes('\\') ? undefined : id;
    ids = byPosition;
    orders.set(positions, ids);
  }
  return ids;
}

/** A JSON number's first character: a minus sign or a digit. */
const numberStart = /^-?[0-9]/;

/**
 * Reads `{"id":value,…}` into `into`; false as soon as the text is anything else (some answers may
 * have been placed by then). Answers are stored in questionnaire order, less those not given, so
 * each key is first compared in place with the next few questions' ids: most are found without
 * making a string of the key or looking it up.
 */
function scanCompact(json: string, ids: ReadonlyArray<string | undefined>, positions: ReadonlyMap<string, number>, into: Array<Answer | undefined>): boolean {
  if (json.charCodeAt(0) !== openBrace) return false;
  let i = 1;
  if (json.charCodeAt(i) === closeBrace) return json.length === 2;
  let expected = 0;
  for (;;) {
    if (json.charCodeAt(i) !== quote) return false;
    const keyEnd = closingQuote(json, i);
    if (keyEnd < 0 || json.charCodeAt(keyEnd + 1) !== colon) return false;
    let at = -1;
    for (let k = expected; k < ids.length && k < expected + 4; k++) {
      const id = ids[k];
      if (id !== undefined && id.length === keyEnd - i - 1 && json.startsWith(id, i + 1)) {
        at = k;
        break;
      }
    }
    if (at < 0) at = positions.get(stringAt(json, i, keyEnd)) ?? -1;
    else expected = at + 1;
    i = keyEnd + 2;
    let value: Answer;
    const first = json.charCodeAt(i);
    if (first === quote) {
      const end = closingQuote(json, i);
      if (end < 0) return false;
      value = stringAt(json, i, end);
      i = end + 1;
    } else if (first === openBracket) {
      const codes: string[] = [];
      i += 1;
      if (json.charCodeAt(i) === closeBracket) i += 1;
      else {
        for (;;) {
          if (json.charCodeAt(i) !== quote) return false;
          const end = closingQuote(json, i);
          if (end < 0) return false;
          codes.push(stringAt(json, i, end));
          i = end + 1;
          const next = json.charCodeAt(i);
          i += 1;
          if (next === closeBracket) break;
          if (next !== comma) return false;
        }
      }
      value = codes;
    } else {
      let end = i;
      while (end < json.length && json.charCodeAt(end) !== comma && json.charCodeAt(end) !== closeBrace) end += 1;
      const token = json.slice(i, end);
      value = Number(token);
      if (!numberStart.test(token) || !Number.isFinite(value)) return false;
      i = end;
    }
    if (at >= 0) into[at] = value;
    const next = json.charCodeAt(i);
    if (next === closeBrace) return i + 1 === json.length;
    if (next !== comma) return false;
    i += 1;
  }
}

/** The index of the quote that closes the JSON string opening at `start` (one not escaped by a backslash), or -1. */
export function closingQuote(json: string, start: number): number {
  let end = json.indexOf('"', start + 1);
  while (end > 0) {
    let backslashes = 0;
    while (json.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes += 1;
    if (backslashes % 2 === 0) return end;
    end = json.indexOf('"', end + 1);
  }
  return -1;
}

/** The string between the quotes at `start` and `end`: as written, or through JSON.parse when it has escapes. */
function stringAt(json: string, start: number, end: number): string {
  const raw = json.slice(start + 1, end);
  return raw.includes('\\') ? (JSON.parse(json.slice(start, end + 1)) as string) : raw;
}
