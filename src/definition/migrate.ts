import type { Problem } from '../errors/catalogue.js';
import { currentFormatVersion } from './schema.js';

/** A pure step from one format version to the next. */
export interface FormatMigration {
  from: number;
  to: number;
  describe: string;
  migrate(raw: Record<string, unknown>): Record<string, unknown>;
}

/**
 * The migrations of the definition format, oldest first. Format 1 is the first published
 * format, so there is nothing to migrate yet; a change of shape adds a step here and bumps
 * `currentFormatVersion`, and old files keep loading.
 */
export const formatMigrations: readonly FormatMigration[] = [];

/** Brings a raw definition to the current format, or says why it cannot. */
export function migrateDefinition(raw: Record<string, unknown>, migrations: readonly FormatMigration[] = formatMigrations): { raw: Record<string, unknown>; problems: Problem[] } {
  const format = raw.format;
  if (format === undefined) {
    return { raw, problems: [{ where: 'format', code: 'format-missing', message: 'the file does not say which format version it uses', expected: `format: ${currentFormatVersion}` }] };
  }
  if (typeof format !== 'number' || !Number.isInteger(format) || format < 1) {
    return { raw, problems: [{ where: 'format', code: 'format-invalid', message: `'${String(format)}' is not a format version`, expected: `format: ${currentFormatVersion}` }] };
  }
  if (format > currentFormatVersion) {
    return { raw, problems: [{ where: 'format', code: 'format-too-new', message: `format ${format} is newer than this version of Canvass understands`, expected: `format ${currentFormatVersion} or older; upgrade Canvass to read it` }] };
  }
  let current = raw;
  let version = format;
  while (version < currentFormatVersion) {
    const step = migrations.find((m) => m.from === version);
    if (!step) return { raw, problems: [{ where: 'format', code: 'format-unsupported', message: `format ${version} can no longer be read`, expected: `format ${currentFormatVersion}` }] };
    current = { ...step.migrate(current), format: step.to };
    version = step.to;
  }
  return { raw: current, problems: [] };
}
