import { describe, expect, it } from 'vitest';
import { describeMark, parseMarkDescription, type MarkFigure } from './mark-description.js';

describe('mark descriptions', () => {
  it('read as a sentence fragment: label, figure, series, range', () => {
    expect(describeMark({ label: 'Yes', shown: '38', group: 'Your organisation', range: { kind: 'interval', low: '33', high: '43' } })).toBe('Yes: 38% (Your organisation), 95% interval 33% to 43%');
    expect(describeMark({ label: 'Has a strategy', shown: '45', group: 'Sector median', range: { kind: 'quartiles', low: '30', high: '60' } })).toBe('Has a strategy: 45% (Sector median), middle half of organisations 30% to 60%');
  });

  const figures: MarkFigure[] = [
    { label: 'Yes', shown: '38' },
    { label: 'Other (please say): 5% or more', shown: '12.5' },
    { label: 'Agree (net)', shown: '0', group: 'Peer group (councils)' },
    { label: 'Skills: digital', shown: '100', range: { kind: 'interval', low: '97.5', high: '100' } },
    { label: 'Leaders', shown: '45', group: 'Sector median', range: { kind: 'quartiles', low: '30', high: '60' } },
  ];
  for (const figure of figures) {
    it(`are read back whole, even with colons and brackets in the label: ${describeMark(figure)}`, () => {
      expect(parseMarkDescription(describeMark(figure))).toEqual(figure);
    });
  }

  it('are not read out of labels in another format, such as Vega’s own', () => {
    expect(parseMarkDescription('value: 38; label: Yes')).toBeNull();
    expect(parseMarkDescription('X-axis for a linear scale with values from 0 to 100')).toBeNull();
  });
});
