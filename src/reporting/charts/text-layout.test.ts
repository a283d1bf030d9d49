import { describe, expect, it } from 'vitest';
import { normaliseLabel, textWidth, wrapText } from './text-layout.js';

describe('textWidth', () => {
  it("adds up Arial's advance widths, in thousandths of an em, at the font size", () => {
    // Y 667 + e 556 + s 500 = 1723 thousandths of an em.
    expect(textWidth('Yes', 16)).toBeCloseTo(1.723 * 16, 9);
    expect(textWidth('Yes', 10)).toBeCloseTo(17.23, 9);
  });

  it('makes bold text wider and gives letters outside ASCII an average width', () => {
    expect(textWidth('Yes', 16, true)).toBeGreaterThan(textWidth('Yes', 16));
    expect(textWidth('ŵ', 10)).toBeCloseTo(5.56, 9);
  });
});

describe('wrapText', () => {
  it('keeps a label that fits on one line', () => {
    expect(wrapText("Don't know", 220, 16)).toEqual(["Don't know"]);
  });

  it('breaks at spaces so no line is wider than the limit', () => {
    const lines = wrapText('No, but one is being written by the digital team and its partners', 220, 16);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('No, but one is being written by the digital team and its partners');
    for (const line of lines) expect(textWidth(line, 16)).toBeLessThanOrEqual(220);
  });

  it('gives a word longer than a line a line of its own rather than cutting it', () => {
    expect(wrapText('a Pneumonoultramicroscopicsilicovolcanoconiosis b', 100, 16)).toEqual(['a', 'Pneumonoultramicroscopicsilicovolcanoconiosis', 'b']);
  });
});

describe('normaliseLabel', () => {
  it('turns runs of whitespace and newlines into single spaces', () => {
    expect(normaliseLabel('  Yes,\n  definitely\t ')).toBe('Yes, definitely');
  });
});
