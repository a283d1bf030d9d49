import { describe, expect, it } from 'vitest';
import type { RespondentRecord } from '../analysis/snapshot/respondent-record.js';
import { buildSnapshot } from '../analysis/snapshot/survey-snapshot.js';
import { validateDefinition } from '../definition/load-definition.js';
import { withBands } from '../definition/register-attributes.js';
import { resultsFromSnapshot } from './survey-results.js';

const loaded = validateDefinition({
  format: 1,
  id: 'districts',
  title: 'Districts',
  register: {
    peerGroup: 'locale',
    attributes: [
      { id: 'locale', label: 'Locale', type: 'category', options: [{ code: 'city', label: 'City' }, { code: 'rural', label: 'Rural' }] },
      { id: 'size_band', label: 'Size', type: 'bands', of: 'headcount', bands: [{ code: 'small', label: 'Small' }, { code: 'large', label: 'Large', from: 1000 }] },
    ],
  },
  questions: [{ id: 'ready', type: 'single', text: 'Ready?', options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }] }],
});
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const definition = loaded.definition;
const org = (id: string, locale: string, headcount: number) => withBands({ id, locale, headcount }, definition.register!);

// City is a large district of 12 and a small one of 3; the large band is that one district: city
// and large differ by the small city district's 3 respondents, who could be recovered by subtraction.
const records: RespondentRecord[] = [
  ...Array.from({ length: 12 }, (_, i) => ({ org: org('big-city', 'city', 5000), answers: { ready: i % 2 ? 'yes' : 'no' } })),
  ...Array.from({ length: 3 }, () => ({ org: org('small-city', 'city', 200), answers: { ready: 'yes' } })),
  ...Array.from({ length: 25 }, (_, i) => ({ org: org(`rural-${i % 3}`, 'rural', 100 + i), answers: { ready: i % 3 ? 'yes' : 'no' } })),
];
const snapshot = buildSnapshot(definition, records);

describe("disclosure control over a register's own attributes", () => {
  it('suppresses a group of one attribute that differs by fewer than the minimum base from a nested group of a band', () => {
    const byLocale = resultsFromSnapshot(definition, snapshot, { by: 'org.locale', strata: 'none', fpc: 'none' });
    const city = byLocale.groups!.find((g) => g.key === 'city')!;
    expect(city.respondents).toBe(15);
    expect(city.questions[0]).toMatchObject({ suppressed: true });
    expect(JSON.stringify(city.questions[0])).toContain('org.size_band = large');
    // Rural nests with the small band at a difference of 3 (the small city district) too; it is held back by the same rule.
    const bySize = resultsFromSnapshot(definition, snapshot, { by: 'org.size_band', strata: 'none', fpc: 'none' });
    expect(bySize.groups!.map((g) => [g.key, g.respondents])).toEqual([
      ['small', 28],
      ['large', 12],
    ]);
    expect(bySize.groups!.find((g) => g.key === 'large')!.questions[0]).toMatchObject({ suppressed: true });
  });
});
