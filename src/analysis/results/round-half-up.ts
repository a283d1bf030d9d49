/**
 * Rounds for display only, half away from zero (12.5 → 13, −12.5 → −13), from the unrounded
 * value. The tiny relative nudge keeps values such as 1.005 (stored as 1.00499…) rounding up
 * as written. Example: roundHalfUp(64.516129, 0) = 65.
 */
export function roundHalfUp(value: number, digits = 0): number {
  const factor = 10 ** digits;
  const scaled = Math.abs(value) * factor;
  const rounded = Math.floor(scaled + 0.5 + scaled * Number.EPSILON * 4);
  return (Math.sign(value) * rounded) / factor || 0;
}
