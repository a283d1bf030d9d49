import { basename, extname } from 'node:path';
import { loadXlsform } from '../definition/xlsform/load-xlsform.js';
import type { Definition } from '../definition/schema.js';
import { loadRegisterSchemaText } from '../definition/load-register-schema.js';
import { CanvassError } from '../errors/canvass-error.js';
import { readXlsformWorkbook } from './xlsform-file.js';

/**
 * An XLSForm file as a validated definition with what was left out of it (see
 * definition/xlsform/from-xlsform.ts), or a user error listing, by sheet and row, everything that
 * could not be converted. The survey id is the settings' form_id, else the file's name.
 */
export async function parseXlsformOrThrow(bytes: Uint8Array, source: string, register?: { text: string; source: string }): Promise<{ definition: Definition; notices: string[] }> {
  let raw: unknown;
  if (register) {
    const read = loadRegisterSchemaText(register.text);
    if (!read.ok) throw new CanvassError('definition.invalid', `${register.source} is not a valid register schema (${read.problems.length} problem${read.problems.length === 1 ? '' : 's'})`, { problems: read.problems });
    raw = read.raw;
  }
  const workbook = await readXlsformWorkbook(bytes, source);
  const result = loadXlsform(workbook, { fallbackId: basename(source, extname(source)), ...(raw === undefined ? {} : { register: raw }) });
  if (!result.ok) {
    throw new CanvassError('definition.invalid', `${source} cannot be imported: ${result.problems.length} thing${result.problems.length === 1 ? '' : 's'} in it Canvass cannot represent or check (nothing was stored)`, { problems: result.problems });
  }
  return { definition: result.definition, notices: result.notices };
}
