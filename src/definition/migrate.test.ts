import { afterEach, describe, it, expect, vi } from 'vitest';
import { formatMigrations, migrateDefinition, type FormatMigration } from './migrate.js';
import { currentFormatVersion } from './schema.js';

describe('migrateDefinition', () => {
  it('has no migrations while format 1 is the only published format', () => {
    expect(currentFormatVersion).toBe(1);
    expect(formatMigrations).toEqual([]);
  });

  it('passes a definition in the current format through unchanged', () => {
    const raw = { format: currentFormatVersion, id: 'demo', questions: [{ id: 'q1' }] };
    const result = migrateDefinition(raw);
    expect(result.problems).toEqual([]);
    expect(result.raw).toBe(raw);
    expect(result.raw).toEqual({ format: 1, id: 'demo', questions: [{ id: 'q1' }] });
  });

  it('applies no step to a current definition, even when a step from the current format is given', () => {
    const migrate = vi.fn((raw: Record<string, unknown>) => ({ ...raw, changed: true }));
    const raw = { format: currentFormatVersion, id: 'demo' };
    const result = migrateDefinition(raw, [{ from: currentFormatVersion, to: currentFormatVersion + 1, describe: 'hypothetical next format', migrate }]);
    expect(result).toEqual({ raw, problems: [] });
    expect(migrate).not.toHaveBeenCalled();
  });

  it('refuses a format newer than the current one', () => {
    const result = migrateDefinition({ format: currentFormatVersion + 1 });
    expect(result.problems).toEqual([expect.objectContaining({ where: 'format', code: 'format-too-new' })]);
  });

  it('refuses a definition without a format', () => {
    expect(migrateDefinition({ id: 'demo' }).problems).toEqual([expect.objectContaining({ where: 'format', code: 'format-missing' })]);
  });

  it.each([['1'], [0], [1.5], [null], [[1]]])('refuses the format %j', (format) => {
    expect(migrateDefinition({ format }).problems).toEqual([expect.objectContaining({ where: 'format', code: 'format-invalid' })]);
  });
});

// With only format 1 published, a chain of steps can run only if the current version is
// pretended to be higher; the schema module is replaced for these tests alone.
describe('migrateDefinition with a pretended current format 3', () => {
  afterEach(() => {
    vi.doUnmock('./schema.js');
    vi.resetModules();
  });

  async function migrateWithCurrentFormat3(): Promise<typeof migrateDefinition> {
    vi.resetModules();
    vi.doMock('./schema.js', async (importOriginal) => ({ ...(await importOriginal<typeof import('./schema.js')>()), currentFormatVersion: 3 }));
    return (await import('./migrate.js')).migrateDefinition;
  }

  const steps: FormatMigration[] = [
    // Listed out of order on purpose: steps are found by their `from`, not their position.
    { from: 2, to: 3, describe: 'rename name to title', migrate: ({ name, ...rest }) => ({ ...rest, title: name, log: [...(rest.log as string[]), '2→3'] }) },
    { from: 1, to: 2, describe: 'start a log', migrate: (raw) => ({ ...raw, log: ['1→2'] }) },
  ];

  it('applies each step in order, setting the format after each', async () => {
    const migrate = await migrateWithCurrentFormat3();
    const result = migrate({ format: 1, name: 'Demo' }, steps);
    expect(result.problems).toEqual([]);
    expect(result.raw).toEqual({ format: 3, title: 'Demo', log: ['1→2', '2→3'] });
  });

  it('leaves the definition it was given as it was', async () => {
    const migrate = await migrateWithCurrentFormat3();
    const raw = { format: 1, name: 'Demo' };
    migrate(raw, steps);
    expect(raw).toEqual({ format: 1, name: 'Demo' });
  });

  it('starts the chain at the format the file gives', async () => {
    const migrate = await migrateWithCurrentFormat3();
    const result = migrate({ format: 2, name: 'Demo', log: [] }, steps);
    expect(result.raw).toEqual({ format: 3, title: 'Demo', log: ['2→3'] });
  });

  it('refuses a format with no step onward, leaving the definition as it was', async () => {
    const migrate = await migrateWithCurrentFormat3();
    const raw = { format: 1, name: 'Demo' };
    const result = migrate(raw, [steps[0]!]);
    expect(result.raw).toBe(raw);
    expect(result.problems).toEqual([expect.objectContaining({ where: 'format', code: 'format-unsupported' })]);
    expect(result.problems[0]?.message).toContain('format 1');
  });
});
