import type { Problem } from '../errors/catalogue.js';
import { nulCharacterProblems } from '../errors/nul-characters.js';
import { readYamlText } from './read-yaml.js';
import { checkRegister } from './register-attributes.js';
import { registerSchema, type RegisterSchema } from './schema.js';

export type RegisterSchemaResult = { ok: true; register: RegisterSchema; raw: unknown } | { ok: false; problems: Problem[] };

/**
 * Reads a register schema from a YAML or JSON file of its own (the shape of a definition's
 * `register`: attributes and peerGroup) and checks it, listing every problem with where it is.
 * `raw` is what was read, to give a definition as its register.
 */
export function loadRegisterSchemaText(text: string): RegisterSchemaResult {
  const read = readYamlText(text);
  if (!read.ok) return read;
  const raw = read.raw;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: [{ where: 'file', code: 'not-an-object', message: 'a register schema is a mapping with attributes (and peerGroup)' }] };
  }
  const nul = nulCharacterProblems(raw, '');
  if (nul.length > 0) return { ok: false, problems: nul };
  const parsed = registerSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        where: issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || 'file',
        code: issue.code === 'unrecognized_keys' ? 'unknown-field' : issue.code,
        message: issue.message,
      })),
    };
  }
  const problems = checkRegister(parsed.data, '');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, register: parsed.data, raw };
}
