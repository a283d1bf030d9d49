import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDefinition } from '../../src/operations/import-definition.js';
import { importRegister } from '../../src/operations/import-register.js';
import { importResponsesCsv } from '../../src/operations/import-responses.js';
import type { Store } from '../../src/storage/store.js';

/** The staff pulse survey of test/fixtures: a grid of three statements on an agreement scale, a date question and a text question. */
export const staffPulseDefinition = readFileSync(join(process.cwd(), 'test', 'fixtures', 'staff-pulse.yaml'), 'utf8');
export const staffPulseRegister = readFileSync(join(process.cwd(), 'test', 'fixtures', 'staff-pulse-register.csv'), 'utf8');

const scale = ['strongly-agree', 'agree', 'neither', 'disagree', 'strongly-disagree', 'dont-know'] as const;

/**
 * 30 responses as a CSV file: respondent i answers `valued` with scale[i % 6], `informed` with
 * scale[2i % 6] and `workload` with scale[5i % 6], started on 2024-(1 + i % 3)-(1 + i), and works at
 * pulse-b when i is even, pulse-a when odd. So: valued has 5 of each answer; 10 agree or strongly
 * agree with it, of 25 substantive answers... (the tests count what they assert from these rules).
 */
export function staffPulseResponses(): string {
  const rows = ['org,team,started,comment'];
  for (let i = 0; i < 30; i++) {
    rows.push(`${i % 2 ? 'pulse-a' : 'pulse-b'},valued=${scale[i % 6]};informed=${scale[(i * 2) % 6]};workload=${scale[(i * 5) % 6]},2024-0${1 + (i % 3)}-${String(1 + (i % 28)).padStart(2, '0')},`);
  }
  return `${rows.join('\n')}\n`;
}

/** Loads the register and the definition (unless `definition: false`) and the 30 responses (unless `responses: false`). */
export async function loadStaffPulse(store: Store, options: { responses?: boolean; definition?: boolean } = {}): Promise<void> {
  if (options.definition !== false) {
    await importRegister(store, staffPulseRegister, 'staff-pulse-register.csv', 'cli:test');
    await importDefinition(store, staffPulseDefinition, 'staff-pulse.yaml', 'cli:test');
  }
  if (options.responses !== false) await importResponsesCsv(store, 'staff-pulse', staffPulseResponses(), 'staff-pulse.csv', 'cli:test');
}
