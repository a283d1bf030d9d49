/** Figures as the fieldwork pages show them (the admin's dashboard, a lead's page). */

/** A count grouped in thousands. */
export const countText = (n: number): string => n.toLocaleString('en-GB');

/** A rate to a whole percent; a dash when there is none. */
export const percentText = (p: number | undefined): string => (p === undefined ? '–' : `${Math.round(p)}%`);

/** A time of day in UTC, said the same way whoever reads it; "Never" for none. */
export const timeText = (iso: string | undefined): string =>
  iso === undefined ? 'Never' : `${new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })} UTC`;
