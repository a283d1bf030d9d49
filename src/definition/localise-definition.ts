import type { Problem } from '../errors/catalogue.js';
import type { Definition, Question } from './schema.js';
import type { LanguageTranslation, QuestionTranslation } from './translations.js';

/** The language a definition without `languages` is written in. */
export const fallbackLanguage = 'en';

/** The survey's languages, the default first. */
export function languagesOf(definition: Pick<Definition, 'languages'>): readonly string[] {
  return definition.languages && definition.languages.length > 0 ? definition.languages : [fallbackLanguage];
}

export function defaultLanguageOf(definition: Pick<Definition, 'languages'>): string {
  return languagesOf(definition)[0]!;
}

/** `language` if the survey is given in it, else its default language: what a choice from outside (a cookie, ?lang=) is read as. */
export function supportedLanguage(definition: Pick<Definition, 'languages'>, language: unknown): string {
  return typeof language === 'string' && languagesOf(definition).includes(language) ? language : defaultLanguageOf(definition);
}

/**
 * The definition with its texts in `language`: title, description, notice, publisher, waves'
 * labels, and each question's text, hint, finding, unit, options' and nets' labels and findings
 * and statements' texts. Ids, codes and everything else are unchanged, so answers, results and
 * analysis read it as they read the original. The default language (or a language the survey is
 * not given in) gives the definition as it is; a text a translation lacks stays in the default
 * language (validation refuses such a definition, so that happens only to one stored before).
 */
export function localiseDefinition(definition: Definition, language: string): Definition {
  if (language === defaultLanguageOf(definition) || !languagesOf(definition).includes(language)) return definition;
  const t: LanguageTranslation = definition.translations?.[language] ?? {};
  return {
    ...definition,
    title: t.title ?? definition.title,
    ...(definition.description !== undefined ? { description: t.description ?? definition.description } : {}),
    ...(definition.notice !== undefined ? { notice: t.notice ?? definition.notice } : {}),
    ...(definition.publisher !== undefined ? { publisher: t.publisher ?? definition.publisher } : {}),
    ...(definition.waves ? { waves: definition.waves.map((w) => ({ ...w, label: t.waves?.[w.id] ?? w.label })) } : {}),
    questions: definition.questions.map((q) => localiseQuestion(q, t.questions?.[q.id] ?? {})),
  };
}

function labelOf(entry: string | { label: string; finding?: string | undefined } | undefined): { label?: string; finding?: string | undefined } {
  if (entry === undefined) return {};
  return typeof entry === 'string' ? { label: entry } : entry;
}

function localiseQuestion(question: Question, t: QuestionTranslation): Question {
  const common = {
    text: t.text ?? question.text,
    ...(question.hint !== undefined ? { hint: t.hint ?? question.hint } : {}),
    ...(question.finding !== undefined ? { finding: t.finding ?? question.finding } : {}),
  };
  switch (question.type) {
    case 'number':
      return { ...question, ...common, ...(question.unit !== undefined ? { unit: t.unit ?? question.unit } : {}) };
    case 'text':
    case 'date':
      return { ...question, ...common };
    case 'single':
    case 'scale':
    case 'multiple':
    case 'grid': {
      const options = question.options.map((o) => {
        const own = labelOf(t.options?.[o.code]);
        return { ...o, label: own.label ?? o.label, ...(o.finding !== undefined ? { finding: own.finding ?? o.finding } : {}) };
      });
      const nets = question.nets.map((n) => {
        const own = labelOf(t.nets?.[n.code]);
        return { ...n, label: own.label ?? n.label, ...(n.finding !== undefined ? { finding: own.finding ?? n.finding } : {}) };
      });
      if (question.type === 'grid') return { ...question, ...common, options, nets, statements: question.statements.map((s) => ({ ...s, text: t.statements?.[s.id] ?? s.text })) };
      return { ...question, ...common, options, nets } as Question;
    }
  }
}

/**
 * Every translation a definition lacks or holds by mistake. For each language other than the
 * default, every text the default language has needs a translation: missing ones are listed one
 * problem per question and language (`translations.cy.questions.q1`), naming every field
 * missing (`text, hint, option 'yes', net 'agree' finding`), and one for the survey's own texts.
 * A translation of something the definition does not have (an unknown question, option, net,
 * statement or wave, a hint the question lacks) is a problem of its own, as is a translation for
 * a language the survey does not list.
 */
export function translationProblems(definition: Definition): Problem[] {
  const problems: Problem[] = [];
  const languages = languagesOf(definition);
  const declared = definition.languages ?? [];
  declared.forEach((language, i) => {
    if (declared.indexOf(language) !== i) problems.push({ where: `languages[${i}]`, code: 'duplicate-language', message: `language '${language}' is listed twice`, expected: 'each language once' });
  });
  for (const language of Object.keys(definition.translations ?? {})) {
    if (language === languages[0]) problems.push({ where: `translations.${language}`, code: 'translation-of-default', message: `'${language}' is the default language: its texts are the definition's own`, expected: `translations of the other languages (${languages.slice(1).join(', ') || 'none listed'})` });
    else if (!languages.includes(language)) problems.push({ where: `translations.${language}`, code: 'unknown-language', message: `translations are given for '${language}', which languages does not list`, expected: `one of ${languages.slice(1).join(', ') || '(none: add the language to languages)'}` });
  }
  for (const language of new Set(languages.slice(1).filter((l) => l !== languages[0]))) {
    const t: LanguageTranslation = definition.translations?.[language] ?? {};
    const where = `translations.${language}`;
    const missing: string[] = [];
    if (t.title === undefined) missing.push('title');
    for (const field of ['description', 'notice', 'publisher'] as const) {
      if (definition[field] !== undefined && t[field] === undefined) missing.push(field);
      if (definition[field] === undefined && t[field] !== undefined) problems.push(extra(`${where}.${field}`, `the definition has no ${field} to translate`));
    }
    for (const wave of definition.waves ?? []) if (t.waves?.[wave.id] === undefined) missing.push(`wave '${wave.id}'`);
    for (const id of Object.keys(t.waves ?? {})) if (!(definition.waves ?? []).some((w) => w.id === id)) problems.push(extra(`${where}.waves.${id}`, `there is no wave '${id}'`));
    if (missing.length > 0) problems.push(missingProblem(where, language, 'the survey', missing));

    for (const question of definition.questions) problems.push(...questionTranslationProblems(question, t.questions?.[question.id], `${where}.questions.${question.id}`, language));
    for (const id of Object.keys(t.questions ?? {})) {
      if (!definition.questions.some((q) => q.id === id)) problems.push(extra(`${where}.questions.${id}`, `there is no question '${id}'`));
    }
  }
  return problems;
}

function questionTranslationProblems(question: Question, t: QuestionTranslation | undefined, where: string, language: string): Problem[] {
  const problems: Problem[] = [];
  const missing: string[] = [];
  const own = t ?? {};
  if (own.text === undefined) missing.push('text');
  const optional = { hint: question.hint, finding: question.finding, unit: question.type === 'number' ? question.unit : undefined };
  for (const field of ['hint', 'finding', 'unit'] as const) {
    if (optional[field] !== undefined && own[field] === undefined) missing.push(field);
    if (optional[field] === undefined && own[field] !== undefined) problems.push(extra(`${where}.${field}`, `question '${question.id}' has no ${field} to translate`));
  }
  const hasChoices = question.type === 'single' || question.type === 'scale' || question.type === 'multiple' || question.type === 'grid';
  const choices = hasChoices ? { options: question.options, nets: question.nets } : { options: [], nets: [] };
  for (const kind of ['options', 'nets'] as const) {
    const singular = kind === 'options' ? 'option' : 'net';
    for (const item of choices[kind]) {
      const entry = labelOf(own[kind]?.[item.code]);
      if (entry.label === undefined) missing.push(`${singular} '${item.code}'`);
      if (item.finding !== undefined && entry.finding === undefined) missing.push(`${singular} '${item.code}' finding`);
      if (item.finding === undefined && entry.finding !== undefined) problems.push(extra(`${where}.${kind}.${item.code}.finding`, `${singular} '${item.code}' has no finding to translate`));
    }
    for (const code of Object.keys(own[kind] ?? {})) {
      if (!choices[kind].some((item) => item.code === code)) problems.push(extra(`${where}.${kind}.${code}`, `question '${question.id}' has no ${singular} '${code}'`));
    }
  }
  const statements = question.type === 'grid' ? question.statements : [];
  for (const statement of statements) if (own.statements?.[statement.id] === undefined) missing.push(`statement '${statement.id}'`);
  for (const id of Object.keys(own.statements ?? {})) {
    if (!statements.some((s) => s.id === id)) problems.push(extra(`${where}.statements.${id}`, `question '${question.id}' has no statement '${id}'`));
  }
  if (missing.length > 0) problems.unshift(missingProblem(where, language, `question '${question.id}'`, missing));
  return problems;
}

function missingProblem(where: string, language: string, of: string, missing: readonly string[]): Problem {
  return {
    where,
    code: 'missing-translation',
    message: `${missing.length} text${missing.length === 1 ? '' : 's'} of ${of} ${missing.length === 1 ? 'has' : 'have'} no '${language}' translation: ${missing.join(', ')}`,
    expected: `a '${language}' translation of every text of the default language`,
  };
}

function extra(where: string, message: string): Problem {
  return { where, code: 'unknown-translation', message, expected: 'translations only of texts the definition has' };
}
