import type { Problem } from '../../errors/catalogue.js';
import type { Expression } from '../expression/ast.js';
import { formatExpression } from '../expression/format.js';
import { parseExpression } from '../expression/parse.js';
import { currentFormatVersion } from '../schema.js';
import { ConstraintError, constraintToBounds, type ConstraintKind } from './constraint-bounds.js';
import { expressionToRelevant, RelevantError, relevantToExpression, type RelevantQuestion } from './relevant-expression.js';
import { languageCodeOf } from './xlsform-languages.js';
import { at, type XlsformRow, type XlsformSheet, type XlsformWorkbook } from './xlsform-sheets.js';

/**
 * Converts an XLSForm (https://xlsform.org) to a Canvass definition, for the part Canvass can
 * represent (select_one, select_multiple, integer, decimal, text, date), and says by sheet and row what it did not convert. Two kinds of finding:
 *
 * - a **problem** refuses the whole form (nothing is stored): a question type Canvass has no
 *   equivalent for (calculate, repeats, geopoint, time …), a `relevant` or `constraint` outside
 *   the subset that means the same in both, `choice_filter`, `or_other`, a name that cannot be a
 *   Canvass id or code. Leaving any of these out would change what is asked or what the answers
 *   mean.
 * - a **notice** lists what is left out because leaving it out changes no answer: notes (text
 *   shown between questions), metadata the device records (start, end, deviceid …), appearance
 *   other than `likert`, defaults, messages and media, names changed to fit Canvass's ids and codes.
 *
 * Languages: the default language's columns (`default_language`, else the plain `label`, else
 * English, else the first) give the definition's texts; every other language's `label` and `hint`
 * columns (and Canvass's `canvass_finding`, `canvass_unit`, nets' and the definition sheet's) give
 * its `translations`, keyed by the code in the header (`label::Welsh (cy)`), or by the language's
 * name for a few common ones (xlsform-languages.ts); a language Canvass cannot name is a problem
 * by column. A missing translation is left for the definition's validation, which refuses the
 * form naming each (a question's at its row). A form without a form_title has the same title (its
 * form_id or the file's name) in every language.
 *
 * Groups are flattened; a group's `relevant` is joined with `and` to the condition of every
 * question in it, which is what XLSForm's group relevance means. `select_one` with the `likert`
 * appearance is a scale question. Canvass's own fields that XLSForm has no column for travel in
 * `canvass_*` columns and sheets written by to-xlsform.ts, so that an exported survey comes back
 * equal; other tools ignore them.
 */
export interface XlsformConversion {
  /** A definition as read from a file, for validateDefinition. */
  raw: Record<string, unknown>;
  problems: Problem[];
  notices: string[];
  /** The survey sheet's row of each question of `raw.questions`, to say where validation problems are. */
  questionRows: number[];
  /** Each translated language's header text by its code (cy → `Welsh (cy)`), to say which columns a problem is about. */
  languageNames?: Record<string, string>;
}

const metadataTypes = new Set(['start', 'end', 'today', 'deviceid', 'subscriberid', 'simserial', 'phonenumber', 'username', 'email', 'audit', 'start-geopoint', 'imei']);
const yes = new Set(['yes', 'true', 'true()', '1']);
const no = new Set(['no', 'false', 'false()', '0', '']);
/** Survey columns whose content is presentation or messages: left out with a notice per column. */
const leftOutColumns: Record<string, string> = {
  constraint_message: 'Canvass writes its own error messages',
  required_message: 'Canvass writes its own error messages',
  guidance_hint: 'Canvass shows the hint only',
  media: 'Canvass shows no media',
  image: 'Canvass shows no media',
  audio: 'Canvass shows no media',
  video: 'Canvass shows no media',
  'big-image': 'Canvass shows no media',
  parameters: 'Canvass has no widget parameters',
};
/** Columns that may be given per language (`label::Welsh (cy)`), on any sheet. */
const translatedBases = new Set(['label', 'hint', 'canvass_finding', 'canvass_unit', 'finding', 'value']);
const surveyColumns = new Set(['type', 'name', 'label', 'hint', 'required', 'relevant', 'constraint', 'appearance', 'choice_filter', 'calculation', 'default', 'read_only', 'repeat_count', 'trigger', 'canvass_show_if', 'canvass_base', 'canvass_finding', 'canvass_better', 'canvass_unit', 'canvass_headline']);
const choiceColumns = new Set(['list_name', 'name', 'label', 'canvass_non_substantive', 'canvass_exclusive', 'canvass_finding']);

interface Column {
  index: number;
  header: string;
  base: string;
  /** The language of `label::English (en)`, or undefined for a plain column. */
  language?: string;
}

function columnsOf(sheet: XlsformSheet): Column[] {
  return sheet.headers.flatMap((header, index) => {
    if (header === '') return [];
    const match = /^([^:]+?)\s*(?:::?\s*(.+))?$/.exec(header)!;
    const base = match[1]!.trim().toLowerCase().replace(/\s+/g, '_').replace(/^bind::?/, '');
    return [{ index, header, base: base === 'list_name' || base === 'listname' ? 'list_name' : base, language: match[2]?.trim() }];
  });
}

class Reader {
  constructor(
    readonly sheet: XlsformSheet,
    readonly columns: Column[],
    private readonly language: string | undefined,
  ) {}

  /** A column's text in a row: for label, hint and other translated columns, the chosen language's column. */
  get(row: XlsformRow, base: string): string {
    const translated = translatedBases.has(base);
    const column = this.columns.find((c) => c.base === base && (translated ? c.language === this.language : c.language === undefined)) ?? (translated ? this.columns.find((c) => c.base === base && c.language === undefined) : undefined);
    return column ? (row.cells[column.index] ?? '').trim() : '';
  }

  /** A column's text in a row in one language (`label::Welsh (cy)`), empty if the form has no such column. */
  getIn(row: XlsformRow, base: string, language: string): string {
    const column = this.columns.find((c) => c.base === base && c.language === language);
    return column ? (row.cells[column.index] ?? '').trim() : '';
  }
}

/** A language other than the default: its header text (`Welsh (cy)`) and its code. */
interface OtherLanguage {
  name: string;
  code: string;
}

/** A translation entry of an option or a net: its label, or its label and finding. */
function labelled(label: string, finding: string): unknown {
  return finding ? { label, finding } : label;
}

/** An XLSForm name as a Canvass question id: lower-case, with - and . as _. */
export function questionIdOf(name: string): string {
  return name.toLowerCase().replace(/[-.]/g, '_');
}

/** An XLSForm choice name as a Canvass option code: lower-case, with _ . and spaces as single hyphens. */
export function optionCodeOf(name: string): string {
  return name.toLowerCase().replace(/[_.\s]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
}

const validId = /^[a-z][a-z0-9_]*$/;
const validCode = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function convertXlsform(workbook: XlsformWorkbook, options: { fallbackId: string }): XlsformConversion {
  const problems: Problem[] = [];
  const notices: string[] = [];
  const problem = (where: string, message: string, code = 'xlsform-unsupported') => problems.push({ where, code, message });

  const survey = workbook.get('survey');
  if (!survey) {
    return { raw: {}, problems: [{ where: 'workbook', code: 'xlsform-no-survey', message: `there is no sheet named survey (sheets: ${[...workbook.values()].map((s) => s.name).join(', ') || 'none'})`, expected: 'an XLSForm: sheets survey, choices and settings' }], notices, questionRows: [] };
  }
  const surveyColumnsRead = columnsOf(survey);
  for (const needed of ['type', 'name']) {
    if (!surveyColumnsRead.some((c) => c.base === needed)) problem(at(survey.name, 1), `the survey sheet has no ${needed} column`, 'xlsform-missing-column');
  }
  const settingsSheet = workbook.get('settings');
  const settings = settingsSheet ? settingsOf(settingsSheet) : new Map<string, string>();

  // Languages: the default language's columns give the definition's texts, the others its translations.
  const choicesSheet = workbook.get('choices');
  const choiceColumnsRead = choicesSheet ? columnsOf(choicesSheet) : [];
  const languageColumns = [...surveyColumnsRead.filter((c) => surveyColumns.has(c.base)).map((c) => ({ sheet: survey.name, c })), ...choiceColumnsRead.filter((c) => choiceColumns.has(c.base)).map((c) => ({ sheet: choicesSheet!.name, c }))].filter(({ c }) => translatedBases.has(c.base) && c.language);
  const languages = [...new Set(languageColumns.map(({ c }) => c.language!))];
  const hasPlainLabel = surveyColumnsRead.some((c) => c.base === 'label' && !c.language);
  const defaultLanguage = settings.get('default_language');
  const language =
    defaultLanguage && languages.includes(defaultLanguage) ? defaultLanguage
    : hasPlainLabel ? undefined
    : (languages.find((l) => /^english\b|\(en\)$|^en$/i.test(l)) ?? languages[0]);
  // The plain columns are in the default_language, else English.
  const defaultCode = languageCodeOf(language ?? (defaultLanguage || 'en'));
  const others: OtherLanguage[] = [];
  const otherNames = languages.filter((l) => l !== language);
  const codeNamed = new Map<string, string>(defaultCode ? [[defaultCode, language ?? (defaultLanguage || 'the plain columns')]] : []);
  for (const name of otherNames.length > 0 ? [...(language === undefined ? [] : [language]), ...otherNames] : []) {
    const code = languageCodeOf(name);
    if (code === undefined) {
      for (const { sheet, c } of languageColumns.filter(({ c }) => c.language === name)) {
        problem(`sheet ${sheet}, column ${c.header}`, `the language '${name}' has no code: write it as ${c.base}::${name} (xx) with its ISO 639 code in the parentheses (cy for Welsh)`, 'xlsform-language');
      }
      continue;
    }
    if (name === language) continue;
    const clash = codeNamed.get(code);
    if (clash !== undefined) {
      problem(`sheet ${survey.name}`, `the columns in ${clash} and in ${name} are both language ${code}`, 'xlsform-language');
      continue;
    }
    codeNamed.set(code, name);
    others.push({ name, code });
  }
  if (others.length > 0 && defaultCode === undefined && language === undefined) {
    problem(settingsSheet ? at(settingsSheet.name, 2) : 'settings', `default_language '${defaultLanguage}' has no code: write it as ${defaultLanguage} (xx) with its ISO 639 code in the parentheses`, 'xlsform-language');
  }
  const translations: Record<string, { title?: string; questions: Record<string, Record<string, unknown>>; [field: string]: unknown }> = Object.fromEntries(others.map((o) => [o.code, { questions: {} }]));
  const declaredLanguages = defaultCode !== undefined && (others.length > 0 || defaultLanguage || defaultCode !== 'en') ? [defaultCode, ...others.map((o) => o.code)] : undefined;

  const choiceLists = choicesSheet ? readChoices(choicesSheet, choiceColumnsRead, language, others, problem, notices) : new Map<string, ChoiceList>();
  const { nets, translated: netTranslations } = readNets(workbook.get('canvass_nets'), others, problem);

  const reader = new Reader(survey, surveyColumnsRead, language);
  reportColumns(survey, surveyColumnsRead, surveyColumns, language, notices);

  const questions: Array<Record<string, unknown>> = [];
  const questionRows: number[] = [];
  const known = new Map<string, RelevantQuestion>();
  const groups: Array<{ kind: 'group' | 'repeat'; row: number; condition?: Expression; failed?: boolean }> = [];
  const noted = (row: XlsformRow, text: string) => notices.push(`${at(survey.name, row.row)}: ${text}`);

  for (const row of survey.rows) {
    const where = at(survey.name, row.row);
    const rawType = reader.get(row, 'type').replace(/\s+/g, ' ');
    const type = rawType.toLowerCase();
    const name = reader.get(row, 'name');
    if (type === '') {
      if (name !== '' || reader.get(row, 'label') !== '') problem(where, `the row has no type (name '${name}')`, 'xlsform-missing-type');
      continue;
    }
    const groupMatch = /^(begin|end)[ _](group|repeat|loop)\b/.exec(type);
    if (groupMatch) {
      if (groupMatch[1] === 'end') {
        if (groups.length === 0) problem(where, `${rawType} has no begin`, 'xlsform-group');
        else groups.pop();
        continue;
      }
      if (groupMatch[2] !== 'group') {
        problem(where, `${rawType} is not supported: Canvass asks each question once (no repeats)`);
        groups.push({ kind: 'repeat', row: row.row, failed: true });
        continue;
      }
      const relevant = reader.get(row, 'relevant');
      let condition: Expression | undefined;
      let failed = false;
      if (relevant !== '') {
        try {
          condition = relevantToExpression(relevant, (n) => known.get(n));
        } catch (error) {
          if (!(error instanceof RelevantError)) throw error;
          problem(where, `the group's relevant '${relevant}' cannot be converted: ${error.message}`);
          failed = true;
        }
      }
      groups.push({ kind: 'group', row: row.row, condition, failed });
      const appearance = reader.get(row, 'appearance');
      noted(row, `group ${name || '(unnamed)'} is flattened${condition ? ': its relevant is part of the condition of each question in it' : ''}${appearance ? ` (appearance ${appearance} left out)` : ''}`);
      continue;
    }
    if (type === 'note') {
      noted(row, `note ${name} is left out: Canvass shows no text between questions`);
      continue;
    }
    if (metadataTypes.has(type)) {
      noted(row, `${rawType} ${name} is left out: metadata a device records, not a question`);
      continue;
    }

    const kind = questionKind(type);
    if (!kind.ok) {
      problem(where, `${rawType} is not supported: ${kind.why}`);
      if (name) known.set(name, { id: questionIdOf(name), kind: 'other', type: rawType.split(' ')[0]! });
      continue;
    }
    const question: Record<string, unknown> = {};
    let rowFailed = false;
    const fail = (message: string, code?: string) => {
      problem(where, message, code);
      rowFailed = true;
    };

    const id = questionIdOf(name);
    if (name === '') fail(`${rawType} has no name`, 'xlsform-missing-name');
    else if (!validId.test(id)) fail(`name '${name}' cannot be a Canvass question id: a letter first, then letters, digits and _`, 'xlsform-bad-name');
    else if (id !== name) noted(row, `name ${name} is ${id} in Canvass`);
    question.id = id;
    question.text = reader.get(row, 'label');
    if (question.text === '') fail(`${name || rawType} has no label${language ? ` in ${language}` : ''}`, 'xlsform-missing-label');
    const hint = reader.get(row, 'hint');
    if (hint) question.hint = hint;

    let list: ChoiceList | undefined;
    if (kind.type === 'single' || kind.type === 'multiple') {
      list = choiceLists.get(kind.list);
      if (!list) fail(`the choice list '${kind.list}' is not on the choices sheet`, 'xlsform-unknown-list');
      else {
        question.options = list.options;
        if (list.failed) rowFailed = true;
      }
    }
    const appearance = reader.get(row, 'appearance');
    if (kind.type === 'single') question.type = appearance.toLowerCase() === 'likert' ? 'scale' : 'single';
    else if (kind.type === 'multiple') question.type = 'multiple';
    else if (kind.type === 'integer' || kind.type === 'decimal') {
      question.type = 'number';
      question.integer = kind.type === 'integer';
    } else question.type = kind.type;
    if (appearance && !(kind.type === 'single' && appearance.toLowerCase() === 'likert')) noted(row, `appearance ${appearance} is left out`);

    const required = reader.get(row, 'required').toLowerCase();
    if (yes.has(required)) question.required = true;
    else if (no.has(required)) question.required = false;
    else fail(`required '${reader.get(row, 'required')}' is not supported: only yes or no`);

    for (const column of ['choice_filter', 'calculation', 'trigger', 'repeat_count'] as const) {
      const value = reader.get(row, column);
      if (value) fail(`${column} is not supported${column === 'choice_filter' ? ': Canvass offers every option of a question' : ': Canvass computes no answers'} ('${value}')`);
    }
    if (yes.has(reader.get(row, 'read_only').toLowerCase())) fail('read_only is not supported: every Canvass question is answered by the respondent');
    const defaultValue = reader.get(row, 'default');
    if (defaultValue) noted(row, `default '${defaultValue}' is left out: Canvass starts every question unanswered`);

    const constraint = reader.get(row, 'constraint');
    if (constraint) {
      const constraintKind: ConstraintKind = kind.type === 'single' ? 'other' : kind.type;
      try {
        Object.assign(question, constraintToBounds(constraint, constraintKind, rawType));
      } catch (error) {
        if (!(error instanceof ConstraintError)) throw error;
        fail(`constraint ${error.message}`);
      }
    }

    // The condition: each enclosing group's, then the row's own.
    const conditions: Expression[] = [];
    for (const group of groups) {
      if (group.failed) rowFailed = true;
      if (group.condition) conditions.push(group.condition);
    }
    const relevant = reader.get(row, 'relevant');
    const canvassShowIf = reader.get(row, 'canvass_show_if');
    const own = ownCondition(relevant, canvassShowIf, known, (message) => fail(message));
    if (own) conditions.push(own.expression);
    if (conditions.length > 0) {
      const joined = conditions.reduce((left, right) => ({ kind: 'and', left, right }));
      // An exported survey's condition comes back as it was written.
      question.showIf = own?.text !== undefined && conditions.length === 1 ? own.text : formatExpression(joined);
    }

    Object.assign(question, canvassExtras(reader, row));
    const questionNets = nets.get(name);
    if (questionNets) question.nets = questionNets;

    for (const other of others) {
      const t: Record<string, unknown> = {};
      for (const [field, base] of [['text', 'label'], ['hint', 'hint'], ['finding', 'canvass_finding'], ['unit', 'canvass_unit']] as const) {
        const value = reader.getIn(row, base, other.name);
        if (value) t[field] = value;
      }
      const options = list?.translated.get(other.name);
      if (options && Object.keys(options).length > 0) t.options = options;
      const netsIn = netTranslations.get(name)?.get(other.name);
      if (netsIn && Object.keys(netsIn).length > 0) t.nets = netsIn;
      if (Object.keys(t).length > 0) translations[other.code]!.questions[id] = t;
    }

    const relevantKind: RelevantQuestion['kind'] = kind.type === 'single' ? 'single' : kind.type === 'multiple' ? 'multiple' : kind.type === 'integer' || kind.type === 'decimal' ? 'number' : 'other';
    if (name) known.set(name, { id, kind: relevantKind, type: rawType.split(' ')[0]!, codes: list?.options.map((o) => o.code as string), code: list ? (n) => list.codeOf.get(n) : undefined });
    if (rowFailed) continue;
    questions.push(question);
    questionRows.push(row.row);
  }
  for (const group of groups) problem(at(survey.name, group.row), `begin ${group.kind} has no end ${group.kind}`, 'xlsform-group');

  const formId = settings.get('form_id');
  const id = optionCodeOf(formId || options.fallbackId);
  if (!validCode.test(id)) problem(settingsSheet ? at(settingsSheet.name, 2) : 'settings', `form_id '${formId ?? options.fallbackId}' cannot be a Canvass survey id: letters and digits joined by hyphens`, 'xlsform-bad-name');
  else if (formId && id !== formId) notices.push(`form_id ${formId} is ${id} in Canvass`);
  const title = settings.get('form_title') || formId || options.fallbackId;
  if (!settings.get('form_title')) notices.push(`the form has no form_title on its settings sheet: its title is '${title}'`);

  for (const other of others) {
    const translatedTitle = settings.get(`form_title::${other.name}`);
    // A title made from the form_id or the file's name is no language's text.
    const t = translations[other.code]!;
    if (translatedTitle) t.title = translatedTitle;
    else if (!settings.get('form_title')) t.title = title;
    if (Object.keys(t.questions).length === 0) delete (t as { questions?: unknown }).questions;
  }

  const raw: Record<string, unknown> = {
    format: currentFormatVersion,
    id,
    title,
    ...readDefinitionSheet(workbook.get('canvass_definition'), others, translations, problem),
    ...(declaredLanguages ? { languages: declaredLanguages } : {}),
    ...(others.length > 0 ? { translations } : {}),
    questions,
  };
  return { raw, problems, notices, questionRows, languageNames: Object.fromEntries(others.map((o) => [o.code, o.name])) };
}

type Kind = { ok: true; type: 'single' | 'multiple'; list: string } | { ok: true; type: 'integer' | 'decimal' | 'text' | 'date' } | { ok: false; why: string };

function questionKind(type: string): Kind {
  const select = /^(select_one|select one from|select one|select1|select_multiple|select all that apply from|select all that apply|select_multiple_from_file|select_one_from_file|select_one_external|rank)\s+(\S+)(?:\s+(.*))?$/.exec(type);
  if (select) {
    const [, how, list, rest] = select;
    if (/from_file|external/.test(how!)) return { ok: false, why: 'choices from a file are not supported: put them on the choices sheet' };
    if (how === 'rank') return { ok: false, why: 'Canvass has no ranking question' };
    if (rest !== undefined) return { ok: false, why: `Canvass has no '${rest}' (or_other): add an Other option and a text question with a relevant` };
    return { ok: true, type: how!.startsWith('select_one') || how!.startsWith('select one') || how === 'select1' ? 'single' : 'multiple', list: list! };
  }
  if (/^select/.test(type)) return { ok: false, why: 'a select needs a choice list name after its type (select_one LIST)' };
  if (type === 'integer' || type === 'int') return { ok: true, type: 'integer' };
  if (type === 'decimal') return { ok: true, type: 'decimal' };
  if (type === 'text' || type === 'string') return { ok: true, type: 'text' };
  if (type === 'date') return { ok: true, type: 'date' };
  if (type === 'calculate' || type === 'hidden') return { ok: false, why: 'Canvass computes no answers' };
  return { ok: false, why: 'Canvass has no such question type (it asks select_one, select_multiple, integer, decimal, text and date)' };
}

function ownCondition(relevant: string, canvassShowIf: string, known: Map<string, RelevantQuestion>, fail: (message: string) => void): { expression: Expression; text?: string } | undefined {
  // An exported survey's own condition, unless the relevant beside it was edited since.
  if (canvassShowIf) {
    try {
      const expression = parseExpression(canvassShowIf);
      const written = tryRelevant(expression, known);
      if (written === relevant || (written === undefined && relevant === '')) return { expression, text: canvassShowIf };
    } catch {
      // Not a condition: the relevant decides.
    }
  }
  if (!relevant) return undefined;
  try {
    return { expression: relevantToExpression(relevant, (n) => known.get(n)) };
  } catch (error) {
    if (!(error instanceof RelevantError)) throw error;
    fail(`relevant '${relevant}' cannot be converted: ${error.message}`);
    return undefined;
  }
}

function tryRelevant(expression: Expression, known: Map<string, RelevantQuestion>): string | undefined {
  const types = new Map([...known.values()].map((q) => [q.id, q.kind]));
  try {
    return expressionToRelevant(expression, (id) => types.get(id));
  } catch (error) {
    if (error instanceof RelevantError) return undefined;
    throw error;
  }
}

interface ChoiceList {
  options: Array<Record<string, unknown>>;
  codeOf: Map<string, string>;
  failed: boolean;
  /** Per other language (its header text), the options' translations by code. */
  translated: Map<string, Record<string, unknown>>;
}

function readChoices(sheet: XlsformSheet, columns: Column[], language: string | undefined, others: OtherLanguage[], problem: (where: string, message: string, code?: string) => void, notices: string[]): Map<string, ChoiceList> {
  const reader = new Reader(sheet, columns, language);
  reportColumns(sheet, columns, choiceColumns, language, notices);
  const lists = new Map<string, ChoiceList>();
  for (const row of sheet.rows) {
    const where = at(sheet.name, row.row);
    const listName = reader.get(row, 'list_name');
    const name = reader.get(row, 'name');
    const label = reader.get(row, 'label');
    if (listName === '' && name === '' && label === '') continue;
    if (listName === '') {
      problem(where, `choice '${name}' has no list_name`, 'xlsform-missing-list');
      continue;
    }
    const list: ChoiceList = lists.get(listName) ?? { options: [], codeOf: new Map(), failed: false, translated: new Map() };
    lists.set(listName, list);
    const code = optionCodeOf(name);
    if (name === '' || !validCode.test(code)) {
      problem(where, name === '' ? `a choice of ${listName} has no name` : `choice name '${name}' cannot be a Canvass option code: letters and digits joined by hyphens`, 'xlsform-bad-name');
      list.failed = true;
      continue;
    }
    const clash = [...list.codeOf.entries()].find(([, c]) => c === code);
    if (clash) {
      problem(where, clash[0] === name ? `choice '${name}' is in ${listName} twice` : `choices '${clash[0]}' and '${name}' of ${listName} are both ${code} in Canvass`, 'xlsform-duplicate-choice');
      list.failed = true;
      continue;
    }
    if (code !== name) notices.push(`${where}: choice ${name} of ${listName} is ${code} in Canvass`);
    list.codeOf.set(name, code);
    const option: Record<string, unknown> = { code, label };
    if (yes.has(reader.get(row, 'canvass_non_substantive').toLowerCase())) option.nonSubstantive = true;
    if (yes.has(reader.get(row, 'canvass_exclusive').toLowerCase())) option.exclusive = true;
    const finding = reader.get(row, 'canvass_finding');
    if (finding) option.finding = finding;
    list.options.push(option);
    for (const other of others) {
      const translatedLabel = reader.getIn(row, 'label', other.name);
      if (!translatedLabel) continue;
      const entries = list.translated.get(other.name) ?? {};
      entries[code] = labelled(translatedLabel, reader.getIn(row, 'canvass_finding', other.name));
      list.translated.set(other.name, entries);
    }
  }
  return lists;
}

/** One notice per column that is not imported, naming the rows that use it. */
function reportColumns(sheet: XlsformSheet, columns: Column[], known: Set<string>, language: string | undefined, notices: string[]): void {
  for (const column of columns) {
    // Every language's translated columns are imported (or refused, above).
    if (known.has(column.base) && (column.language === undefined || translatedBases.has(column.base))) continue;
    const rows = sheet.rows.filter((r) => (r.cells[column.index] ?? '').trim() !== '').map((r) => r.row);
    if (rows.length === 0) continue;
    const why = leftOutColumns[column.base];
    notices.push(`sheet ${sheet.name}, column ${column.header} (${ranges(rows)}) is not imported${why ? `: ${why}` : ''}`);
  }
}

/** Row numbers as ranges: rows 2–5, 9. */
export function ranges(rows: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    parts.push(j > i ? `${rows[i]}–${rows[j]}` : String(rows[i]));
    i = j;
  }
  return `${rows.length === 1 ? 'row' : 'rows'} ${parts.join(', ')}`;
}

function settingsOf(sheet: XlsformSheet): Map<string, string> {
  const columns = columnsOf(sheet);
  const first = sheet.rows.find((r) => r.cells.some((c) => c.trim() !== ''));
  const settings = new Map<string, string>();
  for (const column of columns) settings.set(column.language ? `${column.base}::${column.language}` : column.base, (first?.cells[column.index] ?? '').trim());
  return settings;
}

function canvassExtras(reader: Reader, row: XlsformRow): Record<string, unknown> {
  const extras: Record<string, unknown> = {};
  const base = reader.get(row, 'canvass_base');
  if (base) extras.base = base;
  const finding = reader.get(row, 'canvass_finding');
  if (finding) extras.finding = finding;
  const headline = reader.get(row, 'canvass_headline');
  if (headline) extras.headline = headline;
  const better = reader.get(row, 'canvass_better');
  if (better) extras.better = better;
  const unit = reader.get(row, 'canvass_unit');
  if (unit) extras.unit = unit;
  return extras;
}

function readNets(sheet: XlsformSheet | undefined, others: OtherLanguage[], problem: (where: string, message: string, code?: string) => void): { nets: Map<string, Array<Record<string, unknown>>>; translated: Map<string, Map<string, Record<string, unknown>>> } {
  const nets = new Map<string, Array<Record<string, unknown>>>();
  const translated = new Map<string, Map<string, Record<string, unknown>>>();
  if (!sheet) return { nets, translated };
  const columns = columnsOf(sheet);
  const reader = new Reader(sheet, columns, undefined);
  for (const row of sheet.rows) {
    const question = reader.get(row, 'question');
    if (question === '') continue;
    const net: Record<string, unknown> = { code: reader.get(row, 'code'), label: reader.get(row, 'label'), options: reader.get(row, 'options').split(/\s+/).filter(Boolean) };
    const finding = reader.get(row, 'finding');
    if (finding) net.finding = finding;
    if (net.code === '') problem(at(sheet.name, row.row), 'a net has no code', 'xlsform-bad-name');
    nets.set(question, [...(nets.get(question) ?? ([] as Array<Record<string, unknown>>)), net]);
    for (const other of others) {
      const label = reader.getIn(row, 'label', other.name);
      if (!label) continue;
      const byLanguage = translated.get(question) ?? new Map<string, Record<string, unknown>>();
      translated.set(question, byLanguage);
      byLanguage.set(other.name, { ...byLanguage.get(other.name), [net.code as string]: labelled(label, reader.getIn(row, 'finding', other.name)) });
    }
  }
  return { nets, translated };
}

/** The definition's fields besides its id, title and questions, which to-xlsform.ts writes on the canvass_definition sheet. */
export const definitionSheetFields = ['description', 'notice', 'publisher', 'fieldwork', 'closes', 'messages', 'disclosure', 'submissions', 'waves', 'register'];

/** Canvass's definition fields that XLSForm has no place for (description, register, waves …), one JSON value a row. */
function readDefinitionSheet(sheet: XlsformSheet | undefined, others: OtherLanguage[], translations: Record<string, Record<string, unknown>>, problem: (where: string, message: string, code?: string) => void): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (!sheet) return fields;
  const reader = new Reader(sheet, columnsOf(sheet), undefined);
  for (const row of sheet.rows) {
    const field = reader.get(row, 'field');
    if (field === '') continue;
    if (!definitionSheetFields.includes(field) || Object.hasOwn(fields, field)) {
      problem(at(sheet.name, row.row), `field '${field}' cannot be given here`, 'xlsform-canvass-field');
      continue;
    }
    try {
      fields[field] = JSON.parse(reader.get(row, 'value'));
    } catch {
      problem(at(sheet.name, row.row), `the value of ${field} is not JSON`, 'xlsform-canvass-field');
    }
    // Its translation (a text; for waves, each wave's label by id).
    for (const other of others) {
      const value = reader.getIn(row, 'value', other.name);
      if (!value) continue;
      try {
        translations[other.code]![field] = JSON.parse(value);
      } catch {
        problem(at(sheet.name, row.row), `the ${other.name} value of ${field} is not JSON`, 'xlsform-canvass-field');
      }
    }
  }
  return fields;
}
