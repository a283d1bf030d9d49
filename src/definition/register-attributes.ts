import type { Problem } from '../errors/catalogue.js';
import type { BandsAttribute, Definition, RegisterAttribute, RegisterSchema } from './schema.js';

/**
 * An organisation as the register holds it and analysis reads it: its id, name, parent and
 * headcount, and its attributes by id (a category's code, a number, a text). Attribute ids never
 * take the names of the fixed fields (see reservedAttributeIds), so they share one object.
 */
export interface OrganisationValues {
  id: string;
  name?: string;
  parent?: string;
  /** Eligible staff: the population for response rates and the finite population correction. */
  headcount?: number;
  readonly [attribute: string]: string | number | undefined;
}

/** Fields every organisation has whatever its register declares; no attribute may take their names. */
export const fixedOrganisationFields = ['id', 'name', 'parent', 'headcount'] as const;
/** Besides the fixed fields: a name every object inherits, which a lookup would find on any organisation. */
export const reservedAttributeIds: readonly string[] = [...fixedOrganisationFields, 'constructor'];

/**
 * The register of a definition without one of its own: type, nation and region as text, as
 * registers were before they were declared, and peer groups by type. It names no values.
 */
export const openRegister: RegisterSchema = {
  attributes: [
    { id: 'type', label: 'Organisation type', type: 'text', required: false },
    { id: 'nation', label: 'Nation', type: 'text', required: false },
    { id: 'region', label: 'Region', type: 'text', required: false },
  ],
  peerGroup: 'type',
};

/** The register a definition declares, or the open one. */
export function registerOf(definition: Pick<Definition, 'register'>): RegisterSchema {
  return definition.register ?? openRegister;
}

export function attributeOf(register: RegisterSchema, id: string): RegisterAttribute | undefined {
  return register.attributes.find((a) => a.id === id);
}

/** An organisation's value of a field (`id`, `parent`, `headcount`) or attribute; undefined when it has none. */
export function orgAttributeValue(org: OrganisationValues, attribute: string): string | number | undefined {
  if (!Object.hasOwn(org, attribute)) return undefined;
  const value = org[attribute];
  return value === '' || value === null ? undefined : value;
}

/** The band a number falls in: the last whose `from` is at or below it (the first band has no lower edge). */
export function bandOf(attribute: BandsAttribute, value: number | undefined): string | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  let found: string | undefined;
  for (const band of attribute.bands) {
    if (band.from === undefined || value >= band.from) found = band.code;
    else break;
  }
  return found;
}

/**
 * The organisation with its bands computed (`size_band` from `headcount`): what analysis and
 * conditions read. The same object when the register declares no bands.
 */
export function withBands<T extends OrganisationValues>(org: T, register: RegisterSchema): T {
  const bands = register.attributes.filter((a): a is BandsAttribute => a.type === 'bands');
  if (bands.length === 0) return org;
  const computed: Record<string, string | number | undefined> = { ...org };
  for (const attribute of bands) {
    const raw = orgAttributeValue(org, attribute.of);
    const band = bandOf(attribute, typeof raw === 'number' ? raw : raw === undefined ? undefined : Number(raw));
    // A value stored under the band's id (a register imported before the bands were declared) never stands in for it.
    if (band === undefined) delete computed[attribute.id];
    else computed[attribute.id] = band;
  }
  return computed as T;
}

/** Code → label of a category or bands attribute (in declared order); undefined for other attributes. */
export function attributeLabels(register: RegisterSchema, id: string): Record<string, string> | undefined {
  const attribute = attributeOf(register, id);
  if (attribute?.type === 'category') return Object.fromEntries(attribute.options.map((o) => [o.code, o.label]));
  if (attribute?.type === 'bands') return Object.fromEntries(attribute.bands.map((b) => [b.code, b.label]));
  return undefined;
}

/** Codes in the order the register declares them, for groups of a breakdown by bands; undefined for others (sorted by code). */
export function attributeOrder(register: RegisterSchema, id: string): string[] | undefined {
  const attribute = attributeOf(register, id);
  return attribute?.type === 'bands' ? attribute.bands.map((b) => b.code) : undefined;
}

/** Attributes a breakdown, strata or a raking margin can group by: categories, bands and texts (not numbers), and `parent`. */
export function groupingAttributes(register: RegisterSchema): string[] {
  return [...register.attributes.filter((a) => a.type !== 'number').map((a) => a.id), 'parent'];
}

/** Every field an expression may name as `org.X`: the fixed fields (but the name) and the declared attributes. */
export function expressionAttributes(register: RegisterSchema): string[] {
  return ['id', 'parent', 'headcount', ...register.attributes.map((a) => a.id)];
}

/** The attribute whose groups are a survey's peer groups (benchmarks, release admission). */
export function peerGroupAttribute(definition: Pick<Definition, 'register'>): string {
  return registerOf(definition).peerGroup;
}

/** The label of a peer group's value: the category's or band's label, else the value itself. */
export function valueLabel(register: RegisterSchema, id: string, value: string): string {
  return attributeLabels(register, id)?.[value] ?? value;
}

/**
 * What only the whole register can tell: attribute ids used twice or reserved, codes repeated,
 * bands of something that is not a number or with edges out of order, a peer group that is not
 * an attribute to group by. `where` prefixes each problem (`register`, or '' for a file of its own).
 */
export function checkRegister(register: RegisterSchema, where: string): Problem[] {
  const problems: Problem[] = [];
  const at = (path: string) => (where === '' ? path : `${where}.${path}`);
  const seen = new Map<string, number>();
  register.attributes.forEach((attribute, i) => {
    const here = at(`attributes[${i}] (${attribute.id})`);
    if (reservedAttributeIds.includes(attribute.id)) {
      problems.push({ where: `${here}.id`, code: 'reserved-id', message: `'${attribute.id}' is a field every organisation has; an attribute needs another id`, expected: `an id other than ${reservedAttributeIds.join(', ')}` });
    }
    const earlier = seen.get(attribute.id);
    if (earlier !== undefined) problems.push({ where: here, code: 'duplicate-id', message: `attribute id '${attribute.id}' is already used by attributes[${earlier}]`, expected: 'a unique attribute id' });
    else seen.set(attribute.id, i);
    const codes = attribute.type === 'category' ? attribute.options.map((o) => o.code) : attribute.type === 'bands' ? attribute.bands.map((b) => b.code) : [];
    codes.forEach((code, k) => {
      if (codes.indexOf(code) !== k) problems.push({ where: `${here}.${attribute.type === 'category' ? 'options' : 'bands'}[${k}]`, code: 'duplicate-code', message: `code '${code}' is used twice`, expected: 'a unique code' });
    });
    if (attribute.type === 'number' && attribute.min !== undefined && attribute.max !== undefined && attribute.min > attribute.max) {
      problems.push({ where: here, code: 'min-above-max', message: `min ${attribute.min} is above max ${attribute.max}` });
    }
    if (attribute.type === 'bands') problems.push(...checkBands(register, attribute, here));
  });
  const peer = attributeOf(register, register.peerGroup);
  if (!peer || peer.type === 'number') {
    problems.push({
      where: at('peerGroup'),
      code: 'unknown-peer-group',
      message: peer ? `peer groups cannot be of the number '${peer.id}'; declare bands of it` : `the peer group attribute '${register.peerGroup}' is not an attribute of the register`,
      expected: `one of ${register.attributes.filter((a) => a.type !== 'number').map((a) => a.id).join(', ') || '(declare a category attribute)'}`,
    });
  }
  return problems;
}

function checkBands(register: RegisterSchema, attribute: BandsAttribute, here: string): Problem[] {
  const problems: Problem[] = [];
  const source = attribute.of === 'headcount' ? 'number' : attributeOf(register, attribute.of)?.type;
  if (source !== 'number') {
    problems.push({ where: `${here}.of`, code: 'bands-not-of-number', message: `bands are of a number; '${attribute.of}' is ${source === undefined ? 'not an attribute of the register' : `a ${source}`}`, expected: 'headcount or a number attribute' });
  }
  let previous = -Infinity;
  attribute.bands.forEach((band, k) => {
    if (k === 0) {
      if (band.from !== undefined) previous = band.from;
      return;
    }
    if (band.from === undefined) problems.push({ where: `${here}.bands[${k}]`, code: 'band-without-from', message: `band '${band.code}' needs 'from': where it starts`, expected: 'a number above the band before’s' });
    else if (band.from <= previous) problems.push({ where: `${here}.bands[${k}]`, code: 'bands-out-of-order', message: `band '${band.code}' starts at ${band.from}, not above the band before it (${previous})`, expected: 'bands in increasing order of from' });
    else previous = band.from;
  });
  return problems;
}

/** Every category's and band's code → label, for conditions in words (`org.type = london-borough` → London borough). */
export function registerValueLabels(register: RegisterSchema): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const attribute of register.attributes) Object.assign(labels, attributeLabels(register, attribute.id) ?? {});
  return labels;
}
