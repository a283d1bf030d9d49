import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadDefinitionText, validateDefinition } from './load-definition.js';
import { languagesOf, localiseDefinition, supportedLanguage } from './localise-definition.js';
import type { Definition } from './schema.js';

const fixture = readFileSync(join(process.cwd(), 'test', 'fixtures', 'bilingual-survey.yaml'), 'utf8');

function raw(): Record<string, unknown> & { translations: { cy: { questions: Record<string, Record<string, unknown>> } & Record<string, unknown> } } {
  return parse(fixture) as ReturnType<typeof raw>;
}

function loaded(): Definition {
  const result = loadDefinitionText(fixture);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.definition;
}

describe('translations of a definition', () => {
  it('loads a survey in English and Welsh, the first language its default', () => {
    const definition = loaded();
    expect(languagesOf(definition)).toEqual(['en', 'cy']);
    expect(supportedLanguage(definition, 'cy')).toBe('cy');
    expect(supportedLanguage(definition, 'fr')).toBe('en');
    expect(supportedLanguage(definition, undefined)).toBe('en');
  });

  it('gives every text in Welsh, with ids, codes, conditions and nets unchanged', () => {
    const definition = loaded();
    const welsh = localiseDefinition(definition, 'cy');
    expect(welsh.title).toBe('Arolwg sgiliau digidol');
    expect(welsh.description).toBe('Arolwg byr am sgiliau digidol yn eich sefydliad.');
    expect(welsh.publisher).toBe('Y tîm sgiliau digidol');
    const byId = new Map(welsh.questions.map((q) => [q.id, q]));
    expect(byId.get('role')!.text).toBe('Pa un sy’n disgrifio eich rôl orau?');
    const barriers = byId.get('barriers')!;
    expect(barriers.hint).toBe('Dewiswch bob un sy’n berthnasol.');
    expect(barriers.type === 'multiple' && barriers.options.map((o) => [o.code, o.label, o.exclusive])).toEqual([
      ['culture', 'Diwylliant', false],
      ['cost', 'Cost', false],
      ['skills', 'Sgiliau', false],
      ['none', 'Dim un o’r rhain', true],
    ]);
    const confidence = byId.get('confidence')!;
    expect(confidence.type === 'scale' && confidence.nets).toEqual([{ code: 'confident', label: 'Hyderus', options: ['very', 'fairly'], finding: 'Mae {percent} yn hyderus bod gan eu sefydliad y sgiliau sydd eu hangen arno' }]);
    const teamSize = byId.get('team_size')!;
    expect(teamSize.type === 'number' && [teamSize.unit, teamSize.min, teamSize.max, teamSize.integer]).toEqual(['o bobl', 1, 1000, true]);
    expect(byId.get('strategy_stage')!.showIf).toBe('strategy = yes');
    expect(welsh.questions.map((q) => q.id)).toEqual(definition.questions.map((q) => q.id));
    // The stored definition is untouched, and its default language gives it as it is.
    expect(definition.questions[0]!.text).toBe('Which best describes your role?');
    expect(localiseDefinition(definition, 'en')).toBe(definition);
    expect(localiseDefinition(definition, 'fr')).toBe(definition);
  });

  it('keeps a definition without languages valid and unchanged', () => {
    const plain = raw();
    delete (plain as Record<string, unknown>).languages;
    delete (plain as Record<string, unknown>).translations;
    const result = validateDefinition(plain);
    expect(result.ok).toBe(true);
    if (result.ok) expect(localiseDefinition(result.definition, 'cy')).toBe(result.definition);
  });

  it('lists every missing translation, one problem per question and language naming each field', () => {
    const input = raw();
    const cy = input.translations.cy;
    delete cy.description;
    delete cy.questions.role;
    delete cy.questions.barriers!.hint;
    delete (cy.questions.barriers!.options as Record<string, unknown>).none;
    cy.questions.confidence!.nets = { confident: 'Hyderus' };
    delete cy.questions.team_size!.unit;
    const result = validateDefinition(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.where, p.code, p.message])).toEqual([
      ['translations.cy', 'missing-translation', "1 text of the survey has no 'cy' translation: description"],
      ['translations.cy.questions.role', 'missing-translation', "4 texts of question 'role' have no 'cy' translation: text, option 'digital-it', option 'service', option 'other'"],
      ['translations.cy.questions.barriers', 'missing-translation', "2 texts of question 'barriers' have no 'cy' translation: hint, option 'none'"],
      ['translations.cy.questions.confidence', 'missing-translation', "1 text of question 'confidence' has no 'cy' translation: net 'confident' finding"],
      ['translations.cy.questions.team_size', 'missing-translation', "1 text of question 'team_size' has no 'cy' translation: unit"],
    ]);
  });

  it('lists every text of every question when a language has no translations at all', () => {
    const input = raw();
    input.languages = ['en', 'cy', 'ga'];
    const result = validateDefinition(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // The survey's own texts and each of the 9 questions, all in Irish; Welsh is complete.
    expect(result.problems.map((p) => p.where)).toEqual([
      'translations.ga',
      ...['role', 'strategy', 'strategy_stage', 'barriers', 'confidence', 'team_size', 'team', 'started', 'comments'].map((id) => `translations.ga.questions.${id}`),
    ]);
    expect(result.problems[7]!.message).toBe("7 texts of question 'team' have no 'ga' translation: text, option 'agree', option 'disagree', option 'dont-know', net 'agreeing', statement 'valued', statement 'informed'");
    expect(result.problems[0]!.message).toBe("3 texts of the survey have no 'ga' translation: title, description, publisher");
    expect(result.problems[4]!.message).toBe("6 texts of question 'barriers' have no 'ga' translation: text, hint, option 'culture', option 'cost', option 'skills', option 'none'");
  });

  it('refuses translations of what the definition does not have, and of languages it does not list', () => {
    const input = raw();
    const cy = input.translations.cy;
    cy.notice = 'Hysbysiad';
    cy.questions.role!.hint = 'Awgrym';
    (cy.questions.role!.options as Record<string, unknown>).manager = 'Rheolwr';
    cy.questions.ghost = { text: 'Ysbryd' };
    (input.translations as Record<string, unknown>).fr = { title: 'Enquête' };
    (input.translations as Record<string, unknown>).en = { title: 'Survey' };
    input.languages = ['en', 'cy', 'cy'];
    const result = validateDefinition(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.where, p.code])).toEqual([
      ['languages[2]', 'duplicate-language'],
      ['translations.fr', 'unknown-language'],
      ['translations.en', 'translation-of-default'],
      ['translations.cy.notice', 'unknown-translation'],
      ['translations.cy.questions.role.hint', 'unknown-translation'],
      ['translations.cy.questions.role.options.manager', 'unknown-translation'],
      ['translations.cy.questions.ghost', 'unknown-translation'],
    ]);
  });

  it('refuses a language code that is not one', () => {
    const input = raw();
    input.languages = ['en', 'Welsh'];
    const result = validateDefinition(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ where: 'languages[1]' });
  });
});
