import { parseExpression } from '../expression/parse.js';
import { isChoiceQuestion } from '../choice-question.js';
import type { Definition, Question } from '../schema.js';
import { boundsToConstraint, type Bounds } from './constraint-bounds.js';
import { definitionSheetFields } from './from-xlsform.js';
import { expressionToRelevant, RelevantError } from './relevant-expression.js';
import { languageColumnName } from './xlsform-languages.js';
import { defaultLanguageOf } from '../localise-definition.js';
import type { LanguageTranslation } from '../translations.js';
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
 * asks the question of everyone) and the condition stays in `canvass_show_if`. A survey in several
 * languages has its default language's texts in the plain columns, `default_language` on the
 * settings sheet, and each other language's beside them as XLSForm writes them (`label::Welsh
 * (cy)`, `hint::Welsh (cy)`, the choices' `label::Welsh (cy)`), with `form_title::…`,
 * `canvass_finding::…`, `canvass_unit::…` and the nets' and definition sheet's columns for the rest.
 */
export function definitionToXlsform(definition: Definition): XlsformSheetOut[] {
  const problems: Array<{ where: string; message: string }> = [];
  const others = (definition.languages ?? []).slice(1).map((code) => ({ name: languageColumnName(code), t: definition.translations?.[code] ?? ({} as LanguageTranslation) }));
  const per = (base: string) => others.map((o) => `${base}::${o.name}`);
  const surveyHeader = ['type', 'name', 'label', ...per('label'), 'hint', ...per('hint'), 'required', 'relevant', 'constraint', 'appearance', 'canvass_show_if', 'canvass_base', 'canvass_finding', ...per('canvass_finding'), 'canvass_headline', 'canvass_better', 'canvass_unit', ...per('canvass_unit')];
  const survey: string[][] = [surveyHeader];
  const choices: string[][] = [['list_name', 'name', 'label', ...per('label'), 'canvass_non_substantive', 'canvass_exclusive', 'canvass_finding', ...per('canvass_finding')]];
  const nets: string[][] = [['question', 'code', 'label', ...per('label'), 'options', 'finding', ...per('finding')]];
  /** An option's or net's translation as label and finding. */
  const entry = (value: string | { label: string; finding?: string | undefined } | undefined) => (typeof value === 'string' ? { label: value, finding: '' } : { label: value?.label ?? '', finding: value?.finding ?? '' });
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
    const t = others.map((o) => o.t.questions?.[question.id] ?? {});
    survey.push([
      written.type,
      question.id,
      question.text,
      ...t.map((x) => x.text ?? ''),
      question.hint ?? '',
      ...t.map((x) => x.hint ?? ''),
      question.required ? 'yes' : 'no',
      relevant,
      boundsToConstraint(written.bounds),
      question.type === 'scale' ? 'likert' : '',
      question.showIf ?? '',
      question.base === 'answered' ? '' : question.base,
      question.finding ?? '',
      ...t.map((x) => x.finding ?? ''),
      q.headline ?? '',
      q.better ?? '',
      q.unit ?? '',
      ...t.map((x) => x.unit ?? ''),
    ]);
    if (isChoiceQuestion(question)) {
      for (const option of question.options) {
        const o = t.map((x) => entry(x.options?.[option.code]));
        choices.push([question.id, option.code, option.label, ...o.map((x) => x.label), option.nonSubstantive ? 'yes' : '', option.exclusive ? 'yes' : '', option.finding ?? '', ...o.map((x) => x.finding)]);
      }
      for (const net of question.nets) {
        const n = t.map((x) => entry(x.nets?.[net.code]));
        nets.push([question.id, net.code, net.label, ...n.map((x) => x.label), net.options.join(' '), net.finding ?? '', ...n.map((x) => x.finding)]);
      }
    }
  });

  const fields: string[][] = [['field', 'value', ...per('value')]];
  const record = definition as unknown as Record<string, unknown>;
  for (const field of definitionSheetFields) {
    if (record[field] === undefined) continue;
    const translated = others.map((o) => (o.t as Record<string, unknown>)[field]);
    fields.push([field, JSON.stringify(record[field]), ...translated.map((x) => (x === undefined ? '' : JSON.stringify(x)))]);
  }
  const settings = [
    ['form_id', 'form_title', ...per('form_title'), ...(definition.languages ? ['default_language'] : [])],
    [definition.id, definition.title, ...others.map((o) => o.t.title ?? ''), ...(definition.languages ? [languageColumnName(defaultLanguageOf(definition))] : [])],
  ];
  const sheets: XlsformSheetOut[] = [
    { name: 'survey', rows: survey },
    { name: 'choices', rows: choices },
    { name: 'settings', rows: settings },
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
