import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../definition/load-definition.js';
import { breakdownChoices } from './results-view.js';

const definition = (register?: unknown) => {
  const loaded = validateDefinition({
    format: 1,
    id: 's',
    title: 'S',
    ...(register ? { register } : {}),
    questions: [{ id: 'ready', type: 'single', text: 'Ready?', options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }] }],
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.definition;
};

describe('the admin results page: what a breakdown can be', () => {
  it("offers the survey's own register attributes to group by (not numbers), then its single-choice questions", () => {
    const choices = breakdownChoices(
      definition({
        peerGroup: 'locale',
        attributes: [
          { id: 'locale', label: 'Locale', type: 'category', options: [{ code: 'city', label: 'City' }] },
          { id: 'enrolment', label: 'Enrolment', type: 'number' },
          { id: 'size_band', label: 'District size', type: 'bands', of: 'enrolment', bands: [{ code: 'small', label: 'Small' }, { code: 'large', label: 'Large', from: 1000 }] },
        ],
      }),
      'org.size_band',
    );
    expect(choices.map((c) => [c.value, c.text, c.selected])).toEqual([
      ['', 'No breakdown', false],
      ['org.locale', 'Locale', false],
      ['org.size_band', 'District size', true],
      ['ready', 'Answer to: Ready?', false],
    ]);
  });

  it('offers type, nation and region for a survey without a register of its own', () => {
    expect(breakdownChoices(definition(), '').map((c) => c.value)).toEqual(['', 'org.type', 'org.nation', 'org.region', 'ready']);
  });
});
