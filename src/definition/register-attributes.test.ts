import { describe, expect, it } from 'vitest';
import { loadDefinitionText, validateDefinition } from './load-definition.js';
import { loadRegisterSchemaText } from './load-register-schema.js';
import { bandOf, checkRegister, withBands } from './register-attributes.js';
import { registerSchema, type BandsAttribute, type RegisterSchema } from './schema.js';

const sizeBand: BandsAttribute = {
  id: 'size_band',
  label: 'Size',
  type: 'bands',
  of: 'headcount',
  bands: [
    { code: 'small', label: 'Small' },
    { code: 'medium', label: 'Medium', from: 250 },
    { code: 'large', label: 'Large', from: 1000 },
  ],
};
const register = (raw: unknown): RegisterSchema => registerSchema.parse(raw);

describe('bands of a number', () => {
  it('puts a number in the last band whose from is at or below it; the first band has no lower edge', () => {
    expect([0, 249, 249.5, 250, 999, 1000, 52000].map((n) => bandOf(sizeBand, n))).toEqual(['small', 'small', 'small', 'medium', 'medium', 'large', 'large']);
    expect(bandOf(sizeBand, undefined)).toBeUndefined();
  });

  it('leaves a number below a first band that has a lower edge in no band', () => {
    expect(bandOf({ ...sizeBand, bands: [{ code: 'mid', label: 'Mid', from: 10 }, { code: 'big', label: 'Big', from: 100 }] }, 9)).toBeUndefined();
  });

  it('computes bands onto the organisation, and a stored value under the band id never stands in for them', () => {
    const schema = register({ attributes: [{ id: 'kind', label: 'Kind', type: 'text' }, sizeBand], peerGroup: 'kind' });
    expect(withBands({ id: 'a', headcount: 300 }, schema)).toEqual({ id: 'a', headcount: 300, size_band: 'medium' });
    expect(withBands({ id: 'b', size_band: 'large' }, schema)).toEqual({ id: 'b' });
    const plain = { id: 'c' };
    expect(withBands(plain, register({ attributes: [{ id: 'type', label: 'Type', type: 'text' }] }))).toBe(plain);
  });
});

describe('checking a register schema', () => {
  it('accepts the shapes it declares, with peer groups by type by default', () => {
    const schema = register({ attributes: [{ id: 'type', label: 'Type', type: 'category', options: [{ code: 'x', label: 'X' }] }, sizeBand] });
    expect(schema.peerGroup).toBe('type');
    expect(checkRegister(schema, 'register')).toEqual([]);
  });

  it('lists every problem: reserved and repeated ids, repeated codes, bands of what is not a number or out of order, an unknown peer group', () => {
    const schema = register({
      peerGroup: 'sector',
      attributes: [
        { id: 'name', label: 'Name', type: 'text' },
        { id: 'kind', label: 'Kind', type: 'category', options: [{ code: 'a', label: 'A' }, { code: 'a', label: 'A again' }] },
        { id: 'kind', label: 'Kind again', type: 'text' },
        { id: 'band', label: 'Band', type: 'bands', of: 'kind', bands: [{ code: 'lo', label: 'Lo' }, { code: 'hi', label: 'Hi' }] },
        { id: 'band2', label: 'Band 2', type: 'bands', of: 'headcount', bands: [{ code: 'lo', label: 'Lo', from: 10 }, { code: 'hi', label: 'Hi', from: 5 }] },
      ],
    });
    expect(checkRegister(schema, 'register').map((p) => [p.where, p.code])).toEqual([
      ['register.attributes[0] (name).id', 'reserved-id'],
      ['register.attributes[1] (kind).options[1]', 'duplicate-code'],
      ['register.attributes[2] (kind)', 'duplicate-id'],
      ['register.attributes[3] (band).of', 'bands-not-of-number'],
      ['register.attributes[3] (band).bands[1]', 'band-without-from'],
      ['register.attributes[4] (band2).bands[1]', 'bands-out-of-order'],
      ['register.peerGroup', 'unknown-peer-group'],
    ]);
  });

  it('refuses a number as the peer group, saying to declare bands of it', () => {
    const problems = checkRegister(register({ peerGroup: 'staff', attributes: [{ id: 'staff', label: 'Staff', type: 'number' }] }), '');
    expect(problems).toEqual([expect.objectContaining({ where: 'peerGroup', code: 'unknown-peer-group', message: "peer groups cannot be of the number 'staff'; declare bands of it" })]);
  });
});

describe('a register schema file of its own', () => {
  it('reads YAML with attributes and a peer group', () => {
    const read = loadRegisterSchemaText('peerGroup: locale\nattributes:\n  - { id: locale, label: Locale, type: category, options: [{ code: city, label: City }] }\n');
    expect(read.ok && read.register.attributes.map((a) => a.id)).toEqual(['locale']);
  });

  it('lists shape problems by where they are, and refuses what is not a mapping', () => {
    const read = loadRegisterSchemaText('attributes:\n  - { id: Locale, label: Locale, type: colour }\n');
    expect(!read.ok && read.problems.map((p) => p.where)).toEqual(['attributes[0].type']);
    expect(loadRegisterSchemaText('- a\n- b\n')).toMatchObject({ ok: false, problems: [{ code: 'not-an-object' }] });
    expect(loadRegisterSchemaText('attributes: [')).toMatchObject({ ok: false, problems: [{ code: 'syntax' }] });
  });

  it('gives a definition its register, and refuses one that declares its own as well', () => {
    const text = 'format: 1\nid: s\ntitle: S\nquestions:\n  - { id: q, type: single, text: Q?, showIf: org.locale = city, options: [{ code: a, label: A }, { code: b, label: B }] }\n';
    const read = loadRegisterSchemaText('peerGroup: locale\nattributes:\n  - { id: locale, label: Locale, type: category, options: [{ code: city, label: City }] }\n');
    if (!read.ok) throw new Error('the register schema should read');
    const loaded = loadDefinitionText(text, { register: read.raw });
    expect(loaded.ok && loaded.definition.register?.peerGroup).toBe('locale');
    // Without it, org.locale is not an attribute of the open register (type, nation, region).
    expect(loadDefinitionText(text)).toMatchObject({ ok: false, problems: [{ code: 'unknown-org-attribute' }] });
    const twice = validateDefinition({ format: 1, id: 's', title: 'S', register: read.raw, questions: [{ id: 'q', type: 'text', text: 'Q?' }] }, { register: read.raw });
    expect(twice).toMatchObject({ ok: false, problems: [{ where: 'register', code: 'register-twice' }] });
  });

  it("lists a definition's register problems under register, and does not check conditions against a broken register", () => {
    const result = validateDefinition({
      format: 1,
      id: 's',
      title: 'S',
      register: { peerGroup: 'nowhere', attributes: [{ id: 'locale', label: 'Locale', type: 'category', options: [{ code: 'city', label: 'City' }] }] },
      questions: [{ id: 'q', type: 'single', text: 'Q?', showIf: 'org.locale = village', options: [{ code: 'a', label: 'A' }, { code: 'b', label: 'B' }] }],
    });
    expect(!result.ok && result.problems.map((p) => [p.where, p.code])).toEqual([['register.peerGroup', 'unknown-peer-group']]);
  });
});
