import { parseExpression } from '../expression/parse.js';
import { isChoiceQuestion } from '../choice-question.js';
import type { Definition, Question } from '../schema.js';
import { boundsToConstraint, type Bounds } from './constraint-bounds.js';
import { definitionSheetFields } from './from-xlsform.js';
import { expressionToRelevant, RelevantError } from './relevant-expression.js';
import type { XlsformSheetOut } from './xlsform-sheets.js';

/** A question or field that cannot be written as an XLSForm, with where it is. */
export class XlsformExportError extends Error {
  constructor(readonly problems: Array<{ where: string; message: string }>) {
    super(problems.map((p) => `${p.where}: ${p.message}`).join('; '));
  }
}

/** The longest text an Excel cell holds. */
export const maxCellLength = 32767;

const defaultTextMaxLength = 2000;

/**
 * Writes a definition as an XLSForm's sheets: `survey` (a row per question; single choice as
 * select_one, scale as select_one with the likert appearance, number as integer or decimal, its
 * condition as `relevant`, its bounds as `constraint`), `choices` (a list per question, named by
 * the question's id) and `settings` (form_id, form_title). What XLSForm has no column for — the
 * condition as written, bases, findings, headlines, polarity, units, non-substantive and exclusive
 * options, nets, and the definition's other fields — goes into `canvass_*` columns and the sheets
 * `canvass_nets` and `canvass_definition`, which other XLSForm tools ignore and from-xlsform.ts
 * reads back, so that importing the file gives the same definition. A condition on the
 * organisation (`org.X`) has no XLSForm equivalent: its `relevant` is left empty (another tool
 * asks the question of everyone) and the condition stays in `canvass_show_if`.
 */
export function definitionToXlsform(definition: Definition): XlsformSheetOut[] {
  const problems: Array<{ where: string; message: string }> = [];
  const surveyHeader = ['type', 'name', 'label', 'hint', 'required', 'relevant', 'constraint', 'appearance', 'canvass_show_if', 'canvass_base', 'canvass_finding', 'canvass_headline', 'canvass_better', 'canvass_unit'];
  const survey: string[][] = [surveyHeader];
  const choices: string[][] = [['list_name', 'name', 'label', 'canvass_non_substantive', 'canvass_exclusive', 'canvass_finding']];
  const nets: string[][] = [['question', 'code', 'label', 'options', 'finding']];
  const types = new Map<string, string>(definition.questions.map((q) => [q.id, q.type]));

  definition.questions.forEach((question, i) => {
    const where = `questions[${i}] (${question.id})`;
    const written = typeAndBounds(question);
    if (!written) {
      problems.push({ where, message: `${question.type} questions cannot be written as XLSForm yet` });
      return;
    }
    let relevant = '';
    if (question.showIf) {
      try {
        relevant = expressionToRelevant(parseExpression(question.showIf), (id) => types.get(id));
      } catch (error) {
        if (!(error instanceof RelevantError)) throw error;
      }
    }
    const q = question as Question & { better?: string; headline?: string; unit?: string };
    survey.push([
      written.type,
      question.id,
      question.text,
      question.hint ?? '',
      question.required ? 'yes' : 'no',
      relevant,
      boundsToConstraint(written.bounds),
      question.type === 'scale' ? 'likert' : '',
      question.showIf ?? '',
      question.base === 'answered' ? '' : question.base,
      question.finding ?? '',
      q.headline ?? '',
      q.better ?? '',
      q.unit ?? '',
    ]);
    if (isChoiceQuestion(question)) {
      for (const option of question.options) choices.push([question.id, option.code, option.label, option.nonSubstantive ? 'yes' : '', option.exclusive ? 'yes' : '', option.finding ?? '']);
      for (const net of question.nets) nets.push([question.id, net.code, net.label, net.options.join(' '), net.finding ?? '']);
    }
  });

  const fields: string[][] = [['field', 'value']];
  const record = definition as unknown as Record<string, unknown>;
  for (const field of definitionSheetFields) {
    if (record[field] !== undefined) fields.push([field, JSON.stringify(record[field])]);
  }
  const sheets: XlsformSheetOut[] = [
    { name: 'survey', rows: survey },
    { name: 'choices', rows: choices },
    { name: 'settings', rows: [['form_id', 'form_title'], [definition.id, definition.title]] },
  ];
  if (nets.length > 1) sheets.push({ name: 'canvass_nets', rows: nets });
  if (fields.length > 1) sheets.push({ name: 'canvass_definition', rows: fields });
  for (const sheet of sheets) {
    sheet.rows.forEach((cells, r) => {
      const long = cells.findIndex((c) => c.length > maxCellLength);
      if (long >= 0) problems.push({ where: `sheet ${sheet.name}, row ${r + 1}, column ${sheet.rows[0]![long]}`, message: `the text is ${cells[long]!.length} characters long; an Excel cell holds at most ${maxCellLength}` });
    });
  }
  if (problems.length > 0) throw new XlsformExportError(problems);
  return sheets;
}

function typeAndBounds(question: Question): { type: string; bounds: Bounds } | undefined {
  switch (question.type) {
    case 'single':
    case 'scale':
      return { type: `select_one ${question.id}`, bounds: {} };
    case 'multiple':
      return { type: `select_multiple ${question.id}`, bounds: question.maxSelected === undefined ? {} : { maxSelected: question.maxSelected } };
    case 'number':
      return { type: question.integer ? 'integer' : 'decimal', bounds: { ...(question.min === undefined ? {} : { min: question.min }), ...(question.max === undefined ? {} : { max: question.max }) } };
    case 'text':
      return { type: 'text', bounds: question.maxLength === defaultTextMaxLength ? {} : { maxLength: question.maxLength } };
    case 'date':
      return { type: 'date', bounds: { ...(question.min === undefined ? {} : { min: question.min }), ...(question.max === undefined ? {} : { max: question.max }) } };
    default:
      return undefined;
  }
}
