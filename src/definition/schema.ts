import { z } from 'zod';
import { closesSchema, fieldworkMessagesSchema } from './fieldwork-messages.js';
import { languageCodeSchema, translationsSchema } from './translations.js';

/**
 * The questionnaire format: the single source of truth for definition files and, through
 * `z.infer`, for the TypeScript types. Bump {@link currentFormatVersion} with a migration in
 * `migrate.ts` whenever the format changes shape.
 */
export const currentFormatVersion = 1;

export const codeSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a code is lower-case letters and digits joined by single hyphens, like not-very-confident');

export const questionIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'a question id starts with a letter and uses lower-case letters, digits and _, like gap_confidence');

export const optionSchema = z.strictObject({
  code: codeSchema,
  label: z.string().trim().min(1, 'an option needs a label'),
  /** "Don't know", "Prefer not to say": excluded from a substantive base. */
  nonSubstantive: z.boolean().default(false),
  /** In a multiple-choice question, may not be combined with any other option ("None of these"). */
  exclusive: z.boolean().default(false),
  /** Overrides the generated finding sentence for this option (see reporting/finding-sentences.ts). */
  finding: z.string().optional(),
});

export const netSchema = z.strictObject({
  code: codeSchema,
  label: z.string().trim().min(1),
  options: z.array(codeSchema).min(1, 'a net combines at least one option'),
  /** Overrides the generated finding sentence for this net. */
  finding: z.string().optional(),
});

const questionCommon = {
  id: questionIdSchema,
  text: z.string().trim().min(1, 'a question needs its text'),
  hint: z.string().optional(),
  required: z.boolean().default(true),
  /** Shown only when this expression holds; it may refer only to earlier questions and org.ATTRIBUTE. */
  showIf: z.string().optional(),
  /** `answered`: everyone asked who answered (default); `substantive`: without non-substantive answers. */
  base: z.enum(['answered', 'substantive']).default('answered'),
  /**
   * Overrides the generated finding sentence of every figure of this question (an option or a
   * net may override it again): a template with {percent}, {count}, {base}, {unit}, {label},
   * {label_lower} and {question}; see reporting/finding-sentences.ts.
   */
  finding: z.string().optional(),
};

const choiceCommon = {
  ...questionCommon,
  options: z.array(optionSchema).min(2, 'a choice question needs at least two options'),
  nets: z.array(netSchema).default([]),
  /** The option or net that sums the question up among a report's key findings (default: the first net, else the most chosen substantive option). */
  headline: codeSchema.optional(),
};

/**
 * Which end of the options is better (`first` or `last`), for questions where one is: benchmark
 * quartiles and sentences then rank organisations best first (see definition/polarity.ts).
 */
const better = z.enum(['first', 'last']).optional();
export const singleQuestionSchema = z.strictObject({ ...choiceCommon, type: z.literal('single'), better });
export const scaleQuestionSchema = z.strictObject({ ...choiceCommon, type: z.literal('scale'), better });
export const multipleQuestionSchema = z.strictObject({
  ...choiceCommon,
  type: z.literal('multiple'),
  maxSelected: z.number().int().positive().optional(),
});
export const numberQuestionSchema = z.strictObject({
  ...questionCommon,
  type: z.literal('number'),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().default(false),
  unit: z.string().optional(),
});
export const textQuestionSchema = z.strictObject({
  ...questionCommon,
  type: z.literal('text'),
  maxLength: z.number().int().positive().default(2000),
});

/** One statement of a grid: its id (unique in the grid) and the text a respondent rates. */
export const statementSchema = z.strictObject({
  id: questionIdSchema,
  text: z.string().trim().min(1, 'a statement needs its text'),
});

/**
 * Several statements answered on one shared scale (the options), each analysed as a scale
 * question `GRID.STATEMENT` with the grid's nets (see definition/analysis-questions.ts). The answer
 * is an object of statement id → option code; `required` asks for every statement.
 */
export const gridQuestionSchema = z.strictObject({
  ...choiceCommon,
  type: z.literal('grid'),
  better,
  statements: z.array(statementSchema).min(1, 'a grid needs at least one statement'),
});

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD');

/** A calendar date (day, month, year), stored as YYYY-MM-DD; `min` and `max` bound it (inclusive). */
export const dateQuestionSchema = z.strictObject({
  ...questionCommon,
  type: z.literal('date'),
  min: isoDay.optional(),
  max: isoDay.optional(),
});

export const questionSchema = z.discriminatedUnion('type', [
  singleQuestionSchema,
  multipleQuestionSchema,
  scaleQuestionSchema,
  numberQuestionSchema,
  textQuestionSchema,
  gridQuestionSchema,
  dateQuestionSchema,
]);

export const questionTypes = ['single', 'multiple', 'scale', 'number', 'text', 'grid', 'date'] as const;

/**
 * The register's attributes, declared as data: what each organisation of a survey's register
 * carries besides its id, name, parent and headcount, and how analysis reads it. `category`
 * values are codes with labels; `number` and `text` are as given; `bands` are computed from a
 * number (the headcount or a number attribute), each band from its `from` (inclusive) to the
 * next band's. No vocabulary lives in code: the UK's council types are the built-in survey's.
 */
export const attributeIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'an attribute id starts with a letter and uses lower-case letters, digits and _, like size_band');

/** A category's value as it appears in a register file: any short text without commas or line breaks (England, county-council, 3). */
export const categoryCodeSchema = z
  .string()
  .trim()
  .min(1, 'a category code cannot be empty')
  .max(100, 'a category code has at most 100 characters')
  .regex(/^[^,;()\n\r\t"']+$/, 'a category code has no commas, semicolons, brackets, quotes or line breaks');

const attributeCommon = {
  id: attributeIdSchema,
  label: z.string().trim().min(1, 'an attribute needs a label'),
  /** Every organisation of the register must have a value. */
  required: z.boolean().default(false),
};

export const categoryAttributeSchema = z.strictObject({
  ...attributeCommon,
  type: z.literal('category'),
  options: z.array(z.strictObject({ code: categoryCodeSchema, label: z.string().trim().min(1, 'an option needs a label') })).min(1, 'a category needs at least one option'),
});
export const numberAttributeSchema = z.strictObject({ ...attributeCommon, type: z.literal('number'), integer: z.boolean().default(false), min: z.number().optional(), max: z.number().optional() });
export const textAttributeSchema = z.strictObject({ ...attributeCommon, type: z.literal('text') });
export const bandsAttributeSchema = z.strictObject({
  id: attributeIdSchema,
  label: z.string().trim().min(1, 'an attribute needs a label'),
  type: z.literal('bands'),
  /** The number the bands are of: `headcount` or a number attribute. */
  of: attributeIdSchema,
  bands: z
    .array(z.strictObject({ code: categoryCodeSchema, label: z.string().trim().min(1, 'a band needs a label'), from: z.number().optional() }))
    .min(2, 'bands need at least two bands'),
});
export const registerAttributeSchema = z.discriminatedUnion('type', [categoryAttributeSchema, numberAttributeSchema, textAttributeSchema, bandsAttributeSchema]);
export const registerAttributeTypes = ['category', 'number', 'text', 'bands'] as const;

export const registerSchema = z.strictObject({
  attributes: z.array(registerAttributeSchema).default([]),
  /** The category (or bands or text) attribute whose groups are benchmark peer groups and release groups. */
  peerGroup: attributeIdSchema.default('type'),
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD');

export const definitionSchema = z.strictObject({
  format: z.literal(currentFormatVersion),
  id: codeSchema,
  title: z.string().trim().min(1),
  description: z.string().optional(),
  /** Shown wherever the data is shown, e.g. that responses are reconstructed. */
  notice: z.string().optional(),
  publisher: z.string().optional(),
  fieldwork: z.strictObject({ start: isoDate, end: isoDate }).optional(),
  /** When the survey stops taking responses (see fieldwork-messages.ts); the command line or the admin may set another. */
  closes: closesSchema.optional(),
  /** The invitation and reminder emails' texts, with placeholders; without them, Canvass's own. */
  messages: fieldworkMessagesSchema.optional(),
  /**
   * Organisation leads (contacts of role lead, signed in at /lead): each sees their own
   * organisation's response count and rate; with `leagueTable`, also every other organisation's.
   */
  leads: z.strictObject({ leagueTable: z.boolean().default(false) }).optional(),
  disclosure: z.strictObject({ minBase: z.number().int().min(1).default(10) }).default({ minBase: 10 }),
  submissions: z.strictObject({ open: z.boolean().default(true) }).default({ open: true }),
  /** Waves of a repeated survey, oldest first; they share question ids and option codes. */
  waves: z
    .array(z.strictObject({ id: codeSchema, label: z.string().trim().min(1), fieldwork: z.strictObject({ start: isoDate, end: isoDate }).optional() }))
    .optional(),
  questions: z.array(questionSchema).min(1, 'a questionnaire needs at least one question'),
  /** The register's attributes (see registerSchema); without it, organisations carry type, nation and region as text. */
  register: registerSchema.optional(),
  /** The languages respondents and reports may use, the default (the one the fields above are written in) first; see translations.ts. */
  languages: z.array(languageCodeSchema).min(1, 'languages lists at least the default language').optional(),
  /** Each other language's texts, by question id and option, net and statement code; every text of the default language needs one. */
  translations: translationsSchema.optional(),
});

export type Option = z.infer<typeof optionSchema>;
export type Net = z.infer<typeof netSchema>;
export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question['type'];
export type ChoiceQuestion = Extract<Question, { type: 'single' | 'multiple' | 'scale' }>;
export type SingleQuestion = z.infer<typeof singleQuestionSchema>;
export type MultipleQuestion = z.infer<typeof multipleQuestionSchema>;
export type ScaleQuestion = z.infer<typeof scaleQuestionSchema>;
export type NumberQuestion = z.infer<typeof numberQuestionSchema>;
export type TextQuestion = z.infer<typeof textQuestionSchema>;
export type GridQuestion = z.infer<typeof gridQuestionSchema>;
export type Statement = z.infer<typeof statementSchema>;
export type DateQuestion = z.infer<typeof dateQuestionSchema>;
export type Definition = z.infer<typeof definitionSchema>;
export type RegisterSchema = z.infer<typeof registerSchema>;
export type RegisterAttribute = z.infer<typeof registerAttributeSchema>;
export type BandsAttribute = z.infer<typeof bandsAttributeSchema>;

/** A grid's answer: statement id → option code, for the statements answered. */
export type GridAnswer = { [statement: string]: string };

/** An answer as stored: a code (single, scale), codes (multiple), a number, a text, a date (YYYY-MM-DD) or a grid's codes. */
export type Answer = string | string[] | number | GridAnswer;
export type Answers = Record<string, Answer>;

export { isChoiceQuestion } from './choice-question.js';
