import type { Problem } from '../../errors/catalogue.js';
import { languageColumnName } from './xlsform-languages.js';
import { validateDefinition, type LoadOptions } from '../load-definition.js';
import type { Definition } from '../schema.js';
import { convertXlsform } from './from-xlsform.js';
import type { XlsformWorkbook } from './xlsform-sheets.js';

export type XlsformResult = { ok: true; definition: Definition; notices: string[] } | { ok: false; problems: Problem[]; notices: string[] };

/**
 * An XLSForm as a validated definition: what it could not convert and what the definition's own
 * checks find, every problem said by sheet and row (a question's problems at its survey row),
 * and what was left out (see from-xlsform.ts). All or nothing: any problem refuses the form.
 */
export function loadXlsform(workbook: XlsformWorkbook, options: LoadOptions & { fallbackId: string }): XlsformResult {
  const converted = convertXlsform(workbook, { fallbackId: options.fallbackId });
  if (converted.problems.some((p) => p.code === 'xlsform-no-survey')) return { ok: false, problems: converted.problems, notices: [] };
  const validated = validateDefinition(converted.raw, options.register === undefined ? {} : { register: options.register });
  const problems = [...converted.problems];
  if (!validated.ok) {
    for (const p of validated.problems) {
      // A form whose every question was refused is not also told it has none.
      if (p.where === 'questions' && converted.problems.length > 0) continue;
      const match = /^questions\[(\d+)\](?: \(([^)]*)\))?\.?(.*)$/.exec(p.where);
      const row = match ? converted.questionRows[Number(match[1])] : undefined;
      // The id is not repeated: the row says which question.
      if (match && row !== undefined) problems.push({ ...p, where: `sheet survey, row ${row} (${match[2] ?? ''})${match[3] ? ` ${match[3]}` : ''}`.replace(' ()', '') });
      else problems.push(translationWhere(p, converted.raw, converted.questionRows, converted.languageNames ?? {}));
    }
  }
  if (problems.length > 0 || !validated.ok) return { ok: false, problems, notices: converted.notices };
  return { ok: true, definition: validated.definition, notices: converted.notices };
}

/**
 * A translation problem said where the translation lives in the workbook: a question's at its
 * survey row and the language's columns (`sheet survey, row 4 (q1), columns in Welsh (cy)`), the
 * survey's own texts at the settings' form_title and the canvass_definition sheet.
 */
function translationWhere(p: Problem, raw: Record<string, unknown>, questionRows: number[], languageNames: Record<string, string>): Problem {
  const match = /^translations\.([a-z]{2,3})(?:\.questions\.([^.]+))?(.*)$/.exec(p.where);
  if (!match) return p;
  const [, code, questionId, rest] = match;
  const name = languageNames[code!] ?? languageColumnName(code!);
  if (questionId === undefined) return rest === '' ? { ...p, where: `sheet settings (form_title::${name}) and sheet canvass_definition (value::${name})` } : p;
  const index = ((raw.questions ?? []) as Array<{ id?: unknown }>).findIndex((q) => q.id === questionId);
  const row = questionRows[index];
  return row === undefined ? p : { ...p, where: `sheet survey, row ${row} (${questionId}), columns in ${name}${rest ? ` ${rest.replace(/^\./, '')}` : ''}` };
}
