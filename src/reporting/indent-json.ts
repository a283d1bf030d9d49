import { closingQuote } from '../responses/answers-by-position.js';
import { closeBrace, closeBracket, colon, comma, openBrace, openBracket, quote } from '../responses/json-characters.js';

/**
 * Compact JSON text (as JSON.stringify writes it without indentation) laid out as
 * `JSON.stringify(JSON.parse(json), null, 2)` lays it out, at `depth` levels of two spaces: a value
 * nested in a document keeps its place. Strings are copied as they are, so the text of anything
 * JSON.stringify wrote comes out byte for byte as re-stringifying it would, without building its
 * objects: the raw export lays out 500,000 stored answer sets this way (see why in
 * `answersByPosition`). Text with white space between tokens is not compact and goes through
 * JSON.parse and JSON.stringify instead.
 */
export function indentJson(json: string, depth = 0): string {
  // Pieces joined once at the end: concatenating them one by one costs four times as much.
  const pieces: string[] = [];
  let from = 0;
  let level = depth;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === quote) {
      i = closingQuote(json, i);
      if (i < 0) return reindented(json, depth);
    } else if (c === openBrace || c === openBracket) {
      const next = json.charCodeAt(i + 1);
      if (next === closeBrace || next === closeBracket) {
        i += 1;
        continue;
      }
      level += 1;
      pieces.push(json.slice(from, i + 1), newline(level));
      from = i + 1;
    } else if (c === closeBrace || c === closeBracket) {
      level -= 1;
      pieces.push(json.slice(from, i), newline(level));
      from = i;
    } else if (c === comma) {
      pieces.push(json.slice(from, i + 1), newline(level));
      from = i + 1;
    } else if (c === colon) {
      pieces.push(json.slice(from, i + 1), ' ');
      from = i + 1;
    } else if (c === space || c === tab || c === lineFeed || c === carriageReturn) return reindented(json, depth);
  }
  pieces.push(json.slice(from));
  return pieces.join('');
}

const newlines: string[] = [];
/** A line break and the indentation of a level, made once per level. */
function newline(level: number): string {
  return (newlines[level] ??= `\n${'  '.repeat(level)}`);
}

const space = 0x20;
const tab = 0x09;
const lineFeed = 0x0a;
const carriageReturn = 0x0d;

function reindented(json: string, depth: number): string {
  return JSON.stringify(JSON.parse(json), null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
}
