import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDefinitionText } from '../load-definition.js';
import type { Definition } from '../schema.js';
import { loadXlsform } from './load-xlsform.js';
import { expressionToRelevant, RelevantError, relevantToExpression, type RelevantQuestion } from './relevant-expression.js';
import { formatExpression } from '../expression/format.js';
import { parseExpression } from '../expression/parse.js';
import { constraintToBounds } from './constraint-bounds.js';
import { definitionToXlsform } from './to-xlsform.js';
import type { XlsformSheetOut, XlsformWorkbook } from './xlsform-sheets.js';
import { sheetsFromMarkdown } from '../../../test/support/xlsform-markdown.js';

/** Sheets as the reader gives them: the header is row 1, data rows numbered from 2 (blank rows kept out, as in a workbook). */
function workbookOf(sheets: XlsformSheetOut[]): XlsformWorkbook {
  return new Map(sheets.map((s) => [s.name.toLowerCase(), { name: s.name, headers: s.rows[0] ?? [], rows: s.rows.slice(1).map((cells, i) => ({ row: i + 2, cells })) }]));
}
const fixtureSheets = (name: string) => sheetsFromMarkdown(readFileSync(new URL(`../../../test/fixtures/xlsform/${name}`, import.meta.url), 'utf8'));
const fixture = (name: string) => workbookOf(fixtureSheets(name));
const load = (sheets: XlsformWorkbook, fallbackId = 'form') => loadXlsform(sheets, { fallbackId });
const builtIn = () => {
  const result = loadDefinitionText(readFileSync(new URL('../../surveys/digital-gap-2017/definition.yaml', import.meta.url), 'utf8'), { register: undefined });
  if (!result.ok) throw new Error('the built-in definition does not load');
  return result.definition;
};

/** test/fixtures/bilingual-survey.yaml without its grid question (XLSForm export has no grids yet) and the grid's Welsh. */
const bilingualWithoutGrid = (): Definition => {
  const result = loadDefinitionText(readFileSync(new URL('../../../test/fixtures/bilingual-survey.yaml', import.meta.url), 'utf8'), { register: undefined });
  if (!result.ok) throw new Error('the bilingual fixture does not load');
  const { team: _grid, ...questions } = result.definition.translations!.cy!.questions!;
  return { ...result.definition, questions: result.definition.questions.filter((q) => q.type !== 'grid'), translations: { cy: { ...result.definition.translations!.cy!, questions } } };
};

describe('XLSForms written by others', () => {
  it('imports the ODK complex example: multi-selects with selected(), integer bounds from constraints, a flattened group, the note left out', () => {
    const result = load(fixture('odk-conditional-complex.md'), 'odk-conditional-complex');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const q = Object.fromEntries(result.definition.questions.map((x) => [x.id, x]));
    expect(Object.keys(q)).toEqual(['what_issues', 'what_cancer', 'what_diabetes', 'systolic_bp', 'diastolic_bp', 'other_health']);
    expect(q.what_cancer).toMatchObject({ type: 'multiple', showIf: 'what_issues includes cancer', required: false, hint: 'Select all that apply.' });
    expect(q.other_health).toMatchObject({ type: 'text', showIf: 'what_issues includes other' });
    // `. > 40 and . < 400` on an integer is 41 to 399.
    expect(q.systolic_bp).toMatchObject({ type: 'number', integer: true, min: 41, max: 399 });
    expect(q.diastolic_bp).toMatchObject({ min: 20, max: 200 });
    expect(q.what_diabetes).toMatchObject({ options: [{ code: 'type-1', label: 'Type 1 (Insulin dependent)' }, { code: 'type-2', label: 'Type 2 (Insulin resistant)' }] });
    expect(result.definition.id).toBe('odk-conditional-complex');
    expect(result.notices).toEqual(
      expect.arrayContaining([
        'sheet survey, row 5: group blood_pressure is flattened',
        'sheet survey, row 10: note after_health_note is left out: Canvass shows no text between questions',
        'sheet choices, row 11: choice type_1 of diabetes_types is type-1 in Canvass',
      ]),
    );
  });

  it('imports a form in English and Spanish with the Spanish as its translations, the form_id title in both', () => {
    const result = load(fixture('odk-form-language.md'));
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(result.definition.questions[0]).toMatchObject({ id: 'color_prefs', text: 'What colors do you like?', hint: 'Select three.' });
    expect((result.definition.questions[0] as { options: Array<{ label: string }> }).options.map((o) => o.label)).toEqual(['Red', 'Blue', 'Yellow', 'Green', 'Orange', 'Purple']);
    expect(result.definition.languages).toEqual(['en', 'es']);
    expect(result.definition.translations?.es).toEqual({
      title: 'form',
      questions: { color_prefs: { text: '¿Qué colores te gustan?', hint: 'Seleccione tres.', options: { red: 'Rojo', blue: 'Azul', yellow: 'Amarillo', green: 'Verde', orange: 'Anaranjado', purple: 'Púrpura' } } },
    });
  });

  it('imports a form in English and Welsh: default_language first, the Welsh labels, hints and choices as translations', () => {
    const result = load(fixture('bilingual-welsh.md'));
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(result.definition).toMatchObject({ id: 'library-use', title: 'library_use', languages: ['en', 'cy'] });
    expect(result.definition.questions.map((q) => q.id)).toEqual(['uses_library', 'services', 'visits']);
    expect(result.definition.questions[1]).toMatchObject({ text: 'Which services did you use?', hint: 'Select all that apply.', showIf: 'uses_library = yes' });
    expect(result.definition.translations).toEqual({
      cy: {
        title: 'library_use',
        questions: {
          uses_library: { text: 'Ydych chi wedi defnyddio llyfrgell yn y flwyddyn ddiwethaf?', options: { yes: 'Ydw', no: 'Nac ydw' } },
          services: { text: 'Pa wasanaethau wnaethoch chi eu defnyddio?', hint: "Dewiswch bob un sy'n berthnasol.", options: { books: 'Benthyg llyfrau', computers: "Defnyddio'r cyfrifiaduron", events: 'Digwyddiadau' } },
          visits: { text: 'Sawl gwaith wnaethoch chi ymweld?' },
        },
      },
    });
    expect(result.notices).toEqual(
      expect.arrayContaining(['sheet survey, row 2: note intro is left out: Canvass shows no text between questions', 'sheet survey, column constraint_message::English (en) (row 5) is not imported: Canvass writes its own error messages']),
    );
    // Welsh first: the default_language decides which columns are the definition's own.
    const welshFirst = fixtureSheets('bilingual-welsh.md');
    welshFirst.find((s) => s.name === 'settings')!.rows[1]![1] = 'Welsh (cy)';
    const cy = load(workbookOf(welshFirst));
    expect(cy.ok && cy.definition.languages).toEqual(['cy', 'en']);
    expect(cy.ok && cy.definition.questions[0]!.text).toBe('Ydych chi wedi defnyddio llyfrgell yn y flwyddyn ddiwethaf?');
    expect(cy.ok && cy.definition.translations?.en?.questions?.uses_library).toEqual({ text: 'Have you used a library in the last year?', options: { yes: 'Yes', no: 'No' } });
  });

  it('refuses a partly translated form, naming each missing Welsh text at its row, as validation does', () => {
    const sheets = fixtureSheets('bilingual-welsh.md');
    const survey = sheets.find((s) => s.name === 'survey')!;
    survey.rows[3]![survey.rows[0]!.indexOf('hint::Welsh (cy)')] = '';
    const choices = sheets.find((s) => s.name === 'choices')!;
    choices.rows[4]![3] = '';
    sheets.find((s) => s.name === 'settings')!.rows.forEach((r, i) => r.push(i === 0 ? 'form_title' : 'Library use'));
    const result = load(workbookOf(sheets));
    expect(result.ok ? [] : result.problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
      "sheet settings (form_title::Welsh (cy)) and sheet canvass_definition (value::Welsh (cy)): 1 text of the survey has no 'cy' translation: title",
      "sheet survey, row 4 (services), columns in Welsh (cy): 2 texts of question 'services' have no 'cy' translation: hint, option 'computers'",
    ]);
  });

  it('reads a language named without a code from a small table, and refuses one it does not know, by column', () => {
    const named = (name: string) => {
      const sheets = fixtureSheets('bilingual-welsh.md');
      for (const sheet of sheets) sheet.rows[0] = sheet.rows[0]!.map((h) => h.replace('Welsh (cy)', name));
      return load(workbookOf(sheets));
    };
    expect(named('Cymraeg').ok && (named('Cymraeg') as { definition: Definition }).definition.languages).toEqual(['en', 'cy']);
    expect(named('Français').ok && (named('Français') as { definition: Definition }).definition.languages).toEqual(['en', 'fr']);
    const unknown = named('Klingon');
    expect(unknown.ok ? [] : unknown.problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
      "sheet survey, column label::Klingon: the language 'Klingon' has no code: write it as label::Klingon (xx) with its ISO 639 code in the parentheses (cy for Welsh)",
      "sheet survey, column hint::Klingon: the language 'Klingon' has no code: write it as hint::Klingon (xx) with its ISO 639 code in the parentheses (cy for Welsh)",
      "sheet choices, column label::Klingon: the language 'Klingon' has no code: write it as label::Klingon (xx) with its ISO 639 code in the parentheses (cy for Welsh)",
    ]);
  });

  it("turns ${q} = 'yes' into the condition language", () => {
    const result = load(fixture('odk-simple-conditional.md'));
    expect(result.ok && result.definition.questions[1]).toMatchObject({ id: 'favorite_team', showIf: 'watch_sports = yes' });
  });

  it("reads pyxform's older spellings: select one from LIST, list name, label:english", () => {
    const result = load(fixture('pyxform-yes-or-no-question.md'));
    expect(result.ok && result.definition.questions[0]).toMatchObject({ id: 'good_day', type: 'single', text: 'have you had a good day today?', options: [{ code: 'yes' }, { code: 'no' }] });
  });

  it('refuses the tip calculator, naming each calculate row', () => {
    const result = load(fixture('odk-calculation.md'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
      'sheet survey, row 3: calculate is not supported: Canvass computes no answers',
      'sheet survey, row 4: calculate is not supported: Canvass computes no answers',
    ]);
  });

  it('refuses a phone number question and an or-specify-other select by their rows', () => {
    const group = load(fixture('pyxform-group.md'));
    expect(!group.ok && group.problems.map((p) => p.where)).toEqual(['sheet survey, row 4']);
    expect(!group.ok && group.problems[0]!.message).toMatch(/^phone number is not supported/);
    const other = load(fixture('pyxform-specify-other.md'));
    expect(!other.ok && other.problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
      "sheet survey, row 2: select one from sexes or specify other is not supported: Canvass has no 'or specify other' (or_other): add an Other option and a text question with a relevant",
    ]);
  });
});

describe('what an import refuses, by sheet and row', () => {
  const form = (survey: string[][], choices: string[][] = [['list_name', 'name', 'label'], ['yn', 'yes', 'Yes'], ['yn', 'no', 'No']]) =>
    load(workbookOf([{ name: 'survey', rows: survey }, { name: 'choices', rows: choices }]));
  const problemsOf = (result: ReturnType<typeof load>) => (result.ok ? [] : result.problems.map((p) => `${p.where}: ${p.message}`));

  it('refuses repeats, choice_filter, unsupported relevants and constraints, and takes nothing', () => {
    const result = form([
      ['type', 'name', 'label', 'relevant', 'constraint', 'choice_filter'],
      ['select_one yn', 'a', 'A?', '', '', ''],
      ['select_one yn', 'b', 'B?', '', '', "name != ${a}"],
      ['begin_repeat', 'people', 'People', '', '', ''],
      ['integer', 'age', 'Age', "count-selected(${a}) > 1", '', ''],
      ['end_repeat', '', '', '', '', ''],
      ['text', 'c', 'C?', '', 'regex(., "^[A-Z]+$")', ''],
      ['decimal', 'd', 'D?', "${zzz} = 'x'", '. > 1.5', ''],
    ]);
    expect(problemsOf(result)).toEqual([
      "sheet survey, row 3: choice_filter is not supported: Canvass offers every option of a question ('name != ${a}')",
      'sheet survey, row 4: begin_repeat is not supported: Canvass asks each question once (no repeats)',
      "sheet survey, row 5: relevant 'count-selected(${a}) > 1' cannot be converted: count-selected() is not supported (only ${question} compared with a value, selected(), and, or, not())",
      'sheet survey, row 7: constraint \'regex(., "^[A-Z]+$")\' is not supported: Canvass checks only a text\'s length (string-length(.) <= 500)',
      "sheet survey, row 8: constraint '. > 1.5' is a strict bound on a decimal, which Canvass cannot check (use >= or <=)",
      "sheet survey, row 8: relevant '${zzz} = 'x'' cannot be converted: ${zzz} is not a question asked before this one",
    ]);
  });

  it("writes XPath's != as 'not … =', which like XPath holds for those who did not answer, and and/or/not with their precedence", () => {
    const result = form([
      ['type', 'name', 'label', 'relevant', 'required'],
      ['select_one yn', 'a', 'A?', '', 'yes'],
      ['integer', 'n', 'N?', '', 'no'],
      ['text', 't', 'T?', "${a} != 'yes' and (${n} >= 3 or not(selected(${a}, 'no')))", ''],
      ['text', 'u', 'U?', "${a} != ''", ''],
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.definition.questions.map((q) => [q.id, q.required, q.showIf])).toEqual([
      ['a', true, undefined],
      ['n', false, undefined],
      ['t', false, 'not a = yes and (n >= 3 or not a = no)'],
      ['u', false, 'a in (yes, no)'],
    ]);
  });

  it('imports a date with its first and last day, exports it back, and refuses a condition on it', () => {
    const result = form([
      ['type', 'name', 'label', 'constraint', 'relevant'],
      ['date', 'started', 'When did you start?', ". >= date('2020-01-01') and . <= date('2030-12-31')", ''],
      ['text', 'why', 'Why then?', '', "${started} = '2024-01-01'"],
    ]);
    expect(problemsOf(result)).toEqual(["sheet survey, row 3: relevant '${started} = '2024-01-01'' cannot be converted: conditions on date questions (started) are not supported"]);
    const date = form([
      ['type', 'name', 'label', 'constraint'],
      ['date', 'started', 'When did you start?', ". >= date('2020-01-01') and . <= date('2030-12-31')"],
    ]);
    expect(date.ok && date.definition.questions[0]).toMatchObject({ id: 'started', type: 'date', min: '2020-01-01', max: '2030-12-31' });
    if (!date.ok) return;
    const back = load(workbookOf(definitionToXlsform(date.definition)));
    expect(back.ok && back.definition).toEqual(date.definition);
  });

  it('names validation problems of a converted question at its survey row', () => {
    const result = form([
      ['type', 'name', 'label'],
      ['text', 'a', 'A?'],
      ['text', 'a', 'Again?'],
      ['select_one none', 'b', 'B?'],
      ['text', '2bad', 'Bad name'],
    ]);
    expect(problemsOf(result)).toEqual([
      "sheet survey, row 4: the choice list 'none' is not on the choices sheet",
      "sheet survey, row 5: name '2bad' cannot be a Canvass question id: a letter first, then letters, digits and _",
      "sheet survey, row 3 (a): question id 'a' is already used by questions[0]",
    ]);
  });

  it('refuses a workbook without a survey sheet', () => {
    const result = load(workbookOf([{ name: 'Sheet1', rows: [['a']] }]));
    expect(problemsOf(result)).toEqual(['workbook: there is no sheet named survey (sheets: Sheet1)']);
  });
});

describe('relevant and constraint conversions', () => {
  const questions: Record<string, RelevantQuestion> = {
    s: { id: 's', kind: 'single', type: 'select_one', code: (n) => ({ yes: 'yes', no: 'no', dont_know: 'dont-know' })[n], codes: ['yes', 'no', 'dont-know'] },
    m: { id: 'm', kind: 'multiple', type: 'select_multiple', code: (n) => (n === 'a' || n === 'b' ? n : undefined), codes: ['a', 'b'] },
    n: { id: 'n', kind: 'number', type: 'integer' },
    t: { id: 't', kind: 'other', type: 'text' },
  };
  const convert = (relevant: string) => formatExpression(relevantToExpression(relevant, (name) => questions[name]));
  const types = (id: string) => ({ s: 'single', m: 'multiple', n: 'number' })[id];

  it('converts the supported forms, mapping choice names to codes', () => {
    expect(convert("${s} = 'dont_know'")).toBe('s = dont-know');
    expect(convert("'yes' = ${s}")).toBe('s = yes');
    expect(convert('5 < ${n}')).toBe('n > 5');
    expect(convert("selected(${m}, 'a') or selected(${s}, 'no')")).toBe('m includes a or s = no');
    expect(convert("${m} = ''")).toBe('not (m includes a or m includes b)');
  });

  it('refuses what it cannot convert exactly', () => {
    const refused = (relevant: string) => {
      try {
        convert(relevant);
        return 'converted';
      } catch (error) {
        if (error instanceof RelevantError) return error.message;
        throw error;
      }
    };
    expect(refused("${m} = 'a'")).toBe("m is select_multiple: write selected(${m}, 'a')");
    expect(refused("${t} = 'x'")).toBe('conditions on text questions (t) are not supported');
    expect(refused("${s} = 'maybe'")).toBe("'maybe' is not a choice of s");
    expect(refused('${n} + 1 > 3')).toBe("'+' at column 6 is not supported (only ${question} compared with a value, selected(), and, or, not())");
    expect(refused('${n} > ${s}')).toBe('only a ${question} compared with a value is supported, not two questions or two values');
    expect(refused('(((' .repeat(30))).toMatch(/nests more than 64 levels/);
  });

  it('writes every condition as a relevant that converts back to the same condition (org.X excepted)', () => {
    const roundTrip = (condition: string) => {
      const relevant = expressionToRelevant(parseExpression(condition), types);
      return [relevant, formatExpression(relevantToExpression(relevant, (name) => questions[name]))];
    };
    // Back in Canvass's language a condition may be written differently; it holds for the same answers.
    expect(roundTrip('s = yes')).toEqual(["${s} = 'yes'", 's = yes']);
    expect(roundTrip('s != yes')).toEqual(["(${s} != 'yes' and ${s} != '')", 'not s = yes and s in (yes, no, dont-know)']);
    expect(roundTrip('s in (yes, no)')).toEqual(["(${s} = 'yes' or ${s} = 'no')", 's = yes or s = no']);
    expect(roundTrip('s not in (yes)')).toEqual(["(${s} != '' and not(${s} = 'yes'))", 's in (yes, no, dont-know) and not s = yes']);
    expect(roundTrip('m includes a and not (n >= 3 or n < 1)')).toEqual(["selected(${m}, 'a') and not(${n} >= 3 or ${n} < 1)", 'm includes a and not (n >= 3 or n < 1)']);
    expect(roundTrip('n = 4')).toEqual(['${n} = 4', 'n = 4']);
    expect(() => expressionToRelevant(parseExpression('org.type = council'), types)).toThrow(RelevantError);
  });

  it('reads bounds from constraints', () => {
    expect(constraintToBounds('. >= 0 and . <= 120', 'integer', 'integer')).toEqual({ min: 0, max: 120 });
    expect(constraintToBounds('(. >= 0.5)', 'decimal', 'decimal')).toEqual({ min: 0.5 });
    expect(constraintToBounds('string-length(.) < 101', 'text', 'text')).toEqual({ maxLength: 100 });
    expect(constraintToBounds('count-selected(.) <= 3', 'multiple', 'select_multiple')).toEqual({ maxSelected: 3 });
  });
});

describe('export and import back', () => {
  it('gives the built-in survey back equal: scales, nets, findings, non-substantive and exclusive options, conditions, waves', () => {
    const definition = builtIn();
    const result = load(workbookOf(definitionToXlsform(definition)));
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(result.ok && result.definition).toEqual(definition);
    expect(result.notices).toEqual([]);
  });

  it('gives back a condition on the organisation, with an empty relevant for other tools', () => {
    const definition: Definition = { ...builtIn(), questions: [builtIn().questions[0]!, { ...builtIn().questions[1]!, showIf: 'org.type = county-council' } as Definition['questions'][number]] };
    const sheets = definitionToXlsform(definition);
    const survey = sheets.find((s) => s.name === 'survey')!;
    expect(survey.rows[2]![survey.rows[0]!.indexOf('relevant')]).toBe('');
    const result = load(workbookOf(sheets));
    expect(result.ok && result.definition.questions[1]!.showIf).toBe('org.type = county-council');
  });

  it('takes an edited relevant over the condition exported beside it', () => {
    const sheets = definitionToXlsform(builtIn());
    const survey = sheets.find((s) => s.name === 'survey')!;
    const row = survey.rows.find((r) => r[1] === 'strategy_stage')!;
    row[survey.rows[0]!.indexOf('relevant')] = "${strategy} = 'no'";
    const result = load(workbookOf(sheets));
    expect(result.ok && result.definition.questions.find((q) => q.id === 'strategy_stage')!.showIf).toBe('strategy = no');
  });

  it('gives a survey in English and Welsh back equal, its Welsh in label::Welsh (cy) columns', () => {
    const definition = bilingualWithoutGrid();
    const sheets = definitionToXlsform(definition);
    const survey = sheets.find((s) => s.name === 'survey')!;
    expect(survey.rows[0]).toEqual(expect.arrayContaining(['label::Welsh (cy)', 'hint::Welsh (cy)', 'canvass_unit::Welsh (cy)']));
    expect(survey.rows.find((r) => r[1] === 'strategy')![survey.rows[0]!.indexOf('label::Welsh (cy)')]).toBe(definition.translations!.cy!.questions!.strategy!.text);
    expect(sheets.find((s) => s.name === 'choices')!.rows[0]).toContain('label::Welsh (cy)');
    expect(sheets.find((s) => s.name === 'settings')!.rows).toEqual([
      ['form_id', 'form_title', 'form_title::Welsh (cy)', 'default_language'],
      ['bilingual-survey', definition.title, definition.translations!.cy!.title, 'English (en)'],
    ]);
    const result = load(workbookOf(sheets));
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(result.ok && result.definition).toEqual(definition);
    expect(result.notices).toEqual([]);
  });

  it("keeps third-party forms stable: import, export, import gives the same definition", () => {
    for (const name of ['odk-conditional-complex.md', 'odk-form-language.md', 'odk-simple-conditional.md', 'pyxform-yes-or-no-question.md', 'bilingual-welsh.md']) {
      const first = load(fixture(name));
      if (!first.ok) throw new Error(`${name} does not import`);
      const second = load(workbookOf(definitionToXlsform(first.definition)));
      expect(second.ok && second.definition, name).toEqual(first.definition);
    }
  });
});
