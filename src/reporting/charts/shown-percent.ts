import { CanvassError } from '../../errors/canvass-error.js';

/**
 * The text a chart prints for a percent. The caller has already rounded it to what the table
 * shows; the chart only writes it out, padded to `decimals` places when given ('38.0'). A value
 * with more places than that is refused rather than rounded again: rounding here could make the
 * chart and its table disagree.
 */
export function shownPercent(value: number, decimals: number | undefined, where: string): string {
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw new CanvassError('internal', `${where}: a chart percent must be a number from 0 to 100, got ${value}`);
  }
  if (decimals === undefined) return String(value);
  const shown = value.toFixed(decimals);
  if (Number(shown) !== value) {
    throw new CanvassError('internal', `${where}: ${value} has more than ${decimals} decimal places; round it as the table does before charting it`);
  }
  return shown;
}
