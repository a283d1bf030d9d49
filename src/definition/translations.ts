import { z } from 'zod';

/**
 * Translations of a definition's texts. A survey declares `languages` (the first is the default,
 * the language its own fields are written in) and, for each other language, a `translations`
 * block beside the questions, keyed by question id, option and net code and statement id:
 *
 * ```yaml
 * languages: [en, cy]
 * translations:
 *   cy:
 *     title: Arolwg staff
 *     questions:
 *       confidence:
 *         text: Pa mor hyderus ydych chi?
 *         options: { very: Hyderus iawn, not-very: Ddim yn hyderus iawn }
 *         nets: { confident: { label: Hyderus, finding: '{percent} yn hyderus' } }
 * ```
 *
 * A parallel block (rather than a map in place of each string) keeps every existing definition
 * valid unchanged, and every text field a plain string for the code that reads it: a localised
 * definition (see localise-definition.ts) is an ordinary definition. Answers are stored as codes,
 * so analysis does not change with the language.
 */
export const languageCodeSchema = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'a language is its ISO 639 code in lower case, like en or cy');

const text = z.string().trim().min(1, 'a translation cannot be empty');

/** An option's or a net's translation: its label, or its label and finding sentence. */
const labelled = z.union([text, z.strictObject({ label: text, finding: text.optional() })]);

export const questionTranslationSchema = z.strictObject({
  text: text.optional(),
  hint: text.optional(),
  finding: text.optional(),
  unit: text.optional(),
  options: z.record(z.string(), labelled).optional(),
  nets: z.record(z.string(), labelled).optional(),
  statements: z.record(z.string(), text).optional(),
});

export const languageTranslationSchema = z.strictObject({
  title: text.optional(),
  description: text.optional(),
  notice: text.optional(),
  publisher: text.optional(),
  /** Wave id → label. */
  waves: z.record(z.string(), text).optional(),
  questions: z.record(z.string(), questionTranslationSchema).optional(),
});

export const translationsSchema = z.record(languageCodeSchema, languageTranslationSchema);

export type QuestionTranslation = z.infer<typeof questionTranslationSchema>;
export type LanguageTranslation = z.infer<typeof languageTranslationSchema>;
export type Translations = z.infer<typeof translationsSchema>;
