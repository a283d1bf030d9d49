import type { Definition } from '../definition/schema.js';
import { CanvassError } from '../errors/canvass-error.js';

/**
 * Which responses a results query reads: in a survey with waves, the wave asked for, or the
 * latest one; in a survey without waves, all of them (`undefined`).
 */
export function resolveWave(definition: Definition, requested: string | undefined): string | undefined {
  const waves = definition.waves ?? [];
  if (waves.length === 0) {
    if (requested !== undefined) throw new CanvassError('option.invalid', `Survey '${definition.id}' has no waves, so wave ${requested} cannot be used`);
    return undefined;
  }
  if (requested === undefined) return waves.at(-1)!.id;
  if (!waves.some((w) => w.id === requested)) {
    throw new CanvassError('option.invalid', `Survey '${definition.id}' has no wave '${requested}'. Its waves: ${waves.map((w) => w.id).join(', ')}`);
  }
  return requested;
}

/** The wave new responses go into: the one named, else the latest (null in a survey without waves). */
export function waveForNewResponses(definition: Definition, requested: string | undefined): string | null {
  return resolveWave(definition, requested) ?? null;
}
