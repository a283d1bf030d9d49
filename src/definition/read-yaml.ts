import { parseDocument, YAMLParseError } from 'yaml';
import type { Problem } from '../errors/catalogue.js';

/**
 * How many times YAML aliases (`*name`) may repeat what their anchors hold: enough for any real
 * questionnaire, too few for an alias bomb ("billion laughs"), whose few lines expand to gigabytes.
 */
export const maxYamlAliasCount = 100;

/** Reads YAML or JSON text (JSON is YAML) into plain values. Never throws on bad input. */
export function readYamlText(text: string): { ok: true; raw: unknown } | { ok: false; problems: Problem[] } {
  try {
    const document = parseDocument(text, { prettyErrors: true });
    const [first] = document.errors;
    if (first) throw first;
    return { ok: true, raw: document.toJS({ maxAliasCount: maxYamlAliasCount }) };
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const [line, col] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [undefined, undefined];
      return { ok: false, problems: [{ where: line ? `line ${line}, column ${col}` : 'file', code: 'syntax', message: error.message.split('\n')[0] ?? 'not valid YAML or JSON' }] };
    }
    // Resolving aliases is the one step after parsing that can fail: too many, or one before its anchor.
    if (error instanceof ReferenceError) {
      const excessive = /excessive alias count/i.test(error.message);
      return {
        ok: false,
        problems: [
          excessive
            ? { where: 'file', code: 'too-many-aliases', message: `the YAML aliases (*name) repeat their anchors more than ${maxYamlAliasCount} times in all`, expected: `at most ${maxYamlAliasCount} repetitions through aliases; write the values out instead` }
            : { where: 'file', code: 'syntax', message: error.message, expected: 'every alias (*name) after its anchor (&name)' },
        ],
      };
    }
    throw error;
  }
}
