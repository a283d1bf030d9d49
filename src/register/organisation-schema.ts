import { z } from 'zod';
import { fixedOrganisationFields } from '../definition/register-attributes.js';
import { attributeIdSchema, type RegisterAttribute, type RegisterSchema } from '../definition/schema.js';

/** The most characters a text attribute holds. */
export const maxTextAttributeLength = 500;

const fixedFields = {
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'an id is lower-case letters and digits joined by hyphens, like kent-county-council'),
  name: z.string().trim().min(1, 'an organisation needs a name'),
  parent: z.string().optional(),
  /** Eligible staff: the population for response rates and the finite population correction. */
  headcount: z.number({ error: 'the headcount must be a positive whole number' }).int('the headcount must be a positive whole number').positive('the headcount must be a positive whole number').optional(),
};

/**
 * One organisation of a register with these attributes: the single source of truth for its
 * fields and their values, made from the register schema. Bands are computed, never given.
 */
export function organisationSchemaFor(register: RegisterSchema): z.ZodType<Record<string, unknown>> {
  const attributes: Record<string, z.ZodType> = {};
  for (const attribute of register.attributes) {
    const value = attributeValueSchema(attribute);
    if (value) attributes[attribute.id] = attribute.type !== 'bands' && attribute.required ? value : value.optional();
  }
  return z.strictObject({ ...fixedFields, ...attributes });
}

/** A register without a schema: every column besides the fixed ones is a text attribute, checked only for its length. */
export function openOrganisationSchema(columns: readonly string[]): z.ZodType<Record<string, unknown>> {
  const attributes = Object.fromEntries(columns.filter((c) => !(fixedOrganisationFields as readonly string[]).includes(c)).map((c) => [c, textValue(c).optional()]));
  return z.strictObject({ ...fixedFields, ...attributes });
}

/** A column's name may be an attribute of an open register when it is shaped as an attribute id. */
export const isAttributeId = (column: string): boolean => attributeIdSchema.safeParse(column).success;

function attributeValueSchema(attribute: RegisterAttribute): z.ZodType | undefined {
  switch (attribute.type) {
    case 'category': {
      const codes = attribute.options.map((o) => o.code);
      return z.string().refine((v) => codes.includes(v), { message: `the ${attribute.label.toLowerCase()} (${attribute.id}) must be one of ${codes.join(', ')}` });
    }
    case 'number': {
      const what = `${attribute.id} must be ${attribute.integer ? 'a whole number' : 'a number'}${attribute.min !== undefined ? ` of at least ${attribute.min}` : ''}${attribute.max !== undefined ? `${attribute.min !== undefined ? ' and' : ''} at most ${attribute.max}` : ''}`;
      let number = z.number({ error: what });
      if (attribute.integer) number = number.int(what);
      if (attribute.min !== undefined) number = number.min(attribute.min, what);
      if (attribute.max !== undefined) number = number.max(attribute.max, what);
      return number;
    }
    case 'text':
      return textValue(attribute.id);
    case 'bands':
      return undefined;
  }
}

function textValue(id: string): z.ZodString {
  return z.string().max(maxTextAttributeLength, `${id} has more than ${maxTextAttributeLength} characters`);
}
